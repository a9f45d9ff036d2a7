"""The registers-adapter's look-up, called synchronously (the applicant waits for the prefill)."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import Request
from pydantic import ValidationError

from bbz_common.problems import ProblemError, UpstreamUnavailable
from intake_api.prefill.schemas import PrefillVerzoek, RegisterGegevens

DOELBINDING = "Vooraf invullen van het aanvraagformulier Bbz 2004 (besluit bijstandverlening zelfstandigen)"


class UpstreamAnswerInvalid(ProblemError):
    status, title, code = 502, "Bad Gateway", "upstream_answer_invalid"


async def registers_client(request: Request) -> httpx.AsyncClient:
    """The process's client to the registers-adapter, with this service's own key (never the vendor's)."""
    client: httpx.AsyncClient = request.app.state.prefill_registers
    return client


def verzoek_body(verzoek: PrefillVerzoek, namens: str) -> dict[str, Any]:
    """Our BbzGegevensVerzoek: the BSN in the body, with the purpose of the look-up (doelbinding) naming the
    vendor it is done for, so the processing record shows who asked (the adapter sees only the intake)."""
    doelbinding = f"{DOELBINDING}, namens {namens}"[:300]
    body: dict[str, Any] = {"burgerservicenummer": verzoek.burgerservicenummer, "doelbinding": doelbinding}
    if verzoek.kvkNummer is not None:
        body["kvkNummer"] = verzoek.kvkNummer
    if verzoek.gemeentecode is not None:
        body["gemeentecode"] = verzoek.gemeentecode
    return body


async def bbz_gegevens(client: httpx.AsyncClient, verzoek: PrefillVerzoek, namens: str) -> RegisterGegevens:
    try:
        response = await client.post("/bbz-gegevens", json=verzoek_body(verzoek, namens))
    except httpx.TransportError as exc:
        raise UpstreamUnavailable(
            "The base registers cannot be reached right now; try again shortly or let the applicant fill in "
            "the form by hand.",
            headers={"Retry-After": "30"},
        ) from exc
    if response.status_code >= 500 or response.status_code in (408, 429):
        raise UpstreamUnavailable(
            f"The base registers answered {response.status_code}; try again shortly.", headers={"Retry-After": "30"}
        )
    if not response.is_success:
        # A 4xx here means our request or our credentials are wrong: not the vendor's fault, not retryable.
        raise UpstreamUnavailable(
            f"The base registers refused the look-up ({response.status_code}); the intake's configuration needs "
            "attention."
        )
    try:
        return RegisterGegevens.model_validate(response.json())
    except (ValueError, ValidationError) as exc:
        raise UpstreamAnswerInvalid("The base registers gave an answer the intake cannot read.") from exc
