"""Tasks: get_tasks (pagination, sort, TaskFilter), get_task, assign_task, update_tasks_priority."""
import time
from datetime import datetime, timedelta, timezone

import pytest
from imerit_ango.models.enums import TaskType
from imerit_ango.models.task_filter import DateRange, NumberRange, StringFilter, TaskFilter

from gloss_helpers import (
    all_tasks, assert_fail_body, batch_id, cloud_assets, error_body, ok, ref_id, task_total, tasks_page,
    upload_cloud,
)

EMPTY_ANSWER = {"tools": [], "classifications": [], "relations": []}


def _ext_ids(tasks):
    return sorted(t["externalId"] for t in tasks)


# ---------------------------------------------------------------------------------------------------------------------
# get_tasks: pagination, sort, projection
# ---------------------------------------------------------------------------------------------------------------------

def test_get_tasks_paginates_with_total(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(5))
    seen = []
    for page_no, expected_len in [(1, 2), (2, 2), (3, 1), (4, 0)]:
        data = tasks_page(sdk, project_id, page=page_no, limit=2)
        assert data["total"] == 5, "total counts every matching task, not the page"
        assert len(data["tasks"]) == expected_len
        seen += [t["_id"] for t in data["tasks"]]
    assert len(set(seen)) == 5
    for t in all_tasks(sdk, project_id):
        assert isinstance(t["createdAt"], str) and t["createdAt"].endswith("Z")
        datetime.strptime(t["createdAt"][:19], "%Y-%m-%dT%H:%M:%S")


def test_get_tasks_default_limit_is_10(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(12))
    data = ok(sdk.get_tasks(project_id))
    assert data["total"] == 12
    assert len(data["tasks"]) == 10


def test_get_tasks_sorts_by_external_id(sdk, project_id):
    assets = cloud_assets(4)
    for a, ext in zip(assets, ["c", "a", "d", "b"]):
        a["externalId"] = ext
    upload_cloud(sdk, project_id, assets)
    asc = tasks_page(sdk, project_id, page=1, limit=10, sort="externalId")["tasks"]
    assert [t["externalId"] for t in asc] == ["a", "b", "c", "d"]
    desc = tasks_page(sdk, project_id, page=1, limit=10, sort="-externalId")["tasks"]
    assert [t["externalId"] for t in desc] == ["d", "c", "b", "a"]
    first_two = tasks_page(sdk, project_id, page=1, limit=2, sort="-externalId")["tasks"]
    assert [t["externalId"] for t in first_two] == ["d", "c"]


def test_get_tasks_include_answer_returns_answer_objects(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2))
    for t in tasks_page(sdk, project_id, include_answer=True)["tasks"]:
        assert t["answer"] == EMPTY_ANSWER


def test_get_tasks_with_fields_returns_requested_fields(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2))
    data = tasks_page(sdk, project_id, fields="stage,externalId")
    assert data["total"] == 2
    for t in data["tasks"]:
        # the SDK adds _id,project,asset to the projection and forces includeAnswer=true
        assert t["stage"] == "Label" and t["externalId"].startswith("img-")
        assert t["_id"] and t["project"] == project_id and ref_id(t["asset"])


def test_get_tasks_deprecated_stage_and_batches_params(sdk, project_id):
    ok(sdk.create_batch(project_id, "old"))
    old = batch_id(sdk, project_id, "old")
    assets = cloud_assets(3)
    assets[0]["batches"] = ["old"]
    upload_cloud(sdk, project_id, assets)
    with pytest.warns(DeprecationWarning):
        assert ok(sdk.get_tasks(project_id, stage="Label"))["total"] == 3  # &stage=Label
    with pytest.warns(DeprecationWarning):
        assert ok(sdk.get_tasks(project_id, stage="Complete"))["total"] == 0
    with pytest.warns(DeprecationWarning):
        assert ok(sdk.get_tasks(project_id, batches=[old]))["total"] == 1  # &batches=["<id>"]


# ---------------------------------------------------------------------------------------------------------------------
# get_tasks with TaskFilter (&filter=<url-quoted JSON>)
# ---------------------------------------------------------------------------------------------------------------------

def test_get_tasks_filter_by_stage(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3))
    assert task_total(sdk, project_id, TaskFilter(stage=["Label"])) == 3           # {"$in": [...]}
    assert task_total(sdk, project_id, TaskFilter(stage=["Start", "Complete"])) == 0
    assert task_total(sdk, project_id, TaskFilter(stage="Label")) == 3             # bare string
    assert task_total(sdk, project_id, TaskFilter(stage=StringFilter(ne="Label"))) == 0
    assert task_total(sdk, project_id, TaskFilter(stage=StringFilter(nin=["Complete"]))) == 3


