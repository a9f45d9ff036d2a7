"""Mock of the KVK API Basisprofiel v1 (`GET /v1/basisprofielen/{kvkNummer}`, `/eigenaar`,
`/hoofdvestiging`), as answered by KVK's test environment with `Accept: application/hal+json` (HAL
`_embedded` and `_links`, see ../shared/contracts/kvk).

Errors as KVK answers them, `{"fout": [{"code", "omschrijving"}]}`:
- a number that is not 8 digits: 400 `IPD0004`;
- an unknown number (e.g. 12345678): 404 `IPD0005` (recorded answer);
- the KVK test environment's "Foutmelding" numbers: 90004973 → 500 `IPD9999`, 90002903 → 503 `IPD1002`;
- a missing or wrong `apikey` header (when a key is configured): 401."""

from __future__ import annotations

import re
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from registers_adapter.personas import store

PATH = "/v1/basisprofielen/{kvkNummer}"
HAL_JSON = "application/hal+json"
log = structlog.get_logger("registers.mock.kvk")

ERROR_NUMBERS = {
    "90004973": (500, "IPD9999", "Er is een algemene technische fout opgetreden."),
    "90002903": (503, "IPD1002", "De dienst is tijdelijk niet beschikbaar."),
}


FOUT_API_KEY = ("IPD0001", "Geen geldige API-key meegegeven.")


def fout_body(code: str, omschrijving: str) -> dict[str, Any]:
    return {"fout": [{"code": code, "omschrijving": omschrijving}]}


def fout(status: int, code: str, omschrijving: str) -> JSONResponse:
    return JSONResponse(fout_body(code, omschrijving), status_code=status)


def render(o: dict[str, Any], base: str) -> dict[str, Any]:
    nummer = o["kvkNummer"]
    self_href = f"{base}/v1/basisprofielen/{nummer}"
    adres = o["adres"]
    vestigingsnummer = f"0000{nummer}"
    eigenaar: dict[str, Any] = {
        "rechtsvorm": o["rechtsvorm"],
        "uitgebreideRechtsvorm": o["uitgebreideRechtsvorm"],
        "_links": {"self": {"href": f"{self_href}/eigenaar"}, "basisprofiel": {"href": self_href}},
    }
    if o.get("rsin"):
        eigenaar = {"rsin": o["rsin"], **eigenaar}
    return {
        "kvkNummer": nummer,
        "indNonMailing": "Ja",
        "naam": o["naam"],
        "formeleRegistratiedatum": o["formeleRegistratiedatum"],
        "materieleRegistratie": {"datumAanvang": o["datumAanvang"]},
        "totaalWerkzamePersonen": o["totaalWerkzamePersonen"],
        **({"statutaireNaam": o["naam"]} if o.get("rsin") else {}),
        "handelsnamen": [{"naam": naam, "volgorde": i} for i, naam in enumerate(o["handelsnamen"])],
        "sbiActiviteiten": o["sbiActiviteiten"],
        "_embedded": {
            "eigenaar": eigenaar,
            "hoofdvestiging": {
                "vestigingsnummer": vestigingsnummer,
                "kvkNummer": nummer,
                "formeleRegistratiedatum": o["formeleRegistratiedatum"],
                "materieleRegistratie": {"datumAanvang": o["datumAanvang"]},
                "eersteHandelsnaam": o["handelsnamen"][0],
                "indHoofdvestiging": "Ja",
                "indCommercieleVestiging": "Ja",
                "totaalWerkzamePersonen": o["totaalWerkzamePersonen"],
                "adressen": [
                    {"type": "bezoekadres", "indAfgeschermd": "Ja", "land": "Nederland"}
                    if adres.get("afgeschermd")
                    else {
                        "type": "bezoekadres",
                        "indAfgeschermd": "Nee",
                        "volledigAdres": f"{adres['straatnaam']} {adres['huisnummer']} {adres.get('huisletter', '')} "
                        f"{adres['postcode']} {adres['plaats']}",
                        "straatnaam": adres["straatnaam"],
                        "huisnummer": adres["huisnummer"],
                        **({"huisletter": adres["huisletter"]} if adres.get("huisletter") else {}),
                        "postcode": adres["postcode"],
                        "plaats": adres["plaats"],
                        "land": "Nederland",
                    }
                ],
                "_links": {
                    "self": {"href": f"{self_href}/hoofdvestiging"},
                    "vestigingen": {"href": f"{self_href}/vestigingen"},
                    "basisprofiel": {"href": self_href},
                    "vestigingsprofiel": {"href": f"{base}/v1/vestigingsprofielen/{vestigingsnummer}"},
                },
            },
        },
        "_links": {"self": {"href": self_href}, "vestigingen": {"href": f"{self_href}/vestigingen"}},
    }


def profiel_van(kvk_nummer: str, base: str) -> tuple[int, dict[str, Any]]:
    """Status and body of the Basisprofiel of one number (HAL links under `base`): the data layer behind the
    endpoint, also called directly by the adapter's in-process KVK (upstreams/embedded.py)."""
    if not re.fullmatch(r"\d{8}", kvk_nummer):
        return 400, fout_body("IPD0004", f"Het KVK-nummer {kvk_nummer[:20]} is niet valide.")
    if kvk_nummer in ERROR_NUMBERS:
        status, code, omschrijving = ERROR_NUMBERS[kvk_nummer]
        return status, fout_body(code, omschrijving)
    onderneming = store.onderneming(kvk_nummer)
    if onderneming is None:
        return 404, fout_body(
            "IPD0005", f"Op basis van het KVK-nummer {kvk_nummer} kan het product niet worden geleverd."
        )
    return 200, render(onderneming, base)


def create_router(api_key: str | None) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def profiel(kvkNummer: str, request: Request) -> dict[str, Any] | JSONResponse:
        if api_key is not None and request.headers.get("apikey") != api_key:
            return fout(401, *FOUT_API_KEY)
        base = str(request.base_url).rstrip("/") + request.scope.get("root_path", "")
        status, answer = profiel_van(kvkNummer, base.rstrip("/"))
        log.info("kvk_basisprofiel", gevonden=status == 200)
        return answer if status == 200 else JSONResponse(answer, status_code=status)

    @router.get(PATH)
    async def basisprofiel(kvkNummer: str, request: Request) -> JSONResponse:
        answer = profiel(kvkNummer, request)
        return answer if isinstance(answer, JSONResponse) else JSONResponse(answer, media_type=HAL_JSON)

    @router.get(PATH + "/eigenaar")
    async def eigenaar(kvkNummer: str, request: Request) -> JSONResponse:
        answer = profiel(kvkNummer, request)
        if isinstance(answer, JSONResponse):
            return answer
        return JSONResponse(answer["_embedded"]["eigenaar"], media_type=HAL_JSON)

    @router.get(PATH + "/hoofdvestiging")
    async def hoofdvestiging(kvkNummer: str, request: Request) -> JSONResponse:
        answer = profiel(kvkNummer, request)
        if isinstance(answer, JSONResponse):
            return answer
        return JSONResponse(answer["_embedded"]["hoofdvestiging"], media_type=HAL_JSON)

    return router


def create_app(api_key: str | None) -> FastAPI:
    app = FastAPI(title="KVK API Basisprofiel (mock)", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(create_router(api_key))
    return app
