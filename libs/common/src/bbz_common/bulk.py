"""Bulk requests: several requests of one kind in one HTTP request, each answered as it would have been alone.

A caller that has many requests to make at once (intake-api driving a batch of applications through the
registers, the routing and the decision) pays the HTTP request, the middleware and the authentication once
per bulk instead of once per request. The semantics of each request stay those of its single endpoint:

- The whole body is validated first, as one request: any invalid field of any request is a 400 problem that
  names it (``verzoeken.3.verzoek.…``) and nothing is done. A request is either well-formed or not sent.
- Each request then runs in the order given, with its own Idempotency-Key (``idempotencyKey``), and is
  answered as it would have been alone: a failure of one changes nothing of the others, and a repeated key
  replays its stored answer exactly as the single endpoint would (a key repeated later in the same bulk too).
  The requests share one transaction where they can (see `run_bulk`); a request that fails runs alone.
- The answer is 200 with one result per request, in the same order: the status the single endpoint would
  have answered, its ``Location`` if it created something, and its body (``resultaat``) or its problem
  (``probleem``). A caller retries only the requests whose status says so (503, 500), as it would singly.
  A problem's ``instance`` names the request it answers: the bulk's path and a JSON pointer to the request,
  ``/v1/routeringen/bulk#/verzoeken/3``, unless the problem (a stored answer replayed) names one already.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

import pydantic_core
import structlog
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy.ext.asyncio import AsyncSession

from bbz_common.correlation import VALID_REQUEST_ID, bind_correlation_id, current_correlation_id
from bbz_common.db import Database
from bbz_common.idempotency import MAX_KEY_LENGTH
from bbz_common.problems import InvalidParam, Problem, ProblemError, problem_document

# Enough for a caller's batch (intake-api sends 32), small enough that one bulk holds a process briefly.
MAX_REQUESTS = 100

log = structlog.get_logger("bbz.bulk")

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)

RequestId = Annotated[str, StringConstraints(pattern=VALID_REQUEST_ID.pattern)]
BulkIdempotencyKey = Annotated[str, StringConstraints(min_length=1, max_length=MAX_KEY_LENGTH, pattern=r"\S")]


class BulkItem(BaseModel, Generic[T]):
    model_config = ConfigDict(extra="forbid")

    idempotencyKey: BulkIdempotencyKey | None = Field(
        None, description="This request's Idempotency-Key, with the semantics of the header on the single endpoint."
    )
    requestId: RequestId | None = Field(
        None,
        description="This request's correlation id (as the `X-Request-ID` header gives it to a single request): "
        "its log lines and records carry it, instead of the bulk's own.",
    )
    verzoek: T = Field(description="The request, exactly as the single endpoint takes it.")

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        # The contract's schema name in camel case (e.g. `BulkitemRouteringVerzoek`), not `BulkItem_…_`.
        return f"Bulkitem{getattr(params[0], '__name__', 'Verzoek')}"


class BulkRequest(BaseModel, Generic[T]):
    model_config = ConfigDict(extra="forbid")

    verzoeken: list[BulkItem[T]] = Field(min_length=1, max_length=MAX_REQUESTS)


class BulkResult(BaseModel, Generic[R]):
    status: int = Field(description="The HTTP status the single endpoint would have answered for this request.")
    location: str | None = Field(None, description="The `Location` of what this request created, if it did.")
    resultaat: R | None = Field(None, description="The single endpoint's answer, when `status` is 2xx.")
    probleem: Problem | None = Field(
        None,
        description="The problem (RFC 9457) the single endpoint would have answered; its `instance` names this "
        "request of the bulk (`/v1/routeringen/bulk#/verzoeken/3`).",
    )

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        return f"Bulkresultaat{getattr(params[0], '__name__', 'Resultaat')}"


class BulkResponse(BaseModel, Generic[R]):
    resultaten: list[BulkResult[R]] = Field(description="One result per request, in the order of `verzoeken`.")


@dataclass(frozen=True)
class Outcome:
    """What one request came to: its status, its body (JSON bytes as the single endpoint sends them, or a
    JSON-able value) and its headers; a problem body when the status is not 2xx."""

    status: int
    body: bytes | Any
    headers: dict[str, str] | None = None


# One request of the bulk; raise a ProblemError to undo its work and answer a problem.
Handler = Callable[[AsyncSession, T, str | None], Awaitable[Outcome]]


async def run_bulk(
    db: Database,
    items: Sequence[BulkItem[T]],
    handle: Handler[T],
    *,
    path: str,
    together: bool = True,
) -> Response:
    """Run the requests of a bulk and answer all of them in one 200, in order, each as if it ran alone.

    ``together`` (the default): the requests run one after another in one transaction, committed once, and
    each is answered only after that commit. A transaction per request cost more than the request itself
    (bench: 0.4-0.6 ms of CPU each). Should a request fail (raise), or undo the transaction it shares (a lost
    race for an Idempotency-Key rolls the session back), nothing of the shared transaction is kept: the
    requests before it run again together, and it runs alone in a transaction of its own, as a single request
    would. So every answer is the one its request would have had alone.

    ``together=False``: one after another, every request in a transaction of its own (for a service whose
    requests do not take part in a transaction, e.g. routing-api's one statement in autocommit).

    ``path`` is the bulk's own request path, for the ``instance`` of a request's problem."""
    if together:
        outcomes = await _together_where_possible(db, items, handle)
    else:
        # Each in a task of its own: its correlation id is bound in the task's context, not the bulk's.
        outcomes = [await asyncio.create_task(_alone(db, item, handle)) for item in items]
    return bulk_response(outcomes, path=path)


def bulk_response(outcomes: Sequence[Outcome], *, path: str) -> Response:
    """The 200 of a bulk from its requests' outcomes, in order (for a service that runs them its own way);
    ``path`` is the bulk's request path, for the ``instance`` of a request's problem."""
    parts = [_result_json(outcome, f"{path}#/verzoeken/{index}") for index, outcome in enumerate(outcomes)]
    return Response(b'{"resultaten":[' + b",".join(parts) + b"]}", media_type="application/json")


def unexpected_outcome() -> Outcome:
    """One request's unexpected error: its own 500, logged; the others are answered, its caller retries it."""
    log.exception("bulk_request_failed")
    return problem_outcome(500, "Internal Server Error", "An unexpected error occurred.")


async def _alone(db: Database, item: BulkItem[T], handle: Handler[T]) -> Outcome:
    if item.requestId is not None:
        bind_correlation_id(item.requestId)
    try:
        async with db.transaction() as session:
            outcome = await handle(session, item.verzoek, item.idempotencyKey)
    except ProblemError as exc:
        outcome = problem_outcome(exc.status, exc.title, exc.detail, code=exc.code, invalid_params=exc.invalid_params)
    except Exception:
        outcome = unexpected_outcome()
    return outcome


class _NotTogether(Exception):
    """The request at ``index`` cannot share the transaction: it failed, or rolled the session back."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


async def _together_where_possible(db: Database, items: Sequence[BulkItem[T]], handle: Handler[T]) -> list[Outcome]:
    parts: list[Outcome] = []
    alone: set[int] = set()
    position = 0
    while position < len(items):
        if position in alone:
            parts.append(await asyncio.create_task(_alone(db, items[position], handle)))
            position += 1
            continue
        stop = min((index for index in alone if index > position), default=len(items))
        try:
            parts.extend(await _together(db, items, position, stop, handle))
            position = stop
        except _NotTogether as refused:
            alone.add(refused.index)  # the ones before it run together again; nothing of them was kept
    return parts


async def _together(
    db: Database, items: Sequence[BulkItem[T]], start: int, stop: int, handle: Handler[T]
) -> list[Outcome]:
    bulk_id = current_correlation_id()
    outcomes: list[Outcome] = []
    async with db.transaction() as session:
        shared = None  # the transaction the requests so far wrote in
        for index in range(start, stop):
            item = items[index]
            if item.requestId is not None:
                bind_correlation_id(item.requestId)
            try:
                outcome = await handle(session, item.verzoek, item.idempotencyKey)
            except Exception as exc:
                raise _NotTogether(index) from exc
            finally:
                bind_correlation_id(bulk_id)
            current = session.sync_session.get_transaction()
            if shared is not None and current is not shared:
                raise _NotTogether(index)  # it rolled back what the requests before it did
            shared = current
            outcomes.append(outcome)
    return outcomes


def problem_outcome(
    status: int,
    title: str,
    detail: str,
    *,
    code: str | None = None,
    invalid_params: list[InvalidParam] | None = None,
) -> Outcome:
    return Outcome(status, problem_document(status, title, detail, code=code, invalid_params=invalid_params))


def _result_json(outcome: Outcome, instance: str) -> bytes:
    answered = 200 <= outcome.status < 300
    body = outcome.body if answered else _with_instance(outcome.body, instance)
    if not isinstance(body, bytes):
        body = pydantic_core.to_json(body)
    head: dict[str, Any] = {"status": outcome.status}
    location = (outcome.headers or {}).get("Location")
    if location is not None:
        head["location"] = location
    field = b"resultaat" if answered else b"probleem"
    # The body is spliced in as the single endpoint serialised it: not decoded and encoded again.
    return pydantic_core.to_json(head)[:-1] + b',"' + field + b'":' + body + b"}"


def _with_instance(problem: bytes | Any, instance: str) -> Any:
    document = pydantic_core.from_json(problem) if isinstance(problem, bytes) else problem
    if not isinstance(document, dict) or document.get("instance"):
        return problem
    return {**document, "instance": instance}
