"""Skills: the taxonomy, who shares and who wants to learn what, and the directory."""
