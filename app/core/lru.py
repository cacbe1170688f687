"""A least-recently-used map bounded by what its values cost (each 1 unless told): the one
kept by both the HTTP layer (answers, charged in bytes) and the index (answers kept by interval,
charged in entries; organisations compiled alone, counted)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any


class LRU(OrderedDict[Any, Any]):
    """Values costing at most ``limit`` together, least recently used out first. One value may
    not cost more than an eighth of the room (it would push out most of the others)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit
        self.size = 0
        self.costs: dict[Any, int] = {}

    def find(self, key: Any) -> Any:
        found = self.get(key)
        if found is not None:
            self.move_to_end(key)
        return found

    def keep(self, key: Any, value: Any, cost: int = 1) -> None:
        if self.limit <= 0 or cost > max(1, self.limit // 8):
            return
        self.size += cost - self.costs.get(key, 0)
        self[key], self.costs[key] = value, cost
        self.move_to_end(key)
        while self.size > self.limit:
            self.drop(next(iter(self)))

    def drop(self, key: Any) -> None:
        del self[key]
        self.size -= self.costs.pop(key)

    def clear(self) -> None:
        super().clear()
        self.costs.clear()
        self.size = 0
