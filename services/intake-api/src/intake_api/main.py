"""intake-api application."""

from fastapi import FastAPI

from bbz_common.app import create_service_app
from bbz_common.groupcommit import GroupCommit
from bbz_common.http import create_client
from bbz_common.outbox_admin import outbox_admin_router
from intake_api.aanvragen.router import router as aanvragen_router
from intake_api.aanvragen.service import write_submissions
from intake_api.bijlagen.router import router as bijlagen_router
from intake_api.concepten.router import router as concepten_router
from intake_api.config import Settings, get_settings
from intake_api.json_schema.router import router as json_schema_router
from intake_api.models import OutboxMessage
from intake_api.open_forms.router import router as open_forms_router
from intake_api.prefill.router import router as prefill_router
from intake_api.verwerking.clients import Downstream
from intake_api.verwerking.handlers import build_handlers
from intake_api.voorcheck.router import router as voorcheck_router

DESCRIPTION = """E-form vendors submit Bbz 2004 applications (the Model Digitaal Aanvraagformulier Bbz).
Each application is accepted at once (201) and then enriched from the base registers, routed
(groen/oranje/rood) and handed to the decision service; `GET /aanvragen/{id}` follows it to its decision."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    downstream = Downstream.from_settings(settings)
    # Prefill: the applicant waits, so its own client with a short time-out; one per process, not per request.
    prefill_registers = create_client(
        settings.registers_url,
        api_key=settings.service_api_key.get_secret_value(),
        timeout=settings.prefill_timeout_seconds,
    )

    async def close_clients(app: FastAPI) -> None:
        await downstream.aclose()
        await prefill_registers.aclose()

    app = create_service_app(
        settings=settings,
        title="Open Bbz intake-api",
        description=DESCRIPTION,
        routers=[
            aanvragen_router,
            concepten_router,
            bijlagen_router,
            open_forms_router,
            prefill_router,
            voorcheck_router,
            json_schema_router,
            outbox_admin_router(OutboxMessage),
        ],
        tags=[
            {"name": "aanvragen", "description": "Bbz applications and their lifecycle"},
            {"name": "concepten", "description": "Drafts: save a partial application, resume it, submit it"},
            {"name": "bijlagen", "description": "Evidence (bewijsstukken) for questions of the form"},
            {"name": "open-forms", "description": "Open Forms generic JSON registrations and their per-form mappings"},
            {"name": "prefill", "description": "Prefill the form from the base registers after DigiD login"},
            {"name": "voorcheck", "description": "Doelgroep pre-check: a warning, never a refusal"},
            {"name": "schemas", "description": "The published JSON Schema of an application"},
            {"name": "outbox", "description": "Operators: outbox delivery, dead letters and re-sending"},
        ],
        outbox_model=OutboxMessage,
        outbox_handlers=build_handlers(downstream, settings.pseudonym_key.get_secret_value()),
        on_shutdown=[close_clients],
    )
    # POST /aanvragen: concurrent submissions share one transaction (bbz_common.groupcommit).
    indieningen = GroupCommit(app.state.db, write_submissions)
    for target in (app, app.state.api):
        target.state.prefill_registers = prefill_registers
        target.state.indieningen = indieningen
    return app
