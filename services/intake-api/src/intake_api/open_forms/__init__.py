"""Open Forms "generic JSON" registrations (plugin `json_dump`): mapped per form onto our application."""
