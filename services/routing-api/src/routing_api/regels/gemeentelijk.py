"""The municipality's own conditions (seed 001: "Desgewenst kunnen gemeenten naar eigen inzicht condities
toevoegen"), in a small declarative form: a fact from a fixed list, an operator and a value. Nothing is
executed; an unknown fact makes the condition `onbekend`."""

from __future__ import annotations

from collections.abc import Callable

from routing_api.beleid.schemas import Feit, GemeentelijkeVoorwaarde, Operator, RouteBijNietVoldaan
from routing_api.regels.feiten import (
    Feiten,
    Gelezen,
    Regeluitkomst,
    add_months,
    age_on,
    inkomsten_formulier,
    kostendelers,
    register_datum,
    register_getal,
    woonkosten,
)
from routing_api.routering.schemas import Bron, Route, Uitkomst

FeitWaarde = tuple[object, Bron] | None


def _leeftijd(f: Feiten) -> FeitWaarde:

    birth, gelezen = register_datum(f.verzoek.registers.geboortedatum, "geboortedatum")
    if birth is None or gelezen is None:
        return None
    return age_on(birth, f.verzoek.aanvraagdatum), gelezen[2]


def _gevraagde_maanden(f: Feiten) -> FeitWaarde:

    a = f.verzoek.aanvraag
    months = 0
    while add_months(a.gewensteIngangsdatum, months) < a.verwachteEinddatum and months < 1200:
        months += 1
    return months, Bron.FORMULIER


def _premie(f: Feiten) -> FeitWaarde:
    a = f.verzoek.antwoorden
    if a.arbeidsongeschiktheidsverzekering is False:
        return 0, Bron.FORMULIER
    return (a.premiePerMaand, Bron.FORMULIER) if a.premiePerMaand is not None else None


def _woonkosten(f: Feiten) -> FeitWaarde:

    costs, _ = woonkosten(f.verzoek)
    return (costs, Bron.FORMULIER) if costs is not None else None


def _woonkostentoeslag(f: Feiten) -> FeitWaarde:
    costs = _woonkosten(f)
    if costs is None:
        return None
    assert isinstance(costs[0], int)
    return max(0, costs[0] - f.beleid.bijzondereBijstand.woonkostenNormdeelPerMaand), Bron.FORMULIER


def _inkomsten(f: Feiten) -> FeitWaarde:

    form = inkomsten_formulier(f.verzoek)
    suwi, bron = register_getal(f.verzoek.registers.inkomstenPerMaand)
    if suwi is not None and bron is not None and (form is None or suwi >= form):
        return suwi, bron
    return (form, Bron.FORMULIER) if form is not None else None


def _kostendelers(f: Feiten) -> FeitWaarde:

    count = kostendelers(f.verzoek, f.beleid.kostendelerMinimumLeeftijd)
    return (count, Bron.FORMULIER) if count is not None else None


def _kvk_jaar(f: Feiten) -> FeitWaarde:
    if f.kvk_datum is None or f.kvk_gelezen is None:
        return None
    return f.kvk_datum.year, f.kvk_gelezen[2]


def _sbi(f: Feiten) -> FeitWaarde:
    codes: list[str] = []
    bron = Bron.FORMULIER
    kvk = f.verzoek.registers.kvkSbiCodes
    if kvk is not None and isinstance(kvk.waarde, list):
        codes += [str(c) for c in kvk.waarde]
        bron = kvk.bron
    codes += f.verzoek.antwoorden.sbiCodes or []
    return (codes, bron) if codes else None


def _woongemeente(f: Feiten) -> FeitWaarde:
    w = f.verzoek.registers.woongemeentecode
    return (w.waarde, w.bron) if w is not None and isinstance(w.waarde, str) else None


def _tozo(f: Feiten) -> FeitWaarde:
    """OV4; the municipality's own registration prevails over the form."""
    reg = f.verzoek.registers.tozoOntvangen
    if reg is not None and isinstance(reg.waarde, bool):
        return reg.waarde, reg.bron
    return _optional(f.verzoek.antwoorden.tozoOntvangen)


def _eerdere_toets(f: Feiten) -> FeitWaarde:
    reg = f.verzoek.registers.eerdereLevensvatbaarheidstoets
    return (reg.waarde, reg.bron) if reg is not None and isinstance(reg.waarde, str) else None


