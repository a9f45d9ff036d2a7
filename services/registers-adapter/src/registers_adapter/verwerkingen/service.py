"""Processing records: who read what, for which application and purpose (Logboek Dataverwerkingen)."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.correlation import current_correlation_id
from bbz_common.db import new_id, utcnow
from registers_adapter.verwerkingen.models import Verwerking

PROCESSING_ACTIVITY = "https://open-bbz.example.org/verwerkingsactiviteiten/bbz-aanvraag-beoordelen"


def pseudonym(bsn: str, key: str) -> str:
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


class ProcessingLog:
    def __init__(self, session: AsyncSession, *, caller: Principal, verzoek: Any, pseudonym_key: str) -> None:
        self.session = session
        self.caller = caller
        self.verzoek = verzoek
        self.subject = pseudonym(verzoek.burgerservicenummer, pseudonym_key)
        self.trace_id = current_correlation_id() or uuid.uuid4().hex

    def record(self, register: str, naam: str, velden: list[str], started: datetime, status: str = "Ok") -> None:
        self.session.add(
            Verwerking(
                id=new_id(),
                trace_id=self.trace_id,
                naam=naam,
                status=status,
                start_tijd=started,
                eind_tijd=utcnow(),
                afnemer=self.caller.name,
                verwerkingsactiviteit=PROCESSING_ACTIVITY,
                doelbinding=self.verzoek.doelbinding,
                aanvraag_id=self.verzoek.aanvraagId,
                betrokkene_pseudoniem=self.subject,
                register=register,
                velden=velden,
            )
        )


async def list_for_application(session: AsyncSession, aanvraag_id: uuid.UUID) -> list[Verwerking]:
    rows = await session.execute(
        select(Verwerking).where(Verwerking.aanvraag_id == aanvraag_id).order_by(Verwerking.start_tijd)
    )
    return list(rows.scalars())


async def list_for_person(session: AsyncSession, bsn: str, key: str) -> list[Verwerking]:
    rows = await session.execute(
        select(Verwerking)
        .where(Verwerking.betrokkene_pseudoniem == pseudonym(bsn, key))
        .order_by(Verwerking.start_tijd)
    )
    return list(rows.scalars())
