"""structlog JSON logging with the correlation id and a guard that keeps BSNs out of log lines."""

from __future__ import annotations

import json as json_module
import logging
import re
from collections.abc import Callable, MutableMapping
from typing import Any

import orjson
import structlog
from stdnum.nl import bsn as stdnum_bsn

# Nine digits standing alone: not a run inside a hex id (correlation ids, UUIDs), which must stay whole.
_NINE_DIGITS = re.compile(r"(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])")


def _mask_bsn_in(value: str) -> str:
    return _NINE_DIGITS.sub(lambda m: "*********" if stdnum_bsn.is_valid(m.group(0)) else m.group(0), value)


def mask_personal_data(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Last line of defence: any 9-digit number passing the elfproef is masked, wherever it appears."""
    for key, value in list(event_dict.items()):
        if isinstance(value, str):
            # Searched first: most values (methods, routes, statuses) hold no nine digits, and most are shorter.
            if len(value) >= 9 and _NINE_DIGITS.search(value):
                event_dict[key] = _mask_bsn_in(value)
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and 100_000_000 <= value <= 999_999_999
            and stdnum_bsn.is_valid(str(value))
        ):
            event_dict[key] = "*********"
    return event_dict


def _json_line(event_dict: Any, default: Callable[[Any], Any]) -> str:
    """A log line's JSON by orjson (a quarter of json.dumps's time), by json.dumps what orjson refuses (an int
    beyond 64 bits, a key that is not a string): a log call never fails on its values."""
    try:
        return orjson.dumps(event_dict, default=default).decode()
    except TypeError:
        return json_module.dumps(event_dict, default=default)


def configure_logging(service_name: str, level: str = "INFO", json: bool = True) -> None:
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        mask_personal_data,
    ]
    renderer: Any = structlog.processors.JSONRenderer(_json_line) if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        # No file argument: each logger writes to the sys.stdout of the moment (test capture swaps it).
        logger_factory=structlog.PrintLoggerFactory(),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.bind_contextvars(service=service_name)
    # uvicorn's own access log would print raw paths and client addresses; our middleware logs requests.
    logging.getLogger("uvicorn.access").disabled = True


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)
