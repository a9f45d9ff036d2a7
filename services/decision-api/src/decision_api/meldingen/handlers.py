"""Outbox steps of decision-api: report decisions to intake-api, which owns the application's status.

A report asks for no answer body (``Prefer: return=minimal``, RFC 7240): decision-api needs only to know the
report arrived. intake-api then answers 204 No Content instead of 200 with the whole application; any 2xx
counts as delivered and the body, if any, is never read."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx

from bbz_common.http import BulkEndpoint, deliver_in_bulk, raise_for_delivery
from bbz_common.outbox import Batched, OutboxDelivery
from decision_api.besluiten.service import TOPIC_BESLUIT_MELDEN
from decision_api.termijnen.service import TOPIC_STATUS_MELDEN

# A preference, not a demand: a receiver that ignores it answers 200 with a body, which is fine too.
_PREFER_MINIMAL = "return=minimal"
# Where each kind of report goes: `POST /aanvragen/{id}/<kind>`, or `POST /aanvragen/<kind>/bulk` for several.
_KIND = {TOPIC_BESLUIT_MELDEN: "besluiten", TOPIC_STATUS_MELDEN: "statusmeldingen"}


def build_handlers(intake: Callable[[], httpx.AsyncClient], *, bulk: bool = True) -> dict[str, Batched]:
    """``intake`` gives the client to intake-api (made on first use: an app that delivers nothing opens none).

    The reports of a batch go in one bulk request per kind where intake-api offers it (else concurrently, one
    each), and are marked delivered in one transaction; one that fails is retried on its own
    (bbz_common.outbox.Batched)."""
    endpoints: dict[str, BulkEndpoint] = {}

    def endpoint(topic: str) -> BulkEndpoint:
        if topic not in endpoints:
            path = f"/aanvragen/{_KIND[topic]}/bulk"
            endpoints[topic] = BulkEndpoint(intake(), path, enabled=bulk, headers={"Prefer": _PREFER_MINIMAL})
        return endpoints[topic]

    async def melden(delivery: OutboxDelivery) -> None:
        response = await intake().post(
            f"/aanvragen/{delivery.payload['aanvraagId']}/{_KIND[delivery.topic]}",
            json=delivery.payload["melding"],
            headers={"Idempotency-Key": delivery.idempotency_key, "Prefer": _PREFER_MINIMAL},
        )
        raise_for_delivery(response)

    def verzoek(delivery: OutboxDelivery) -> dict[str, Any]:
        return {"aanvraagId": delivery.payload["aanvraagId"], "melding": delivery.payload["melding"]}

    async def meldingen(deliveries: list[OutboxDelivery]) -> None:
        by_kind: dict[str, list[OutboxDelivery]] = {}
        for delivery in deliveries:
            by_kind.setdefault(delivery.topic, []).append(delivery)
        await asyncio.gather(
            *(deliver_in_bulk(group, endpoint(topic), verzoek, melden) for topic, group in by_kind.items())
        )

    handler = Batched(meldingen)
    return {TOPIC_BESLUIT_MELDEN: handler, TOPIC_STATUS_MELDEN: handler}
