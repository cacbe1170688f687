"""The docs and the explorer in a real headless Chromium, with the network cut off.

Runs when a Chromium is at hand: FOEDUS_CHROMIUM names it (CI sets it and installs Debian's
chromium); locally /usr/bin/chromium is used if present. Screenshots go to artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from app.core.settings import PROJECT_ROOT
from tests.conftest import SEED_DIR, Databases, running_server

CHROMIUM = os.environ.get("FOEDUS_CHROMIUM") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else ""
)
ARTIFACTS = PROJECT_ROOT / "artifacts" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="no Chromium (set FOEDUS_CHROMIUM)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"FOEDUS_CHROMIUM={CHROMIUM} does not exist"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a seeded SQLite file: the pages do not depend on the database backend."""
    url = Databases("sqlite", tmp_path_factory.mktemp("browser")).migrated(SEED_DIR)
    with running_server(url) as base:
        yield base


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A page whose every request off this machine is refused and remembered."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    outside: list[str] = []

    def only_local(route: Route) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    tab.route("**/*", only_local)
    yield tab, outside
    context.close()


def shoot(tab: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_swagger_ui_renders_offline_and_tries_the_csto_question(
    page: tuple[Page, list[str]], site: str
) -> None:
    tab, outside = page
    tab.goto(f"{site}/docs")
    tab.wait_for_selector(".opblock", timeout=30_000)
    assert tab.locator(".opblock").count() >= 20
    members = tab.locator(
        "#operations-organizations-list_members_v1_organizations__slug__members_get"
    )
    members.locator(".opblock-summary").click()
    members.locator("tr[data-param-name='slug'] input").fill("csto")
    members.locator("tr[data-param-name='at'] input").fill("1995-06-01")
    members.locator("button.execute").click()
    body = members.locator(".live-responses-table .microlight").first
    body.wait_for(timeout=30_000)
    assert "Armenia" in body.inner_text()
    assert '"count": 9' in body.inner_text()
    shoot(tab, "docs")
    assert outside == []


def test_redoc_renders_offline(page: tuple[Page, list[str]], site: str) -> None:
    tab, outside = page
    tab.goto(f"{site}/redoc")
    tab.wait_for_selector("[data-section-id^='operation/']", timeout=30_000)
    assert tab.locator("[data-section-id^='operation/']").count() >= 20
    assert tab.get_by_text("Who was a member at a day").first.is_visible()
    shoot(tab, "redoc")
    assert outside == []


def test_the_explorer_at_phone_width(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(f"{site}/?org=csto&at=1995")
    items = tab.locator("#members li")
    assert items.count() == 9
    assert items.first.get_attribute("data-state") == "ARM"
    assert (
        tab.locator("#members-title")
        .inner_text()
        .startswith("Collective Security Treaty: 9 members in 1995")
    )
    rows = tab.locator("#chart svg g.row")
    assert rows.count() == 11
    assert tab.locator("#chart svg line.at").get_attribute("data-date") == "1995-01-01"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(tab, "explorer-375")
    tab.select_option("select[name=org]", "nato")
    tab.fill("input[name=at]", "2024-03-07")
    tab.click("button[type=submit]")
    tab.wait_for_load_state()
    codes = tab.locator("#members li").evaluate_all("els => els.map(e => e.dataset.state)")
    assert "SWE" in codes
    assert "Sweden" in tab.locator("#changes").inner_text()
    context.close()


def test_a_states_view_at_phone_width(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    tab.goto(f"{site}/?state=UZB&at=2010")
    assert tab.locator("#state-title").inner_text().startswith("Uzbekistan: ")
    assert tab.locator("#memberships li").count() >= 1
    assert tab.locator("#chart svg g.row").count() >= 1
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375
    shoot(tab, "state-375")
    tab.locator("#memberships li a").first.click()
    tab.wait_for_load_state()
    assert tab.locator("#members-title").count() == 1
