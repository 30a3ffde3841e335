"""Pydantic models of the masterplan's files; vocabularies; halves and partial dates."""
