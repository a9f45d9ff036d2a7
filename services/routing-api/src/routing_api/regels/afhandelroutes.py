"""The afhandelroutes of seed 001 ("Digitaal aanvraagproces Bbz", section 3), one rule one function, with
the seed's ids. Read next to `shared/domain/afhandelroutes.md`.

Selection (seed 001):
- **groen** when every green condition (G1..G10e and the municipality's own) is `voldaan`;
- **oranje** when one or more orange conditions (O1..O6, the municipality's orange ones) hold and all other
  green conditions hold; a green condition that is `onbekend` (missing or contradictory data) also sends the
  application to oranje: it is "one of a few points that need a closer look", and never green;
- **rood** when a red condition (R1..R3d, the municipality's red ones) holds, or a green condition fails that
  no orange condition softens (G1, G2, G4's period, G10b without O6): the seed's "in every other case".

Every rule is a pure function of the request (form answers and register values) and the policy version; it
reports its outcome, the inputs it read with their source, and a short Dutch explanation. Where the form and
a register disagree the register prevails and the explanation says so."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from routing_api.beleid.schemas import BeleidsversieInhoud, Leefvorm, WinstToets
from routing_api.regels import gemeentelijk
from routing_api.regels.feiten import (
    Bedrag,
    Feiten,
    Gelezen,
    Regeluitkomst,
    add_months,
    datum,
    euro,
    inkomsten_formulier,
    kostendelers,
    register_datum,
    register_getal,
    register_waarde,
    woonkosten,
)
from routing_api.routering.schemas import Bron, Doelgroep, Route, RouteringVerzoek, TypeAanvraag, Uitkomst

V, N, U = Uitkomst.VOLDAAN, Uitkomst.NIET_VOLDAAN, Uitkomst.ONBEKEND
FORM, BRP, KVK, SUWI, BELEID = Bron.FORMULIER, Bron.BRP, Bron.KVK, Bron.SUWINET, Bron.BELEID


class Bepaling(NamedTuple):
    route: Route
    regels: list[Regeluitkomst]
    redenen: list[str]
    deelroutes: list[tuple[TypeAanvraag, Route, list[str]]] | None


_new_tuple = tuple.__new__


def _r(regel: str, uitkomst: Uitkomst, toelichting: str, invoer: Sequence[Gelezen], voorwaarde: str) -> Regeluitkomst:
    # A plain function, not the NamedTuple's constructor: a quarter of its cost, and 25 are made per evaluation.
    return _new_tuple(Regeluitkomst, (regel, uitkomst, toelichting, invoer, voorwaarde))  # type: ignore[type-var]


# ---------------------------------------------------------------------------------------------- green


def g1_geen_uitsluitingsgrond(f: Feiten) -> Regeluitkomst:
    v, leeftijd = f.verzoek, f.beleid.leeftijd
    invoer: list[Gelezen] = []
    gaps: list[str] = []
    fails: list[str] = []
    birth, gelezen = register_datum(v.registers.geboortedatum, "geboortedatum")
    if gelezen is not None:
        invoer.append(gelezen)
    if birth is None:
        gaps.append("geboortedatum onbekend in de BRP")
    else:
        aow = leeftijd.aow_leeftijd(v.aanvraagdatum.year)
        invoer.append(("aowLeeftijd", f"{aow.jaren} jaar en {aow.maanden} maanden", BELEID))
        if v.aanvraagdatum < add_months(birth, 12 * leeftijd.minimumLeeftijdJaren):
            fails.append(f"jonger dan {leeftijd.minimumLeeftijdJaren} jaar")
        elif v.aanvraagdatum >= add_months(birth, 12 * aow.jaren + aow.maanden):
            fails.append("AOW-leeftijd bereikt")
    woon = register_waarde(v.registers.woongemeentecode)
    if woon is None:
        gaps.append("woongemeente onbekend in de BRP")
    else:
        invoer.append(("woongemeentecode", woon[0], woon[1]))
        if woon[0] != v.gemeentecode:
            fails.append(f"woont niet in de gemeente van de aanvraag ({v.gemeentecode})")
    uren, gevestigd = v.antwoorden.urencriterium, v.antwoorden.rechtmatigGevestigd
    if uren is None:
        gaps.append("urencriterium niet beantwoord")
    else:
        invoer.append(("urencriterium", uren, FORM))
        if not uren:
            fails.append("niet voldaan aan het urencriterium")
    if gevestigd is None:
        gaps.append("rechtmatig gevestigd niet beantwoord")
    else:
        invoer.append(("rechtmatigGevestigd", gevestigd, FORM))
        if not gevestigd:
            fails.append("niet rechtmatig gevestigd")
    w = "Geen uitsluitingsgronden van toepassing"
    if fails:
        return _r("G1", N, "Uitsluitingsgrond: " + "; ".join(fails) + ".", invoer, w)
    if gaps:
        return _r("G1", U, "Niet vast te stellen: " + "; ".join(gaps) + ".", invoer, w)
    return _r("G1", V, "Geen uitsluitingsgrond: leeftijd, urencriterium, vestiging en woonplaats in orde.", invoer, w)


def g2_geen_inkomsten_boven_norm(f: Feiten) -> Regeluitkomst:
    v, b = f.verzoek, f.beleid
    w = "Aanvrager heeft geen inkomsten boven de norm"
    invoer: list[Gelezen] = []
    notes: list[str] = []
    form = inkomsten_formulier(v)
    suwi, suwi_bron = register_getal(v.registers.inkomstenPerMaand)
    if form is not None:
        invoer.append(("inkomstenPerMaand", form, FORM))
    if suwi is not None and suwi_bron is not None:
        invoer.append(("inkomstenPerMaand", suwi, suwi_bron))
    if form is None and suwi is None:
        return _r("G2", U, "Inkomsten buiten de onderneming niet opgegeven en niet bekend in Suwinet.", invoer, w)
    income = max(x for x in (form, suwi) if x is not None)
    if form is not None and suwi is not None and form != suwi:
        notes.append(f"Suwinet ({euro(suwi)}) wijkt af van het formulier ({euro(form)}); het hoogste bedrag telt.")

    partner_form = v.antwoorden.partner
    brp = register_waarde(v.registers.heeftPartner)
    partner: bool | None = partner_form
    if partner_form is not None:
        invoer.append(("partner", partner_form, FORM))
    if brp is not None and isinstance(brp[0], bool):
        invoer.append(("heeftPartner", brp[0], brp[1]))
        if partner_form is not None and partner_form != brp[0]:
            notes.append("Het formulier zegt anders over een partner; de BRP is leidend.")
        partner = brp[0]
    leefvorm = None if partner is None else (Leefvorm.GEHUWD if partner else Leefvorm.ALLEENSTAAND)
    norm = b.norm(leefvorm or Leefvorm.ALLEENSTAAND)
    assert norm is not None  # a consistent policy has a norm for every leefvorm
    invoer.append(("norm", norm, BELEID))
    note = (" " + " ".join(notes)) if notes else ""
    if income <= norm:
        return _r("G2", V, f"Inkomsten {euro(income)} per maand, niet boven de norm van {euro(norm)}.{note}", invoer, w)
    if leefvorm is None:
        return _r("G2", U, f"Inkomsten {euro(income)} per maand; leefvorm (partner) onbekend.{note}", invoer, w)
    return _r("G2", N, f"Inkomsten {euro(income)} per maand, boven de norm van {euro(norm)}.{note}", invoer, w)


def g3_gevestigde_zelfstandige(f: Feiten) -> Regeluitkomst:
    d = f.verzoek.doelgroep
    w = "Aanvrager is een gevestigde ondernemer"
    invoer: list[Gelezen] = [("doelgroep", d.value, FORM)]
    if d is not Doelgroep.GEVESTIGDE:
        return _r("G3", N, f"Aanvrager is geen gevestigde ondernemer maar {d.value}.", invoer, w)
    if f.kvk_datum is not None and f.kvk_gelezen is not None:
        maanden = f.beleid.gevestigdeMinimaleDuurMaanden
        invoer += [f.kvk_gelezen, ("minimaleDuurMaanden", maanden, BELEID)]
        if add_months(f.kvk_datum, maanden) > f.verzoek.aanvraagdatum:
            return _r(
                "G3",
                U,
                f"Het formulier zegt gevestigde ondernemer, maar de KVK-inschrijving ({datum(f.kvk_datum)}) is "
                f"korter dan {maanden} maanden oud: doelgroep niet bevestigd, de KVK is leidend.",
                invoer,
                w,
            )
    return _r("G3", V, "Aanvrager is gevestigde ondernemer.", invoer, w)


def g4_alleen_levensonderhoud_kort(f: Feiten) -> Regeluitkomst:
    a, m = f.verzoek.aanvraag, f.beleid.maandenLevensonderhoudGroen
    w = f"Aanvraag voor enkel een inkomensaanvullende uitkering voor ten hoogste {m} maanden"
    invoer: list[Gelezen] = [
        ("typeAanvraag", a.typeAanvraag.value, FORM),
        ("gewensteIngangsdatum", a.gewensteIngangsdatum, FORM),
        ("verwachteEinddatum", a.verwachteEinddatum, FORM),
        ("m", m, BELEID),
    ]
    if a.typeAanvraag is not TypeAanvraag.INKOMENSAANVULLENDE_UITKERING:
        return _r("G4", N, "De aanvraag betreft (ook) bedrijfskapitaal.", invoer, w)
    if a.verwachteEinddatum < a.gewensteIngangsdatum:
        return _r("G4", U, "Verwachte einddatum ligt vóór de gewenste ingangsdatum: tegenstrijdig.", invoer, w)
    if a.verwachteEinddatum > add_months(a.gewensteIngangsdatum, m):
        return _r("G4", N, f"Gevraagde periode is langer dan {m} maanden.", invoer, w)
    return _r("G4", V, f"Alleen levensonderhoud, voor ten hoogste {m} maanden.", invoer, w)


def g6_geen_kostendelers(f: Feiten) -> Regeluitkomst:
    v, leeftijd = f.verzoek, f.beleid.kostendelerMinimumLeeftijd
    w = "Aanvrager heeft geen kostendelers"
    invoer: list[Gelezen] = [("kostendelerMinimumLeeftijd", leeftijd, BELEID)]
    form = kostendelers(v, leeftijd)
    mb = v.antwoorden.medebewoners
    if mb is not None:
        invoer.append(("medebewoners", [{"leeftijd": m.leeftijd, "studerend": m.studerend} for m in mb], FORM))
    brp, brp_bron = register_getal(v.registers.aantalMedebewoners21Plus)
    students, students_bron = register_getal(v.registers.aantalMedebewoners21PlusMetStudiefinanciering)
    if brp is not None and brp_bron is not None:
        invoer.append(("aantalMedebewoners21Plus", brp, brp_bron))
    if students is not None and students_bron is not None:
        invoer.append(("aantalMedebewoners21PlusMetStudiefinanciering", students, students_bron))
    if form is not None and form > 0:
        return _r(
            "G6", N, f"{form} medebewoner(s) van {leeftijd} jaar of ouder die niet studeren: kostendelers.", invoer, w
        )
    if brp is not None:
        possible = brp - (students or 0)
        adults_in_form = None if mb is None else sum(1 for m in mb if m.leeftijd >= leeftijd)
        if possible > 0 and (adults_in_form is None or brp > adults_in_form):
            extra = "" if adults_in_form is None else " Het formulier noemt er minder; de registratie is leidend."
            return _r(
                "G6",
                N,
                f"{possible} medebewoner(s) van {leeftijd} jaar of ouder zonder studiefinanciering volgens de "
                f"registraties: mogelijk kostendelers.{extra}",
                invoer,
                w,
            )
        if brp > 0:
            return _r(
                "G6",
                V,
                f"Medebewoners van {leeftijd} jaar of ouder studeren (studiefinanciering/BBL): geen kostendelers.",
                invoer,
                w,
            )
        return _r("G6", V, f"Geen medebewoners van {leeftijd} jaar of ouder: geen kostendelers.", invoer, w)
    if form is None:
        return _r("G6", U, "Medebewoners niet opgegeven en niet bekend uit de BRP.", invoer, w)
    return _r(
        "G6", V, f"Geen medebewoners van {leeftijd} jaar of ouder die niet studeren: geen kostendelers.", invoer, w
    )


def g7_geen_vermogen_boven_grens(f: Feiten) -> Regeluitkomst:
    toets = f.beleid.vermogenstoets
    w = "Aanvrager heeft geen vermogen in liquide middelen boven de vermogensgrens"
    invoer: list[Gelezen] = [("vermogenstoetsVanToepassing", toets.vanToepassing, BELEID)]
    if not toets.vanToepassing or toets.grensLiquideMiddelen is None:
        return _r(
            "G7", V, "Vermogenstoets niet van toepassing in deze beleidsversie (vervallen in Q4 2021).", invoer, w
        )
    grens, liquide = toets.grensLiquideMiddelen, f.verzoek.antwoorden.liquideMiddelen
    invoer.append(("vermogensgrens", grens, BELEID))
    if liquide is None:
        return _r("G7", U, "Liquide middelen niet opgegeven.", invoer, w)
    invoer.append(("liquideMiddelen", liquide, FORM))
    if liquide > grens:
        return _r("G7", N, f"Liquide middelen {euro(liquide)} boven de vermogensgrens van {euro(grens)}.", invoer, w)
    return _r("G7", V, f"Liquide middelen {euro(liquide)}, niet boven de vermogensgrens van {euro(grens)}.", invoer, w)


def _premie(f: Feiten) -> Bedrag:
    a = f.verzoek.antwoorden
    if a.arbeidsongeschiktheidsverzekering is None:
        return None, [], "niet beantwoord of er een arbeidsongeschiktheidsverzekering is"
    invoer: list[Gelezen] = [("arbeidsongeschiktheidsverzekering", a.arbeidsongeschiktheidsverzekering, FORM)]
    if not a.arbeidsongeschiktheidsverzekering:
        return 0, invoer, ""
    if a.premiePerMaand is None:
        return None, invoer, "premie arbeidsongeschiktheidsverzekering onbekend"
    return a.premiePerMaand, [*invoer, ("premiePerMaand", a.premiePerMaand, FORM)], ""


def _woonkostentoeslag(f: Feiten) -> Bedrag:
    costs, why = woonkosten(f.verzoek)
    w = f.verzoek.antwoorden.woonsituatie
    normdeel = f.beleid.bijzondereBijstand.woonkostenNormdeelPerMaand
    invoer: list[Gelezen] = [] if w is None else [("woning", w.woning.value, FORM)]
    if costs is None:
        return None, invoer, why
    invoer += [("woonkostenPerMaand", costs, FORM), ("woonkostenNormdeelPerMaand", normdeel, BELEID)]
    return max(0, costs - normdeel), invoer, ""


def _bijzondere_bijstand(f: Feiten, regel: str, eigen: Bedrag, ander: Bedrag) -> tuple[Uitkomst, str, list[Gelezen]]:
    """G8 and G9 against a separate threshold or one combined cap (seed 001, conditions 8 and 9)."""
    bb = f.beleid.bijzondereBijstand
    bedrag, invoer, why = eigen
    label = "premie arbeidsongeschiktheidsverzekering" if regel == "G8" else "woonkostentoeslag"
    if bedrag is None:
        return U, f"Niet vast te stellen: {why}.", invoer
    if bb.gecombineerdPlafondPerMaand is None:
        drempel = (
            bb.drempelPremieArbeidsongeschiktheidPerMaand if regel == "G8" else bb.drempelWoonkostentoeslagPerMaand
        )
        assert drempel is not None  # a consistent policy has both thresholds without a combined cap
        invoer = [*invoer, ("drempel", drempel, BELEID)]
        if bedrag > drempel:
            return N, f"{label.capitalize()} {euro(bedrag)} per maand, boven de drempel van {euro(drempel)}.", invoer
        if bedrag == 0:
            return V, f"Geen {label}.", invoer
        return V, f"{label.capitalize()} {euro(bedrag)} per maand, niet boven de drempel van {euro(drempel)}.", invoer
    plafond = bb.gecombineerdPlafondPerMaand
    invoer = [*invoer, ("gecombineerdPlafond", plafond, BELEID)]
    if bedrag == 0:
        return V, f"Geen {label}.", invoer
    if bedrag > plafond:
        return N, f"{label.capitalize()} {euro(bedrag)} per maand, boven het plafond bijzondere bijstand.", invoer
    other, other_invoer, other_why = ander
    invoer += other_invoer
    if other is None:
        return U, f"Gecombineerd plafond niet te toetsen: {other_why}.", invoer
    total = bedrag + other
    if total > plafond:
        return (
            N,
            f"Premie en woonkostentoeslag samen {euro(total)} per maand, boven het plafond van {euro(plafond)}.",
            invoer,
        )
    return (
        V,
        f"Premie en woonkostentoeslag samen {euro(total)} per maand, niet boven het plafond van {euro(plafond)}.",
        invoer,
    )


def g8_geen_ao_verzekering_boven_drempel(f: Feiten) -> Regeluitkomst:
    f.premie, f.toeslag = _premie(f), _woonkostentoeslag(f)
    uitkomst, tekst, invoer = _bijzondere_bijstand(f, "G8", f.premie, f.toeslag)
    return _r(
        "G8",
        uitkomst,
        tekst,
        invoer,
        "Aanvrager heeft geen arbeidsongeschiktheidsverzekering (premie niet boven de drempel)",
    )


def g9_geen_woonkostentoeslag_boven_drempel(f: Feiten) -> Regeluitkomst:
    premie = f.premie if f.premie is not None else _premie(f)
    toeslag = f.toeslag if f.toeslag is not None else _woonkostentoeslag(f)
    uitkomst, tekst, invoer = _bijzondere_bijstand(f, "G9", toeslag, premie)
    return _r("G9", uitkomst, tekst, invoer, "Aanvrager heeft geen woonkostentoeslag nodig (niet boven de drempel)")


def g10a_ingeschreven_voor_peildatum(f: Feiten) -> Regeluitkomst:
    peildatum = f.beleid.levensvatbaarheid.peildatumInschrijving
    w = f"Onderneming is vóór {datum(peildatum)} ingeschreven bij de Kamer van Koophandel"
    answer = f.verzoek.antwoorden.ingeschrevenVoorPeildatum
    invoer: list[Gelezen] = [("peildatumInschrijving", peildatum, BELEID)]
    if answer is not None:
        invoer.append(("ingeschrevenVoorPeildatum", answer, FORM))
    if f.kvk_gelezen is not None:
        invoer.append(f.kvk_gelezen)
    if f.kvk_datum is None:
        if answer is None:
            return _r("G10a", U, "Inschrijvingsdatum bij de KVK onbekend.", invoer, w)
        wording = "vóór" if answer else "op of na"
        return _r(
            "G10a",
            V if answer else N,
            f"Volgens het formulier ingeschreven {wording} de peildatum (KVK niet bekend).",
            invoer,
            w,
        )
    before = f.kvk_datum < peildatum
    note = (
        " Het formulier zegt anders; de KVK-inschrijving is leidend." if answer is not None and answer != before else ""
    )
    if before:
        return _r("G10a", V, f"Ingeschreven bij de KVK op {datum(f.kvk_datum)}, vóór de peildatum.{note}", invoer, w)
    return _r("G10a", N, f"Ingeschreven bij de KVK op {datum(f.kvk_datum)}, op of na de peildatum.{note}", invoer, w)


def _winst_voldoende(
    f: Feiten, jaar: int, answer: bool | None, amount: int | None, naam: str
) -> tuple[bool | None, list[Gelezen]]:
    """Enough profit in `jaar`: the applicant's answer, or the stated net result against the limit (policy)."""
    lv = f.beleid.levensvatbaarheid
    if lv.winstToets is WinstToets.GRENSBEDRAG and lv.winstgrensPerJaar is not None:
        invoer: list[Gelezen] = [("winstgrensPerJaar", lv.winstgrensPerJaar, BELEID)]
        if amount is None:
            return None, invoer
        return amount >= lv.winstgrensPerJaar, [*invoer, (f"nettoBedrijfsresultaat{naam}", amount, FORM)]
    if answer is None:
        return None, []
    return answer, [(f"voldoendeWinst{naam}", answer, FORM)]


