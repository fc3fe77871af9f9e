"""Participants: accounts and profiles, Wikimedia regions and countries."""