def test_get_tasks_filter_by_batches(sdk, project_id):
    ok(sdk.create_batch(project_id, "f1"))
    ok(sdk.create_batch(project_id, "f2"))
    f1, f2 = batch_id(sdk, project_id, "f1"), batch_id(sdk, project_id, "f2")
    assets = cloud_assets(4)
    assets[0]["batches"] = ["f1"]
    assets[1]["batches"] = ["f1", "f2"]
    assets[2]["batches"] = ["f2"]
    upload_cloud(sdk, project_id, assets)
    matching = lambda flt: _ext_ids(all_tasks(sdk, project_id, task_filter=flt))
    assert matching(TaskFilter(batches=[f1])) == ["img-0", "img-1"]
    assert matching(TaskFilter(batches=[f1, f2])) == ["img-0", "img-1", "img-2"]  # $in: any of
    assert matching(TaskFilter(batches=StringFilter(nin=[f1]))) == ["img-2", "img-3"]


def test_get_tasks_filter_by_external_id(sdk, project_id):
    assets = cloud_assets(3) + cloud_assets(2, prefix="vid")
    upload_cloud(sdk, project_id, assets)
    matching = lambda flt: _ext_ids(all_tasks(sdk, project_id, task_filter=flt))
    assert matching(TaskFilter(external_id="img-1")) == ["img-1"]
    assert matching(TaskFilter(external_id=StringFilter(regex="^vid-"))) == ["vid-0", "vid-1"]
    assert matching(TaskFilter(external_id=StringFilter(in_list=["img-0", "vid-1", "zzz"]))) == ["img-0", "vid-1"]
    assert matching(TaskFilter(external_id=StringFilter(ne="img-0"))) == ["img-1", "img-2", "vid-0", "vid-1"]
    assert matching(TaskFilter(external_id="absent")) == []


def test_get_tasks_filter_by_priority_range(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3, prefix="low"), priority=0)
    upload_cloud(sdk, project_id, cloud_assets(2, prefix="high"), priority=5)
    assert task_total(sdk, project_id, TaskFilter(priority=5)) == 2                      # {"$eq": 5}
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(gte=5))) == 2
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(gt=0, lte=5))) == 2
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(lt=5))) == 3
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(ne=0))) == 2
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(gt=5))) == 0


def test_get_tasks_filter_by_is_draft(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3))
    assert task_total(sdk, project_id, TaskFilter(is_draft=False)) == 3
    assert task_total(sdk, project_id, TaskFilter(is_draft=True)) == 0
    assert all(t["isDraft"] is False for t in all_tasks(sdk, project_id))


def test_get_tasks_filter_by_default_flags_and_type(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2))
    assert task_total(sdk, project_id, TaskFilter(is_skipped=False, is_benchmark=False)) == 2
    assert task_total(sdk, project_id, TaskFilter(is_benchmark=True)) == 0
    assert task_total(sdk, project_id, TaskFilter(task_type=TaskType.DEFAULT)) == 2    # {"$eq": "default"}
    assert task_total(sdk, project_id, TaskFilter(task_type="consensus")) == 0
    assert task_total(sdk, project_id, TaskFilter(open_issues_count=0)) == 2


def test_get_tasks_filter_by_created_at_range(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(2, prefix="early"))
    time.sleep(1.5)
    middle = datetime.now(timezone.utc)
    time.sleep(1.5)
    upload_cloud(sdk, project_id, cloud_assets(3, prefix="late"))
    now = datetime.now(timezone.utc)
    matching = lambda flt: _ext_ids(all_tasks(sdk, project_id, task_filter=flt))
    # DateRange serialises as "YYYY-MM-DDTHH:MM:SS.mmmZ"
    assert len(matching(TaskFilter(created_at=DateRange(gte=now - timedelta(hours=1),
                                                         lte=now + timedelta(hours=1))))) == 5
    assert matching(TaskFilter(created_at=DateRange(gt=middle))) == ["late-0", "late-1", "late-2"]
    assert matching(TaskFilter(created_at=DateRange(lt=middle))) == ["early-0", "early-1"]
    assert matching(TaskFilter(created_at=DateRange(gt=now + timedelta(days=1)))) == []
    assert matching(TaskFilter(created_at=DateRange(lt=datetime(2000, 1, 1, tzinfo=timezone.utc)))) == []


def test_get_tasks_filter_keys_are_anded(sdk, project_id):
    ok(sdk.create_batch(project_id, "and"))
    b = batch_id(sdk, project_id, "and")
    assets = cloud_assets(4)
    assets[0]["batches"] = ["and"]
    assets[1]["batches"] = ["and"]
    upload_cloud(sdk, project_id, assets[:2], priority=3)
    upload_cloud(sdk, project_id, assets[2:], priority=0)
    flt = TaskFilter(stage=["Label"], batches=[b], external_id="img-1", priority=NumberRange(gte=3), is_draft=False)
    assert _ext_ids(all_tasks(sdk, project_id, task_filter=flt)) == ["img-1"]
    flt = TaskFilter(batches=[b], priority=0)
    assert task_total(sdk, project_id, flt) == 0


# ---------------------------------------------------------------------------------------------------------------------
# get_task
# ---------------------------------------------------------------------------------------------------------------------