def _resultaat(f: Feiten, explicit: int | None, jaar: int) -> int | None:
    """The stated net result of `jaar`: the explicit field, else the form's entry for that financial year."""
    if explicit is not None:
        return explicit
    for entry in f.verzoek.antwoorden.nettoBedrijfsresultaten or ():
        if entry.boekjaar == jaar:
            return entry.bedrag
    return None


def _winst_referentiejaar(f: Feiten) -> tuple[bool | None, list[Gelezen]]:
    a, jaar = f.verzoek.antwoorden, f.beleid.levensvatbaarheid.referentiejaar
    amount = _resultaat(f, a.nettoBedrijfsresultaatReferentiejaar, jaar)
    return _winst_voldoende(f, jaar, a.voldoendeWinstReferentiejaar, amount, "Referentiejaar")


def _winst_eerdere_jaren(f: Feiten) -> tuple[bool | None, bool | None, list[Gelezen]]:
    a, jaar = f.verzoek.antwoorden, f.beleid.levensvatbaarheid.referentiejaar
    amount1 = _resultaat(f, a.nettoBedrijfsresultaatJaarMin1, jaar - 1)
    amount2 = _resultaat(f, a.nettoBedrijfsresultaatJaarMin2, jaar - 2)
    min1, i1 = _winst_voldoende(f, jaar - 1, a.voldoendeWinstJaarMin1, amount1, "JaarMin1")
    min2, i2 = _winst_voldoende(f, jaar - 2, a.voldoendeWinstJaarMin2, amount2, "JaarMin2")
    return min1, min2, i1 + i2


