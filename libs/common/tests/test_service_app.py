"""The process a service runs in, as create_service_app sets it up."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from pydantic import ValidationError

from bbz_common.app import create_service_app
from bbz_common.settings import ServiceSettings


async def test_the_garbage_collector_runs_at_the_configured_threshold_of_young_objects(tmp_path: Path) -> None:
    settings = ServiceSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'gc.db'}", log_json=False, gc_young_threshold=12_345
    )
    app = create_service_app(settings=settings, title="t", description="d", routers=[])
    before = gc.get_threshold()
    try:
        async with app.router.lifespan_context(app):
            running = gc.get_threshold()
    finally:
        gc.set_threshold(*before)

    assert running == (12_345, *before[1:])


def test_a_threshold_of_zero_which_would_switch_the_collector_off_is_refused() -> None:
    with pytest.raises(ValidationError, match="gc_young_threshold"):
        ServiceSettings(gc_young_threshold=0)
