"""Services of the workflow, by subdomain: register numbers (`numbering`), incoming
documents and their handling (`incoming`), outgoing documents from draft to dispatch
(`outgoing`), the processes agencies configure (`processes`), notices and reminders
(`notices`)."""

from congso.workflow.services.incoming import (
    Directive,
    Handler,
    assign_incoming,
    finish_assignment,
    forward_assignment,
    prefill,
    reassign,
    recall_assignment,
    record_progress,
    register_incoming,
    return_assignment,
    return_to_sender,
)
from congso.workflow.services.notices import (
    mail_notice,
    mark_read,
    notify,
    people_with_role,
    remind_deadlines,
)
from congso.workflow.services.numbering import next_number
from congso.workflow.services.outgoing import (
    Recipients,
    acknowledge,
    create_draft,
    issue_outgoing,
    mail_dispatch,
    recall_outgoing,
    review_draft,
    reviewers,
    sign_outgoing,
    submit_draft,
    update_draft,
)
from congso.workflow.services.processes import load_processes, route_for, save_process

__all__ = [
    "Directive",
    "Handler",
    "Recipients",
    "acknowledge",
    "assign_incoming",
    "create_draft",
    "finish_assignment",
    "forward_assignment",
    "issue_outgoing",
    "load_processes",
    "mail_dispatch",
    "mail_notice",
    "mark_read",
    "next_number",
    "notify",
    "people_with_role",
    "prefill",
    "reassign",
    "recall_assignment",
    "recall_outgoing",
    "record_progress",
    "register_incoming",
    "remind_deadlines",
    "return_assignment",
    "return_to_sender",
    "review_draft",
    "reviewers",
    "route_for",
    "save_process",
    "sign_outgoing",
    "submit_draft",
    "update_draft",
]