def g10b_voldoende_winst(f: Feiten) -> Regeluitkomst:
    jaar = f.beleid.levensvatbaarheid.referentiejaar
    w = f"In {jaar} was de winst voldoende om in het levensonderhoud te voorzien"
    ok, invoer = _winst_referentiejaar(f)
    if ok is None:
        return _r("G10b", U, f"Niet bekend of de winst in {jaar} voldoende was.", invoer, w)
    if ok:
        return _r("G10b", V, f"Voldoende winst in {jaar}.", invoer, w)
    return _r("G10b", N, f"Onvoldoende winst in {jaar}.", invoer, w)


def g10c_geen_onbetaalbare_schulden(f: Feiten) -> Regeluitkomst:
    jaren = " en ".join(map(str, f.beleid.levensvatbaarheid.schuldenjaren))
    w = f"In {jaren} zijn geen schulden opgebouwd waarvan niet aan de betalingsverplichting kan worden voldaan"
    answer = f.verzoek.antwoorden.onbetaalbareSchulden
    if answer is None:
        return _r("G10c", U, "Niet beantwoord of er onbetaalbare schulden zijn.", [], w)
    invoer: list[Gelezen] = [("onbetaalbareSchulden", answer, FORM)]
    if answer:
        return _r("G10c", N, f"Schulden opgebouwd ({jaren} of daarvoor) waaraan niet kan worden voldaan.", invoer, w)
    return _r("G10c", V, "Geen schulden opgebouwd waaraan niet kan worden voldaan.", invoer, w)


