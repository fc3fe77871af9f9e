"""Badges: recognition for learners and sharers, Open Badges documents and certificates."""
