"""Record ids as requests may carry them: positive and within the databases' 32-bit integers."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

MAX_ID = 2**31 - 1

RecordId = Annotated[int, Field(ge=1, le=MAX_ID)]
