"""Validation beyond the YAML loader: the schema and every rule of the catalogue
(`dotool.findings.catalogue`), producing findings (problems as data)."""
