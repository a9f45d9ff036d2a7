"""Processing records: who read what, for which application and purpose (Logboek Dataverwerkingen).

Every register read is one Actie with its own span; the trace is the request's correlation id, so one look-up
can be followed across intake-api and this adapter."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.auth import Principal
from bbz_common.correlation import current_correlation_id
from bbz_common.db import new_id, utcnow
from bbz_common.problems import ProblemError
from registers_adapter.verwerkingen import repository
from registers_adapter.verwerkingen.models import Verwerking

T = TypeVar("T")


def pseudonym(bsn: str, key: str) -> str:
    return hmac.new(key.encode(), bsn.encode(), hashlib.sha256).hexdigest()


def new_span_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Call:
    """One register read as operations see it: which register, how it ended, how long it took."""

    register: str
    status: str
    ms: float


class ProcessingLog:
    """Collects one record per register read of a look-up, and writes them together (`write`) into a unit
    of work: the request's, or for a bulk one for all its look-ups."""

    def __init__(
        self,
        *,
        caller: Principal,
        doelbinding: str,
        aanvraag_id: uuid.UUID | None,
        pseudonym_key: str,
        activity_uri: str,
    ) -> None:
        self.caller = caller
        self.doelbinding = doelbinding
        self.aanvraag_id = aanvraag_id
        self.key = pseudonym_key
        self.activity_uri = activity_uri
        self.trace_id = current_correlation_id() or uuid.uuid4().hex
        self.records: list[dict[str, Any]] = []
        self.calls: list[Call] = []
        self._pseudonyms: dict[str, str] = {}

    async def read(
        self,
        register: str,
        naam: str,
        velden: list[str],
        betrokkene: str,
        call: Awaitable[T],
        *,
        span_id: str | None = None,
        parent_span_id: str | None = None,
    ) -> T:
        """Await one register read and record it: status Ok, or Error with the reason when the upstream failed."""
        started = utcnow()
        try:
            result = await call
        except ProblemError as exc:
            self._add(register, naam, velden, betrokkene, started, span_id, parent_span_id, "Error", exc.detail)
            raise
        self._add(register, naam, velden, betrokkene, started, span_id, parent_span_id, "Ok", None)
        return result

    def record(
        self, register: str, naam: str, velden: list[str], betrokkene: str, *, parent_span_id: str | None = None
    ) -> None:
        """A processing step without its own call (e.g. counting a co-resident from an address search)."""
        now = utcnow()
        self.records.append(self._row(register, naam, velden, betrokkene, now, now, None, parent_span_id, "Ok", None))

    async def write(self, session: AsyncSession) -> None:
        await repository.add_all(session, self.records)

    @staticmethod
    async def write_all(session: AsyncSession, logs: Iterable[ProcessingLog]) -> None:
        """The records of several look-ups (a bulk's) in one INSERT."""
        await repository.add_all(session, [record for log in logs for record in log.records])

    def _add(
        self,
        register: str,
        naam: str,
        velden: list[str],
        betrokkene: str,
        started: datetime,
        span_id: str | None,
        parent_span_id: str | None,
        status: str,
        fout: str | None,
    ) -> None:
        ended = utcnow()
        self.calls.append(Call(register, status, (ended - started).total_seconds() * 1000))
        self.records.append(
            self._row(register, naam, velden, betrokkene, started, ended, span_id, parent_span_id, status, fout)
        )

    def _row(
        self,
        register: str,
        naam: str,
        velden: list[str],
        betrokkene: str,
        started: datetime,
        ended: datetime,
        span_id: str | None,
        parent_span_id: str | None,
        status: str,
        fout: str | None,
    ) -> dict[str, Any]:
        """The column values of one Verwerking."""
        return {
            "id": new_id(),
            "trace_id": self.trace_id,
            "span_id": span_id or new_span_id(),
            "parent_span_id": parent_span_id,
            "naam": naam,
            "status": status,
            "start_tijd": started,
            "eind_tijd": ended,
            "afnemer": self.caller.name,
            "verwerkingsactiviteit": self.activity_uri,
            "doelbinding": self.doelbinding,
            "aanvraag_id": self.aanvraag_id,
            "betrokkene_pseudoniem": self._pseudonym(betrokkene),
            "betrokkene_type": "BSN",
            "register": register,
            "velden": velden,
            "foutmelding": fout,
        }

    def _pseudonym(self, bsn: str) -> str:
        # The applicant is the subject of most reads of a look-up: one HMAC each, not one per record.
        found = self._pseudonyms.get(bsn)
        if found is None:
            found = self._pseudonyms[bsn] = pseudonym(bsn, self.key)
        return found


async def list_for_application(session: AsyncSession, aanvraag_id: uuid.UUID) -> list[Verwerking]:
    return await repository.for_application(session, aanvraag_id)


async def list_for_person(session: AsyncSession, bsn: str, key: str) -> list[Verwerking]:
    """The records of one data subject, found by the pseudonym of the BSN (the log never holds the BSN)."""
    return await repository.for_subject(session, pseudonym(bsn, key))
