"""Shared infrastructure of the Open Bbz services. Never holds a service's request/response schemas."""
