import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))

import issue8_figures

# starlette's TestClient announces a future switch to httpx2; nothing to act on here.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    issue8_figures.terminal_summary(terminalreporter)