def g10d_zelfvoorzienend_binnen_n(f: Feiten) -> Regeluitkomst:
    a, n = f.verzoek.aanvraag, f.beleid.levensvatbaarheid.maandenZelfvoorzienend
    w = f"Aanvrager verwacht binnen {n} maanden zelf in het levensonderhoud te kunnen voorzien"
    answer = f.verzoek.antwoorden.zelfvoorzienendBinnenTermijn
    by_date = a.verwachteEinddatum <= add_months(a.gewensteIngangsdatum, n)
    invoer: list[Gelezen] = [
        ("n", n, BELEID),
        ("gewensteIngangsdatum", a.gewensteIngangsdatum, FORM),
        ("verwachteEinddatum", a.verwachteEinddatum, FORM),
    ]
    if answer is None:
        ok, bron = by_date, "volgens de verwachte einddatum"
    else:
        invoer.append(("zelfvoorzienendBinnenTermijn", answer, FORM))
        if answer != by_date:
            return _r(
                "G10d",
                U,
                f"Tegenstrijdig: het antwoord over {n} maanden past niet bij de verwachte einddatum "
                f"{datum(a.verwachteEinddatum)}.",
                invoer,
                w,
            )
        ok, bron = answer, "volgens het formulier"
    if ok:
        return _r("G10d", V, f"Verwacht binnen {n} maanden in eigen levensonderhoud te voorzien ({bron}).", invoer, w)
    return _r("G10d", N, f"Verwacht niet binnen {n} maanden in eigen levensonderhoud te voorzien ({bron}).", invoer, w)


