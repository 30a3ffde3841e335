"""Open data (`dotool export`): the plan as one JSON document (`plan_json`), as CSV tables
(`plan_csv`) or as one XLSX workbook of the same tables (`plan_xlsx`)."""
