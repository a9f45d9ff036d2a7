"""The query parameters of a paged list, the same in every service: a page of at most 500, an offset up to a
million (a larger one is a 400 naming it, as any invalid parameter)."""

from typing import Annotated

from fastapi import Query

Limit = Annotated[int, Query(ge=1, le=500, description="Page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
