"""Evaluate an NDJSON stream of applications under a candidate policy version and under the active versions
(valid on each application's date for its municipality), keeping only counts and a bounded list of changes:
memory does not grow with the number of applications."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from bbz_common.problems import InvalidInput, InvalidParam, invalid_params_from_errors
from routing_api.beleid import service as beleid
from routing_api.beleid.models import BeleidsversieRij
from routing_api.beleid.schemas import BeleidsversieInhoud
from routing_api.regels.afhandelroutes import bepaal_alleen_route
from routing_api.routering.schemas import BeleidsversieRef, Route, RouteringVerzoek
from routing_api.watals.schemas import OngeldigeRegel, Overgang, Tellingen, WatAlsAnalyse, Wijziging

BATCH = 2000
MAX_ONGELDIG = 100
MAX_JSON_ITEMS = 10_000
_JSON_BATCH = TypeAdapter(list[RouteringVerzoek])


class Analyse:
    def __init__(self, kandidaat: BeleidsversieRij, actief: beleid.ActieveVersies, max_gewijzigd: int) -> None:
        self.kandidaat_ref = BeleidsversieRef(id=kandidaat.id, inhoudHash=kandidaat.inhoud_hash)
        self.kandidaat: BeleidsversieInhoud = beleid.inhoud_of(kandidaat)
        self.actief = actief
        self.max_gewijzigd = max_gewijzigd
        self.regelnummer = 0
        self.aantal = 0
        self.gemeentecode = self.kandidaat.gemeentecode
        self.andere_gemeente = 0
        self.ongeldig: list[OngeldigeRegel] = []
        self.aantal_ongeldig = 0
        self.kandidaat_telling: Counter[Route] = Counter()
        self.actief_telling: Counter[Route] = Counter()
        self.zonder_actief = 0
        self.overgangen: Counter[tuple[Route | None, Route]] = Counter()
        self.gewijzigd: list[Wijziging] = []
        self.aantal_gewijzigd = 0

    def regels(self, lines: list[bytes]) -> None:
        for line in lines:
            self.regelnummer += 1
            if not line.strip():
                continue
            try:
                verzoek = RouteringVerzoek.model_validate_json(line)
            except ValidationError as exc:
                self._ongeldig(invalid_params_from_errors(exc.errors()))
                continue
            self._evalueer(verzoek)

    def verzoeken(self, items: list[RouteringVerzoek]) -> None:
        for verzoek in items:
            self.regelnummer += 1
            self._evalueer(verzoek)

    def _ongeldig(self, fouten: list[InvalidParam]) -> None:
        self.aantal_ongeldig += 1
        if len(self.ongeldig) < MAX_ONGELDIG:
            self.ongeldig.append(OngeldigeRegel(regelnummer=self.regelnummer, fouten=fouten))

    def _evalueer(self, verzoek: RouteringVerzoek) -> None:
        if self.gemeentecode is not None and verzoek.gemeentecode != self.gemeentecode:
            self.andere_gemeente += 1  # a municipality's candidate is tried on its own applications
            return
        self.aantal += 1
        naar = bepaal_alleen_route(verzoek, self.kandidaat)
        self.kandidaat_telling[naar] += 1
        row = self.actief.voor(verzoek.gemeentecode, verzoek.aanvraagdatum)
        van: Route | None
        if row is None:
            self.zonder_actief += 1
            van = None
        elif row.inhoud_hash == self.kandidaat_ref.inhoudHash:
            van = naar  # the candidate is itself the active version here
        else:
            van = bepaal_alleen_route(verzoek, beleid.inhoud_of(row))
        if van is not None:
            self.actief_telling[van] += 1
        if van is not naar:
            self.aantal_gewijzigd += 1
            self.overgangen[(van, naar)] += 1
            if len(self.gewijzigd) < self.max_gewijzigd:
                self.gewijzigd.append(
                    Wijziging(regelnummer=self.regelnummer, aanvraagId=verzoek.aanvraagId, van=van, naar=naar)
                )

    def resultaat(self) -> WatAlsAnalyse:
        def tellingen(c: Counter[Route]) -> Tellingen:
            return Tellingen(groen=c[Route.GROEN], oranje=c[Route.ORANJE], rood=c[Route.ROOD])

        order = {None: 0, Route.GROEN: 1, Route.ORANJE: 2, Route.ROOD: 3}
        return WatAlsAnalyse(
            kandidaat=self.kandidaat_ref,
            aantal=self.aantal,
            aantalOngeldig=self.aantal_ongeldig,
            aantalAndereGemeente=self.andere_gemeente,
            ongeldig=self.ongeldig,
            verdelingKandidaat=tellingen(self.kandidaat_telling),
            verdelingActief=tellingen(self.actief_telling),
            zonderActieveVersie=self.zonder_actief,
            aantalGewijzigd=self.aantal_gewijzigd,
            overgangen=[
                Overgang(van=van, naar=naar, aantal=n)
                for (van, naar), n in sorted(self.overgangen.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
            ],
            gewijzigd=self.gewijzigd,
            gewijzigdAfgekapt=self.aantal_gewijzigd > len(self.gewijzigd),
        )


async def ndjson_lines(chunks: AsyncIterator[bytes], batch: int = BATCH) -> AsyncIterator[list[bytes]]:
    """Lines of an NDJSON byte stream, in batches; only one batch and one partial line are held."""
    rest = b""
    lines: list[bytes] = []
    async for chunk in chunks:
        rest += chunk
        *complete, rest = rest.split(b"\n")
        lines.extend(complete)
        if len(lines) >= batch:
            yield lines
            lines = []
    if rest.strip():
        lines.append(rest)
    if lines:
        yield lines


async def analyse(
    kandidaat: BeleidsversieRij, actief: beleid.ActieveVersies, chunks: AsyncIterator[bytes], max_gewijzigd: int
) -> WatAlsAnalyse:
    analyse = Analyse(kandidaat, actief, max_gewijzigd)
    async for lines in ndjson_lines(chunks):
        # The evaluation is CPU-bound: off the event loop, one batch at a time.
        await run_in_threadpool(analyse.regels, lines)
    return analyse.resultaat()


def parse_json_batch(body: bytes) -> list[RouteringVerzoek]:
    """A small batch as one JSON array: validated as a whole, every invalid field in one 400."""
    try:
        items = _JSON_BATCH.validate_json(body)
    except ValidationError as exc:
        params = invalid_params_from_errors(exc.errors())
        raise InvalidInput(f"{len(params)} invalid field(s) in the batch", invalid_params=params) from None
    if len(items) > MAX_JSON_ITEMS:
        raise InvalidInput(
            f"At most {MAX_JSON_ITEMS} applications in a JSON array; stream more as NDJSON.",
            invalid_params=[InvalidParam(name="body", code="too_long", reason=f"at most {MAX_JSON_ITEMS} items")],
        )
    return items


async def analyse_list(
    kandidaat: BeleidsversieRij, actief: beleid.ActieveVersies, items: list[RouteringVerzoek], max_gewijzigd: int
) -> WatAlsAnalyse:
    analyse = Analyse(kandidaat, actief, max_gewijzigd)
    await run_in_threadpool(analyse.verzoeken, items)
    return analyse.resultaat()
