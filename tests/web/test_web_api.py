"""The JSON API, queried in-process over the temporary store."""

from __future__ import annotations

from fastapi.testclient import TestClient

LISTS = ["/api/articles", "/api/actors", "/api/quotes", "/api/events", "/api/dyads", "/api/forecasts"]


def test_web_api_status_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/status").json()
    assert body["counts"]["articles"] == 3
    assert body["counts"]["events"] > 0 and body["counts"]["issue_stances"] > 0


def test_web_api_every_list_is_paged(client: TestClient) -> None:
    for path in LISTS:
        body = client.get(path, params={"limit": 1, "offset": 0}).json()
        assert set(body) == {"items", "total", "limit", "offset"}, path
        assert body["limit"] == 1 and len(body["items"]) <= 1, path
        if body["total"] > 1:
            second = client.get(path, params={"limit": 1, "offset": 1}).json()
            assert second["items"] != body["items"], path


def test_web_api_limit_is_capped(client: TestClient) -> None:
    assert client.get("/api/events", params={"limit": 500}).status_code == 200
    response = client.get("/api/events", params={"limit": 501})
    assert response.status_code == 422 and response.json()["details"][0]["loc"] == ["query", "limit"]


def test_web_api_article_search_by_text_actor_issue_and_date(client: TestClient, hostile_id: str) -> None:
    def ids(**params: str) -> set[str]:
        return {a["id"] for a in client.get("/api/articles", params=params).json()["items"]}

    assert ids(q="Alaska") and hostile_id not in ids(q="Alaska")
    assert hostile_id in ids(q="military channels")
    assert hostile_id in ids(actor="person:wang-yi")
    assert hostile_id in ids(actor="Wang Yi")
    assert hostile_id in ids(issue="taiwan")
    assert ids(**{"from": "2023-02-01", "to": "2023-02-28"}) == {hostile_id}
    assert len(ids(**{"from": "2021", "to": "2021"})) == 1
    assert len(ids(dyad="US-China")) == 3


def test_web_api_article_record_follows_the_export_contract(client: TestClient, hostile_id: str) -> None:
    body = client.get(f"/api/articles/{hostile_id[:10]}").json()
    assert set(body) == {"article", "actors", "quotes", "events", "issues", "forecasts"}
    text = body["article"]["text"]
    for event in body["events"]:
        start, end = event["trigger"]
        assert 0 <= start < end <= len(text)
    assert body["article"]["title"].startswith("<script>")  # stored as is; escaped when rendered


def test_web_api_events_filter_by_dyad_type_class_modality_and_date(client: TestClient) -> None:
    every = client.get("/api/events", params={"dyad": "china/usa", "limit": 500}).json()
    assert every["total"] > 0 and {e["dyad"] for e in every["items"]} == {"CHN-USA"}
    accuse = client.get("/api/events", params={"type": "ACCUSE"}).json()["items"]
    assert accuse and {e["type"] for e in accuse} == {"ACCUSE"}
    verbal = client.get("/api/events", params={"quad_class": "verbal_conflict"}).json()["items"]
    assert {e["quad_class"] for e in verbal} == {"verbal_conflict"}
    planned = client.get("/api/events", params={"modality": "planned"}).json()["items"]
    assert {e["modality"] for e in planned} <= {"planned"}
    dated = client.get("/api/events", params={"from": "2023-01", "to": "2023-12"}).json()["items"]
    assert dated and all((e["date"] or e["published"]).startswith("2023") for e in dated)
    assert client.get("/api/events", params={"type": "PARTY"}).status_code == 422


def test_web_api_dyad_summary_has_index_and_stances(client: TestClient) -> None:
    body = client.get("/api/dyads/US-China/summary").json()
    assert body["dyad"] == "CHN-USA"
    assert body["index_by_month"] and all(-1 <= m["index"] <= 1 for m in body["index_by_month"])
    cells = body["stances_by_month"]
    assert {"issue", "month", "score", "stance", "article_id", "idx"} <= set(cells[0])
    assert {c["issue"] for c in cells} >= {"taiwan"}


def test_web_api_issue_view_and_forecasts(client: TestClient, hostile_id: str) -> None:
    body = client.get("/api/dyads/CHN-USA/issues/taiwan").json()
    assert body["stances"]["total"] >= 1 and body["by_month"]
    assert any("Taiwan" in s["excerpt"] for s in body["stances"]["items"])  # real evidence: whole sentences
    ledger = client.get("/api/forecasts", params={"status": "open"}).json()
    assert ledger["total"] >= 1 and ledger["items"][0]["status"] == "open"


def test_web_api_actor_profile_and_quotes(client: TestClient) -> None:
    wang = client.get("/api/actors/person:wang-yi").json()
    assert wang["country"] == "CHN" and wang["n_articles"] >= 1
    speaker = next(q["speaker"] for q in client.get("/api/quotes", params={"limit": 500}).json()["items"]
                   if q["speaker"])  # fmt: skip
    quotes = client.get("/api/quotes", params={"speaker": speaker}).json()["items"]
    assert quotes and {q["speaker"] for q in quotes} == {speaker}
    assert client.get("/api/quotes", params={"q": "interference"}).json()["total"] >= 1


def test_web_api_quotes_say_how_they_were_found(client: TestClient) -> None:
    # "countries are also realistic about whether a change in the status quo can be achieved":
    # no listed cue, read by the learned tagger.
    (tagged,) = client.get("/api/quotes", params={"q": "status quo can be achieved"}).json()["items"]
    assert tagged["found_by"] == "tagger" and 0.5 <= tagged["confidence"] <= 1.0
    swaine = client.get("/api/quotes", params={"speaker": "Swaine"}).json()["items"]
    assert swaine and {(q["found_by"], q["confidence"]) for q in swaine} == {("rules", None)}
    # Filtered by reader: the tagger's quotes alone, every one with its confidence, and no others.
    by_tagger = client.get("/api/quotes", params={"found_by": "tagger", "limit": 500}).json()
    everything = client.get("/api/quotes", params={"limit": 500}).json()
    assert tagged in by_tagger["items"]
    assert {q["found_by"] for q in by_tagger["items"]} == {"tagger"}
    assert all(q["confidence"] is not None for q in by_tagger["items"])
    assert by_tagger["total"] == sum(q["found_by"] == "tagger" for q in everything["items"])
    assert client.get("/api/quotes", params={"found_by": "guess"}).status_code == 422


def test_web_api_search_spans_articles_actors_and_quotes(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Blinken"}).json()
    assert body["articles"]["total"] >= 2 and body["actors"]["total"] >= 1