def test_get_task_returns_answer_even_without_include_answer(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(1))
    (listed,) = all_tasks(sdk, project_id)
    task = ok(sdk.get_task(listed["_id"]))["task"]  # ?includeAnswer=False (capitalised)
    assert task["_id"] == listed["_id"]
    assert task["project"] == project_id
    assert ref_id(task["asset"]) == ref_id(listed["asset"])
    assert task["stage"] == "Label"
    assert task["answer"] == EMPTY_ANSWER
    assert "brushDataUrl" in task and "medicalBrushDataUrl" in task


def test_get_task_with_include_answer(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(1))
    (listed,) = all_tasks(sdk, project_id)
    task = ok(sdk.get_task(listed["_id"], include_answer=True))["task"]  # ?includeAnswer=True
    assert task["answer"] == EMPTY_ANSWER
    assert task["externalId"] == "img-0"


def test_get_task_unknown_id_raises(sdk, project_id):
    with pytest.raises(Exception) as exc_info:
        sdk.get_task("0123456789abcdef01234567")
    assert_fail_body(error_body(exc_info.value))


# ---------------------------------------------------------------------------------------------------------------------
# assign_task
# ---------------------------------------------------------------------------------------------------------------------

def test_assign_task_sets_assignee(sdk, project_id, admin_email):
    upload_cloud(sdk, project_id, cloud_assets(3))
    tasks = all_tasks(sdk, project_id)
    chosen = [tasks[0]["_id"], tasks[2]["_id"]]
    ok(sdk.assign_task(project_id, chosen, "Label", admin_email))
    for task_id in chosen:
        assert ok(sdk.get_task(task_id))["task"]["assignee"] == admin_email
    assert not ok(sdk.get_task(tasks[1]["_id"]))["task"].get("assignee")
    assigned = all_tasks(sdk, project_id, task_filter=TaskFilter(assignee=admin_email))
    assert sorted(t["_id"] for t in assigned) == sorted(chosen)
    assert task_total(sdk, project_id, TaskFilter(assignee=StringFilter(exists=True))) == 2


def test_assign_task_unknown_user_is_rejected(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(1))
    (task,) = all_tasks(sdk, project_id)
    with pytest.raises(Exception) as exc_info:
        sdk.assign_task(project_id, [task["_id"]], "Label", "nobody-compat@example.invalid")
    assert_fail_body(error_body(exc_info.value))
    assert not ok(sdk.get_task(task["_id"]))["task"].get("assignee")


# ---------------------------------------------------------------------------------------------------------------------
# update_tasks_priority
# ---------------------------------------------------------------------------------------------------------------------

def test_update_tasks_priority_by_task_ids(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(4))
    tasks = all_tasks(sdk, project_id, sort="externalId")
    target = [tasks[1]["_id"], tasks[3]["_id"]]
    ok(sdk.update_tasks_priority(project_id, 9, {"taskIds": target}))
    by_id = {t["_id"]: t for t in all_tasks(sdk, project_id)}
    assert {i: by_id[i]["priority"] for i in by_id} == {
        tasks[0]["_id"]: 0, tasks[1]["_id"]: 9, tasks[2]["_id"]: 0, tasks[3]["_id"]: 9}
    assert ok(sdk.get_task(target[0]))["task"]["priority"] == 9
    assert sorted(t["_id"] for t in all_tasks(sdk, project_id, task_filter=TaskFilter(priority=9))) == sorted(target)
    # sort on priority sees the new values
    top = tasks_page(sdk, project_id, page=1, limit=2, sort="-priority")["tasks"]
    assert sorted(t["_id"] for t in top) == sorted(target)
    bottom = tasks_page(sdk, project_id, page=1, limit=4, sort="priority")["tasks"]
    assert [t["priority"] for t in bottom] == [0, 0, 9, 9]


def test_update_tasks_priority_by_external_ids(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3))
    ok(sdk.update_tasks_priority(project_id, -4, {"externalIds": ["img-0"]}))
    prio = {t["externalId"]: t["priority"] for t in all_tasks(sdk, project_id)}
    assert prio == {"img-0": -4, "img-1": 0, "img-2": 0}
    assert task_total(sdk, project_id, TaskFilter(priority=NumberRange(lt=0))) == 1


def test_update_tasks_priority_without_filters_updates_all(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(3))
    ok(sdk.update_tasks_priority(project_id, 2))  # body {"filters": {}, "priority": 2}
    assert [t["priority"] for t in all_tasks(sdk, project_id)] == [2, 2, 2]
    assert task_total(sdk, project_id, TaskFilter(priority=2)) == 3


def test_update_tasks_priority_out_of_range_is_rejected(sdk, project_id):
    upload_cloud(sdk, project_id, cloud_assets(1))
    with pytest.raises(Exception) as exc_info:
        sdk.update_tasks_priority(project_id, 5000)  # allowed range is -1000..1000
    assert_fail_body(error_body(exc_info.value))
    assert [t["priority"] for t in all_tasks(sdk, project_id)] == [0]
