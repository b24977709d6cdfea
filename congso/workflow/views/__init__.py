"""Pages of the e-office: incoming and outgoing documents, registers, dashboards."""
