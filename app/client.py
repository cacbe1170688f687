"""A typed Python client for the Foedus read API (httpx, sync and async).

from app.client import FoedusClient
with FoedusClient("http://127.0.0.1:8000") as foedus:
    foedus.members("csto", at="1995-06-01").count     # 9
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel

from app.ask.service import AskAnswer
from app.memberships.schemas import ChangesAnswer, MembersAnswer, StateMemberships
from app.organizations.schemas import OrganizationList, OrganizationPublic, Timeline
from app.sources.schemas import SourcePublic
from app.states.schemas import StateList, StatePublic

M = TypeVar("M", bound=BaseModel)
Call = tuple[str, dict[str, Any], type[M]]


class FoedusError(RuntimeError):
    """A problem+json answer from the API."""

    def __init__(self, problem: dict[str, Any]) -> None:
        super().__init__(problem.get("detail", "error"))
        self.problem = problem


def _params(**values: Any) -> dict[str, Any]:
    return {k.rstrip("_"): v for k, v in values.items() if v is not None}


class _Calls:
    """Each read endpoint as (path, query, response model)."""

    @staticmethod
    def organizations(
        *, kind: str | None = None, q: str | None = None, cursor: str | None = None
    ) -> Call[OrganizationList]:
        return "/v1/organizations", _params(kind=kind, q=q, cursor=cursor), OrganizationList

    @staticmethod
    def organization(slug: str) -> Call[OrganizationPublic]:
        return f"/v1/organizations/{slug}", {}, OrganizationPublic

    @staticmethod
    def members(
        slug: str,
        *,
        at: str | None = None,
        during: str | None = None,
        mode: str | None = None,
        role: str | None = None,
        certainty: str | None = None,
    ) -> Call[MembersAnswer]:
        return (
            f"/v1/organizations/{slug}/members",
            _params(at=at, during=during, mode=mode, role=role, certainty=certainty),
            MembersAnswer,
        )

    @staticmethod
    def changes(slug: str, start: str, end: str | None = None) -> Call[ChangesAnswer]:
        return f"/v1/organizations/{slug}/changes", _params(from_=start, to=end), ChangesAnswer

    @staticmethod
    def timeline(slug: str) -> Call[Timeline]:
        return f"/v1/organizations/{slug}/timeline", {}, Timeline

    @staticmethod
    def states(*, cursor: str | None = None) -> Call[StateList]:
        return "/v1/states", _params(cursor=cursor), StateList

    @staticmethod
    def state(code: str) -> Call[StatePublic]:
        return f"/v1/states/{code}", {}, StatePublic

    @staticmethod
    def memberships(
        code: str,
        *,
        organization: str | None = None,
        at: str | None = None,
        during: str | None = None,
    ) -> Call[StateMemberships]:
        return (
            f"/v1/states/{code}/memberships",
            _params(organization=organization, at=at, during=during),
            StateMemberships,
        )

    @staticmethod
    def source(source_id: int) -> Call[SourcePublic]:
        return f"/v1/sources/{source_id}", {}, SourcePublic

    @staticmethod
    def ask(question: str) -> Call[AskAnswer]:
        return "/v1/ask", {"q": question}, AskAnswer


def _parse(response: httpx.Response, model: type[M]) -> M:
    if response.status_code >= 400:
        raise FoedusError(response.json())
    return model.model_validate(response.json())


class FoedusClient:
    """Synchronous client; ``transport`` lets it talk to an in-process app."""

    def __init__(
        self, base_url: str, *, transport: httpx.BaseTransport | None = None, timeout: float = 30.0
    ) -> None:
        self.http = httpx.Client(base_url=base_url, transport=transport, timeout=timeout)

    def __enter__(self) -> FoedusClient:
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.http.close()

    def _get(self, call: Call[M]) -> M:
        path, params, model = call
        return _parse(self.http.get(path, params=params), model)

    def organizations(self, **kw: Any) -> OrganizationList:
        return self._get(_Calls.organizations(**kw))

    def organization(self, slug: str) -> OrganizationPublic:
        return self._get(_Calls.organization(slug))

    def members(self, slug: str, **kw: Any) -> MembersAnswer:
        return self._get(_Calls.members(slug, **kw))

    def changes(self, slug: str, start: str, end: str | None = None) -> ChangesAnswer:
        return self._get(_Calls.changes(slug, start, end))

    def timeline(self, slug: str) -> Timeline:
        return self._get(_Calls.timeline(slug))

    def states(self, **kw: Any) -> StateList:
        return self._get(_Calls.states(**kw))

    def state(self, code: str) -> StatePublic:
        return self._get(_Calls.state(code))

    def memberships(self, code: str, **kw: Any) -> StateMemberships:
        return self._get(_Calls.memberships(code, **kw))

    def source(self, source_id: int) -> SourcePublic:
        return self._get(_Calls.source(source_id))

    def ask(self, question: str) -> AskAnswer:
        return self._get(_Calls.ask(question))


class AsyncFoedusClient:
    """Asynchronous client with the same methods as ``FoedusClient``."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.http = httpx.AsyncClient(base_url=base_url, transport=transport, timeout=timeout)

    async def __aenter__(self) -> AsyncFoedusClient:
        return self

    async def __aexit__(
        self, *_: type[BaseException] | BaseException | TracebackType | None
    ) -> None:
        await self.http.aclose()

    async def _get(self, call: Call[M]) -> M:
        path, params, model = call
        return _parse(await self.http.get(path, params=params), model)

    async def organizations(self, **kw: Any) -> OrganizationList:
        return await self._get(_Calls.organizations(**kw))

    async def organization(self, slug: str) -> OrganizationPublic:
        return await self._get(_Calls.organization(slug))

    async def members(self, slug: str, **kw: Any) -> MembersAnswer:
        return await self._get(_Calls.members(slug, **kw))

    async def changes(self, slug: str, start: str, end: str | None = None) -> ChangesAnswer:
        return await self._get(_Calls.changes(slug, start, end))

    async def timeline(self, slug: str) -> Timeline:
        return await self._get(_Calls.timeline(slug))

    async def states(self, **kw: Any) -> StateList:
        return await self._get(_Calls.states(**kw))

    async def state(self, code: str) -> StatePublic:
        return await self._get(_Calls.state(code))

    async def memberships(self, code: str, **kw: Any) -> StateMemberships:
        return await self._get(_Calls.memberships(code, **kw))

    async def source(self, source_id: int) -> SourcePublic:
        return await self._get(_Calls.source(source_id))

    async def ask(self, question: str) -> AskAnswer:
        return await self._get(_Calls.ask(question))
