"""Validation: every rule of SPEC §4, producing findings (problems as data)."""
