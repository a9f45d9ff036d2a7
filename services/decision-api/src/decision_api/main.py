"""decision-api application."""

import httpx
from fastapi import FastAPI

from bbz_common.app import create_service_app
from bbz_common.http import create_client
from bbz_common.outbox_admin import outbox_admin_router
from decision_api.behandelingen.router import router as behandelingen_router
from decision_api.beschikkingen.renderer import Renderer
from decision_api.beschikkingen.router import router as beschikkingen_router
from decision_api.besluiten.router import router as besluiten_router
from decision_api.betalingen.router import router as betalingen_router
from decision_api.bevindingen.router import router as bevindingen_router
from decision_api.clock import Clock, SystemClock
from decision_api.config import Settings, get_settings
from decision_api.debiteuren.router import router as debiteuren_router
from decision_api.leningen.router import router as leningen_router
from decision_api.managementinformatie.router import router as managementinformatie_router
from decision_api.meldingen.handlers import build_handlers
from decision_api.models import OutboxMessage
from decision_api.normen.router import router as normen_router
from decision_api.parameters.router import router as parameters_router
from decision_api.steekproef.router import router as steekproef_router
from decision_api.termijnen.router import router as termijnen_router
from decision_api.vaststelling.router import router as vorderingen_router

DESCRIPTION = """Decisions on Bbz applications: the green route is granted automatically (never rejected),
orange and red land in a work queue for officers, where every decision is proposed by one officer and approved
by another (four-eyes). Deadlines (beslistermijn, hersteltermijn) follow the Awb as dated parameters; every
decision gets a beschikking (HTML and PDF) and is reported back to intake-api."""


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or get_settings()
    clients: dict[str, httpx.AsyncClient] = {}

    def intake() -> httpx.AsyncClient:
        if "intake" not in clients:
            clients["intake"] = create_client(
                settings.intake_url,
                api_key=settings.service_api_key.get_secret_value(),
                timeout=settings.http_timeout_seconds,
            )
        return clients["intake"]

    async def close_clients(app: FastAPI) -> None:
        for client in clients.values():
            await client.aclose()

    async def start_renderer(app: FastAPI) -> None:
        # One renderer per app, also when the app is started again (its metrics are registered once).
        renderer = getattr(app.state, "renderer", None) or Renderer(
            app.state.db,
            app.state.clock,
            poll_interval=settings.beschikkingen_poll_interval_seconds,
            rust=settings.beschikkingen_rust_seconds,
            uiterlijk=settings.beschikkingen_uiterlijk_seconds,
            processen=settings.beschikkingen_render_processen,
            registry=app.state.metrics_registry,
        )
        app.state.renderer = renderer
        if settings.beschikkingen_renderen:
            renderer.start()

    async def stop_renderer(app: FastAPI) -> None:
        await app.state.renderer.stop()

    app = create_service_app(
        settings=settings,
        title="Open Bbz decision-api",
        description=DESCRIPTION,
        routers=[
            behandelingen_router,
            termijnen_router,
            bevindingen_router,
            besluiten_router,
            beschikkingen_router,
            steekproef_router,
            normen_router,
            betalingen_router,
            leningen_router,
            vorderingen_router,
            debiteuren_router,
            managementinformatie_router,
            parameters_router,
            outbox_admin_router(OutboxMessage),
        ],
        tags=[
            {"name": "behandelingen", "description": "Routed applications, the work queue, notes, assignment"},
            {"name": "termijnen", "description": "Decision period, extension, requests to complete, deadline list"},
            {"name": "bevindingen", "description": "Findings per legal condition"},
            {"name": "besluiten", "description": "Decisions and four-eyes proposals"},
            {"name": "beschikkingen", "description": "Decision letters as HTML and PDF"},
            {"name": "steekproef", "description": "Random evidence checks of green grants"},
            {"name": "normen", "description": "Dated norms and the amount of income support"},
            {"name": "betalingen", "description": "Payment orders and SEPA pain.001 export"},
            {"name": "leningen", "description": "Business capital loans: deed, payout, annuity, deferral"},
            {"name": "vorderingen", "description": "Recovery claims from final determinations"},
            {"name": "debiteuren", "description": "Debtor overview: loans and claims, arrears, reminders"},
            {"name": "managementinformatie", "description": "Figures for the backoffice"},
            {"name": "parameters", "description": "Dated legal and policy numbers"},
            {"name": "outbox", "description": "Operators: outbox delivery, dead letters and re-sending"},
        ],
        outbox_model=OutboxMessage,
        outbox_handlers=build_handlers(intake, bulk=settings.bulk_calls),
        on_startup=[start_renderer],
        on_shutdown=[stop_renderer, close_clients],
    )
    the_clock = clock or SystemClock()
    app.state.clock = the_clock
    app.state.api.state.clock = the_clock
    return app
