"""routing-api application."""

from fastapi import FastAPI

from bbz_common.app import create_service_app
from bbz_common.db import Database
from routing_api.beleid import service as beleid
from routing_api.beleid.router import router as beleid_router
from routing_api.config import Settings, get_settings
from routing_api.routering.router import router as routering_router
from routing_api.watals.router import router as watals_router

DESCRIPTION = """Determines the handling route of a Bbz application (groen: snelle route; oranje; rood:
handmatige route) from the rules of the PPO/GBI/VNG design (seed 001), under the municipal policy version
valid on the application date. Every rule is reported with its outcome, its inputs and their source.
Municipal policy is versioned data (per CBS gemeentecode, with validity periods), managed by the
beleidsbeheerder, and can be tried on many applications at once before it is activated (wat-als-analyses)."""


async def seed_policies(app: FastAPI) -> None:
    db: Database = app.state.db
    async with db.transaction() as session:
        await beleid.seed_builtin(session)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return create_service_app(
        settings=settings,
        title="Open Bbz routing-api",
        description=DESCRIPTION,
        routers=[routering_router, beleid_router, watals_router],
        tags=[
            {"name": "routeringen", "description": "Route determinations, re-determinations and overrides"},
            {"name": "beleidsversies", "description": "Municipal route policy as versioned data"},
            {"name": "wat-als-analyses", "description": "Candidate policy tried on many applications"},
        ],
        on_startup=[seed_policies],
    )