def g10e_geen_branche_op_lijst(f: Feiten) -> Regeluitkomst:
    listed = f.beleid.brancheSbiCodes
    w = "Onderneming is niet actief in een branche op de lijst van de gemeente"
    invoer: list[Gelezen] = [("brancheSbiCodes", list(listed), BELEID)]
    codes: list[str] = []
    kvk = register_waarde(f.verzoek.registers.kvkSbiCodes)
    if kvk is not None and isinstance(kvk[0], list):
        invoer.append(("kvkSbiCodes", kvk[0], kvk[1]))
        codes += [str(c) for c in kvk[0]]
    if f.verzoek.antwoorden.sbiCodes:
        invoer.append(("sbiCodes", list(f.verzoek.antwoorden.sbiCodes), FORM))
        codes += f.verzoek.antwoorden.sbiCodes
    if not codes:
        return _r("G10e", U, "Branche (SBI-code) onbekend.", invoer, w)
    prefixes = tuple(listed)
    hits = sorted({c for c in codes if c.startswith(prefixes)}) if listed else []
    if hits:
        return _r("G10e", N, f"Actief in een branche op de lijst van de gemeente ({', '.join(hits)}).", invoer, w)
    return _r("G10e", V, "Niet actief in een branche op de lijst van de gemeente.", invoer, w)


