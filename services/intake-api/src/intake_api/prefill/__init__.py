"""Prefill after DigiD login: the form's values that the base registers know, each with its source."""
