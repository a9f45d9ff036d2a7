"""Policy versions: create (validated, immutable, hashed), activate, read, and select the one valid for an
application. The version valid on the application date for the municipality (its own before the default
one; the latest start date first; then the latest activation) is the one a determination uses."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TypeVar

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import utcnow
from bbz_common.problems import Conflict, InvalidInput, InvalidParam, NotFound
from routing_api.beleid import repository
from routing_api.beleid.models import BeleidsversieRij
from routing_api.beleid.repository import VersieKeuze
from routing_api.beleid.schemas import Beleidsversie, BeleidsversieInhoud, BeleidsversieStatus, inconsistenties

log = structlog.get_logger("routing.beleid")
SYSTEEM = "open-bbz (meegeleverd)"


@lru_cache
def builtin_versions() -> tuple[BeleidsversieInhoud, ...]:
    """The versions shipped with the service: the seed's two examples and the present-day default."""
    folder = resources.files("routing_api.beleid").joinpath("versies")
    return tuple(
        BeleidsversieInhoud.model_validate_json(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    )


_PARSED: dict[tuple[str, str], BeleidsversieInhoud] = {}


def inhoud_of(row: BeleidsversieRij) -> BeleidsversieInhoud:
    """The parsed content of a stored version (parsed once per id and hash: versions are immutable)."""
    key = (row.id, row.inhoud_hash)
    parsed = _PARSED.get(key)
    if parsed is None:
        parsed = BeleidsversieInhoud.model_validate(row.inhoud)
        _PARSED[key] = parsed
    return parsed


async def inhoud_van(session: AsyncSession, versie: VersieKeuze | BeleidsversieRij) -> BeleidsversieInhoud:
    """The content of a chosen version: from the parsed ones, read from the database only the first time."""
    parsed = _PARSED.get((versie.id, versie.inhoud_hash))
    if parsed is not None:
        return parsed
    return inhoud_of(versie if isinstance(versie, BeleidsversieRij) else await get_row(session, versie.id))


def to_schema(row: BeleidsversieRij) -> Beleidsversie:
    return Beleidsversie(
        id=row.id,
        status=BeleidsversieStatus(row.status),
        inhoudHash=row.inhoud_hash,
        inhoud=inhoud_of(row),
        aangemaaktDoor=row.aangemaakt_door,
        aangemaaktOp=row.aangemaakt_op,
        geactiveerdDoor=row.geactiveerd_door,
        geactiveerdOp=row.geactiveerd_op,
    )


def _row(inhoud: BeleidsversieInhoud, door: str, status: BeleidsversieStatus) -> BeleidsversieRij:
    now = utcnow()
    active = status is BeleidsversieStatus.ACTIEF
    return BeleidsversieRij(
        id=inhoud.id,
        gemeentecode=inhoud.gemeentecode,
        geldig_vanaf=inhoud.geldigVanaf,
        geldig_tot_en_met=inhoud.geldigTotEnMet,
        status=status.value,
        inhoud=inhoud.model_dump(mode="json"),
        inhoud_hash=inhoud.inhoud_hash(),
        aangemaakt_door=door,
        aangemaakt_op=now,
        geactiveerd_door=door if active else None,
        geactiveerd_op=now if active else None,
    )


def check_consistent(inhoud: BeleidsversieInhoud) -> None:
    problems = inconsistenties(inhoud)
    if problems:
        names = ", ".join(p.name for p in problems)
        raise InvalidInput(f"The policy version is inconsistent: {names}", invalid_params=problems)


async def seed_builtin(session: AsyncSession) -> None:
    """Store the shipped versions (active) where absent; a stored version is never overwritten."""
    for inhoud in builtin_versions():
        existing = await repository.get(session, inhoud.id)
        if existing is None:
            try:
                async with session.begin_nested():
                    repository.add(session, _row(inhoud, SYSTEEM, BeleidsversieStatus.ACTIEF))
            except IntegrityError:  # another worker seeded it at the same moment
                continue
        elif existing.inhoud_hash != inhoud.inhoud_hash():
            log.warning("builtin_policy_differs_from_stored", beleidsversie=inhoud.id)


async def create(session: AsyncSession, inhoud: BeleidsversieInhoud, door: str) -> Beleidsversie:
    check_consistent(inhoud)
    if await repository.get(session, inhoud.id) is not None:
        raise Conflict(f"A policy version with id {inhoud.id} exists; versions are immutable, choose a new id.")
    row = _row(inhoud, door, BeleidsversieStatus.CONCEPT)
    repository.add(session, row)
    await session.flush()
    return to_schema(row)


async def activate(session: AsyncSession, versie_id: str, door: str) -> Beleidsversie:
    row = await get_row(session, versie_id)
    if row.status != BeleidsversieStatus.ACTIEF.value:
        row.status = BeleidsversieStatus.ACTIEF.value
        row.geactiveerd_door = door
        row.geactiveerd_op = utcnow()
        await session.flush()
    return to_schema(row)


async def get_row(session: AsyncSession, versie_id: str) -> BeleidsversieRij:
    row = await repository.get(session, versie_id)
    if row is None:
        raise NotFound(f"No policy version with id {versie_id}.")
    return row


async def get(session: AsyncSession, versie_id: str) -> Beleidsversie:
    return to_schema(await get_row(session, versie_id))


async def list_versions(session: AsyncSession, gemeentecode: str | None) -> list[Beleidsversie]:
    return [to_schema(r) for r in await repository.list_versions(session, gemeentecode)]


Versie = TypeVar("Versie", BeleidsversieRij, VersieKeuze)


def _preference(row: BeleidsversieRij | VersieKeuze) -> tuple[bool, dt.date, dt.datetime]:
    return (
        row.gemeentecode is not None,
        row.geldig_vanaf,
        row.geactiveerd_op or dt.datetime.min.replace(tzinfo=dt.UTC),
    )


def choose(rows: Iterable[Versie], gemeentecode: str, day: dt.date) -> Versie | None:
    candidates = [
        r
        for r in rows
        if r.status == BeleidsversieStatus.ACTIEF.value
        and r.gemeentecode in (gemeentecode, None)
        and r.geldig_vanaf <= day
        and (r.geldig_tot_en_met is None or day <= r.geldig_tot_en_met)
    ]
    return max(candidates, key=_preference) if candidates else None


async def valid_for(session: AsyncSession, gemeentecode: str, day: dt.date) -> VersieKeuze:
    row = choose(await repository.active_candidates(session, gemeentecode, day), gemeentecode, day)
    if row is None:
        raise InvalidInput(
            "No active route policy is valid for this municipality on the application date.",
            invalid_params=[
                InvalidParam(name="aanvraagdatum", code="no_policy", reason="no active policy version valid")
            ],
        )
    return row


# Per database (engine) and municipality: its active versions, as read last (routing_api.beleid.repository
# active_of_municipality). Only a statement guarded by `repository.unchanged` may rely on them.
_ACTIVE: weakref.WeakKeyDictionary[Engine, dict[str, tuple[VersieKeuze, ...]]] = weakref.WeakKeyDictionary()


async def gekozen(session: AsyncSession, gemeentecode: str, day: dt.date) -> tuple[VersieKeuze, list[str]] | None:
    """The version valid for the municipality on the day, chosen from the active versions this process read
    before (read now if it has not), with the ids of those versions. A statement that records a determination
    made under it must be guarded by `repository.unchanged(ids)`, and `vergeet` them when the guard fails: the
    active versions may have changed since (e.g. activated through another process). None: no version is
    valid (`valid_for` answers why)."""
    per_municipality = _ACTIVE.setdefault(session.get_bind().engine, {})
    rows = per_municipality.get(gemeentecode)
    if rows is None:
        if len(per_municipality) > 10_000:  # bounded: a code is any four characters a caller sends
            per_municipality.clear()
        rows = per_municipality[gemeentecode] = tuple(await repository.active_of_municipality(session, gemeentecode))
    chosen = choose(rows, gemeentecode, day)
    return (chosen, [r.id for r in rows]) if chosen is not None else None


def vergeet(session: AsyncSession, gemeentecode: str) -> None:
    """Forget the active versions read for the municipality: the next `gekozen` reads them again."""
    _ACTIVE.get(session.get_bind().engine, {}).pop(gemeentecode, None)


class ActieveVersies:
    """All active versions in memory, for choosing per application in a batch (what-if)."""

    def __init__(self, rows: list[BeleidsversieRij]) -> None:
        self.rows = rows
        self._cache: dict[tuple[str, dt.date], BeleidsversieRij | None] = {}

    def voor(self, gemeentecode: str, day: dt.date) -> BeleidsversieRij | None:
        key = (gemeentecode, day)
        if key not in self._cache:
            if len(self._cache) > 50_000:  # bounded memory on long batches
                self._cache.clear()
            self._cache[key] = choose(self.rows, gemeentecode, day)
        return self._cache[key]


async def actieve_versies(session: AsyncSession) -> ActieveVersies:
    return ActieveVersies(await repository.all_active(session))
