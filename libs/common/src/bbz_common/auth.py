"""Caller authentication by API key (``Authorization: Bearer <key>`` or ``X-Api-Key``) with roles.

Roles: ``vendor`` (e-form vendor), ``behandelaar`` (officer), ``fiatteur`` (approver, four-eyes),
``beleidsbeheerder`` (policy administrator), ``auditor``, ``service`` (another Open Bbz service), ``beheerder``
(operator: sees and steers outbox delivery, never reads applications)."""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

import structlog
from fastapi import Request

from bbz_common.problems import Forbidden, Unauthorized
from bbz_common.settings import ClientCredential

VENDOR, OFFICER, APPROVER, POLICY_ADMIN, AUDITOR, SERVICE = (
    "vendor",
    "behandelaar",
    "fiatteur",
    "beleidsbeheerder",
    "auditor",
    "service",
)
OPERATOR = "beheerder"
ALL_ROLES = (VENDOR, OFFICER, APPROVER, POLICY_ADMIN, AUDITOR, SERVICE, OPERATOR)


@dataclass(frozen=True)
class Principal:
    name: str
    roles: frozenset[str]

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


class ApiKeyAuthenticator:
    def __init__(self, clients: list[ClientCredential]) -> None:
        self._clients = [(c.key.get_secret_value().encode(), Principal(c.name, frozenset(c.roles))) for c in clients]

    def authenticate(self, request: Request) -> Principal:
        raw = request.headers.get("x-api-key")
        authorization = request.headers.get("authorization", "")
        if raw is None and authorization.lower().startswith("bearer "):
            raw = authorization[7:].strip()
        if not raw:
            raise Unauthorized(
                "Credentials are required: send `Authorization: Bearer <key>`.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        given = raw.encode()
        for key, principal in self._clients:
            if hmac.compare_digest(key, given):
                return principal
        raise Unauthorized("Unknown credentials.", headers={"WWW-Authenticate": "Bearer"})


def require_roles(*roles: str, service_scope: str | None = None) -> Callable[[Request], Coroutine[Any, Any, Principal]]:
    """A dependency that authenticates the caller and demands one of ``roles``. With ``service_scope``, a
    caller that comes in as a service must also hold that scope in the settings' ``service_scopes`` (each
    service calls only what the pipeline needs it to: the Common Ground layering, enforced per caller)."""

    async def dependency(request: Request) -> Principal:
        authenticator: ApiKeyAuthenticator = request.app.state.authenticator
        principal = authenticator.authenticate(request)
        if not principal.has_any(*roles):
            raise Forbidden(f"This operation needs one of the roles: {', '.join(roles)}.")
        as_service_only = not principal.has_any(*(r for r in roles if r != SERVICE))
        scopes: dict[str, list[str]] = request.app.state.settings.service_scopes
        if service_scope and as_service_only and scopes and service_scope not in scopes.get(principal.name, []):
            raise Forbidden(f"The service {principal.name} may not call this operation ({service_scope}).")
        structlog.contextvars.bind_contextvars(caller=principal.name)
        return principal

    return dependency
