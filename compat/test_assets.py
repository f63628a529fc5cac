"""Assets: upload_files_cloud, upload_files (local files via signed URLs), get_assets, delete_assets."""
import pytest
import requests
from imerit_ango.models.enums import StorageFileTypes
from imerit_ango.models.task_filter import TaskFilter

from gloss_helpers import (
    all_tasks, assets_page, batch_id, cloud_assets, ok, png_bytes, ref_id, task_total, upload_cloud,
)


# ---------------------------------------------------------------------------------------------------------------------
# upload_files_cloud
# ---------------------------------------------------------------------------------------------------------------------

def test_upload_files_cloud_creates_assets_and_tasks(sdk, project_id):
    ok(sdk.create_batch(project_id, "cars"))
    cars = batch_id(sdk, project_id, "cars")
    assets = cloud_assets(4, batches=["cars"])  # batches by name
    sent = [dict(a, batches=None) for a in assets]  # snapshot before the SDK rewrites names to ids
    upload_cloud(sdk, project_id, assets)

    page = assets_page(sdk, project_id)
    assert page["total"] == 4
    by_ext = {a["externalId"]: a for a in page["assets"]}
    assert sorted(by_ext) == sorted(a["externalId"] for a in sent)
    for s in sent:
        got = by_ext[s["externalId"]]
        assert isinstance(got["_id"], str) and got["_id"]
        assert got["data"] == s["data"]
        assert got["metadata"] == s["metadata"]
        assert got["contextData"] == s["contextData"]
        assert got["batches"] == [cars]

    tasks = all_tasks(sdk, project_id)
    assert len(tasks) == 4
    assert {t["stage"] for t in tasks} == {"Label"}  # Start has autoForward on by default
    assert sorted(ref_id(t["asset"]) for t in tasks) == sorted(a["_id"] for a in page["assets"])
    for t in tasks:
        asset = next(a for a in page["assets"] if a["_id"] == ref_id(t["asset"]))
        assert t["externalId"] == asset["externalId"]
        assert t["project"] == project_id
        assert t["batches"] == [cars]
        assert t["priority"] == 0


def test_upload_files_cloud_query_batches_apply_to_every_asset(sdk, project_id):
    ok(sdk.create_batch(project_id, "q1"))
    ok(sdk.create_batch(project_id, "q2"))
    q1, q2 = batch_id(sdk, project_id, "q1"), batch_id(sdk, project_id, "q2")
    assets = cloud_assets(2)
    assets[0]["batches"] = ["q2"]
    upload_cloud(sdk, project_id, assets, batches=["q1"])  # ?batches=["<q1 id>"]
    by_ext = {a["externalId"]: a for a in assets_page(sdk, project_id)["assets"]}
    assert sorted(by_ext["img-0"]["batches"]) == sorted([q1, q2])
    assert by_ext["img-1"]["batches"] == [q1]


def test_upload_files_cloud_sets_priority_on_tasks(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2), priority=7)
    assert [t["priority"] for t in all_tasks(sdk, project_id)] == [7, 7]


def test_upload_files_cloud_with_invalid_asset_imports_nothing(sdk, project_id):
    assets = cloud_assets(3)
    del assets[1]["data"]  # every asset needs data
    resp = sdk.upload_files_cloud(project_id, assets)  # the SDK does not check the HTTP status here
    assert isinstance(resp, dict), resp
    assert resp.get("status") == "fail", resp
    assert isinstance(resp.get("message"), str) and resp["message"]
    assert assets_page(sdk, project_id)["total"] == 0
    assert task_total(sdk, project_id) == 0


def test_upload_files_cloud_allows_duplicate_external_ids(sdk, project_id):
    assets = cloud_assets(2)
    assets[1]["externalId"] = assets[0]["externalId"]
    upload_cloud(sdk, project_id, assets)
    page = assets_page(sdk, project_id, filters={"externalId": assets[0]["externalId"]})
    assert page["total"] == 2


# ---------------------------------------------------------------------------------------------------------------------
# upload_files (getUploadUrl + PUT + cloud with uploadLocal "true")
# ---------------------------------------------------------------------------------------------------------------------

@pytest.fixture
def png_files(tmp_path):
    paths = []
    for i, rgb in enumerate([(255, 0, 0), (0, 0, 255)]):
        p = tmp_path / f"local-{i}.png"
        p.write_bytes(png_bytes(2 + i, 2, rgb))
        paths.append(str(p))
    return paths


def test_upload_files_uploads_local_pngs(sdk, project_id, png_files, gloss_url):
    data = ok(sdk.upload_files(project_id, png_files))
    assert data["assets"]["assetsCreated"] == 2
    page = assets_page(sdk, project_id)
    assert page["total"] == 2
    # externalId defaults to file.name, i.e. the path string exactly as passed to upload_files
    assert sorted(a["externalId"] for a in page["assets"]) == sorted(png_files)
    for a in page["assets"]:
        assert "?" not in a["data"], "asset data must be the stable URL without the signing query"
        assert a["data"].startswith(("http://", "https://"))
        assert "/files/" in a["data"]
    assert task_total(sdk, project_id) == 2


def test_upload_files_content_readable_via_signed_url(sdk, project_id, png_files):
    ok(sdk.upload_files(project_id, png_files))
    by_ext = {a["externalId"]: a for a in assets_page(sdk, project_id)["assets"]}
    for path in png_files:
        stable_url = by_ext[path]["data"]
        # SDK dialect: GET /v2/getSignedUrl?name=<url>&project=<id>&type=assets -> data.signedUrl
        signed = sdk._get_signed_url(stable_url, project=project_id, file_type=StorageFileTypes.ASSET)
        assert signed.split("?")[0] == stable_url
        r = requests.get(signed, timeout=30)  # no apikey: the signature is the credential
        assert r.status_code == 200, r.text
        with open(path, "rb") as f:
            assert r.content == f.read()


