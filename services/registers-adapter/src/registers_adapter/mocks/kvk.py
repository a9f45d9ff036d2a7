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


def fout(status: int, code: str, omschrijving: str) -> JSONResponse:
    return JSONResponse({"fout": [{"code": code, "omschrijving": omschrijving}]}, status_code=status)


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


def create_router(api_key: str | None) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def profiel(kvkNummer: str, request: Request) -> dict[str, Any] | JSONResponse:
        if api_key is not None and request.headers.get("apikey") != api_key:
            return fout(401, "IPD0001", "Geen geldige API-key meegegeven.")
        if not re.fullmatch(r"\d{8}", kvkNummer):
            return fout(400, "IPD0004", f"Het KVK-nummer {kvkNummer[:20]} is niet valide.")
        if kvkNummer in ERROR_NUMBERS:
            return fout(*ERROR_NUMBERS[kvkNummer])
        onderneming = store.onderneming(kvkNummer)
        log.info("kvk_basisprofiel", gevonden=onderneming is not None)
        if onderneming is None:
            return fout(
                404, "IPD0005", f"Op basis van het KVK-nummer {kvkNummer} kan het product niet worden geleverd."
            )
        base = str(request.base_url).rstrip("/") + request.scope.get("root_path", "")
        return render(onderneming, base.rstrip("/"))

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