GREEN_RULES: tuple[Callable[[Feiten], Regeluitkomst], ...] = (
    g1_geen_uitsluitingsgrond,
    g2_geen_inkomsten_boven_norm,
    g3_gevestigde_zelfstandige,
    g4_alleen_levensonderhoud_kort,
    g6_geen_kostendelers,
    g7_geen_vermogen_boven_grens,
    g8_geen_ao_verzekering_boven_drempel,
    g9_geen_woonkostentoeslag_boven_drempel,
    g10a_ingeschreven_voor_peildatum,
    g10b_voldoende_winst,
    g10c_geen_onbetaalbare_schulden,
    g10d_zelfvoorzienend_binnen_n,
    g10e_geen_branche_op_lijst,
)


# ---------------------------------------------------------------------------------------------- orange


def _mirror(regel: str, green: Regeluitkomst, voorwaarde: str, held: str) -> Regeluitkomst:
    """An orange or red condition that is the negation of a green one: it holds where the green one fails."""
    if green.uitkomst is N:
        return _r(regel, V, f"{held} ({green.regel}: {green.toelichting})", green.invoer, voorwaarde)
    if green.uitkomst is U:
        return _r(regel, U, f"Onbekend, zie {green.regel}.", green.invoer, voorwaarde)
    return _r(regel, N, f"Niet van toepassing: {green.regel} is voldaan.", green.invoer, voorwaarde)


def o6_winst_eerdere_jaren(f: Feiten, g10b: Regeluitkomst) -> Regeluitkomst:
    jaar = f.beleid.levensvatbaarheid.referentiejaar
    w = f"In {jaar} was de winst niet voldoende, maar in {jaar - 1} en {jaar - 2} wel"
    min1, min2, invoer = _winst_eerdere_jaren(f)
    invoer = [*g10b.invoer, *invoer]
    if g10b.uitkomst is not N:
        return _r("O6", U if g10b.uitkomst is U else N, "Niet van toepassing: zie G10b.", invoer, w)
    if min1 is True and min2 is True:
        return _r("O6", V, f"Onvoldoende winst in {jaar}, maar voldoende in {jaar - 1} en {jaar - 2}.", invoer, w)
    if min1 is False or min2 is False:
        return _r("O6", N, f"Ook in {jaar - 1} of {jaar - 2} onvoldoende winst.", invoer, w)
    return _r("O6", U, f"Niet bekend of de winst in {jaar - 1} en {jaar - 2} voldoende was.", invoer, w)


