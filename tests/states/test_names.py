"""Names users type for states (seed/states/names.toml): short forms, common names and former
names with the years they were in use, each answered by GET /v1/states/{name}."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

# (name typed, expected code). Names answered by a state's own record (its name, the official
# name from ISO 3166) are included too: users type them the same way.
NAMES = [
    # names-freepressjournal-turkiye: "UN approves Turkey's request to change name to Turkiye"
    ("Turkey", "TUR"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    # names-fco-style-uk-britain: "'Britain' (without the Great) is short for 'the United Kingdom
    # of Great Britain and Northern Ireland'"; names-btb-writing-tips-uk: "Both U.K. and UK are
    # used as abbreviations"
    ("UK", "GBR"),
    ("uk", "GBR"),
    ("U.K.", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("United Kingdom", "GBR"),
    # names-trtworld-holland: "using the term 'Holland' to refer to the country"
    ("Holland", "NLD"),
    ("The Netherlands", "NLD"),
    # names-cultureready-civ: "I wouldn't advise anybody to call Côte d'Ivoire Ivory Coast"
    ("Ivory Coast", "CIV"),
    ("Cote d'Ivoire", "CIV"),
    # names-btb-writing-tips-us: "the abbreviations U.S. and US are both in common use ... while
    # U.S.A. and USA are both used as nouns"; names-fiba-usa: "the U.S.A., the States, and America"
    ("USA", "USA"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("U.S.A.", "USA"),
    ("America", "USA"),
    ("United States of America", "USA"),
    ("United States", "USA"),
    # names-howstuffworks-russia: "Russia, or Russian Federation"
    ("Russia", "RUS"),
    ("Russian Federation", "RUS"),
    # Czechia and the Czech Republic: the state's name and its official name
    ("Czechia", "CZE"),
    ("Czech Republic", "CZE"),
    # names-bostonglobe-cabo-verde: "It's known as Cape Verde in the English-speaking world"
    ("Cape Verde", "CPV"),
    ("Cabo Verde", "CPV"),
    # names-factbook-holy-see: "conventional short form: Holy See (Vatican City)"
    ("Vatican", "VAT"),
    ("Vatican City", "VAT"),
    ("Vatican City State", "VAT"),
    ("Holy See", "VAT"),
    ("Laos", "LAO"),
    ("Syria", "SYR"),
    ("Iran", "IRN"),
    # names-britannica-kids-moldova: "Moldova was called Moldavia"
    ("Moldova", "MDA"),
    ("Moldavia", "MDA"),
    # names-britannica-belarus: "formerly Belorussia, or Byelorussia ... also called White Russia"
    ("Belorussia", "BLR"),
    ("Byelorussia", "BLR"),
    ("White Russia", "BLR"),
    # names-britannica-kyrgyzstan: "formerly (1936–91) Kirgiziya, or Kirghizia"
    ("Kirghizia", "KGZ"),
    # names-economywatch-prespa: "practically changing the name of the country to 'Republic of
    # North Macedonia'"
    ("North Macedonia", "MKD"),
    ("Macedonia", "MKD"),
    ("FYROM", "MKD"),
    ("South Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Vietnam", "VNM"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Tanzania", "TZA"),
    # names-crikey-timor-names: "Is it East Timor, Timor Lorosa'e or Timor-Leste?"
    ("East Timor", "TLS"),
    ("Timor-Leste", "TLS"),
    # names-ewn-eswatini-2018: "King Mswati III has renamed the Kingdom of Swaziland to eSwatini"
    ("Swaziland", "SWZ"),
    ("Eswatini", "SWZ"),
    # names-gov-bn-about: "Brunei Darussalam (in English)"
    ("Brunei", "BRN"),
    ("Brunei Darussalam", "BRN"),
    # names-logcluster-micronesia: "also known simply as Micronesia"
    ("Micronesia", "FSM"),
    # names-data-gov-uk-fco-palestine: "'Palestine' may also be used as a shortened form";
    # "the United Nations Secretariat will use the designation 'State of Palestine'"
    ("Palestine", "PSE"),
    ("State of Palestine", "PSE"),
    # names-data-gov-uk-fco-palestine: "Taiwan The Republic of China"
    ("Republic of China", "TWN"),
    # former names
    # names-dayley-burma-1989: "the country's official name (in English) would henceforth be
    # Myanmar"
    ("Burma", "MMR"),
    # names-priu-lk-republic-day: "replacing the country's ancient name of Ceylon with
    # Sri Lanka"
    ("Ceylon", "LKA"),
    # names-grandslacs-zaire-1971: "la République démocratique du Congo devient 'Zaïre'"
    ("Zaire", "COD"),
    ("DRC", "COD"),
    # names-ourcampaigns-benin: "calling itself the People's Republic of Bénin on November 30, 1975"
    ("Dahomey", "BEN"),
    # names-vipeoples-burkina-1984: "rebaptise la Haute-Volta en République démocratique et
    # populaire du Bourkina Fâso"
    ("Upper Volta", "BFA"),
    # names-mapstor-persia-1935: "On the 21st of March, 1935 Persia was officially renamed"
    ("Persia", "IRN"),
    # names-bangkokpost-siam-1949: "changed from Siam to Thailand on June 24, 1939"
    ("Siam", "THA"),
    # names-german-american-west-germany: "The Federal Republic of Germany, also known as West
    # Germany, was founded on May 23, 1949"
    ("West Germany", "DEU"),
    ("Federal Republic of Germany", "DEU"),
    ("Germany", "DEU"),
    ("East Germany", "DDR"),
    ("GDR", "DDR"),
    ("Soviet Union", "SUN"),
    ("USSR", "SUN"),
    # names-dayley-cambodia: "Democratic Kampuchea, followed by the People's Republic of Kampuchea"
    ("Kampuchea", "KHM"),
    ("Democratic Kampuchea", "KHM"),
    ("People's Republic of Kampuchea", "KHM"),
    # names-brockhaus-khmer-republic: "die bis 1975 amtlich Khmer-Republik hieß"
    ("Khmer Republic", "KHM"),
    # names-dma-abyssinia: "Abyssinia is a historical regional name used to describe the
    # Ethiopian Empire"
    ("Abyssinia", "ETH"),
    # names-federal-register-scg: "Yugoslavia, Federal Republic of | Serbia and Montenegro."
    ("Federal Republic of Yugoslavia", "SCG"),
    ("Czechoslovakia", "CSK"),
]


class TestNames:
    @pytest.mark.parametrize(("name", "code"), NAMES)
    def test_a_name_finds_its_state(self, client: TestClient, name: str, code: str) -> None:
        response = client.get(f"/v1/states/{name}")
        assert response.status_code == 200, response.text
        assert response.json()["code"] == code

    def test_uk_is_never_ukraine(self, client: TestClient) -> None:
        for name in ("UK", "U.K.", "uk"):
            assert client.get(f"/v1/states/{name}").json()["code"] == "GBR"
        assert client.get("/v1/states/Ukraine").json()["code"] == "UKR"

    @pytest.mark.parametrize("name", ["Congo", "Yugoslavia"])
    def test_an_ambiguous_name_names_both_states(self, client: TestClient, name: str) -> None:
        # names-historyatlas-drc: the Republic of the Congo (Léopoldville) took the name
        # Democratic Republic of the Congo in 1964 "to distinguish it from the neighboring
        # Republic of the Congo"; names-federal-register-scg: "Yugoslavia, Federal Republic of"
        response = client.get(f"/v1/states/{name}")
        assert response.status_code == 300, response.text
        for code in {"Congo": ("COD", "COG"), "Yugoslavia": ("SCG", "YUG")}[name]:
            assert code in response.text


def _names(client: TestClient, code: str) -> list[dict[str, object]]:
    body = client.get(f"/v1/states/{code}").json()
    return [n for n in body["names"] if n["lang"] == "en"]


def _period(client: TestClient, code: str, name: str) -> list[tuple[object, object]]:
    return [
        (n.get("valid_from"), n.get("valid_until"))
        for n in _names(client, code)
        if n["name"] == name
    ]


class TestFormerNames:
    def test_ceylon(self, client: TestClient) -> None:
        # names-sundayobserver-republic-day: "on that day in 1948 [February 4], we ceased to be a
        # colony"; names-priu-lk-republic-day: "On May 22, 1972, with the adoption of a new
        # constitution ... simultaneously replacing the country's ancient name of Ceylon with
        # Sri Lanka"
        assert _period(client, "LKA", "Ceylon") == [("1948-02-04", "1972-05-22")]

    def test_burma(self, client: TestClient) -> None:
        # names-dayley-burma-1989: "On June 18, 1989, the martial law government of Burma
        # declared that the country's official name (in English) would henceforth be Myanmar"
        assert _period(client, "MMR", "Burma") == [(None, "1989-06-18")]

    def test_zaire(self, client: TestClient) -> None:
        # names-grandslacs-zaire-1971: "Ce jour-là, 27 octobre ... en 1971, la République
        # démocratique du Congo devient 'Zaïre'"; names-face2face-zaire-1997 (17 May 2019): "On
        # this day in 1997, the Republic of Zaire was renamed the Democratic Republic of Congo"
        assert _period(client, "COD", "Zaire") == [("1971-10-27", "1997-05-17")]

    def test_dahomey_and_upper_volta(self, client: TestClient) -> None:
        # names-ourcampaigns-benin: "acceding to international sovereignty on August 1, 1960 ...
        # calling itself the People's Republic of Bénin on November 30, 1975"
        assert _period(client, "BEN", "Dahomey") == [("1960-08-01", "1975-11-30")]
        # names-scientificrussia-burkina-1984: "On August 4, 1984, it did not disappear, but
        # simply changed its name"
        assert _period(client, "BFA", "Upper Volta") == [(None, "1984-08-04")]

    def test_swaziland(self, client: TestClient) -> None:
        # names-sadocc-eswatini-2018: "King Mswati III declared the name change during
        # independence day celebrations ... on Thursday" (19 April 2018)
        assert _period(client, "SWZ", "Swaziland") == [("1968-09-06", "2018-04-19")]

    def test_persia(self, client: TestClient) -> None:
        # names-onenewsbox-persia-1935: "On 21 March 1935, Reza Shah issued a decree requesting
        # foreign delegates to use the term 'Iran'"
        assert _period(client, "IRN", "Persia") == [(None, "1935-03-21")]

    def test_siam(self, client: TestClient) -> None:
        # names-bangkokpost-siam-1949: "the country's name had been changed from Siam to Thailand
        # on June 24, 1939. It was then renamed Siam in 1945 during the Seni premiership"; the
        # return to Thailand announced on 11 May 1949: one name, two periods
        assert sorted(_period(client, "THA", "Siam"), key=str) == [
            ("1945-09", "1949-05-11"),
            (None, "1939-06-24"),
        ]

    def test_west_germany(self, client: TestClient) -> None:
        # names-german-american-west-germany: "founded on May 23, 1949"; names-germany-info-unity:
        # "on October 3, 1990, East Germany acceded to the territory of the Federal Republic"
        assert _period(client, "DEU", "West Germany") == [("1949-05-23", "1990-10-03")]

    def test_cambodia(self, client: TestClient) -> None:
        # names-brockhaus-khmer-republic: "rief die Republik aus (9.10.1970), die bis 1975 amtlich
        # Khmer-Republik hieß"; names-dccam-dk-constitution: "On 17 April 1975 the Khmer Rouge
        # forces entered Phnom Penh"
        assert _period(client, "KHM", "Khmer Republic") == [("1970-10-09", "1975-04-17")]
        # names-countrystudies-dk: "the proclamation of the Constitution of Democratic Kampuchea
        # on January 5, 1976 ... Vietnamese forces captured the city on January 7, 1979"
        assert _period(client, "KHM", "Democratic Kampuchea") == [("1976-01-05", "1979-01-07")]
        # names-dayley-cambodia: "In 1989, the country became the State of Cambodia"
        assert _period(client, "KHM", "Kampuchea") == [("1976-01-05", "1989")]

    def test_macedonia(self, client: TestClient) -> None:
        # names-economywatch-prespa: "Skopje announced late on Tuesday that the Prespes Agreement
        # comes into effect as of 12 February"
        assert _period(client, "MKD", "Macedonia") == [(None, "2019-02-12")]

    def test_kirghizia_in_years(self, client: TestClient) -> None:
        # names-britannica-kyrgyzstan: "formerly (1936–91) Kirgiziya, or Kirghizia"
        assert _period(client, "KGZ", "Kirghizia") == [("1936", "1991")]

    def test_a_current_short_form_has_no_dates(self, client: TestClient) -> None:
        # names-fco-style-uk-britain: "Britain and British are synonymous with United Kingdom"
        assert _period(client, "GBR", "UK") == [(None, None)]

    def test_the_names_are_cited_with_the_state(self, client: TestClient) -> None:
        body = client.get("/v1/states/LKA").json()
        urls = {s.get("url") for s in body["sources"]}
        assert (
            "http://www.priu.gov.lk/news_update/Current_Affairs/ca201305/"
            "20130522sl_celebrates_41st_republic_day.htm"
        ) in urls


@pytest.mark.parametrize(
    "name",
    [
        "Turkey",
        "UK",
        "Britain",
        "Great Britain",
        "Holland",
        "Ivory Coast",
        "Burma",
        "Ceylon",
        "Zaire",
        "Dahomey",
        "Upper Volta",
        "Swaziland",
        "Persia",
        "Siam",
        "West Germany",
        "East Germany",
        "Soviet Union",
    ],
)
def test_ask_reads_a_name_as_the_states_page_does(client: TestClient, name: str) -> None:
    code = client.get(f"/v1/states/{name}").json()["code"]
    body = client.get("/v1/ask", params={"q": f"was {name} a member of the UN in 1970"}).json()
    assert body["interpretation"]["state"] == code
