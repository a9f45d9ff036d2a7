"""registers-adapter application."""

from fastapi import FastAPI

from bbz_common.app import create_service_app
from registers_adapter.bbz_gegevens.router import router as bbz_router
from registers_adapter.config import Settings, get_settings
from registers_adapter.verwerkingen.router import router as verwerkingen_router

DESCRIPTION = """The single door of the Open Bbz suite to the base registers: BRP (persons), KVK
(Handelsregister) and Suwinet. Answers are minimised to what the Bbz process needs, every value carries its
source, and every read of personal data is logged as a processing record."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    return create_service_app(
        settings=settings,
        title="Open Bbz registers-adapter",
        description=DESCRIPTION,
        routers=[bbz_router, verwerkingen_router],
        tags=[
            {"name": "bbz-gegevens", "description": "The Bbz-facing look-up"},
            {"name": "verwerkingen", "description": "Processing records for auditors"},
        ],
    )
