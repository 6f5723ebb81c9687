def test_index_links_everything_and_gives_the_dataset_revision(client):
    body = client.get("/v1").get_json()
    assert body["dataset_revision"] == 8
    assert body["reviewed_through"] == "2024-06-30"
    for link in body["links"].values():
        assert client.get(link).status_code == 200


def test_openapi_document_is_served_by_the_app(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.get_json()["info"]["title"] == "Threat Levels API"
