"""Atom feeds, checked against RFC 4287's requirements (sections 3 and 4) one by one."""

import re
from http import HTTPStatus
from xml.etree import ElementTree

from api.curation import seeds
from tests.conftest import TEST_SEEDS
from tests.embed.markup import Page
from tests.helpers import assert_problem

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")  # 3.3: uppercase T and Z
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")  # 4.2.6: an absolute IRI


def feed(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert response.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(response.data)
    assert_rfc4287(root)
    return root


def one(element, name: str) -> ElementTree.Element:
    found = element.findall(A + name)
    assert len(found) == 1, f"{element.tag} needs exactly one atom:{name}"
    return found[0]


def assert_rfc4287(root: ElementTree.Element) -> None:
    assert root.tag == A + "feed"
    for name in ("id", "title", "updated"):  # 4.1.1: exactly one of each
        one(root, name)
    assert root.findall(A + "author") or all(e.findall(A + "author") for e in root.iter(A + "entry"))  # 4.1.1
    assert IRI.match(one(root, "id").text)
    ids = []
    for entry in root.iter(A + "entry"):
        for name in ("id", "title", "updated"):  # 4.1.2
            one(entry, name)
        assert IRI.match(one(entry, "id").text)
        ids.append(one(entry, "id").text)
        links = entry.findall(A + "link")
        alternates = [
            (link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"
        ]
        assert alternates or entry.findall(A + "content")  # 4.1.2: alternate link or content
        assert len(alternates) == len(set(alternates))  # 4.1.2: one alternate per type and hreflang
        assert all(link.get("href") for link in links)  # 4.2.7.1
        assert len(entry.findall(A + "summary")) <= 1 and len(entry.findall(A + "content")) <= 1
        for name in ("title", "summary", "content"):
            for element in entry.findall(A + name):
                assert element.get("type", "text") in ("text", "html")
                assert list(element) == []  # text and html constructs hold text only
        for name in ("published", "updated"):
            for element in entry.findall(A + name):
                assert RFC3339.match(element.text), element.text
    assert RFC3339.match(one(root, "updated").text)
    assert len(ids) == len(set(ids))  # 4.1.1: ids unique within the feed


def test_feed_of_every_change_is_valid_atom_newest_first(client):
    root = feed(client, "/v1/changes.atom")
    entries = root.findall(A + "entry")
    assert [one(e, "id").text for e in entries] == [
        "tag:threat-levels-api,2026:changes/zz-alert-2024-05-10",
        "tag:threat-levels-api,2026:changes/zz-alert-2024-05-01",
        "tag:threat-levels-api,2026:changes/zz-alert-2024-03-24",
        "tag:threat-levels-api,2026:changes/zz-alert-2016-12-01",
    ]
    assert one(root, "id").text == "tag:threat-levels-api,2026:changes"
    self_link = [link for link in root.findall(A + "link") if link.get("rel") == "self"]
    assert self_link[0].get("href") == "http://localhost/v1/changes.atom"


def test_entry_has_title_dates_summary_links_and_quoted_content(client):
    entries = {one(e, "id").text.rsplit("/", 1)[1]: e for e in feed(client, "/v1/changes.atom").iter(A + "entry")}
    entry = entries["zz-alert-2024-03-24"]
    assert one(entry, "title").text == "Test alert: Raised → Top, 2024-03-24"
    assert one(entry, "published").text == "2024-03-24T00:00:00+01:00"  # known to the day: from 00:00 local time
    assert one(entry, "summary").text == "Raised to the top level."
    links = {link.get("type"): link.get("href") for link in entry.findall(A + "link")}
    assert links == {"text/html": "http://localhost/changes/zz-alert-2024-03-24?lang=en",
                     "application/json": "http://localhost/v1/changes/zz-alert-2024-03-24"}  # fmt: skip
    content = Page(one(entry, "content").text)
    assert "We raise the level." in content.text and "Test newspaper report" in content.text
    assert one(entry, "category").get("term") == "raise"
    assert one(entries["zz-alert-2016-12-01"], "published").text == "2016-12-01T00:00:00+01:00"
    assert one(entries["zz-alert-2024-05-10"], "title").text.endswith("(ZZ-01), 2024-05-10")


def test_entry_ids_and_updated_times_are_stable_across_requests_and_languages(client):
    first, again = feed(client, "/v1/changes.atom"), feed(client, "/v1/changes.atom?lang=fr")
    stamps = [(one(e, "id").text, one(e, "updated").text) for e in first.iter(A + "entry")]
    assert stamps == [(one(e, "id").text, one(e, "updated").text) for e in again.iter(A + "entry")]
    assert one(again, "title").text and again.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_system_feed_lists_that_system_only(client, hostile_client):
    root = feed(hostile_client, "/v1/systems/zz-alert/changes.atom?lang=fr")
    assert one(root, "id").text == "tag:threat-levels-api,2026:systems/zz-alert/changes"
    assert one(root, "title").text == "Alerte de test : changements de niveau"
    assert len(root.findall(A + "entry")) == 4
    assert one(root.find(A + "entry"), "title").text.startswith("Alerte de test : Élevé → Maximal")


def test_feed_answers_304_to_its_etag(client):
    first = client.get("/v1/changes.atom")
    assert client.get("/v1/changes.atom", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_feed_of_an_unknown_system_is_a_404_problem(client):
    assert_problem(client.get("/v1/systems/zz-nowhere/changes.atom"), HTTPStatus.NOT_FOUND)


TOMBSTONE = "{http://purl.org/atompub/tombstones/1.0}"


def entries_by_id(root) -> dict:
    return {one(e, "id").text.rsplit("/", 1)[1]: e for e in root.iter(A + "entry")}


def test_published_is_when_it_took_effect_and_updated_when_its_record_last_changed(app, client):
    first = client.get("/v1/changes.atom").data
    for entry in entries_by_id(ElementTree.fromstring(first)).values():  # loaded once, never corrected
        assert one(entry, "updated").text == one(entry, "published").text
    with app.app_context():
        assert seeds.load(TEST_SEEDS).written == 0
    assert client.get("/v1/changes.atom").data == first  # reloading unchanged seeds changes nothing


def test_a_correction_is_an_updated_entry_saying_what_changed_and_why(client, editor):
    url = "/v1/changes/zz-alert-2024-05-01"
    etag = client.get(url).headers["ETag"]
    response = client.patch(url, json={"summary": {"en": "Lowered to Raised after review."}},
                            headers={**editor, "If-Match": etag, "X-Change-Reason": "The bulletin was misread."})  # fmt: skip
    assert response.status_code == HTTPStatus.OK
    entry = entries_by_id(feed(client, "/v1/changes.atom"))["zz-alert-2024-05-01"]
    assert one(entry, "updated").text > one(entry, "published").text
    content = Page(one(entry, "content").text).text
    assert "Corrected on" in content and "summary changed" in content and "Reason: The bulletin was misread." in content
    french = entries_by_id(feed(client, "/v1/changes.atom?lang=fr"))["zz-alert-2024-05-01"]
    assert "Corrigé le" in Page(one(french, "content").text).text


def test_a_retraction_is_a_tombstone_with_its_reason(client, admin):
    url = "/v1/changes/zz-alert-2024-05-10"
    etag = client.get(url).headers["ETag"]
    headers = {**admin, "If-Match": etag, "X-Change-Reason": "No such decision was taken."}
    assert client.delete(url, headers=headers).status_code == HTTPStatus.NO_CONTENT
    for path in ("/v1/changes.atom", "/v1/systems/zz-alert/changes.atom"):
        root = feed(client, path)
        assert "zz-alert-2024-05-10" not in entries_by_id(root)
        [tombstone] = root.findall(TOMBSTONE + "deleted-entry")
        assert tombstone.get("ref") == "tag:threat-levels-api,2026:changes/zz-alert-2024-05-10"
        assert RFC3339.match(tombstone.get("when")) and one(root, "updated").text >= tombstone.get("when")[:19]
        assert "Reason: No such decision was taken." in tombstone.find(TOMBSTONE + "comment").text


def test_titles_and_labels_are_in_the_feeds_language(client):
    french = feed(client, "/v1/changes.atom?lang=fr")
    assert one(french, "title").text == "Threat Levels API : changements de niveau d'alerte"
    assert one(french, "rights").text == "Données : CC BY 4.0"
    entry = entries_by_id(french)["zz-alert-2024-03-24"]
    assert one(entry, "category").get("label") == "hausse"
    english = entries_by_id(feed(client, "/v1/changes.atom"))["zz-alert-2024-03-24"]
    assert one(english, "category").get("label") == "raised"