def orange_rules(f: Feiten, g: dict[str, Regeluitkomst]) -> list[Regeluitkomst]:
    peildatum = f.beleid.levensvatbaarheid.peildatumInschrijving
    return [
        _mirror(
            "O1", g["G6"], "Aanvrager heeft kostendelers of medebewoners die mogelijk kostendeler zijn", "Kostendelers"
        ),
        _mirror(
            "O2",
            g["G7"],
            "Aanvrager heeft vermogen in liquide middelen boven de vermogensgrens",
            "Vermogen boven de grens",
        ),
        _mirror(
            "O3",
            g["G8"],
            "Aanvrager heeft een arbeidsongeschiktheidsverzekering (premie boven de drempel)",
            "Premie boven de drempel",
        ),
        _mirror(
            "O4",
            g["G9"],
            "Aanvrager heeft woonkostentoeslag nodig (boven de drempel)",
            "Woonkostentoeslag boven de drempel",
        ),
        _mirror(
            "O5",
            g["G10a"],
            f"Onderneming is op of na {datum(peildatum)} gestart (ingeschreven of gevestigd)",
            "Gestart na de peildatum",
        ),
        o6_winst_eerdere_jaren(f, g["G10b"]),
    ]


# ---------------------------------------------------------------------------------------------- red


def r2_krediet(f: Feiten) -> Regeluitkomst:
    t = f.verzoek.aanvraag.typeAanvraag
    w = "Aanvraag voor krediet (bedrijfskapitaal)"
    invoer: list[Gelezen] = [("typeAanvraag", t.value, FORM)]
    if f.verzoek.aanvraag.bedrag is not None:
        invoer.append(("bedrag", f.verzoek.aanvraag.bedrag, FORM))
    if t is TypeAanvraag.INKOMENSAANVULLENDE_UITKERING:
        return _r("R2", N, "Geen kredietaanvraag.", invoer, w)
    return _r("R2", V, "Aanvraag voor bedrijfskapitaal: handmatige route.", invoer, w)


def r3a_winst_onvoldoende(f: Feiten, g10b: Regeluitkomst, o6: Regeluitkomst) -> Regeluitkomst:
    jaar = f.beleid.levensvatbaarheid.referentiejaar
    w = f"In {jaar} én in {jaar - 1} of {jaar - 2} was de winst niet voldoende"
    if g10b.uitkomst is N and o6.uitkomst is N:
        return _r("R3a", V, f"Onvoldoende winst in {jaar} en in {jaar - 1} of {jaar - 2}.", o6.invoer, w)
    if g10b.uitkomst is V or o6.uitkomst is V:
        return _r("R3a", N, "Niet van toepassing: zie G10b en O6.", o6.invoer, w)
    return _r("R3a", U, "Onbekend: zie G10b en O6.", o6.invoer, w)


def red_rules(f: Feiten, g: dict[str, Regeluitkomst], o: dict[str, Regeluitkomst]) -> list[Regeluitkomst]:
    n = f.beleid.levensvatbaarheid.maandenZelfvoorzienend
    return [
        _mirror(
            "R1",
            g["G3"],
            "Aanvrager is een starter, oudere ondernemer, IOAZ'er of beëindigend ondernemer",
            "Geen gevestigde ondernemer",
        ),
        r2_krediet(f),
        r3a_winst_onvoldoende(f, g["G10b"], o["O6"]),
        _mirror(
            "R3b",
            g["G10c"],
            "Er zijn schulden opgebouwd waarvan niet aan de betalingsverplichting kan worden voldaan",
            "Onbetaalbare schulden",
        ),
        _mirror(
            "R3c",
            g["G10d"],
            f"Aanvrager verwacht langer dan {n} maanden niet zelf in het levensonderhoud te kunnen voorzien",
            "Langer dan n maanden niet zelfvoorzienend",
        ),
        _mirror("R3d", g["G10e"], "Onderneming is actief in een specifieke branche", "Branche op de lijst"),
    ]


# Green conditions that an orange condition softens (seed 001: orange mirrors G6, G7, G8, G9, G10a and G10b).
ORANGE_MIRRORS = {"G6": "O1", "G7": "O2", "G8": "O3", "G9": "O4", "G10a": "O5", "G10b": "O6"}
# Green conditions whose failure a red condition already names (no separate reason needed).
RED_MIRRORS = {"G3": "R1", "G10b": "R3a", "G10c": "R3b", "G10d": "R3c", "G10e": "R3d"}


def _reden(r: Regeluitkomst) -> str:
    return f"{r.regel}: {r.toelichting}"


