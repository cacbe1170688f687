"""The request mixes: one wrk Lua script per scenario, with the first path known to Python.

Every script sends ``first`` as its first request on each wrk thread (Python checks that path
once before the load), then builds each path in Lua with ``math.random``, seeded from the run's
seed, the scenario and the wrk thread's number; a random scenario never sends the same path twice
in a row. The lists of slugs and codes are Lua tables in the script. ``done`` prints one JSON line
starting with ``MARKER``. The ``fixed`` question is ``FIXED_PATH`` on a synthetic dataset and
``SHIPPED_FIXED_PATH`` on the shipped data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

SCENARIOS = ("fixed", "random", "state", "timeline", "throughout", "mix", "ask", "ask-random")
KINDS = SCENARIOS[:5]  # the questions ``mix`` asks in equal shares
SHARED_ORGS = 10  # ``mix`` asks about the first ten organisations (synthetic: org-00001..10)
BASELINE = "baseline"
MARKER = "BENCH_JSON "
FIXED_PATH = "/v1/organizations/org-00001/members?at=1990-06-01"
SHIPPED_FIXED_PATH = "/v1/organizations/csto/members?at=1995-06-01"  # 9 members
HELLO_PATH = "/hello"
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2026, 12, 31)
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year
_EPOCH = date(1970, 1, 1)

DESCRIPTIONS = {
    BASELINE: "GET /hello on the hello app",
    "fixed": f"GET {FIXED_PATH} (synthetic), GET {SHIPPED_FIXED_PATH} (shipped)",
    "random": "GET /v1/organizations/{org}/members?at={day}",
    "state": "GET /v1/states/{code}/memberships?at={day}",
    "timeline": "GET /v1/organizations/{org}/timeline",
    "throughout": "GET /v1/organizations/{org}/members?during={year}&mode=throughout",
    "mix": (
        "one of the five above (or of those --mix names), equally likely, about the first ten "
        "organisations by slug (synthetic: org-00001..10)"
    ),
    "ask": "the fixed question in words: GET /v1/ask?q=who+was+a+member+of+the+{org}+on+{day}",
    "ask-random": "GET /v1/ask?q=who+was+a+member+of+the+{org}+on+{day} (parsed, then answered)",
}


@dataclass(frozen=True)
class Scenario:
    """A named request mix: its first path (checked before the load) and its wrk script."""

    name: str
    first_path: str
    script: str


# --- the paths, as Python draws the first one --------------------------------------------------


def _day(rng: random.Random) -> str:
    return date.fromordinal(rng.randint(FIRST_DAY.toordinal(), LAST_DAY.toordinal())).isoformat()


_PYTHON_PATHS: dict[str, Callable[[random.Random, Sequence[str], Sequence[str]], str]] = {
    "random": lambda rng, orgs, _codes: (
        f"/v1/organizations/{rng.choice(orgs)}/members?at={_day(rng)}"
    ),
    "state": lambda rng, _orgs, codes: f"/v1/states/{rng.choice(codes)}/memberships?at={_day(rng)}",
    "timeline": lambda rng, orgs, _codes: f"/v1/organizations/{rng.choice(orgs)}/timeline",
    "throughout": lambda rng, orgs, _codes: (
        f"/v1/organizations/{rng.choice(orgs)}/members"
        f"?during={rng.randint(FIRST_YEAR, LAST_YEAR)}&mode=throughout"
    ),
    "ask-random": lambda rng, orgs, _codes: (
        f"/v1/ask?q=who+was+a+member+of+the+{rng.choice(orgs)}+on+{_day(rng)}"
    ),
}


def ask_path(fixed: str) -> str:
    """The ``fixed`` members question asked in words (``/v1/organizations/{org}/members?at=D``
    becomes "who was a member of the {org} on D")."""
    slug, day = fixed.split("/")[3], fixed.split("at=")[1]
    return f"/v1/ask?q=who+was+a+member+of+the+{slug}+on+{day}"


def _python_path(
    name: str, rng: random.Random, orgs: Sequence[str], codes: Sequence[str], fixed: str
) -> str:
    if name in ("fixed", "ask"):
        return fixed if name == "fixed" else ask_path(fixed)
    return _PYTHON_PATHS[name](rng, orgs, codes)


def _mix_path(
    rng: random.Random, orgs: Sequence[str], codes: Sequence[str], kinds: Sequence[str], fixed: str
) -> str:
    return _python_path(rng.choice(kinds), rng, orgs[:SHARED_ORGS], codes, fixed)


# --- the same paths in Lua ---------------------------------------------------------------------

_LUA_PATHS = {
    "fixed": "return FIXED",
    "random": 'return "/v1/organizations/" .. pick(orgs) .. "/members?at=" .. random_day()',
    "state": 'return "/v1/states/" .. pick(codes) .. "/memberships?at=" .. random_day()',
    "timeline": 'return "/v1/organizations/" .. pick(orgs) .. "/timeline"',
    "throughout": (
        'return "/v1/organizations/" .. pick(orgs) .. "/members?during=" '
        '.. math.random(FIRST_YEAR, LAST_YEAR) .. "&mode=throughout"'
    ),
    "ask": "return ASK",
    "ask-random": (
        'return "/v1/ask?q=who+was+a+member+of+the+" .. pick(orgs) .. "+on+" .. random_day()'
    ),
    BASELINE: f"return {json.dumps(HELLO_PATH)}",
}


def _lua_mix(kinds: Sequence[str]) -> str:
    """``next_path`` of the mix: one of ``kinds``, each as likely."""
    return "\n  ".join(
        [
            f"local kind = math.random(1, {len(kinds)})",
            *(
                f"{'if' if k == 0 else 'elseif'} kind == {k + 1} then {_LUA_PATHS[name]}"
                for k, name in enumerate(kinds)
            ),
            "end",
        ]
    )


_LUA_COMMON = r"""
-- days since 1970-01-01 to "YYYY-MM-DD" (H. Hinnant's civil_from_days)
local floor = math.floor
function civil(z)
  z = z + 719468
  local era = floor(z / 146097)
  local doe = z - era * 146097
  local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
  local mp = floor((5 * doy + 2) / 153)
  local d = doy - floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  if m <= 2 then y = y + 1 end
  return string.format("%04d-%02d-%02d", y, m, d)
end

function random_day()
  return civil(math.random(FIRST_DAY, LAST_DAY))
end

function pick(list)
  return list[math.random(1, #list)]
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
end

local last = nil
local calls = 0
function init(args)
  math.randomseed(SEED + 1000 * SALT + (thread_number or 1))
  math.random(); math.random(); math.random()
end

function request()
  calls = calls + 1
  -- wrk's main() calls request() once on thread 1's state to verify the script (see wrk.c):
  -- that request is never sent, so thread 1 answers `first` to it and to its first real one.
  local sent = calls - ((thread_number == 1) and 1 or 0)
  local path
  if sent <= 1 then
    path = first
  else
    path = next_path()
    if VARIES then
      while path == last do path = next_path() end
    end
  end
  last = path
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    MARKER .. '{"requests":%.0f,"duration_us":%.0f,"bytes":%.0f,"connect":%.0f,"read":%.0f,'
    .. '"write":%.0f,"timeout":%.0f,"status":%.0f,"p50_us":%.0f,"p99_us":%.0f,'
    .. '"mean_us":%.1f,"max_us":%.0f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.timeout,
    e.status, latency:percentile(50), latency:percentile(99), latency.mean, latency.max))
end
"""


def _days_since_epoch(day: date) -> int:
    return (day - _EPOCH).days


def _lua_list(items: Sequence[str]) -> str:
    return "{" + ",".join(json.dumps(i) for i in items) + "}"


def lua_script(
    name: str,
    *,
    first: str,
    seed: int,
    orgs: Sequence[str],
    codes: Sequence[str],
    mix: Sequence[str] = KINDS,
    fixed: str = FIXED_PATH,
) -> str:
    """The wrk script of scenario ``name`` (or ``baseline``); ``mix``: the kinds ``mix`` asks;
    ``fixed``: the path of the ``fixed`` question."""
    body = _lua_mix(mix) if name == "mix" else _LUA_PATHS[name]
    constants = "\n".join(
        [
            f"-- Foedus bench scenario {name}: {DESCRIPTIONS[name]}",
            f"MARKER = {json.dumps(MARKER)}",
            f"SEED = {seed}",
            f"SALT = {(*SCENARIOS, BASELINE).index(name)}",
            f"FIRST_DAY = {_days_since_epoch(FIRST_DAY)}",
            f"LAST_DAY = {_days_since_epoch(LAST_DAY)}",
            f"FIRST_YEAR = {FIRST_YEAR}",
            f"LAST_YEAR = {LAST_YEAR}",
            f"VARIES = {'false' if name in ('fixed', 'mix', 'ask', BASELINE) else 'true'}",
            f"first = {json.dumps(first)}",
            f"FIXED = {json.dumps(fixed)}",
            f"ASK = {json.dumps(ask_path(fixed))}",
            f"orgs = {_lua_list(orgs[:SHARED_ORGS] if name == 'mix' else orgs)}",
            f"codes = {_lua_list(codes)}",
            f"function next_path()\n  {body}\nend",
        ]
    )
    return constants + "\n" + _LUA_COMMON


def build(
    names: Sequence[str],
    *,
    seed: int,
    orgs: Sequence[str],
    codes: Sequence[str],
    mix: Sequence[str] = KINDS,
    fixed: str = FIXED_PATH,
) -> list[Scenario]:
    """The scenarios ``names`` for one dataset (``mix`` asking the kinds ``mix``, ``fixed`` the
    path of the ``fixed`` question); first paths drawn from ``random.Random(seed)``."""
    rng = random.Random(seed)
    found = []
    for name in names:
        if name == "mix":
            first = _mix_path(rng, orgs, codes, mix, fixed)
        else:
            first = _python_path(name, rng, orgs, codes, fixed)
        script = lua_script(
            name, first=first, seed=seed, orgs=orgs, codes=codes, mix=mix, fixed=fixed
        )
        found.append(Scenario(name, first, script))
    return found


def baseline(seed: int) -> Scenario:
    """``/hello`` on the hello app, every request the same."""
    script = lua_script(BASELINE, first=HELLO_PATH, seed=seed, orgs=[], codes=[])
    return Scenario(BASELINE, HELLO_PATH, script)
