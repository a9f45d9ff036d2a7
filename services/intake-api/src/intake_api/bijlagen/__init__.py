"""Attachments (bewijsstukken): evidence for a question of the form, on a draft or an application."""
