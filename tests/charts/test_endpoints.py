"""The chart endpoints: the CSTO's history drawn, and a state's memberships."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

SVG = "{http://www.w3.org/2000/svg}"


def chart(client: TestClient, path: str, **params: str) -> ET.Element:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml"
    return ET.fromstring(response.text)


def bars(root: ET.Element, key: str) -> list[dict[str, str]]:
    (row,) = [
        g for g in root.iter(f"{SVG}g") if g.get("class") == "row" and g.get("data-key") == key
    ]
    return [dict(r.attrib) for r in row.iter(f"{SVG}rect") if r.get("class") == "bar"]


def test_the_csto_chart_tells_its_history(client: TestClient) -> None:
    root = chart(client, "/v1/organizations/csto/timeline.svg", at="1995-06-01")
    # the founders' bars start at the treaty's entry into force, the organisation's founding day
    founded = client.get("/v1/organizations/csto").json()["founded"]
    rows = [g.get("data-key") for g in root.iter(f"{SVG}g") if g.get("class") == "row"]
    assert {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"} <= set(rows)
    for left in ("AZE", "GEO"):
        assert [(b["data-start"], b["data-end"]) for b in bars(root, left)] == [
            (b["data-start"], "1999-04-21") for b in bars(root, left)
        ]
    assert [
        (b["data-start"], b["data-end"], b["data-participation"]) for b in bars(root, "UZB")
    ] == [
        (founded, "1999-04-21", "active"),
        ("2006-08-16", "2012-06", "active"),
        ("2012-06", "2012-12-19", "suspended"),
    ]
    assert [
        (b["data-start"], b["data-participation"], b["data-end-status"]) for b in bars(root, "ARM")
    ] == [(founded, "active", "closed"), ("2024-02", "frozen", "open")]
    (at,) = [line for line in root.iter(f"{SVG}line") if line.get("class") == "at"]
    assert at.get("data-date") == "1995-06-01"
    markers = [g.get("data-date") for g in root.iter(f"{SVG}g") if g.get("class") == "marker"]
    assert markers == ["2002-10-07"]
    legend = {
        g.get("data-category") for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"
    }
    assert {"founding_member", "member", "observer", "frozen", "suspended"} <= legend


def test_a_state_chart_has_a_row_per_organisation(client: TestClient) -> None:
    root = chart(client, "/v1/states/UZB/timeline.svg")
    rows = {g.get("data-key") for g in root.iter(f"{SVG}g") if g.get("class") == "row"}
    assert {"csto", "sco", "cis", "guam", "eurasec"} <= rows


def test_a_bad_date_on_a_chart_is_a_problem(client: TestClient) -> None:
    response = client.get("/v1/organizations/csto/timeline.svg", params={"at": "1995-13"})
    assert (response.status_code, response.json()["parameter"]) == (422, "at")


def test_the_docs_need_nothing_from_another_host(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "https://" not in html.replace("https://foedus", "")
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert "default-src 'self'" in client.get("/redoc").headers["content-security-policy"]


def test_the_explorer_lists_the_members_of_a_year(client: TestClient) -> None:
    page = client.get("/", params={"org": "csto", "at": "1995"})
    assert page.headers["content-type"].startswith("text/html")
    assert page.text.count('<li data-state="') == 9
    assert "<svg" in page.text
    assert client.get("/", params={"at": "19x5"}).status_code == 422


def test_the_explorer_counts_members_by_role_and_writes_days(client: TestClient) -> None:
    answer = client.get(
        "/v1/organizations/csto/members", params={"at": "2024-06-01", "role": "any"}
    ).json()
    roles = [m["role"] for m in answer["members"]]
    page = client.get("/", params={"org": "csto", "at": "2024-06-01"}).text
    heading = page.split('<h2 id="members-title">', 1)[1].split("</h2>", 1)[0]
    members = roles.count("member")
    assert f"{members} member{'s' if members != 1 else ''}" in heading
    if "observer" in roles:
        observers = roles.count("observer")
        assert f", {observers} observer{'s' if observers != 1 else ''}" in heading
    changes = page.split("<h2>Changes from ", 1)[1].split("</h2>", 1)[0]
    assert changes == "2023-06-02 to 2024-06-01"  # the default window: a year back, in days


def test_the_explorer_says_when_a_body_did_not_exist(client: TestClient) -> None:
    note = client.get("/v1/organizations/eu/members", params={"at": "1975"}).json()
    page = client.get("/", params={"org": "eu", "at": "1975"}).text
    assert note["existence"]["note"].split(" (")[0] in page


def test_the_explorer_lists_signatories_apart(client: TestClient) -> None:
    """Derived from the API: the first organisation with signatories on the eve of its entry
    into force shows them on the page, apart from the (empty) member list."""
    for org in client.get("/v1/organizations", params={"limit": 100}).json()["items"]:
        if org["signed"] is None:
            continue
        eve = (date.fromisoformat(org["founded"]) - timedelta(days=1)).isoformat()
        answer = client.get(f"/v1/organizations/{org['slug']}/members", params={"at": eve}).json()
        if answer["signatories"]:
            break
    else:
        pytest.fail("no organisation with signatories before its entry into force")
    page = client.get("/", params={"org": org["slug"], "at": eve}).text
    shown = page.split('id="signatories"')[1].split("</p>")[0]
    for s in answer["signatories"]:
        assert f"{s['state']['name']} (signed {s['signed']}, bound from {s['bound']})" in shown


def test_the_site_has_an_icon(client: TestClient) -> None:
    icon = client.get("/favicon.ico")
    assert (icon.status_code, icon.headers["content-type"]) == (200, "image/svg+xml")
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").text


def test_the_state_view_lists_its_organisations_and_charts_them(client: TestClient) -> None:
    held = client.get("/v1/states/UZB/memberships", params={"at": "2010"}).json()["memberships"]
    page = client.get("/", params={"state": "Uzbekistan", "at": "2010"})
    assert page.status_code == 200
    listed = page.text.count('<li data-organization="')
    assert listed == len(held) > 0
    for m in held:
        assert f'data-organization="{m["organization"]["slug"]}"' in page.text
    assert "<svg" in page.text
    assert client.get("/", params={"state": "Nowhere"}).status_code == 404
