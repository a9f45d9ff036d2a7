"""Every request is served on the event loop: no dependency of any operation runs in the thread pool.

FastAPI runs a plain ``def`` dependency in a worker thread for every request that uses it. For a dependency
that only reads app state, that thread hop (and the GIL hand-over with it) cost intake-api about 5% of its CPU
per accepted application; nothing of the suite's dependencies blocks, so each must be ``async def``."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from bbz_common.app import api_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))

from inprocess_apps import SERVICES, build_app


def _operations(routes: list[Any]) -> list[APIRoute]:
    """The API's operations, also those of included routers (FastAPI keeps those as a router of their own)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(_operations(route.original_router.routes))
    return found


def _dependencies(dependant: Dependant) -> list[Dependant]:
    found = []
    for sub in dependant.dependencies:
        found.append(sub)
        found.extend(_dependencies(sub))
    return found


def _run_in_thread_pool(dependant: Dependant) -> bool:
    call = dependant.call
    if call is None:
        return False
    target = call if inspect.isroutine(call) else getattr(call, "__call__", call)  # noqa: B004
    return not (inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target))


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_no_dependency_of_any_operation_runs_in_the_thread_pool(service: str, tmp_path: Path) -> None:
    app = build_app(service, tmp_path)
    documented = sum(len(item) for item in api_of(app).openapi()["paths"].values())
    assert len(_operations(api_of(app).routes)) >= documented  # every operation of the contract is looked at
    in_thread_pool = sorted(
        {
            f"{route.path} {getattr(dep.call, '__qualname__', dep.call)}"
            for route in _operations(api_of(app).routes)
            for dep in _dependencies(route.dependant)
            if _run_in_thread_pool(dep)
        }
    )
    assert in_thread_pool == []