def _evaluate(verzoek: RouteringVerzoek, beleid: BeleidsversieInhoud) -> tuple[Route, list[Regeluitkomst], list[str]]:
    f = Feiten(verzoek, beleid)
    return _select(f, [rule(f) for rule in GREEN_RULES])


def _select(f: Feiten, green: list[Regeluitkomst]) -> tuple[Route, list[Regeluitkomst], list[str]]:
    """The orange, red and municipal rules after the green ones, and the route with its reasons."""
    verzoek = f.verzoek
    g = {r.regel: r for r in green}
    orange = orange_rules(f, g)
    o = {r.regel: r for r in orange}
    red = red_rules(f, g, o)
    own = gemeentelijk.evaluate(f, f.beleid.aanvullendeVoorwaarden)
    regels = green + orange + red + [r for r, _ in own]

    red_by_id = {x.regel: x for x in red}
    red_reasons = [_reden(x) for x in red if x.uitkomst is V]
    unknown: list[str] = []
    for x in green:
        if x.uitkomst is U:
            unknown.append(_reden(x))
        if x.uitkomst is not N:
            continue
        orange_mirror, red_mirror = o.get(ORANGE_MIRRORS.get(x.regel, "")), red_by_id.get(RED_MIRRORS.get(x.regel, ""))
        if orange_mirror is not None and orange_mirror.uitkomst is V:
            continue  # softened: orange
        if red_mirror is not None and red_mirror.uitkomst is V:
            continue  # already a red reason
        open_mirror = next((m for m in (orange_mirror, red_mirror) if m is not None and m.uitkomst is U), None)
        if open_mirror is not None:
            unknown.append(f"{_reden(x)} Nader te onderzoeken ({open_mirror.regel}): {open_mirror.toelichting}")
        elif x.regel == "G4" and verzoek.aanvraag.typeAanvraag is not TypeAanvraag.INKOMENSAANVULLENDE_UITKERING:
            continue  # the type of request is R2's business (and split per product)
        else:
            red_reasons.append(_reden(x))
    red_reasons += [_reden(x) for x, route in own if x.uitkomst is N and route is Route.ROOD]
    if red_reasons:
        return Route.ROOD, regels, red_reasons
    orange_reasons = [_reden(x) for x in orange if x.uitkomst is V]
    orange_reasons += [_reden(x) for x, route in own if x.uitkomst is N and route is Route.ORANJE]
    unknown += [_reden(x) for x, _ in own if x.uitkomst is U]
    all_clear = all(x.uitkomst is V for x in green) and all(x.uitkomst is N for x in orange + red)
    if orange_reasons or unknown or not all_clear:
        # Missing or contradictory data never leads to green: an officer looks at it (orange).
        return Route.ORANJE, regels, orange_reasons + unknown
    return Route.GROEN, regels, ["Alle voorwaarden voor de snelle route zijn voldaan."]


def bepaal_route(verzoek: RouteringVerzoek, beleid: BeleidsversieInhoud) -> Bepaling:
    """The route of one application under one policy version, with every rule evaluated. Pure."""
    route, regels, redenen = _evaluate(verzoek, beleid)
    if verzoek.aanvraag.typeAanvraag is not TypeAanvraag.BEIDE:
        return Bepaling(route, regels, redenen, None)
    # Split request (seed 001, condition 4): the income part on its own merits, the credit part by the red route.
    income_only = verzoek.model_copy(
        update={
            "aanvraag": verzoek.aanvraag.model_copy(update={"typeAanvraag": TypeAanvraag.INKOMENSAANVULLENDE_UITKERING})
        }
    )
    income_route, _, income_reasons = _evaluate(income_only, beleid)
    credit_reasons = [_reden(r) for r in regels if r.regel == "R2"]
    split = [
        (TypeAanvraag.INKOMENSAANVULLENDE_UITKERING, income_route, income_reasons),
        (TypeAanvraag.BEDRIJFSKAPITAAL, Route.ROOD, credit_reasons),
    ]
    return Bepaling(route, regels, redenen, split)


def bepaal_alleen_route(verzoek: RouteringVerzoek, beleid: BeleidsversieInhoud) -> Route:
    """The route only (what-if): the same rules and selection, without the split and without a response.

    It stops at the first green condition that fails where no orange condition can soften it (all but G6 to
    G10b): such a failure is a red reason itself or makes its red mirror hold (G3: R1, G4 for credit: R2,
    G10c-e: R3b-d), and one red reason makes the route rood whatever the other rules say. About half of all
    applications go red, most of them on G1, G3 or G4, so the what-if skips most rules for them."""
    f = Feiten(verzoek, beleid)
    green: list[Regeluitkomst] = []
    for rule in GREEN_RULES:
        uitkomst = rule(f)
        if uitkomst.uitkomst is N and uitkomst.regel not in ORANGE_MIRRORS:
            return Route.ROOD
        green.append(uitkomst)
    return _select(f, green)[0]
