"""Outreach: targeted announcements, the monthly digest, ambassadors and their invitations."""
