"""The published JSON Schema of an application, so vendors can validate before they post."""