def _optional(value: object, bron: Bron = Bron.FORMULIER) -> FeitWaarde:
    return (value, bron) if value is not None else None


FEITEN: dict[Feit, Callable[[Feiten], FeitWaarde]] = {
    Feit.LEEFTIJD: _leeftijd,
    Feit.DOELGROEP: lambda f: (f.verzoek.doelgroep.value, Bron.FORMULIER),
    Feit.TYPE_AANVRAAG: lambda f: (f.verzoek.aanvraag.typeAanvraag.value, Bron.FORMULIER),
    Feit.GEVRAAGDE_MAANDEN: _gevraagde_maanden,
    Feit.BEDRAG_BEDRIJFSKAPITAAL: lambda f: _optional(f.verzoek.aanvraag.bedrag),
    Feit.PREMIE_AOV: _premie,
    Feit.WOONKOSTEN: _woonkosten,
    Feit.WOONKOSTENTOESLAG: _woonkostentoeslag,
    Feit.LIQUIDE_MIDDELEN: lambda f: _optional(f.verzoek.antwoorden.liquideMiddelen),
    Feit.INKOMSTEN: _inkomsten,
    Feit.AANTAL_KOSTENDELERS: _kostendelers,
    Feit.KVK_INSCHRIJVINGSJAAR: _kvk_jaar,
    Feit.SBI_CODES: _sbi,
    Feit.BEDRIJFSRESULTAAT_REFERENTIEJAAR: lambda f: _optional(
        f.verzoek.antwoorden.nettoBedrijfsresultaatReferentiejaar
    ),
    Feit.WOONGEMEENTECODE: _woongemeente,
    Feit.TOZO_ONTVANGEN: _tozo,
    Feit.EERDERE_LEVENSVATBAARHEIDSTOETS: _eerdere_toets,
}


def holds(operator: Operator, feit: object, waarde: object) -> bool:
    """Whether `feit operator waarde` holds. Types were checked when the policy version was created."""
    if operator is Operator.GELIJK:
        return feit == waarde
    if operator is Operator.ONGELIJK:
        return feit != waarde
    if operator is Operator.IN:
        return isinstance(waarde, list) and feit in waarde
    if operator is Operator.NIET_IN:
        return isinstance(waarde, list) and feit not in waarde
    if operator in (Operator.EEN_VAN, Operator.GEEN_VAN):
        assert isinstance(feit, list) and isinstance(waarde, list)
        prefixes = tuple(str(w) for w in waarde)
        any_hit = any(str(code).startswith(prefixes) for code in feit)
        return any_hit if operator is Operator.EEN_VAN else not any_hit
    assert isinstance(feit, int) and isinstance(waarde, int)
    if operator is Operator.KLEINER:
        return feit < waarde
    if operator is Operator.KLEINER_OF_GELIJK:
        return feit <= waarde
    if operator is Operator.GROTER:
        return feit > waarde
    return feit >= waarde


_ROUTE = {RouteBijNietVoldaan.ORANJE: Route.ORANJE, RouteBijNietVoldaan.ROOD: Route.ROOD}


def evaluate(f: Feiten, voorwaarden: list[GemeentelijkeVoorwaarde]) -> list[tuple[Regeluitkomst, Route]]:

    out: list[tuple[Regeluitkomst, Route]] = []
    for v in voorwaarden:
        waarde = FEITEN[v.feit](f)
        regel_invoer: list[Gelezen] = [(f"{v.feit.value} {v.operator.value}", v.waarde, Bron.BELEID)]
        if waarde is None:
            uitkomst, tekst = Uitkomst.ONBEKEND, f"{v.feit.value} onbekend."
        else:
            regel_invoer.append((v.feit.value, waarde[0], waarde[1]))
            ok = holds(v.operator, waarde[0], v.waarde)
            uitkomst = Uitkomst.VOLDAAN if ok else Uitkomst.NIET_VOLDAAN
            tekst = f"{v.omschrijving}: {'voldaan' if ok else 'niet voldaan'}."
        uitkomst_regel = Regeluitkomst(v.id, uitkomst, tekst, tuple(regel_invoer), v.omschrijving)
        out.append((uitkomst_regel, _ROUTE[v.routeAlsNietVoldaan]))
    return out
