"""Saved searches: a person keeps a search (its query string) to run it again."""

from django.db import transaction

from congso.archive.models import SavedSearch
from congso.core import audit
from congso.core.text import nfc
from congso.org.models import User


@transaction.atomic
def save_search(*, owner: User, name: str, query: str) -> SavedSearch:
    """Keep `query` (a search page's query string) under `name` for `owner`, in the
    agency they work in now (the caller checked they have one). Audited."""
    post = owner.active_post
    if post is None:
        raise ValueError("a saved search belongs to the agency one works in")
    saved = SavedSearch.objects.create(
        owner=owner, agency=post.agency, name=nfc(name).strip(), query=query[:1000]
    )
    audit.record(actor=owner, verb="save_search", target=saved, after={"name": saved.name})
    return saved


@transaction.atomic
def delete_search(*, saved: SavedSearch, by: User) -> None:
    audit.record(actor=by, verb="delete_search", target=saved, before={"name": saved.name})
    saved.delete()
