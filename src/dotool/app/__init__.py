"""The application layer: one module per use case a command runs (a plan loaded for rendering
with its date of the data, the schemas written or checked, a document rendered, the plan
exported, the site built, the plan's past and a measure's history).

A command module in `dotool.cli` parses its options, calls one function here with keyword
arguments and prints what it returns; nothing here imports typer or rich, so every use case can
be called from a test or another front end as it is. Kept empty: `dotool history` served from
the cache imports `dotool.app.history` and must not pull in the models through this package.
"""
