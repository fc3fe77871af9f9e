"""Impact: the program's evaluation figures, computed from the other apps (owns no tables)."""
