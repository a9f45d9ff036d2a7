"""decision-api application."""

from fastapi import FastAPI

from bbz_common.app import create_service_app
from bbz_common.http import create_client
from decision_api.behandelingen.router import router as behandelingen_router
from decision_api.besluiten.router import router as besluiten_router
from decision_api.config import Settings, get_settings
from decision_api.meldingen.handlers import build_handlers
from decision_api.models import OutboxMessage

DESCRIPTION = """Decisions on Bbz applications: the green route is granted automatically (never rejected),
orange and red land in a work queue for officers. Decisions are reported back to intake-api."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    intake = create_client(
        settings.intake_url, api_key=settings.service_api_key.get_secret_value(), timeout=settings.http_timeout_seconds
    )

    async def close_clients(app: FastAPI) -> None:
        await intake.aclose()

    return create_service_app(
        settings=settings,
        title="Open Bbz decision-api",
        description=DESCRIPTION,
        routers=[behandelingen_router, besluiten_router],
        tags=[
            {"name": "behandelingen", "description": "Routed applications and the work queue"},
            {"name": "besluiten", "description": "Decisions"},
        ],
        outbox_model=OutboxMessage,
        outbox_handlers=build_handlers(intake),
        on_shutdown=[close_clients],
    )
