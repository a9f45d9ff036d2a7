"""Drafts (tussentijds opslaan): a vendor saves a partial form, resumes it later and submits it."""