def test_uploaded_file_requires_signed_url(sdk, project_id, png_files):
    ok(sdk.upload_files(project_id, png_files[:1]))
    stable_url = assets_page(sdk, project_id)["assets"][0]["data"]
    assert requests.get(stable_url, timeout=30).status_code in (401, 403)
    signed = sdk._get_signed_url(stable_url, project=project_id, file_type=StorageFileTypes.ASSET)
    tampered = signed.replace("sig=", "sig=0") if "sig=" in signed else signed + "x"
    assert requests.get(tampered, timeout=30).status_code in (401, 403)


def test_upload_files_with_dict_paths_keeps_external_id_and_metadata(sdk, project_id, png_files):
    ok(sdk.create_batch(project_id, "local"))
    local = batch_id(sdk, project_id, "local")
    items = [{"data": png_files[0], "externalId": "custom-ext", "metadata": {"width": 2, "height": 2},
              "contextData": {"source": "compat"}}]
    ok(sdk.upload_files(project_id, items, batches=["local"], priority=3))
    asset = assets_page(sdk, project_id)["assets"][0]
    assert asset["externalId"] == "custom-ext"
    assert asset["metadata"] == {"width": 2, "height": 2}
    assert asset["contextData"] == {"source": "compat"}
    assert asset["batches"] == [local]
    (task,) = all_tasks(sdk, project_id)
    assert task["priority"] == 3 and task["externalId"] == "custom-ext"


def test_upload_url_accepts_unauthenticated_put(sdk, project_id):
    url = sdk._get_upload_url("direct-put.png", project=project_id, file_type=StorageFileTypes.ASSET)
    assert "?" in url, "upload URL should carry its signature in the query string"
    r = requests.put(url, data=png_bytes())
    assert 200 <= r.status_code < 300, r.text
    signed = sdk._get_signed_url(url.split("?")[0], project=project_id, file_type=StorageFileTypes.ASSET)
    assert requests.get(signed, timeout=30).content == png_bytes()


# ---------------------------------------------------------------------------------------------------------------------
# get_assets
# ---------------------------------------------------------------------------------------------------------------------

def test_get_assets_filters_by_external_id(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(4))
    page = assets_page(sdk, project_id, filters={"externalId": "img-2"})
    assert page["total"] == 1
    assert [a["externalId"] for a in page["assets"]] == ["img-2"]
    assert assets_page(sdk, project_id, filters={"externalId": "nope"})["total"] == 0


def test_get_assets_filters_by_id(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3))
    target = assets_page(sdk, project_id)["assets"][1]
    page = assets_page(sdk, project_id, filters={"_id": target["_id"]})
    assert page["total"] == 1 and page["assets"][0]["_id"] == target["_id"]


def test_get_assets_batch_filter_requires_all_batches(sdk, project_id):
    ok(sdk.create_batch(project_id, "x"))
    ok(sdk.create_batch(project_id, "y"))
    x, y = batch_id(sdk, project_id, "x"), batch_id(sdk, project_id, "y")
    assets = cloud_assets(4)
    assets[0]["batches"] = ["x", "y"]
    assets[1]["batches"] = ["x"]
    assets[2]["batches"] = ["y"]
    upload_cloud(sdk, project_id, assets)
    ext = lambda f: sorted(a["externalId"] for a in assets_page(sdk, project_id, filters=f)["assets"])
    assert ext({"batches": [x]}) == ["img-0", "img-1"]
    assert ext({"batches": [y]}) == ["img-0", "img-2"]
    assert ext({"batches": [x, y]}) == ["img-0"]
    assert ext({"batches": [x], "externalId": "img-1"}) == ["img-1"]


def test_get_assets_paginates_with_total(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(5))
    seen = []
    for page_no, expected_len in [(1, 2), (2, 2), (3, 1), (4, 0)]:
        page = assets_page(sdk, project_id, page=page_no, limit=2)
        assert page["total"] == 5
        assert len(page["assets"]) == expected_len
        seen += [a["_id"] for a in page["assets"]]
    assert len(set(seen)) == 5


def test_get_assets_embeds_label_tasks(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2))
    tasks = {ref_id(t["asset"]): t for t in all_tasks(sdk, project_id)}
    for asset in assets_page(sdk, project_id)["assets"]:
        assert isinstance(asset.get("labelTasks"), list), asset
        assert [lt["_id"] for lt in asset["labelTasks"]] == [tasks[asset["_id"]]["_id"]]
        assert isinstance(asset["labelTasks"][0].get("stageHistory", []), list)


# ---------------------------------------------------------------------------------------------------------------------
# delete_assets
# ---------------------------------------------------------------------------------------------------------------------

def test_delete_assets_removes_assets_and_their_tasks(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(4))
    assets = assets_page(sdk, project_id)["assets"]
    doomed = [assets[0]["_id"], assets[2]["_id"]]
    doomed_tasks = {t["_id"] for t in all_tasks(sdk, project_id) if ref_id(t["asset"]) in doomed}
    assert len(doomed_tasks) == 2

    ok(sdk.delete_assets(project_id, doomed))

    page = assets_page(sdk, project_id)
    assert page["total"] == 2
    assert not {a["_id"] for a in page["assets"]} & set(doomed)
    assert assets_page(sdk, project_id, filters={"_id": doomed[0]})["total"] == 0
    remaining = all_tasks(sdk, project_id)
    assert len(remaining) == 2 and task_total(sdk, project_id) == 2
    assert not {t["_id"] for t in remaining} & doomed_tasks
    assert task_total(sdk, project_id, TaskFilter(stage=["Label"])) == 2
