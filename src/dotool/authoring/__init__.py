"""Writing the plan (init, add-measure, update, adopt) and reading its past (diff, history)."""
