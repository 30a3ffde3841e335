"""Terminal and machine-readable output of findings and tables (not documents: see render)."""
