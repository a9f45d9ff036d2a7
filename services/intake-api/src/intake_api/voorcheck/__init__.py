"""Doelgroep pre-check (the krijgikbbz.nl idea): a likely target group and exclusion grounds, as a warning only."""
