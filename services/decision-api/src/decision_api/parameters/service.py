"""Legal and policy numbers as dated data (shared/domain/parameters.md): never literals in the rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.db import new_id, utcnow
from bbz_common.problems import InvalidInput, InvalidParam, UnprocessableState
from decision_api.parameters import repository
from decision_api.parameters.models import Parameter
from decision_api.parameters.schemas import Eenheid, ParameterNaam, ParameterVersie, ParameterVersieNieuw

EENHEDEN = {
    ParameterNaam.BESLISTERMIJN: Eenheid.WEKEN,
    ParameterNaam.VERLENGINGSTERMIJN: Eenheid.WEKEN,
    ParameterNaam.HERSTELTERMIJN: Eenheid.WEKEN,
    ParameterNaam.BEZWAARTERMIJN: Eenheid.WEKEN,
    ParameterNaam.SIGNALERINGSTERMIJN: Eenheid.DAGEN,
    ParameterNaam.STEEKPROEFPERCENTAGE: Eenheid.BASISPUNTEN,
    ParameterNaam.BEDRIJFSKAPITAAL_MAXIMUM_STARTER: Eenheid.CENTEN,
    ParameterNaam.BEDRIJFSKAPITAAL_MAXIMUM_GEVESTIGDE: Eenheid.CENTEN,
    ParameterNaam.LENING_RENTE: Eenheid.BASISPUNTEN,
    ParameterNaam.LENING_MAXIMALE_LOOPTIJD: Eenheid.MAANDEN,
    ParameterNaam.UITSTEL_MAXIMUM: Eenheid.MAANDEN,
    ParameterNaam.TERUGVORDERING_TERMIJNEN: Eenheid.MAANDEN,
    ParameterNaam.HERINNERINGSTERMIJN: Eenheid.DAGEN,
}


@dataclass(frozen=True)
class Waarde:
    """A parameter value together with the version it came from (recorded in a decision's report)."""

    waarde: int
    versie: repository.Versie

    def as_days(self) -> dt.timedelta:
        unit = EENHEDEN[ParameterNaam(self.versie.naam)]
        if unit not in (Eenheid.WEKEN, Eenheid.DAGEN):
            raise ValueError(f"{self.versie.naam} is not a period in weeks or days")
        return dt.timedelta(weeks=self.waarde) if unit is Eenheid.WEKEN else dt.timedelta(days=self.waarde)

    def bronvermelding(self) -> dict[str, str | int | None]:
        v = self.versie
        return {
            "naam": v.naam,
            "waarde": v.waarde,
            "eenheid": v.eenheid,
            "gemeentecode": v.gemeentecode,
            "geldigVanaf": v.geldig_vanaf.isoformat(),
            "bron": v.bron,
        }


# session.info key: the parameter versions read in this unit of work, per municipality. One decision reads
# several parameters; one query gives them all (the table is small), and within one transaction they are what
# they are. Adding a version drops them.
_VERSIES = "parameterversies"


async def _versies(session: AsyncSession, gemeentecode: str) -> list[repository.Versie]:
    per_gemeente: dict[str, list[repository.Versie]] = session.info.setdefault(_VERSIES, {})
    if gemeentecode not in per_gemeente:
        per_gemeente[gemeentecode] = await repository.versions_of(session, gemeentecode)
    return per_gemeente[gemeentecode]


async def inlezen(session: AsyncSession, gemeentecodes: Collection[str]) -> None:
    """Read the versions of several municipalities at once (a list across municipalities), so that ``waarde``
    reads none for them: one query, whatever the number of municipalities."""
    per_gemeente: dict[str, list[repository.Versie]] = session.info.setdefault(_VERSIES, {})
    missing = set(gemeentecodes) - per_gemeente.keys()
    if missing:
        per_gemeente.update(await repository.versions_of_each(session, missing))


async def waarde(session: AsyncSession, naam: ParameterNaam, peildatum: dt.date, gemeentecode: str) -> Waarde:
    """The version valid on ``peildatum``: the municipality's own before the national one, newest first."""
    versions = [
        v
        for v in await _versies(session, gemeentecode)
        if v.naam == naam.value and v.geldig_vanaf <= peildatum and (v.geldig_tot is None or v.geldig_tot >= peildatum)
    ]
    if not versions:
        raise UnprocessableState(f"No version of parameter {naam.value!r} is valid on {peildatum.isoformat()}.")
    own = [v for v in versions if v.gemeentecode == gemeentecode]
    chosen = (own or versions)[0]
    return Waarde(chosen.waarde, chosen)


async def landelijke_waarde(session: AsyncSession, naam: ParameterNaam, peildatum: dt.date) -> Waarde:
    """The national version (no municipality's own), e.g. for a list across municipalities."""
    return await waarde(session, naam, peildatum, gemeentecode="")


def to_out(p: Parameter) -> ParameterVersie:
    return ParameterVersie(
        id=p.id,
        naam=ParameterNaam(p.naam),
        gemeentecode=p.gemeentecode,
        waarde=p.waarde,
        eenheid=Eenheid(p.eenheid),
        geldigVanaf=p.geldig_vanaf,
        geldigTot=p.geldig_tot,
        bron=p.bron,
    )


async def lijst(session: AsyncSession) -> list[ParameterVersie]:
    return [to_out(p) for p in await repository.all_versions(session)]


async def toevoegen(session: AsyncSession, body: ParameterVersieNieuw) -> ParameterVersie:
    if body.geldigTot is not None and body.geldigTot < body.geldigVanaf:
        raise InvalidInput(
            "geldigTot lies before geldigVanaf.",
            invalid_params=[InvalidParam(name="geldigTot", code="before_start", reason="before geldigVanaf")],
        )
    if body.naam is ParameterNaam.STEEKPROEFPERCENTAGE and body.waarde > 10_000:
        raise InvalidInput(
            "A percentage in basis points is at most 10000 (100%).",
            invalid_params=[InvalidParam(name="waarde", code="too_large", reason="at most 10000 basis points")],
        )
    p = Parameter(
        id=new_id(),
        naam=body.naam.value,
        gemeentecode=body.gemeentecode,
        waarde=body.waarde,
        eenheid=EENHEDEN[body.naam].value,
        geldig_vanaf=body.geldigVanaf,
        geldig_tot=body.geldigTot,
        bron=body.bron,
        aangemaakt_op=utcnow(),
    )
    session.add(p)
    session.info.pop(_VERSIES, None)
    await session.flush()
    return to_out(p)
