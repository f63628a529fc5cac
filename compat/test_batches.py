"""Batches: create_batch, create_batches, get_batches, assign_batches."""
from imerit_ango.models.task_filter import TaskFilter

from gloss_helpers import (
    assets_page, batch_id, cloud_assets, get_project, ok, task_total, upload_cloud,
)


def test_create_batch_returns_new_batch_id_listed_by_get_batches(sdk, project_id):
    created = ok(sdk.create_batch(project_id, "batch-one"))["project"]
    # SDK docstring: {"data": {"project": {"_id": <new batch id>, "name": <name>}}}
    assert created["name"] == "batch-one"
    assert isinstance(created["_id"], str) and created["_id"] != project_id
    batches = sdk.get_batches(project_id)
    assert [(b["_id"], b["name"]) for b in batches] == [(created["_id"], "batch-one")]


def test_create_batch_appends_and_keeps_existing_ids(sdk, project_id):
    first = ok(sdk.create_batch(project_id, "first"))["project"]["_id"]
    second = ok(sdk.create_batch(project_id, "second"))["project"]["_id"]
    assert first != second
    batches = sdk.get_batches(project_id)
    assert [(b["_id"], b["name"]) for b in batches] == [(first, "first"), (second, "second")]
    assert get_project(sdk, project_id)["batches"] == batches


def test_create_batches_adds_only_missing_names_and_keeps_ids(sdk, project_id):
    existing = ok(sdk.create_batch(project_id, "existing"))["project"]["_id"]
    ok(sdk.create_batches(project_id, ["existing", "new-a", "new-b"]))  # posts {batches:[existing..., {name}...]}
    batches = sdk.get_batches(project_id)
    assert [b["name"] for b in batches] == ["existing", "new-a", "new-b"]
    assert batches[0]["_id"] == existing  # full-list replacement must keep the posted _id
    assert len({b["_id"] for b in batches}) == 3
    # all names already exist: the SDK sends nothing and returns []
    assert sdk.create_batches(project_id, ["new-a"]) == []
    assert len(sdk.get_batches(project_id)) == 3


def test_get_batches_empty_for_new_project(sdk, project_id):
    assert sdk.get_batches(project_id) == []


def test_assign_batches_adds_batch_to_assets_and_tasks(sdk, project_id):
    ok(sdk.create_batch(project_id, "b1"))
    ok(sdk.create_batch(project_id, "b2"))
    b1, b2 = batch_id(sdk, project_id, "b1"), batch_id(sdk, project_id, "b2")
    assets = cloud_assets(3)
    assets[0]["batches"] = ["b1"]  # by name; the SDK maps it to the id
    upload_cloud(sdk, project_id, assets)
    by_ext = {a["externalId"]: a for a in assets_page(sdk, project_id)["assets"]}
    target_ids = [by_ext["img-0"]["_id"], by_ext["img-1"]["_id"]]

    ok(sdk.assign_batches(project_id, target_ids, [b2]))

    by_ext = {a["externalId"]: a for a in assets_page(sdk, project_id)["assets"]}
    assert sorted(by_ext["img-0"]["batches"]) == sorted([b1, b2])  # added, not replaced
    assert by_ext["img-1"]["batches"] == [b2]
    assert by_ext["img-2"]["batches"] == []
    assert assets_page(sdk, project_id, filters={"batches": [b2]})["total"] == 2
    assert task_total(sdk, project_id, TaskFilter(batches=[b2])) == 2
    assert task_total(sdk, project_id, TaskFilter(batches=[b1])) == 1
