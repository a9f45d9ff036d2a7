"""The afhandelroutes of seed 001 ("Digitaal aanvraagproces Bbz", section 3), one rule one function, with
the seed's ids. Read next to `shared/domain/afhandelroutes.md`.

Selection: groen when every green condition holds; oranje when one or more orange conditions hold and all
other green conditions hold; rood otherwise. Unknown data never leads to groen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from routing_api.beleid.policy import Beleidsversie
from routing_api.routering.schemas import (
    Bron,
    BronWaarde,
    Doelgroep,
    Invoer,
    RegelResultaat,
    Route,
    RouteringVerzoek,
    TypeAanvraag,
    Uitkomst,
)

V, N, U = Uitkomst.VOLDAAN, Uitkomst.NIET_VOLDAAN, Uitkomst.ONBEKEND


@dataclass(frozen=True)
class Feiten:
    verzoek: RouteringVerzoek
    beleid: Beleidsversie


def _invoer(naam: str, waarde: object, bron: Bron) -> Invoer:
    return Invoer(naam=naam, waarde=waarde, bron=bron)


def _register(value: BronWaarde | None) -> tuple[object, Bron] | None:
    return (value.waarde, value.bron) if value is not None and value.waarde is not None else None


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _months_between(start: dt.date, end: dt.date) -> float:
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31


def _result(regel: str, uitkomst: Uitkomst, toelichting: str, invoer: list[Invoer]) -> RegelResultaat:
    return RegelResultaat(regel=regel, uitkomst=uitkomst, toelichting=toelichting, invoer=invoer)


def g1_geen_uitsluitingsgrond(f: Feiten) -> RegelResultaat:
    v, beleid = f.verzoek, f.beleid
    invoer: list[Invoer] = []
    gaps: list[str] = []
    fails: list[str] = []
    birth = _register(v.registers.geboortedatum)
    if birth is None:
        gaps.append("geboortedatum onbekend in BRP")
    else:
        invoer.append(_invoer("geboortedatum", birth[0], birth[1]))
        age = _age_on(dt.date.fromisoformat(str(birth[0])), v.aanvraagdatum)
        if not beleid.minimumLeeftijdJaren <= age < beleid.aowLeeftijdJaren:
            fails.append(f"leeftijd {age} valt buiten {beleid.minimumLeeftijdJaren} tot AOW-leeftijd")
    woon = _register(v.registers.woongemeentecode)
    if woon is None:
        gaps.append("woongemeente onbekend in BRP")
    else:
        invoer.append(_invoer("woongemeentecode", woon[0], woon[1]))
        if woon[0] != v.gemeentecode:
            fails.append("woont niet in de gemeente van de aanvraag")
    for name, label in (("urencriterium", "urencriterium"), ("rechtmatigGevestigd", "rechtmatig gevestigd")):
        answer = getattr(v.antwoorden, name)
        if answer is None:
            gaps.append(f"{label} niet beantwoord")
        else:
            invoer.append(_invoer(name, answer, Bron.FORMULIER))
            if not answer:
                fails.append(f"niet voldaan aan {label}")
    if fails:
        return _result("G1", N, "Uitsluitingsgrond: " + "; ".join(fails) + ".", invoer)
    if gaps:
        return _result("G1", U, "Niet vast te stellen: " + "; ".join(gaps) + ".", invoer)
    return _result("G1", V, "Geen uitsluitingsgrond: leeftijd, urencriterium, vestiging en woonplaats in orde.", invoer)


def g3_gevestigde_zelfstandige(f: Feiten) -> RegelResultaat:
    d = f.verzoek.doelgroep
    invoer = [_invoer("doelgroep", d.value, Bron.FORMULIER)]
    if d is Doelgroep.GEVESTIGDE:
        return _result("G3", V, "Aanvrager is gevestigde zelfstandige.", invoer)
    return _result("G3", N, f"Aanvrager is geen gevestigde zelfstandige maar {d.value}.", invoer)


def g4_alleen_levensonderhoud_kort(f: Feiten) -> RegelResultaat:
    a, m = f.verzoek.aanvraag, f.beleid.maandenLevensonderhoudGroen
    months = _months_between(a.gewensteIngangsdatum, a.verwachteEinddatum)
    invoer = [
        _invoer("typeAanvraag", a.typeAanvraag.value, Bron.FORMULIER),
        _invoer("gewensteIngangsdatum", a.gewensteIngangsdatum.isoformat(), Bron.FORMULIER),
        _invoer("verwachteEinddatum", a.verwachteEinddatum.isoformat(), Bron.FORMULIER),
        _invoer("m", m, Bron.BELEID),
    ]
    if a.typeAanvraag is not TypeAanvraag.INKOMENSAANVULLENDE_UITKERING:
        return _result("G4", N, "De aanvraag betreft (ook) bedrijfskapitaal.", invoer)
    if months > m:
        return _result("G4", N, f"Gevraagde periode is langer dan {m} maanden.", invoer)
    return _result("G4", V, f"Alleen levensonderhoud voor ten hoogste {m} maanden.", invoer)


def g6_geen_kostendelers(f: Feiten) -> RegelResultaat:
    count = _register(f.verzoek.registers.aantalMedebewoners21Plus)
    if count is None:
        return _result("G6", U, "Aantal medebewoners van 21 jaar of ouder onbekend.", [])
    invoer = [_invoer("aantalMedebewoners21Plus", count[0], count[1])]
    if count[0] == 0:
        return _result("G6", V, "Geen medebewoners van 21 jaar of ouder (geen kostendelers).", invoer)
    return _result("G6", N, f"{count[0]} medebewoner(s) van 21 jaar of ouder: mogelijk kostendelers.", invoer)


def g8_geen_ao_verzekering_boven_drempel(f: Feiten) -> RegelResultaat:
    a, drempel = f.verzoek.antwoorden, f.beleid.drempelPremieArbeidsongeschiktheidPerMaand
    if a.arbeidsongeschiktheidsverzekering is None:
        return _result("G8", U, "Niet beantwoord of er een arbeidsongeschiktheidsverzekering is.", [])
    invoer = [_invoer("arbeidsongeschiktheidsverzekering", a.arbeidsongeschiktheidsverzekering, Bron.FORMULIER)]
    if not a.arbeidsongeschiktheidsverzekering:
        return _result("G8", V, "Geen arbeidsongeschiktheidsverzekering.", invoer)
    invoer += [_invoer("premiePerMaand", a.premiePerMaand, Bron.FORMULIER), _invoer("drempel", drempel, Bron.BELEID)]
    if a.premiePerMaand is None:
        return _result("G8", U, "Premie arbeidsongeschiktheidsverzekering onbekend.", invoer)
    if a.premiePerMaand <= drempel:
        return _result("G8", V, "Premie arbeidsongeschiktheidsverzekering niet boven de drempel.", invoer)
    return _result("G8", N, "Premie arbeidsongeschiktheidsverzekering boven de drempel.", invoer)


def g10a_ingeschreven_voor_peildatum(f: Feiten) -> RegelResultaat:
    peildatum = f.beleid.peildatumInschrijving
    answer = f.verzoek.antwoorden.ingeschrevenVoorPeildatum
    kvk = _register(f.verzoek.registers.kvkInschrijving)
    invoer = [_invoer("peildatumInschrijving", peildatum.isoformat(), Bron.BELEID)]
    if answer is not None:
        invoer.append(_invoer("ingeschrevenVoorPeildatum", answer, Bron.FORMULIER))
    if kvk is None:
        return _result("G10a", U, "Inschrijvingsdatum KVK onbekend.", invoer)
    invoer.append(_invoer("kvkInschrijving", kvk[0], kvk[1]))
    registered_before = dt.date.fromisoformat(str(kvk[0])) < peildatum
    note = ""
    if answer is not None and answer != registered_before:
        note = " Het formulier zegt anders; de KVK-registratie is leidend."
    if registered_before:
        return _result("G10a", V, f"Ingeschreven bij de KVK vóór {peildatum.isoformat()}.{note}", invoer)
    return _result("G10a", N, f"Ingeschreven bij de KVK op of na {peildatum.isoformat()}.{note}", invoer)


def g10b_voldoende_winst(f: Feiten) -> RegelResultaat:
    answer, jaar = f.verzoek.antwoorden.voldoendeWinstReferentiejaar, f.beleid.referentiejaar
    if answer is None:
        return _result("G10b", U, f"Niet beantwoord of de winst in {jaar} voldoende was.", [])
    invoer = [_invoer("voldoendeWinstReferentiejaar", answer, Bron.FORMULIER)]
    if answer:
        return _result("G10b", V, f"Voldoende winst in {jaar}.", invoer)
    return _result("G10b", N, f"Onvoldoende winst in {jaar}.", invoer)


def g10c_geen_onbetaalbare_schulden(f: Feiten) -> RegelResultaat:
    answer = f.verzoek.antwoorden.onbetaalbareSchulden
    if answer is None:
        return _result("G10c", U, "Niet beantwoord of er onbetaalbare schulden zijn.", [])
    invoer = [_invoer("onbetaalbareSchulden", answer, Bron.FORMULIER)]
    if answer:
        return _result("G10c", N, "Schulden opgebouwd waaraan niet meer kan worden voldaan.", invoer)
    return _result("G10c", V, "Geen schulden opgebouwd waaraan niet kan worden voldaan.", invoer)


def g10d_zelfvoorzienend_binnen_n(f: Feiten) -> RegelResultaat:
    answer, n = f.verzoek.antwoorden.zelfvoorzienendBinnenTermijn, f.beleid.maandenZelfvoorzienend
    invoer = [_invoer("n", n, Bron.BELEID)]
    if answer is None:
        return _result("G10d", U, f"Niet beantwoord of de aanvrager binnen {n} maanden zelfvoorzienend is.", invoer)
    invoer.append(_invoer("zelfvoorzienendBinnenTermijn", answer, Bron.FORMULIER))
    if answer:
        return _result("G10d", V, f"Verwacht binnen {n} maanden in eigen levensonderhoud te voorzien.", invoer)
    return _result("G10d", N, f"Verwacht niet binnen {n} maanden in eigen levensonderhoud te voorzien.", invoer)


def g10e_geen_branche_op_lijst(f: Feiten) -> RegelResultaat:
    listed = set(f.beleid.brancheSbiCodes)
    invoer = [_invoer("brancheSbiCodes", sorted(listed), Bron.BELEID)]
    codes: set[str] = set()
    kvk = _register(f.verzoek.registers.kvkSbiCodes)
    if kvk is not None:
        invoer.append(_invoer("kvkSbiCodes", kvk[0], kvk[1]))
        codes |= {str(c) for c in kvk[0]}  # type: ignore[attr-defined]
    if f.verzoek.antwoorden.sbiCodes:
        invoer.append(_invoer("sbiCodes", f.verzoek.antwoorden.sbiCodes, Bron.FORMULIER))
        codes |= set(f.verzoek.antwoorden.sbiCodes)
    if not codes:
        return _result("G10e", U, "Branche onbekend.", invoer)
    hits = sorted(c for c in codes if any(c.startswith(code) for code in listed))
    if hits:
        return _result("G10e", N, f"Actief in een branche op de lijst van de gemeente ({', '.join(hits)}).", invoer)
    return _result("G10e", V, "Niet actief in een branche op de lijst van de gemeente.", invoer)


GREEN_RULES: tuple[Callable[[Feiten], RegelResultaat], ...] = (
    g1_geen_uitsluitingsgrond,
    g3_gevestigde_zelfstandige,
    g4_alleen_levensonderhoud_kort,
    g6_geen_kostendelers,
    g8_geen_ao_verzekering_boven_drempel,
    g10a_ingeschreven_voor_peildatum,
    g10b_voldoende_winst,
    g10c_geen_onbetaalbare_schulden,
    g10d_zelfvoorzienend_binnen_n,
    g10e_geen_branche_op_lijst,
)


def _mirror(regel: str, green: RegelResultaat, holds: bool, toelichting: str) -> RegelResultaat:
    return _result(regel, V if holds else N, toelichting, green.invoer)


def orange_rules(f: Feiten, g: dict[str, RegelResultaat]) -> list[RegelResultaat]:
    a = f.verzoek.antwoorden
    both_earlier = a.voldoendeWinstJaarMin1 is True and a.voldoendeWinstJaarMin2 is True
    jaar = f.beleid.referentiejaar
    return [
        _mirror("O1", g["G6"], g["G6"].uitkomst is N, "Heeft (mogelijke) kostendelers."),
        _mirror("O3", g["G8"], g["G8"].uitkomst is N, "Premie arbeidsongeschiktheidsverzekering boven de drempel."),
        _mirror("O5", g["G10a"], g["G10a"].uitkomst is N, "Onderneming gestart op of na de peildatum."),
        _result(
            "O6",
            V if g["G10b"].uitkomst is N and both_earlier else N,
            f"Onvoldoende winst in {jaar}, maar wel in beide jaren daarvoor."
            if g["G10b"].uitkomst is N and both_earlier
            else "Niet van toepassing.",
            [
                *g["G10b"].invoer,
                _invoer("voldoendeWinstJaarMin1", a.voldoendeWinstJaarMin1, Bron.FORMULIER),
                _invoer("voldoendeWinstJaarMin2", a.voldoendeWinstJaarMin2, Bron.FORMULIER),
            ],
        ),
    ]


def red_rules(f: Feiten, g: dict[str, RegelResultaat], o: dict[str, RegelResultaat]) -> list[RegelResultaat]:
    t = f.verzoek.aanvraag.typeAanvraag
    return [
        _mirror("R1", g["G3"], g["G3"].uitkomst is N, "Starter, oudere zelfstandige, IOAZ of beëindiger."),
        _result(
            "R2",
            V if t is not TypeAanvraag.INKOMENSAANVULLENDE_UITKERING else N,
            "Aanvraag voor bedrijfskapitaal."
            if t is not TypeAanvraag.INKOMENSAANVULLENDE_UITKERING
            else "Geen kredietaanvraag.",
            [_invoer("typeAanvraag", t.value, Bron.FORMULIER)],
        ),
        _mirror(
            "R3a",
            g["G10b"],
            g["G10b"].uitkomst is N and o["O6"].uitkomst is N,
            "Onvoldoende winst in het referentiejaar en in een van de twee jaren daarvoor.",
        ),
        _mirror("R3b", g["G10c"], g["G10c"].uitkomst is N, "Onbetaalbare schulden opgebouwd."),
        _mirror(
            "R3c", g["G10d"], g["G10d"].uitkomst is N, "Verwacht langer nodig te hebben om zelfvoorzienend te zijn."
        ),
        _mirror("R3d", g["G10e"], g["G10e"].uitkomst is N, "Actief in een branche op de lijst."),
    ]


# Which green condition each orange condition softens (seed 001: orange mirrors G6, G7, G8, G9, G10a, G10b).
ORANGE_MIRRORS = {"G6": "O1", "G8": "O3", "G10a": "O5", "G10b": "O6"}


@dataclass(frozen=True)
class Bepaling:
    route: Route
    regels: list[RegelResultaat]
    redenen: list[str]


def bepaal_route(verzoek: RouteringVerzoek, beleid: Beleidsversie) -> Bepaling:
    f = Feiten(verzoek, beleid)
    green = [rule(f) for rule in GREEN_RULES]
    g = {r.regel: r for r in green}
    orange = orange_rules(f, g)
    o = {r.regel: r for r in orange}
    red = red_rules(f, g, o)
    regels = green + orange + red

    red_hits = [r for r in red if r.uitkomst is V]
    failed = [r for r in green if r.uitkomst is N]
    unknown = [r for r in green if r.uitkomst is U]
    unmirrored_fail = [
        r for r in failed if ORANGE_MIRRORS.get(r.regel) is None or o[ORANGE_MIRRORS[r.regel]].uitkomst is not V
    ]
    if red_hits or unmirrored_fail:
        route = Route.ROOD
        redenen = [f"{r.regel}: {r.toelichting}" for r in red_hits] + [
            f"{r.regel}: {r.toelichting}" for r in unmirrored_fail if r.regel not in {"G3", "G10c", "G10d", "G10e"}
        ]
    elif failed or unknown:
        # Missing data never leads to green: an officer looks at it (orange).
        route = Route.ORANJE
        redenen = [f"{r.regel}: {r.toelichting}" for r in orange if r.uitkomst is V] + [
            f"{r.regel}: {r.toelichting}" for r in unknown
        ]
    else:
        route = Route.GROEN
        redenen = ["Alle voorwaarden voor de snelle route zijn voldaan."]
    return Bepaling(route=route, regels=regels, redenen=redenen)


def deelroutes(verzoek: RouteringVerzoek, beleid: Beleidsversie) -> list[tuple[TypeAanvraag, Route]] | None:
    """Split request (seed 001): the income part on its own merits, the credit part by the red route."""
    if verzoek.aanvraag.typeAanvraag is not TypeAanvraag.BEIDE:
        return None
    income_only = verzoek.model_copy(
        update={
            "aanvraag": verzoek.aanvraag.model_copy(update={"typeAanvraag": TypeAanvraag.INKOMENSAANVULLENDE_UITKERING})
        }
    )
    income = bepaal_route(income_only, beleid).route
    return [(TypeAanvraag.INKOMENSAANVULLENDE_UITKERING, income), (TypeAanvraag.BEDRIJFSKAPITAAL, Route.ROOD)]
