"""A state's memberships page written in C (``_pages.c``)."""

from array import array
from collections.abc import Callable, Sequence

class Pages:
    def __init__(
        self,
        orgs: Sequence[tuple[array[int], array[int], array[int], bytes | None, list[str]]],
        heads: tuple[bytes, ...],
        middle: bytes,
        certain: bytes,
        doubts: tuple[bytes, ...],
        forever: int,
    ) -> None: ...
    def render(
        self,
        head: bytes,
        numbers: array[int],
        memberships: array[int],
        lows: array[int],
        highs: array[int],
        kinds: array[int],
        start: int,
        first: int,
        after: int,
        throughout: bool,
        limit: int,
        special: Callable[[int], str],
        closing: Callable[[int], bytes],
    ) -> tuple[bytes, int]: ...

def judge(
    s_lo: int, s_hi: int, e_lo: int, e_hi: int, first: int, after: int, throughout: bool
) -> int: ...
def doubt(
    doubts: tuple[bytes, ...],
    s_lo: int,
    s_hi: int,
    e_lo: int,
    e_hi: int,
    first: int,
    after: int,
    forever: int,
) -> bytes: ...
def date(earliest: int, latest: int) -> str: ...
