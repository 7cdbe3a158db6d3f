"""Per-article analyses computed once and shared by rules (functions of a Context)."""
