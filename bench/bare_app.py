"""The framework's ceiling: a bare FastAPI endpoint that validates the same JSON body as intake's
POST /v1/aanvragen (intake_api.aanvragen.schemas.AanvraagIndienen, with its conditional rules) and answers
201 with the same small body, without a database, authentication, idempotency, outbox or middleware.

Run as `uvicorn bench.bare_app:app` with the same flags and worker count as the services."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from intake_api.aanvragen.schemas import AanvraagIndienen

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


@app.post("/v1/aanvragen", status_code=201)
async def indienen(payload: AanvraagIndienen) -> JSONResponse:
    new_id = uuid.uuid4()
    body = {"id": str(new_id), "status": "ontvangen", "ontvangenOp": datetime.now(UTC).isoformat()}
    return JSONResponse(body, status_code=201, headers={"Location": f"/v1/aanvragen/{new_id}"})


@app.get("/readyz")
async def readyz() -> dict[str, str]:
    return {"status": "ready"}
