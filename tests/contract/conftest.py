import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))

import issue8_figures
import pytest

# starlette's TestClient announces a future switch to httpx2; nothing to act on here.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    issue8_figures.terminal_summary(terminalreporter)


SERVICE_OF_TEST = {
    "test_intake_api_honours_its_contract": "intake-api",
    "test_routing_api_honours_its_contract": "routing-api",
    "test_registers_adapter_honours_its_contract": "registers-adapter",
    "test_decision_api_honours_its_contract": "decision-api",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Operations with a known bug in a service (KNOWN_BUGS) are xfail: the run stays green, the bug visible."""
    for item in items:
        module = getattr(item, "module", None)
        known: dict[str, str] = getattr(module, "KNOWN_BUGS", {})
        function = getattr(item, "originalname", item.name).split("[")[0]
        service = SERVICE_OF_TEST.get(function)
        if service is None or "[" not in item.name:
            continue
        operation = item.name.split("[", 1)[1].rstrip("]")
        reason = known.get(f"{service} {operation}")
        if reason:
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))
