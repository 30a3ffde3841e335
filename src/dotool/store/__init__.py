"""Reading the plan: root discovery, strict YAML loading, the cache, git, atomic writes."""
