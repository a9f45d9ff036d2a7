"""An upstream that fails becomes a problem for our caller, without personal data in the detail."""

from __future__ import annotations

from bbz_common.problems import ProblemError, UpstreamUnavailable


def unavailable(register: str, reason: str) -> UpstreamUnavailable:
    """Time-outs, connection errors, 5xx and 429: worth retrying (intake's outbox does)."""
    return UpstreamUnavailable(f"{register} is not available ({reason}); try again later.", code="upstream_unavailable")


class UpstreamRejected(ProblemError):
    """The upstream refused our request (4xx): a configuration or contract error that a retry will not fix."""

    status, title, code = 502, "Bad Gateway", "upstream_rejected"


def rejected(register: str, status: int) -> UpstreamRejected:
    return UpstreamRejected(f"{register} rejected the request of the adapter (HTTP {status}).")
