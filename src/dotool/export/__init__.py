"""Open data: the plan as one JSON document or as CSV tables (`dotool export`)."""
