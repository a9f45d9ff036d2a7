"""Municipal route policy as versioned data (seed 001, "keuzes van gemeenten").

A policy version (`Beleidsversie`) holds every choice a municipality makes for the afhandelroutes: *m*, *n*,
the thresholds for special assistance (separately, or one combined cap), the asset limit and whether it
applies, the sector list, the reference date and years of the short viability test, the income norm table and
extra conditions of its own in a small declarative form (a fact from a fixed list, an operator and a value: no
expressions, no code). Versions are immutable once created; their content hash is recorded with every
determination that used them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

from bbz_common.nl import Gemeentecode, SbiCode
from bbz_common.problems import InvalidParam
from bbz_common.types import Cents, StrictDate


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Leefvorm(StrEnum):
    ALLEENSTAAND = "alleenstaand"
    GEHUWD = "gehuwd"


class WinstToets(StrEnum):
    ANTWOORD = "antwoord"
    GRENSBEDRAG = "grensbedrag"


class Feit(StrEnum):
    """The facts a municipal condition may read (computed from the request, each with its source)."""

    LEEFTIJD = "leeftijd"
    DOELGROEP = "doelgroep"
    TYPE_AANVRAAG = "typeAanvraag"
    GEVRAAGDE_MAANDEN = "gevraagdeMaanden"
    BEDRAG_BEDRIJFSKAPITAAL = "bedragBedrijfskapitaal"
    PREMIE_AOV = "premieArbeidsongeschiktheidPerMaand"
    WOONKOSTEN = "woonkostenPerMaand"
    WOONKOSTENTOESLAG = "woonkostentoeslagPerMaand"
    LIQUIDE_MIDDELEN = "liquideMiddelen"
    INKOMSTEN = "inkomstenPerMaand"
    AANTAL_KOSTENDELERS = "aantalKostendelers"
    KVK_INSCHRIJVINGSJAAR = "kvkInschrijvingsjaar"
    SBI_CODES = "sbiCodes"
    BEDRIJFSRESULTAAT_REFERENTIEJAAR = "nettoBedrijfsresultaatReferentiejaar"
    WOONGEMEENTECODE = "woongemeentecode"
    TOZO_ONTVANGEN = "tozoOntvangen"
    EERDERE_LEVENSVATBAARHEIDSTOETS = "eerdereLevensvatbaarheidstoets"


class FeitType(StrEnum):
    GETAL = "getal"
    TEKST = "tekst"
    JA_NEE = "ja-nee"
    CODES = "codes"


FEIT_TYPES: dict[Feit, FeitType] = {
    Feit.LEEFTIJD: FeitType.GETAL,
    Feit.DOELGROEP: FeitType.TEKST,
    Feit.TYPE_AANVRAAG: FeitType.TEKST,
    Feit.GEVRAAGDE_MAANDEN: FeitType.GETAL,
    Feit.BEDRAG_BEDRIJFSKAPITAAL: FeitType.GETAL,
    Feit.PREMIE_AOV: FeitType.GETAL,
    Feit.WOONKOSTEN: FeitType.GETAL,
    Feit.WOONKOSTENTOESLAG: FeitType.GETAL,
    Feit.LIQUIDE_MIDDELEN: FeitType.GETAL,
    Feit.INKOMSTEN: FeitType.GETAL,
    Feit.AANTAL_KOSTENDELERS: FeitType.GETAL,
    Feit.KVK_INSCHRIJVINGSJAAR: FeitType.GETAL,
    Feit.SBI_CODES: FeitType.CODES,
    Feit.BEDRIJFSRESULTAAT_REFERENTIEJAAR: FeitType.GETAL,
    Feit.WOONGEMEENTECODE: FeitType.TEKST,
    Feit.TOZO_ONTVANGEN: FeitType.JA_NEE,
    Feit.EERDERE_LEVENSVATBAARHEIDSTOETS: FeitType.TEKST,
}


class Operator(StrEnum):
    GELIJK = "gelijk"
    ONGELIJK = "ongelijk"
    KLEINER = "kleiner"
    KLEINER_OF_GELIJK = "kleiner-of-gelijk"
    GROTER = "groter"
    GROTER_OF_GELIJK = "groter-of-gelijk"
    IN = "in"
    NIET_IN = "niet-in"
    EEN_VAN = "een-van"
    GEEN_VAN = "geen-van"


OPERATORS_PER_TYPE: dict[FeitType, frozenset[Operator]] = {
    FeitType.GETAL: frozenset(
        {
            Operator.GELIJK,
            Operator.ONGELIJK,
            Operator.KLEINER,
            Operator.KLEINER_OF_GELIJK,
            Operator.GROTER,
            Operator.GROTER_OF_GELIJK,
            Operator.IN,
            Operator.NIET_IN,
        }
    ),
    FeitType.TEKST: frozenset({Operator.GELIJK, Operator.ONGELIJK, Operator.IN, Operator.NIET_IN}),
    FeitType.JA_NEE: frozenset({Operator.GELIJK, Operator.ONGELIJK}),
    FeitType.CODES: frozenset({Operator.EEN_VAN, Operator.GEEN_VAN}),
}


class RouteBijNietVoldaan(StrEnum):
    ORANJE = "oranje"
    ROOD = "rood"


Waarde = StrictBool | StrictInt | StrictStr | list[StrictInt] | list[StrictStr]


class GemeentelijkeVoorwaarde(Input):
    """An extra condition of the municipality: green requires `feit operator waarde` to hold."""

    id: Annotated[StrictStr, Field(pattern=r"^GM[0-9]{1,2}$", description="Rule id, GM1..GM99")]
    omschrijving: Annotated[StrictStr, Field(min_length=3, max_length=300, description="Dutch text of the rule")]
    feit: Feit
    operator: Operator
    waarde: Waarde = Field(description="A number (cents for amounts), text, yes/no, or a list for in/een-van")
    routeAlsNietVoldaan: RouteBijNietVoldaan = Field(
        description="oranje: an orange condition of the municipality; rood: a red one"
    )


class Inkomensnorm(Input):
    leefvorm: Leefvorm
    nettoPerMaand: Cents


class AowLeeftijd(Input):
    """The pension age (AOW-leeftijd) for applications from a calendar year on: it changes by year."""

    vanafJaar: StrictInt = Field(ge=2000, le=2100)
    jaren: StrictInt = Field(ge=60, le=75)
    maanden: StrictInt = Field(default=0, ge=0, le=11)


class Leeftijdsgrenzen(Input):
    minimumLeeftijdJaren: StrictInt = Field(ge=15, le=21, description="G1: 18")
    aowLeeftijden: list[AowLeeftijd] = Field(min_length=1, max_length=50, description="G1: pension age table")

    def aow_leeftijd(self, jaar: int) -> AowLeeftijd:
        """The entry for `jaar`: the last whose vanafJaar is not after it (the first if none is)."""
        chosen = self.aowLeeftijden[0]
        for entry in self.aowLeeftijden:
            if entry.vanafJaar <= jaar:
                chosen = entry
        return chosen


class BijzondereBijstand(Input):
    """G8/G9 thresholds: either both separate thresholds, or one combined cap (seed 001, conditions 8 and 9)."""

    drempelPremieArbeidsongeschiktheidPerMaand: Cents | None = Field(
        default=None, description="G8: highest monthly premium still on the green route (0: none at all)"
    )
    drempelWoonkostentoeslagPerMaand: Cents | None = Field(
        default=None, description="G9: highest monthly housing-cost supplement still on the green route"
    )
    gecombineerdPlafondPerMaand: Cents | None = Field(
        default=None, description="G8+G9: one cap for premium and housing-cost supplement together"
    )
    woonkostenNormdeelPerMaand: Cents = Field(
        description="Monthly housing costs deemed covered by the norm: the supplement needed is the excess"
    )


class Vermogenstoets(Input):
    vanToepassing: StrictBool = Field(description="G7/O2: false in Q4 2021, when the asset test lapsed")
    grensLiquideMiddelen: Cents | None = Field(default=None, description="Asset limit (liquid means), cents")
    peildatum: StrictDate | None = Field(default=None, description="Reference date of the asset test")


class Levensvatbaarheidstoets(Input):
    peildatumInschrijving: StrictDate = Field(description="G10a: registered with the KVK before this date")
    referentiejaar: StrictInt = Field(ge=2000, le=2100, description="G10b: year whose profit is tested")
    schuldenjaren: list[StrictInt] = Field(min_length=1, max_length=5, description="G10c: years of debts")
    winstToets: WinstToets = Field(
        description="G10b: follow the applicant's answer, or compare the stated net result with a limit"
    )
    winstgrensPerJaar: StrictInt | None = Field(default=None, description="Limit for `grensbedrag`, cents a year")
    maandenZelfvoorzienend: StrictInt = Field(ge=1, le=36, description="n: months to self-sufficiency (G10d)")


class BeleidsversieInhoud(Input):
    """The content of one policy version: what is hashed and recorded."""

    id: Annotated[StrictStr, Field(pattern=r"^[a-z0-9][a-z0-9-]{2,79}$", description="Stable id, e.g. 0518-2027")]
    omschrijving: Annotated[StrictStr, Field(min_length=3, max_length=1000)]
    bron: Annotated[StrictStr, Field(min_length=3, max_length=1000, description="Source and status note")]
    gemeentecode: Gemeentecode | None = Field(default=None, description="CBS code; null: default for all")
    geldigVanaf: StrictDate
    geldigTotEnMet: StrictDate | None = None
    maandenLevensonderhoudGroen: StrictInt = Field(ge=1, le=36, description="m: months of income support (G4)")
    gevestigdeMinimaleDuurMaanden: StrictInt = Field(
        ge=0, le=120, description="G3: an established entrepreneur is registered at least this long (form: 18)"
    )
    leeftijd: Leeftijdsgrenzen
    kostendelerMinimumLeeftijd: StrictInt = Field(ge=18, le=27, description="Pw art. 22a: 21")
    inkomensnormen: list[Inkomensnorm] = Field(min_length=1, max_length=10, description="G2: the norm table")
    bijzondereBijstand: BijzondereBijstand
    vermogenstoets: Vermogenstoets
    levensvatbaarheid: Levensvatbaarheidstoets
    brancheSbiCodes: list[SbiCode] = Field(max_length=500, description="G10e: listed sectors (SBI prefixes)")
    aanvullendeVoorwaarden: list[GemeentelijkeVoorwaarde] = Field(default_factory=list, max_length=50)

    def inhoud_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()

    def geldig_op(self, day: dt.date) -> bool:
        return self.geldigVanaf <= day and (self.geldigTotEnMet is None or day <= self.geldigTotEnMet)

    def norm(self, leefvorm: Leefvorm) -> int | None:
        for entry in self.inkomensnormen:
            if entry.leefvorm is leefvorm:
                return entry.nettoPerMaand
        return None


def _param(name: str, code: str, reason: str) -> InvalidParam:
    return InvalidParam(name=name, code=code, reason=reason)


def _waarde_past(feit_type: FeitType, operator: Operator, waarde: Any) -> bool:
    lijst = operator in (Operator.IN, Operator.NIET_IN, Operator.EEN_VAN, Operator.GEEN_VAN)
    if lijst:
        if not isinstance(waarde, list) or not waarde:
            return False
        items = waarde
    else:
        if isinstance(waarde, list):
            return False
        items = [waarde]
    if feit_type is FeitType.GETAL:
        return all(isinstance(i, int) and not isinstance(i, bool) for i in items)
    if feit_type is FeitType.JA_NEE:
        return all(isinstance(i, bool) for i in items)
    return all(isinstance(i, str) for i in items)


def inconsistenties(b: BeleidsversieInhoud) -> list[InvalidParam]:
    """Every way in which a (schema-valid) version contradicts itself, each naming its field."""
    out: list[InvalidParam] = []
    if b.geldigTotEnMet is not None and b.geldigTotEnMet < b.geldigVanaf:
        out.append(_param("geldigTotEnMet", "before_start", "ends before geldigVanaf"))
    jaren = [a.vanafJaar for a in b.leeftijd.aowLeeftijden]
    if jaren != sorted(set(jaren)):
        out.append(_param("leeftijd.aowLeeftijden", "unordered", "vanafJaar ascending and unique"))
    if jaren and jaren[0] > b.geldigVanaf.year:
        out.append(_param("leeftijd.aowLeeftijden.0.vanafJaar", "inconsistent", "must cover the year of geldigVanaf"))

    seen: set[Leefvorm] = set()
    for i, norm in enumerate(b.inkomensnormen):
        if norm.leefvorm in seen:
            out.append(_param(f"inkomensnormen.{i}.leefvorm", "duplicate", "one norm per leefvorm"))
        seen.add(norm.leefvorm)
    for leefvorm in Leefvorm:
        if leefvorm not in seen:
            out.append(_param("inkomensnormen", "missing", f"no norm for leefvorm {leefvorm.value}"))
    single, couple = b.norm(Leefvorm.ALLEENSTAAND), b.norm(Leefvorm.GEHUWD)
    if single is not None and couple is not None and couple < single:
        out.append(_param("inkomensnormen", "inconsistent", "the norm for gehuwd is below that for alleenstaand"))

    bb = b.bijzondereBijstand
    separate = (bb.drempelPremieArbeidsongeschiktheidPerMaand, bb.drempelWoonkostentoeslagPerMaand)
    if bb.gecombineerdPlafondPerMaand is not None:
        if bb.drempelPremieArbeidsongeschiktheidPerMaand is not None:
            out.append(
                _param(
                    "bijzondereBijstand.drempelPremieArbeidsongeschiktheidPerMaand",
                    "inconsistent",
                    "give separate thresholds or one combined cap, not both",
                )
            )
        if bb.drempelWoonkostentoeslagPerMaand is not None:
            out.append(
                _param(
                    "bijzondereBijstand.drempelWoonkostentoeslagPerMaand",
                    "inconsistent",
                    "give separate thresholds or one combined cap, not both",
                )
            )
    else:
        for name, value in zip(
            ("drempelPremieArbeidsongeschiktheidPerMaand", "drempelWoonkostentoeslagPerMaand"), separate, strict=True
        ):
            if value is None:
                out.append(_param(f"bijzondereBijstand.{name}", "missing", "required when there is no combined cap"))

    if b.vermogenstoets.vanToepassing and b.vermogenstoets.grensLiquideMiddelen is None:
        out.append(_param("vermogenstoets.grensLiquideMiddelen", "missing", "required when the asset test applies"))

    lv = b.levensvatbaarheid
    if lv.peildatumInschrijving > dt.date(lv.referentiejaar, 1, 1):
        out.append(
            _param(
                "levensvatbaarheid.peildatumInschrijving",
                "inconsistent",
                "registration must be required by 1 January of the reference year, or its profit cannot be known",
            )
        )
    if lv.referentiejaar >= b.geldigVanaf.year:
        out.append(
            _param("levensvatbaarheid.referentiejaar", "inconsistent", "the reference year must end before geldigVanaf")
        )
    for i, jaar in enumerate(lv.schuldenjaren):
        if jaar <= lv.referentiejaar or jaar > b.geldigVanaf.year:
            out.append(
                _param(
                    f"levensvatbaarheid.schuldenjaren.{i}",
                    "inconsistent",
                    "years of debts lie after the reference year and not after geldigVanaf",
                )
            )
    if lv.winstToets is WinstToets.GRENSBEDRAG and lv.winstgrensPerJaar is None:
        out.append(_param("levensvatbaarheid.winstgrensPerJaar", "missing", "required for winstToets grensbedrag"))

    if len(set(b.brancheSbiCodes)) != len(b.brancheSbiCodes):
        out.append(_param("brancheSbiCodes", "duplicate", "each SBI code once"))

    ids: set[str] = set()
    for i, v in enumerate(b.aanvullendeVoorwaarden):
        if v.id in ids:
            out.append(_param(f"aanvullendeVoorwaarden.{i}.id", "duplicate", "rule ids are unique"))
        ids.add(v.id)
        feit_type = FEIT_TYPES[v.feit]
        if v.operator not in OPERATORS_PER_TYPE[feit_type]:
            allowed = ", ".join(sorted(o.value for o in OPERATORS_PER_TYPE[feit_type]))
            out.append(_param(f"aanvullendeVoorwaarden.{i}.operator", "invalid", f"{v.feit.value} allows: {allowed}"))
        elif not _waarde_past(feit_type, v.operator, v.waarde):
            out.append(
                _param(
                    f"aanvullendeVoorwaarden.{i}.waarde",
                    "invalid",
                    f"{v.feit.value} is a {feit_type.value}; {v.operator.value} needs a matching value (list for in)",
                )
            )
    return out


class BeleidsversieStatus(StrEnum):
    CONCEPT = "concept"
    ACTIEF = "actief"


class Beleidsversie(BaseModel):
    """A stored policy version: its content, hash and lifecycle."""

    id: str
    status: BeleidsversieStatus
    inhoudHash: str
    inhoud: BeleidsversieInhoud
    aangemaaktDoor: str
    aangemaaktOp: dt.datetime
    geactiveerdDoor: str | None = None
    geactiveerdOp: dt.datetime | None = None
