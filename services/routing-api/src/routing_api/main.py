"""routing-api application."""

from fastapi import FastAPI

from bbz_common.app import create_service_app
from routing_api.config import Settings, get_settings
from routing_api.routering.router import router as routering_router

DESCRIPTION = """Determines the handling route of a Bbz application (groen: snelle route; oranje; rood:
handmatige route) from the rules of the PPO/GBI/VNG design (seed 001), under the municipal policy version
valid on the application date. Every rule is reported with its outcome, its inputs and their source."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return create_service_app(
        settings=settings,
        title="Open Bbz routing-api",
        description=DESCRIPTION,
        routers=[routering_router],
        tags=[{"name": "routeringen", "description": "Route determinations"}],
    )
