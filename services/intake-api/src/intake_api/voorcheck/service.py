"""Rules of the doelgroep pre-check. Every number comes from the dated parameter table.

An applicant always keeps the right to apply (model form T7): what this check finds is a warning, shown in
the form and stored with a submitted application; it never refuses anything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bbz_common.problems import InvalidInput, InvalidParam
from intake_api.voorcheck.parameters import ParameterTabel, Parameterwaarde, standaard_tabel
from intake_api.voorcheck.schemas import (
    Doelgroep,
    DoelgroepCheck,
    DoelgroepCheckVerzoek,
    GebruiktParameter,
    Uitsluitingsgrond,
    Waarschuwing,
)

_LABEL = {
    Doelgroep.STARTER: "starter",
    Doelgroep.GEVESTIGDE: "gevestigde ondernemer",
    Doelgroep.OUDERE_ZELFSTANDIGE: "oudere zelfstandige",
    Doelgroep.BEEINDIGING: "beëindiging van het bedrijf",
    Doelgroep.IOAZ: "IOAZ",
}


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the last day of the month where the day does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(f"cannot add {months} months to {day}")


def age_in_years(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class GeenParameter(InvalidInput):
    """The peildatum lies before the first value of a parameter: nothing can be judged on it."""

    def __init__(self, naam: str, peildatum: dt.date) -> None:
        super().__init__(
            f"No value of parameter {naam} applies on {peildatum.isoformat()}: the pre-check cannot judge that date.",
            code="peildatum_buiten_parameters",
            invalid_params=[
                InvalidParam(name="peildatum", code="out_of_range", reason=f"no value of {naam} applies on this date")
            ],
        )


@dataclass
class _Beoordeling:
    """One evaluation: the parameters it read are remembered, so the answer can show them."""

    verzoek: DoelgroepCheckVerzoek
    peildatum: dt.date
    tabel: ParameterTabel
    gebruikt: dict[str, Parameterwaarde] = field(default_factory=dict)

    def param(self, naam: str) -> Any:
        waarde = self.tabel.op(naam, self.peildatum)
        if waarde is None:
            raise GeenParameter(naam, self.peildatum)
        self.gebruikt[naam] = waarde
        return waarde.waarde

    # ---- facts -----------------------------------------------------------------------------------------

    def leeftijd(self) -> int | None:
        g = self.verzoek.geboortedatum
        return age_in_years(g, self.peildatum) if g is not None else None

    def gestart(self) -> bool:
        start = self.verzoek.startdatumOnderneming
        return start is not None and start <= self.peildatum

    def stopt(self) -> bool:
        return self.verzoek.wilStoppen or self.verzoek.moetStoppen

    def pensioenleeftijd_bereikt(self) -> bool | None:
        g = self.verzoek.geboortedatum
        if g is None:
            return None
        leeftijd = self.param("pensioenleeftijd")
        return add_months(g, 12 * int(leeftijd["jaren"]) + int(leeftijd["maanden"])) <= self.peildatum

    # ---- criteria per target group: True, False, or None when the answers do not tell -------------------

    def past_bij(self, doelgroep: Doelgroep) -> bool | None:
        v = self.verzoek
        leeftijd = self.leeftijd()
        if doelgroep is Doelgroep.STARTER:
            if not self.gestart():
                return True
            assert v.startdatumOnderneming is not None
            grens = add_months(v.startdatumOnderneming, int(self.param("starterMaximaleDuurMaanden")))
            return self.peildatum < grens
        if doelgroep is Doelgroep.GEVESTIGDE:
            if not self.gestart():
                return False if v.startdatumOnderneming is not None else None
            assert v.startdatumOnderneming is not None
            grens = add_months(v.startdatumOnderneming, int(self.param("starterMaximaleDuurMaanden")))
            return self.peildatum >= grens
        if doelgroep is Doelgroep.OUDERE_ZELFSTANDIGE:
            if leeftijd is None or v.geboortedatum is None:
                return None
            geboren_voor = self.tabel.op("oudereZelfstandigeGeborenVoor", self.peildatum)
            if geboren_voor is not None and v.geboortedatum < dt.date.fromisoformat(geboren_voor.waarde):
                self.gebruikt[geboren_voor.naam] = geboren_voor
                return True
            return leeftijd >= int(self.param("oudereZelfstandigeMinimumleeftijdJaren"))
        if doelgroep is Doelgroep.IOAZ:
            if leeftijd is None:
                return None
            self.param("ioazStoppenBinnenMaanden")
            return leeftijd >= int(self.param("ioazMinimumleeftijdJaren"))
        # Beëindiging: whether the business must stop is the applicant's own answer.
        return None

    def kandidaten(self) -> tuple[list[Doelgroep], list[str]]:
        v = self.verzoek
        kandidaten: list[Doelgroep] = []
        redenen: list[str] = []
        if v.moetStoppen:
            kandidaten.append(Doelgroep.BEEINDIGING)
            redenen.append("U moet noodgedwongen stoppen met uw bedrijf.")
        if self.stopt() and self.past_bij(Doelgroep.IOAZ):
            kandidaten.append(Doelgroep.IOAZ)
            redenen.append(
                f"U bent {self.param('ioazMinimumleeftijdJaren')} jaar of ouder en stopt binnen "
                f"{self.param('ioazStoppenBinnenMaanden')} maanden met uw bedrijf."
            )
        if v.wilStoppen and Doelgroep.BEEINDIGING not in kandidaten:
            kandidaten.append(Doelgroep.BEEINDIGING)
            redenen.append("U wilt stoppen met uw bedrijf.")
        if self.past_bij(Doelgroep.STARTER):
            kandidaten.append(Doelgroep.STARTER)
            redenen.append(
                f"U start een bedrijf of bent korter dan {self.param('starterMaximaleDuurMaanden')} maanden "
                "geleden gestart."
            )
        if self.gestart() and self.past_bij(Doelgroep.OUDERE_ZELFSTANDIGE):
            kandidaten.append(Doelgroep.OUDERE_ZELFSTANDIGE)
            redenen.append(
                f"U bent ondernemer en {self.param('oudereZelfstandigeMinimumleeftijdJaren')} jaar of ouder "
                "(of geboren voor de peildatum van het formulier)."
            )
        if self.past_bij(Doelgroep.GEVESTIGDE):
            kandidaten.append(Doelgroep.GEVESTIGDE)
            redenen.append(f"U bent langer dan {self.param('starterMaximaleDuurMaanden')} maanden ondernemer.")
        return kandidaten, redenen

    def uitsluitingsgronden(self) -> list[Uitsluitingsgrond]:
        v = self.verzoek
        gronden: list[Uitsluitingsgrond] = []
        leeftijd = self.leeftijd()
        if leeftijd is not None and leeftijd < int(self.param("minimumleeftijdJaren")):
            gronden.append(
                Uitsluitingsgrond(
                    vraagId="U1",
                    code="jonger-dan-minimumleeftijd",
                    melding=f"U bent jonger dan {self.param('minimumleeftijdJaren')} jaar.",
                )
            )
        if self.pensioenleeftijd_bereikt():
            p = self.param("pensioenleeftijd")
            gronden.append(
                Uitsluitingsgrond(
                    vraagId="U1",
                    code="pensioenleeftijd-bereikt",
                    melding=f"U heeft de AOW-leeftijd ({p['jaren']} jaar en {p['maanden']} maanden) bereikt.",
                )
            )
        if v.voldoetAanUrencriterium is False:
            gronden.append(
                Uitsluitingsgrond(
                    vraagId="U2",
                    code="urencriterium-niet-voldaan",
                    melding=f"U voldoet niet aan het urencriterium ({self.param('urencriteriumUrenPerJaar')} uur "
                    "per jaar).",
                )
            )
        if v.rechtmatigGevestigd is False:
            gronden.append(
                Uitsluitingsgrond(
                    vraagId="U3", code="niet-rechtmatig-gevestigd", melding="Uw bedrijf is niet rechtmatig gevestigd."
                )
            )
        if v.woontInGemeente is False:
            gronden.append(
                Uitsluitingsgrond(
                    vraagId="U4",
                    code="woont-niet-in-gemeente",
                    melding="U woont niet in de gemeente waar u de aanvraag indient.",
                )
            )
        return gronden


@dataclass(frozen=True)
class _Uitkomst:
    kandidaten: list[Doelgroep]
    redenen: list[str]
    gronden: list[Uitsluitingsgrond]
    waarschuwingen: list[Waarschuwing]
    geen_recht: bool


def _beoordeel(b: _Beoordeling) -> _Uitkomst:
    kandidaten, redenen = b.kandidaten()
    gronden = b.uitsluitingsgronden()
    waarschuwingen = [Waarschuwing(code=g.code, vraagId=g.vraagId, melding=g.melding) for g in gronden]
    if b.verzoek.inkomenBovenNorm:
        waarschuwingen.append(
            Waarschuwing(
                code="inkomen-boven-norm",
                melding="Uw inkomen ligt boven de bijstandsnorm: u heeft waarschijnlijk geen recht op een "
                "inkomensaanvullende uitkering.",
            )
        )
    geen_recht = bool(gronden) or bool(b.verzoek.inkomenBovenNorm)
    if geen_recht:
        waarschuwingen.append(
            Waarschuwing(
                code="waarschijnlijk-geen-recht",
                melding="Op grond van uw antwoorden heeft u waarschijnlijk geen recht op Bbz. U kunt toch een "
                "aanvraag indienen; de gemeente beoordeelt die.",
            )
        )
    return _Uitkomst(kandidaten, redenen, gronden, waarschuwingen, geen_recht)


def check(
    verzoek: DoelgroepCheckVerzoek, *, vandaag: dt.date | None = None, tabel: ParameterTabel | None = None
) -> DoelgroepCheck:
    peildatum = verzoek.peildatum or vandaag or dt.date.today()
    b = _Beoordeling(verzoek=verzoek, peildatum=peildatum, tabel=tabel or standaard_tabel())
    uitkomst = _beoordeel(b)
    return DoelgroepCheck(
        peildatum=peildatum,
        doelgroep=uitkomst.kandidaten[0] if uitkomst.kandidaten else None,
        ookMogelijk=uitkomst.kandidaten[1:],
        redenen=uitkomst.redenen,
        uitsluitingsgronden=uitkomst.gronden,
        waarschijnlijkGeenRecht=uitkomst.geen_recht,
        waarschuwingen=uitkomst.waarschuwingen,
        parameters=[
            GebruiktParameter(naam=p.naam, waarde=p.waarde, geldigVanaf=p.geldigVanaf, bron=p.bron, status=p.status)
            for p in sorted(b.gebruikt.values(), key=lambda p: p.naam)
        ],
    )


# ---- the same check on a submitted application ----------------------------------------------------------

# Where the answers sit in a submitted form (AanvraagIndienen.model_dump(mode="json")). Paths that are not
# there are simply not judged, so the form schema can grow without breaking this.
_GEBOORTEDATUM = (("personalia", "geboortedatum"), ("uitsluitingsgronden", "geboortedatum"))
_URENCRITERIUM = (("uitsluitingsgronden", "urencriterium"),)
_RECHTMATIG = (("uitsluitingsgronden", "rechtmatigGevestigd"),)
_WOONT_IN_GEMEENTE = (("uitsluitingsgronden", "woontInGemeente"), ("uitsluitingsgronden", "woonplaatsInGemeente"))
_STARTDATUM_KEYS = ("datumVestiging", "datumInschrijving")
_DOELGROEPEN = frozenset(d.value for d in Doelgroep)


def _first(form: dict[str, Any], paths: tuple[tuple[str, ...], ...]) -> Any:
    for path in paths:
        node: Any = form
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return node
    return None


def _find_key(node: Any, key: str) -> Any:
    """The first value under ``key`` anywhere in ``node`` (the onderneming block differs per doelgroep)."""
    if isinstance(node, dict):
        if node.get(key) is not None:
            return node[key]
        for child in node.values():
            found = _find_key(child, key)
            if found is not None:
                return found
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def warnings_for(
    form: dict[str, Any], *, vandaag: dt.date | None = None, tabel: ParameterTabel | None = None
) -> list[dict[str, Any]]:
    """The pre-check's warnings for a submitted application, as JSON-ready dicts ``{code, vraagId, melding}``.

    Pure: reads only ``form`` and the parameter table. The intake stores these on the application
    (``waarschuwingen``); they never stop a submission, not even when the check itself cannot be made."""
    try:
        return _warnings(form, vandaag or dt.date.today(), tabel or standaard_tabel())
    except GeenParameter as exc:
        return [Waarschuwing(code="voorcheck-niet-mogelijk", vraagId=None, melding=exc.detail).model_dump(mode="json")]


def _warnings(form: dict[str, Any], peildatum: dt.date, tabel: ParameterTabel) -> list[dict[str, Any]]:
    doelgroep_raw = form.get("doelgroep")
    gekozen = Doelgroep(doelgroep_raw) if doelgroep_raw in _DOELGROEPEN else None
    startdatum = None
    for key in _STARTDATUM_KEYS:
        startdatum = _date(_find_key(form.get("onderneming"), key))
        if startdatum is not None:
            break
    verzoek = DoelgroepCheckVerzoek(
        geboortedatum=_date(_first(form, _GEBOORTEDATUM)),
        startdatumOnderneming=startdatum,
        wilStoppen=gekozen is Doelgroep.IOAZ,
        moetStoppen=gekozen is Doelgroep.BEEINDIGING,
        voldoetAanUrencriterium=_bool(_first(form, _URENCRITERIUM)),
        rechtmatigGevestigd=_bool(_first(form, _RECHTMATIG)),
        woontInGemeente=_bool(_first(form, _WOONT_IN_GEMEENTE)),
    )
    # The check's own evaluation, without the answer model it builds for the pre-check endpoint (the used
    # parameters are not stored with an application): this runs in every submission.
    b = _Beoordeling(verzoek=verzoek, peildatum=peildatum, tabel=tabel)
    uitkomst = _beoordeel(b)
    waarschuwingen = [w.model_dump(mode="json") for w in uitkomst.waarschuwingen]
    if gekozen is not None and b.past_bij(gekozen) is False:
        voorstel = ""
        beste = uitkomst.kandidaten[0] if uitkomst.kandidaten else None
        if beste is not None and beste is not gekozen:
            voorstel = f" Op grond van de antwoorden lijkt '{_LABEL[beste]}' beter te passen."
        waarschuwingen.insert(
            0,
            Waarschuwing(
                code="doelgroep-past-niet",
                vraagId="A1",
                melding=f"De gekozen doelgroep '{_LABEL[gekozen]}' past niet bij de antwoorden.{voorstel}",
            ).model_dump(mode="json"),
        )
    return waarschuwingen
