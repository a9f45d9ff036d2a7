"""Mock of the municipality's own registration of Tozo and earlier Bbz decisions ("Gemeentelijke registratie"
in the model form, OV4). `POST /v1/bbz-historie/zoeken` with `{"burgerservicenummer"}`; a person without
history gets empty lists (the registration knows they had none)."""

from __future__ import annotations

import re
from typing import Any

import structlog
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from registers_adapter.personas import store

PATH = "/v1/bbz-historie/zoeken"
log = structlog.get_logger("registers.mock.gemeente")


def bbz_historie(bsn: str) -> dict[str, Any]:
    """The Tozo and Bbz history of one person: the data layer behind the endpoint, also called directly by the
    adapter's in-process registration (upstreams/embedded.py)."""
    return store.gemeentelijke_registratie(bsn) or {"tozo": [], "bbzBesluiten": []}


def create_router(api_key: str | None) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.post(PATH)
    async def zoeken(request: Request) -> JSONResponse:
        if api_key is not None and request.headers.get("x-api-key") != api_key:
            return JSONResponse({"status": 401, "title": "Unauthorized"}, status_code=401)
        try:
            body = await request.json()
        except ValueError:
            body = None
        bsn = body.get("burgerservicenummer") if isinstance(body, dict) else None
        if not isinstance(bsn, str) or not re.fullmatch(r"\d{9}", bsn):
            return JSONResponse(
                {"status": 400, "title": "Bad Request", "detail": "burgerservicenummer"}, status_code=400
            )
        historie = bbz_historie(bsn)
        log.info("gemeente_bbz_historie", tozo=len(historie["tozo"]), bbz=len(historie["bbzBesluiten"]))
        return JSONResponse(historie)

    return router


def create_app(api_key: str | None) -> FastAPI:
    app = FastAPI(title="Gemeentelijke registratie Tozo/Bbz (mock)", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(create_router(api_key))
    return app
