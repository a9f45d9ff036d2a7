"""A JSON façade of the Suwinet services the Bbz process needs, named after the Suwinet-Inkijk diensten.

`POST /{dienst}` with `{"burgerservicenummer": "..."}` (the BSN in the body, never in a URL). Amounts are
integer euro cents. Answers:
- 200 `{"dienst", "resultaat": "Gevonden", ...}`;
- 404 `{"fout": {"code": "NietsGevonden", ...}}` when the source has nothing on the person (Suwinet's
  "niets gevonden");
- 400 `OngeldigVerzoek` for a malformed request, 404 `OnbekendeDienst` for an unknown service,
  401 for a wrong key; 5xx answers come from the fault injection of the adapter's client (see README)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from registers_adapter.personas import store
from registers_adapter.upstreams.suwinet import (
    BRP_PERSOON,
    DUO_STUDIEFINANCIERING,
    KADASTER_ONROERENDE_ZAKEN,
    RDW_VOERTUIGEN,
    SVB_PERSOON,
    UWV_INKOMSTEN,
)

log = structlog.get_logger("registers.mock.suwinet")


def _section(key: str, name: str) -> Callable[[str], dict[str, Any] | None]:
    def extract(bsn: str) -> dict[str, Any] | None:
        data = store.suwinet(bsn) or {}
        return {name: data[key]} if data.get(key) else None

    return extract


def _brp_dossier(bsn: str) -> dict[str, Any] | None:
    p = store.persoon(bsn)
    if p is None:
        return None
    return {
        "persoon": {
            "voornamen": p["voornamen"],
            "voorvoegsel": p["voorvoegsel"],
            "geslachtsnaam": p["geslachtsnaam"],
            "geboortedatum": p["geboortedatum"],
            "gemeentecode": p["adres"]["gemeentecode"],
        }
    }


DIENSTEN: dict[str, Callable[[str], dict[str, Any] | None]] = {
    UWV_INKOMSTEN: _section("inkomsten", "inkomstenverhoudingen"),
    SVB_PERSOON: _section("svb", "uitkeringen"),
    DUO_STUDIEFINANCIERING: _section("studiefinanciering", "studiefinanciering"),
    RDW_VOERTUIGEN: _section("voertuigen", "voertuigen"),
    KADASTER_ONROERENDE_ZAKEN: _section("onroerendeZaken", "onroerendeZaken"),
    BRP_PERSOON: _brp_dossier,
}


def fout_body(code: str, omschrijving: str) -> dict[str, Any]:
    return {"fout": {"code": code, "omschrijving": omschrijving}}


def fout(status: int, code: str, omschrijving: str) -> JSONResponse:
    return JSONResponse(fout_body(code, omschrijving), status_code=status)


def dossier(dienst: str, bsn: str) -> tuple[int, dict[str, Any]]:
    """Status and body of one service's dossier of one person (a known service, a well-formed BSN): the data
    layer behind the endpoint, also called directly by the adapter's in-process Suwinet (upstreams/embedded.py)."""
    gegevens = DIENSTEN[dienst](bsn)
    if gegevens is None:
        return 404, fout_body("NietsGevonden", "Er zijn geen gegevens gevonden.")
    return 200, {"dienst": dienst, "resultaat": "Gevonden", "burgerservicenummer": bsn, **gegevens}


def create_router(api_key: str | None) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.post("/{dienst}")
    async def raadplegen(dienst: str, request: Request) -> JSONResponse:
        if api_key is not None and request.headers.get("x-api-key") != api_key:
            return fout(401, "NietGeautoriseerd", "Geen geldige sleutel.")
        if dienst not in DIENSTEN:
            return fout(404, "OnbekendeDienst", "Deze dienst bestaat niet.")
        try:
            body = await request.json()
        except ValueError:
            body = None
        bsn = body.get("burgerservicenummer") if isinstance(body, dict) else None
        if not isinstance(bsn, str) or not re.fullmatch(r"\d{9}", bsn):
            return fout(400, "OngeldigVerzoek", "Geef een burgerservicenummer van 9 cijfers.")
        status, answer = dossier(dienst, bsn)
        log.info("suwinet_bevraging", dienst=dienst, gevonden=status == 200)
        return JSONResponse(answer, status_code=status)

    return router


def create_app(api_key: str | None) -> FastAPI:
    app = FastAPI(title="Suwinet façade (mock)", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(create_router(api_key))
    return app
