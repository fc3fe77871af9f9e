"""Certificate pages: kept apart from the badge pages so that each part has one home."""

certificate_patterns = []
