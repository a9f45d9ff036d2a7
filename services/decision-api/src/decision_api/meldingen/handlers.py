"""Outbox steps of decision-api: report decisions to intake-api, which owns the application's status.

A report asks for no answer body (``Prefer: return=minimal``, RFC 7240): decision-api needs only to know the
report arrived. intake-api then answers 204 No Content instead of 200 with the whole application; any 2xx
counts as delivered and the body, if any, is never read."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from bbz_common.http import raise_for_delivery
from bbz_common.outbox import Batched, OutboxDelivery, for_each
from decision_api.besluiten.service import TOPIC_BESLUIT_MELDEN
from decision_api.termijnen.service import TOPIC_STATUS_MELDEN

# A preference, not a demand: a receiver that ignores it answers 200 with a body, which is fine too.
_PREFER_MINIMAL = "return=minimal"


def build_handlers(intake: Callable[[], httpx.AsyncClient]) -> dict[str, Batched]:
    """``intake`` gives the client to intake-api (made on first use: an app that delivers nothing opens none).

    The reports of a batch are sent concurrently and marked delivered in one transaction; one that fails is
    retried on its own (bbz_common.outbox.Batched)."""

    async def melden(delivery: OutboxDelivery) -> None:
        what = "besluiten" if delivery.topic == TOPIC_BESLUIT_MELDEN else "statusmeldingen"
        response = await intake().post(
            f"/aanvragen/{delivery.payload['aanvraagId']}/{what}",
            json=delivery.payload["melding"],
            headers={"Idempotency-Key": delivery.idempotency_key, "Prefer": _PREFER_MINIMAL},
        )
        raise_for_delivery(response)

    async def meldingen(deliveries: list[OutboxDelivery]) -> None:
        await for_each(deliveries, melden)

    handler = Batched(meldingen)
    return {TOPIC_BESLUIT_MELDEN: handler, TOPIC_STATUS_MELDEN: handler}
