"""Municipal route policy as versioned data: the version valid on the application date is used and its id
and content hash are recorded with every determination."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class Beleidsversie(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    omschrijving: str
    gemeentecode: str | None = None
    geldigVanaf: dt.date
    geldigTot: dt.date | None = None
    maandenLevensonderhoudGroen: StrictInt = Field(ge=1, le=36, description="m: months of income support on green")
    maandenZelfvoorzienend: StrictInt = Field(ge=1, le=36, description="n: months to self-sufficiency")
    aowLeeftijdJaren: StrictInt = Field(ge=60, le=75)
    minimumLeeftijdJaren: StrictInt = Field(ge=18, le=18)
    peildatumInschrijving: dt.date
    referentiejaar: StrictInt
    drempelPremieArbeidsongeschiktheidPerMaand: StrictInt = Field(ge=0)
    drempelWoonkostentoeslagPerMaand: StrictInt = Field(ge=0)
    vermogenstoetsVanToepassing: bool
    vermogensgrens: StrictInt = Field(ge=0)
    brancheSbiCodes: list[str]

    @property
    def content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def valid_on(self, day: dt.date) -> bool:
        return self.geldigVanaf <= day and (self.geldigTot is None or day < self.geldigTot)


@lru_cache
def builtin_versions() -> tuple[Beleidsversie, ...]:
    folder = resources.files("routing_api.beleid").joinpath("versies")
    return tuple(
        Beleidsversie.model_validate_json(entry.read_text(encoding="utf-8"))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".json")
    )


def version_for(gemeentecode: str, day: dt.date) -> Beleidsversie | None:
    candidates = [v for v in builtin_versions() if v.valid_on(day) and v.gemeentecode in (gemeentecode, None)]
    # A municipality's own version beats the default one; the latest start date wins.
    candidates.sort(key=lambda v: (v.gemeentecode is not None, v.geldigVanaf))
    return candidates[-1] if candidates else None
