"""Workflow (issue #3): annotate_task, review_task, requeue_tasks, get_task_history, update_workflow_stages,
rerun_webhook through the SDK; the labeling queue, Save / Submit / Skip and manual forwarding through `requests`;
concurrent queue claims through two servers on one PostgreSQL database."""
import copy
import os
import threading
import uuid

import pytest
import requests
from imerit_ango.models.annotate import AnnotationPayload, Answer
from imerit_ango.models.enums import ReviewStatus
from imerit_ango.sdk import SDK

from gloss_helpers import (
    Api, add_members, all_tasks, assert_fail_body, batch_id, box, cloud_assets, create_user, error_body, get_project,
    json_data, json_fail, label_schema, linear_workflow, link, ok, radio_answer, review_workflow, stage,
    start_gloss_server, stop_gloss_server, text_answer, upload_cloud,
)

EMPTY_ANSWER = {"tools": [], "classifications": [], "relations": []}


# ---------------------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------------------

def _setup(sdk, make_project, stages=None, n=1, schema=True, assets=None, **upload_kwargs):
    """A project with the label_schema, the given workflow and n uploaded assets; returns (project id, tasks
    sorted by externalId)."""
    pid = make_project()
    if schema:
        ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    if stages is not None:
        ok(sdk.update_workflow_stages(pid, stages))
    if assets is None and n:
        assets = cloud_assets(n)
    if assets:
        upload_cloud(sdk, pid, assets, **upload_kwargs)
    return pid, all_tasks(sdk, pid, sort="externalId")


def _task(sdk, task_id):
    return ok(sdk.get_task(task_id))["task"]


def _history(sdk, task_id, include_start=False):
    """get_task_history(task_id=...). Entries for leaving Start (auto-forward on upload) are left out unless asked."""
    data = ok(sdk.get_task_history(task_id=task_id))
    assert isinstance(data.get("taskHistory"), list), data
    return [h for h in data["taskHistory"] if include_start or h.get("stageId") != "Start"]


def _payload(objects=(), classifications=(), relations=()):
    return AnnotationPayload(answer=Answer(objects=copy.deepcopy(list(objects)),
                                           classifications=copy.deepcopy(list(classifications)),
                                           relations=copy.deepcopy(list(relations))))


def _answer(tools=(), classifications=(), relations=()):
    return {"tools": list(tools), "classifications": list(classifications), "relations": list(relations)}


def _submit_via_sdk(sdk, task_id, objects=(), classifications=()):
    """annotate_task(overwrite=True, send_to_next_stage=True): what a script does to finish a Label stage."""
    assert sdk.annotate_task(task_id, _payload(objects, classifications), overwrite=True, send_to_next_stage=True) is True


def _admin_api(gloss_url, api_key):
    return Api(gloss_url, api_key)


def _claim(api, project_id, kind="label"):
    """POST /v2/project/{id}/queue/next: the claimed task, or None on 204."""
    resp = api.post(f"/v2/project/{project_id}/queue/next", {"kind": kind})
    if resp.status_code == 204:
        return None
    data = json_data(resp)
    assert data["task"]["assignee"] == api.email, data
    return data["task"]


def _work(api, task_id, action, answer=None, duration=1000):
    body = {"duration": duration}
    if answer is not None:
        body["answer"] = answer
    return api.post(f"/v2/task/{task_id}/{action}", body)


# ---------------------------------------------------------------------------------------------------------------------
# annotate_task (POST /v2/annotate/{taskId}?nextStage=&isPlugin=)
# ---------------------------------------------------------------------------------------------------------------------

def test_annotate_overwrite_replaces_the_whole_answer(sdk, make_project):
    pid, (task,) = _setup(sdk, make_project)
    first = _payload([box("o1"), box("o2", x=5)], [text_answer("first"), radio_answer("A")], [link("r1", "o1", "o2")])
    assert sdk.annotate_task(task["_id"], first, overwrite=True) is True
    stored = _task(sdk, task["_id"])
    # the SDK sends answer.objects; the task answers them as answer.tools
    assert stored["answer"] == _answer([box("o1"), box("o2", x=5)], [text_answer("first"), radio_answer("A")],
                                       [link("r1", "o1", "o2")])
    assert stored["stage"] == "Label"

    assert sdk.annotate_task(task["_id"], _payload([], [radio_answer("B")]), overwrite=True) is True
    stored = _task(sdk, task["_id"])
    assert stored["answer"] == _answer([], [radio_answer("B")], [])
    assert stored["stage"] == "Label", "without nextStage the task stays where it is"
    assert _history(sdk, task["_id"]) == [], "annotate without nextStage writes no stage history"


def test_annotate_answers_the_task_under_label(sdk, make_project, gloss_url, api_key):
    pid, (task,) = _setup(sdk, make_project)
    body = _payload([box("o1")]).toDict()      # exactly what the SDK posts
    resp = _admin_api(gloss_url, api_key).post(f"/v2/annotate/{task['_id']}?nextStage=false&isPlugin=false", body)
    label = json_data(resp)["label"]
    assert label["_id"] == task["_id"]
    assert label["answer"] == _answer([box("o1")])
    assert "objects" not in label["answer"]


def test_annotate_without_overwrite_merges_into_the_stored_answer(sdk, make_project):
    pid, (task,) = _setup(sdk, make_project)
    ok_first = sdk.annotate_task(task["_id"], _payload([box("o1"), box("o2", x=5)],
                                                       [text_answer("old"), radio_answer("A")],
                                                       [link("r1", "o1", "o2")]), overwrite=True)
    assert ok_first is True
    # overwrite=False: the SDK GETs the task and merges: existing tools and relations are kept, existing
    # classifications are kept unless a new one has the same schemaId
    assert sdk.annotate_task(task["_id"], _payload([box("o3", x=9)], [text_answer("new")]), overwrite=False) is True
    answer = _task(sdk, task["_id"])["answer"]
    assert answer["tools"] == [box("o3", x=9), box("o1"), box("o2", x=5)]
    assert answer["classifications"] == [text_answer("new"), radio_answer("A")]
    assert answer["relations"] == [link("r1", "o1", "o2")]


def test_annotate_assigns_object_ids_to_tools_without_one(sdk, make_project):
    pid, (task,) = _setup(sdk, make_project)
    anonymous = box("x")
    del anonymous["objectId"]
    assert sdk.annotate_task(task["_id"], _payload([anonymous, box("kept")]), overwrite=True) is True
    tools = _task(sdk, task["_id"])["answer"]["tools"]
    assert len(tools) == 2
    assert isinstance(tools[0].get("objectId"), str) and tools[0]["objectId"] not in ("", "kept")
    assert tools[1]["objectId"] == "kept"


def test_annotate_with_an_answer_outside_the_schema_is_refused(sdk, make_project):
    pid, (task,) = _setup(sdk, make_project)
    assert sdk.annotate_task(task["_id"], _payload([box("o1")]), overwrite=True) is True
    bad = box("o2")
    bad["schemaId"] = "no-such-tool"
    with pytest.raises(Exception) as exc_info:
        sdk.annotate_task(task["_id"], _payload([bad]), overwrite=True)
    assert_fail_body(error_body(exc_info.value))
    assert _task(sdk, task["_id"])["answer"] == _answer([box("o1")])


def test_annotate_unknown_task_is_refused(sdk, project_id):
    with pytest.raises(Exception) as exc_info:
        sdk.annotate_task("0123456789abcdef01234567", _payload([box("o1")]), overwrite=True)
    assert_fail_body(error_body(exc_info.value))


def test_annotate_with_next_stage_moves_the_task_and_writes_history(sdk, make_project, admin_email):
    label_id = str(uuid.uuid4())
    stages = linear_workflow(stage(label_id, "Label", [], name="Labeling", x=100))
    pid, (task, other) = _setup(sdk, make_project, stages, n=2)
    assert task["stage"] == label_id
    _submit_via_sdk(sdk, task["_id"], [box("o1")], [radio_answer("B")])

    moved = _task(sdk, task["_id"])
    assert moved["stage"] == "Complete"
    assert moved["status"] == "Completed"
    assert moved["answer"] == _answer([box("o1")], [radio_answer("B")])
    assert _task(sdk, other["_id"])["stage"] == label_id, "only the annotated task moves"

    history = _history(sdk, task["_id"])
    entries = [h for h in history if h.get("stageId") == label_id]
    assert len(entries) == 1, history
    entry = entries[0]
    assert entry["stage"] == "Labeling"                 # the stage name; stageId holds the id
    assert entry["answer"] == _answer([box("o1")], [radio_answer("B")])
    assert entry["completedBy"] == admin_email
    assert entry["labelTaskId"] == task["_id"]
    assert entry["project"] == pid
    assert entry["_id"]
    assert _history(sdk, other["_id"]) == []

    # GET /v2/taskHistory/{id}: the single entry
    single = ok(sdk.get_task_history(task_history_id=entry["_id"]))["taskHistory"]
    assert isinstance(single, dict), single
    assert single["_id"] == entry["_id"] and single["stageId"] == label_id
    assert single["answer"] == entry["answer"]


def test_annotate_with_next_stage_twice_walks_the_workflow(sdk, make_project):
    second_id = str(uuid.uuid4())
    stages = linear_workflow(stage("Label", "Label", [], x=100), stage(second_id, "Label", [], name="Second", x=200))
    pid, (task,) = _setup(sdk, make_project, stages)
    _submit_via_sdk(sdk, task["_id"], [box("o1")])
    assert _task(sdk, task["_id"])["stage"] == second_id
    _submit_via_sdk(sdk, task["_id"], [box("o1"), box("o2")])
    assert _task(sdk, task["_id"])["stage"] == "Complete"
    history = [h for h in _history(sdk, task["_id"]) if h["stageId"] in ("Label", second_id)]
    assert [h["stageId"] for h in history] == ["Label", second_id]
    assert [len(h["answer"]["tools"]) for h in history] == [1, 2], "each entry snapshots the answer as it left"


def test_get_task_history_of_unknown_task_is_refused(sdk, project_id):
    with pytest.raises(Exception) as exc_info:
        sdk.get_task_history(task_id="0123456789abcdef01234567")
    assert_fail_body(error_body(exc_info.value))
    with pytest.raises(Exception) as exc_info:
        sdk.get_task_history(task_history_id="0123456789abcdef01234567")
    assert_fail_body(error_body(exc_info.value))


# ---------------------------------------------------------------------------------------------------------------------
# review_task (POST /v2/review/{taskId})
# ---------------------------------------------------------------------------------------------------------------------

def _review_project(sdk, make_project, n=2):
    stages = review_workflow()
    review_id = stages[2]["id"]
    pid, tasks = _setup(sdk, make_project, stages, n=n)
    for t in tasks:
        _submit_via_sdk(sdk, t["_id"], [box("o1")])
        assert _task(sdk, t["_id"])["stage"] == review_id
    return pid, tasks, review_id


def test_review_accepted_leaves_by_the_first_output(sdk, make_project, admin_email):
    pid, (task, _), review_id = _review_project(sdk, make_project)
    data = ok(sdk.review_task(task["_id"], ReviewStatus.ACCEPTED))  # body {"reviewStatus": "Accepted"}
    assert data["task"]["_id"] == task["_id"]
    assert data["task"]["stage"] == "Complete"
    stored = _task(sdk, task["_id"])
    assert stored["stage"] == "Complete"
    assert stored["reviewStatus"] == "Accepted"
    assert stored["answer"] == _answer([box("o1")]), "a review without an answer keeps the labeler's answer"
    history = _history(sdk, task["_id"])
    review_entries = [h for h in history if h["stageId"] == review_id]
    assert len(review_entries) == 1, history
    assert review_entries[0]["reviewStatus"] == "Accepted"
    assert review_entries[0]["completedBy"] == admin_email
    assert [h["stageId"] for h in history if h["stageId"] in ("Label", review_id)] == ["Label", review_id]


def test_review_rejected_leaves_by_the_second_output(sdk, make_project):
    pid, (accepted, rejected), review_id = _review_project(sdk, make_project)
    ok(sdk.review_task(rejected["_id"], ReviewStatus.REJECTED))
    stored = _task(sdk, rejected["_id"])
    assert stored["stage"] == "Label"                      # review_workflow: next = ["Complete", "Label"]
    assert stored["reviewStatus"] == "Rejected"
    assert stored["answer"] == _answer([box("o1")])
    entry = [h for h in _history(sdk, rejected["_id"]) if h["stageId"] == review_id]
    assert [h["reviewStatus"] for h in entry] == ["Rejected"]
    assert _task(sdk, accepted["_id"])["stage"] == review_id, "the other task is untouched"
    # rejected tasks reach the review again after the next submit, and can then be accepted
    _submit_via_sdk(sdk, rejected["_id"], [box("o1"), box("o2")])
    assert _task(sdk, rejected["_id"])["stage"] == review_id
    ok(sdk.review_task(rejected["_id"], ReviewStatus.ACCEPTED))
    stored = _task(sdk, rejected["_id"])
    assert stored["stage"] == "Complete" and stored["reviewStatus"] == "Accepted"
    statuses = [h.get("reviewStatus") for h in _history(sdk, rejected["_id"]) if h["stageId"] == review_id]
    assert statuses == ["Rejected", "Accepted"]


def test_review_todo_and_fixed_only_set_the_review_status(sdk, make_project):
    pid, (task, _), review_id = _review_project(sdk, make_project)
    before = len(_history(sdk, task["_id"]))
    for status, text in [(ReviewStatus.TODO, "Todo"), (ReviewStatus.FIXED, "Fixed")]:
        ok(sdk.review_task(task["_id"], status))
        stored = _task(sdk, task["_id"])
        assert stored["stage"] == review_id
        assert stored["reviewStatus"] == text
    assert len(_history(sdk, task["_id"])) == before


def test_review_of_a_task_outside_a_review_stage_is_refused(sdk, make_project):
    pid, (task,) = _setup(sdk, make_project, review_workflow())
    with pytest.raises(Exception) as exc_info:
        sdk.review_task(task["_id"], ReviewStatus.ACCEPTED)
    assert_fail_body(error_body(exc_info.value))
    stored = _task(sdk, task["_id"])
    assert stored["stage"] == "Label"
    assert not stored.get("reviewStatus")


# ---------------------------------------------------------------------------------------------------------------------
# requeue_tasks (POST /v2/project/{id}/requeueTasks)
# ---------------------------------------------------------------------------------------------------------------------

def _completed_project(sdk, make_project, n=3, **kwargs):
    """Default workflow, n tasks annotated and sent to Complete (one history entry each)."""
    pid, tasks = _setup(sdk, make_project, n=n, **kwargs)
    for i, t in enumerate(tasks):
        _submit_via_sdk(sdk, t["_id"], [box(f"o{i}")], [text_answer(f"note {i}")])
        assert _task(sdk, t["_id"])["stage"] == "Complete"
    return pid, tasks


def test_requeue_moves_tasks_as_they_are_without_a_history_entry(sdk, make_project):
    pid, tasks = _completed_project(sdk, make_project)
    before = {t["_id"]: _history(sdk, t["_id"], include_start=True) for t in tasks}
    chosen = [tasks[0]["_id"], tasks[2]["_id"]]
    data = ok(sdk.requeue_tasks(pid, "Label", {"taskIds": chosen}))
    assert data["modifiedCount"] == {"modified": 2, "toStageId": "Label"}
    for i, t in enumerate(tasks):
        stored = _task(sdk, t["_id"])
        assert stored["stage"] == ("Label" if t["_id"] in chosen else "Complete")
        assert stored["answer"] == _answer([box(f"o{i}")], [text_answer(f"note {i}")]), "answers are kept"
        assert _history(sdk, t["_id"], include_start=True) == before[t["_id"]], "a requeue writes no stage-history entry"


def test_entries_after_a_requeue_are_flagged_rework(sdk, make_project):
    pid, (task,) = _completed_project(sdk, make_project, n=1)
    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [task["_id"]]}))
    _submit_via_sdk(sdk, task["_id"], [box("o1")])
    history = _history(sdk, task["_id"])
    assert [(h["stageId"], h["rework"]) for h in history] == [("Label", False), ("Label", True)]


def test_requeue_with_remove_annotations_clears_the_answer(sdk, make_project):
    pid, tasks = _completed_project(sdk, make_project, n=2)
    data = ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [tasks[0]["_id"]]}, {"removeAnnotations": True}))
    assert data["modifiedCount"]["modified"] == 1
    cleared = _task(sdk, tasks[0]["_id"])
    assert cleared["stage"] == "Label"
    assert cleared["answer"] == EMPTY_ANSWER
    assert not cleared.get("brushDataUrl") and not cleared.get("medicalBrushDataUrl")
    assert len(_history(sdk, tasks[0]["_id"])) == 1, "removeAnnotations keeps the stage history"
    assert _task(sdk, tasks[1]["_id"])["answer"] == _answer([box("o1")], [text_answer("note 1")])


def test_requeue_with_remove_stage_history_empties_the_history(sdk, make_project):
    pid, tasks = _completed_project(sdk, make_project, n=2)
    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [tasks[0]["_id"]]}, {"removeStageHistory": True}))
    assert _history(sdk, tasks[0]["_id"], include_start=True) == []
    assert _task(sdk, tasks[0]["_id"])["answer"] == _answer([box("o0")], [text_answer("note 0")])
    assert len(_history(sdk, tasks[1]["_id"])) == 1


def test_requeue_keeps_the_labeler_unless_remove_assignee(sdk, make_project, make_user):
    pid, (task,) = _setup(sdk, make_project)
    first = make_user(pid, "Labeler", "first")
    second = make_user(pid, "Labeler", "second")
    claimed = _claim(first, pid)
    assert claimed["_id"] == task["_id"]
    json_data(_work(first, task["_id"], "submit", _answer([box("o1")])))
    assert _task(sdk, task["_id"])["stage"] == "Complete"

    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [task["_id"]]}))
    back = _task(sdk, task["_id"])
    assert back["stage"] == "Label"
    assert back["assignee"] == first.email, "without removeAssignee only the previous labeler can redo it"
    assert _claim(second, pid) is None

    data = ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [task["_id"]]}, {"removeAssignee": True}))
    assert data["modifiedCount"]["modified"] == 1
    assert not _task(sdk, task["_id"]).get("assignee")
    assert _claim(second, pid)["_id"] == task["_id"], "the first user to reach it takes it"


def test_requeue_keeps_an_assignee_set_with_assign_task(sdk, make_project, make_user):
    pid, (task, other) = _setup(sdk, make_project, n=2)
    labeler = make_user(pid, "Labeler")
    ok(sdk.assign_task(pid, [task["_id"]], "Label", labeler.email))
    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [task["_id"]]}))
    assert _task(sdk, task["_id"])["assignee"] == labeler.email, \
        "without removeAssignee the task can only be redone by its previous assignee"
    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [task["_id"]]}, {"removeAssignee": True}))
    assert not _task(sdk, task["_id"]).get("assignee")


def test_requeue_all_options_together(sdk, make_project, admin_email):
    pid, tasks = _completed_project(sdk, make_project, n=1)
    ok(sdk.assign_task(pid, [tasks[0]["_id"]], "Complete", admin_email))
    options = {"removeAnnotations": True, "removeAssignee": True, "removeStageHistory": True}
    ok(sdk.requeue_tasks(pid, "Label", {"taskIds": [tasks[0]["_id"]]}, options))
    stored = _task(sdk, tasks[0]["_id"])
    assert stored["stage"] == "Label"
    assert stored["answer"] == EMPTY_ANSWER
    assert not stored.get("assignee")
    assert _history(sdk, tasks[0]["_id"], include_start=True) == []


def test_requeue_filters(sdk, make_project):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    ok(sdk.create_batch(pid, "vip"))
    assets = cloud_assets(4)
    assets[0]["batches"] = ["vip"]
    upload_cloud(sdk, pid, assets)
    tasks = all_tasks(sdk, pid, sort="externalId")
    ids = [t["_id"] for t in tasks]
    for t in tasks[:2]:
        _submit_via_sdk(sdk, t["_id"], [box("o1")])

    def stages():
        return [_task(sdk, i)["stage"] for i in ids]

    assert stages() == ["Complete", "Complete", "Label", "Label"]
    data = ok(sdk.requeue_tasks(pid, "Label", {"fromStageIds": ["Complete"]}))
    assert data["modifiedCount"] == {"modified": 2, "toStageId": "Label"}
    assert stages() == ["Label"] * 4
    assert ok(sdk.requeue_tasks(pid, "Complete", {"externalIds": ["img-2"]}))["modifiedCount"]["modified"] == 1
    assert stages() == ["Label", "Label", "Complete", "Label"]
    asset_of_3 = tasks[3]["asset"]["_id"] if isinstance(tasks[3]["asset"], dict) else tasks[3]["asset"]
    assert ok(sdk.requeue_tasks(pid, "Complete", {"assetIds": [asset_of_3]}))["modifiedCount"]["modified"] == 1
    assert stages() == ["Label", "Label", "Complete", "Complete"]
    assert ok(sdk.requeue_tasks(pid, "Complete", {"batches": [batch_id(sdk, pid, "vip")]}))["modifiedCount"]["modified"] == 1
    assert stages() == ["Complete", "Label", "Complete", "Complete"]
    assert ok(sdk.requeue_tasks(pid, "Start", {"externalIds": ["nope"]}))["modifiedCount"]["modified"] == 0
    # no filters: every task of the project
    data = ok(sdk.requeue_tasks(pid, "Label"))  # body {"toStageId": "Label", "filters": {}, "options": {}}
    assert data["modifiedCount"] == {"modified": 4, "toStageId": "Label"}
    assert stages() == ["Label"] * 4


def test_requeue_with_an_empty_id_list_moves_nothing(sdk, make_project):
    pid, tasks = _completed_project(sdk, make_project, n=2)
    for key in ("taskIds", "externalIds", "assetIds"):
        data = ok(sdk.requeue_tasks(pid, "Label", {key: []}, {"removeAnnotations": True}))
        assert data["modifiedCount"]["modified"] == 0, f"filters.{key} = [] matches no task, not every task"
    for i, t in enumerate(tasks):
        stored = _task(sdk, t["_id"])
        assert stored["stage"] == "Complete"
        assert stored["answer"] == _answer([box(f"o{i}")], [text_answer(f"note {i}")])


def test_requeue_to_an_unknown_stage_is_400(sdk, make_project, gloss_url, api_key):
    pid, tasks = _completed_project(sdk, make_project, n=1)
    with pytest.raises(Exception) as exc_info:
        sdk.requeue_tasks(pid, "no-such-stage", {"taskIds": [tasks[0]["_id"]]})
    assert_fail_body(error_body(exc_info.value))
    resp = _admin_api(gloss_url, api_key).post(f"/v2/project/{pid}/requeueTasks",
                                               {"toStageId": "no-such-stage", "filters": {}, "options": {}})
    json_fail(resp, (400,))
    assert _task(sdk, tasks[0]["_id"])["stage"] == "Complete"
    assert len(_history(sdk, tasks[0]["_id"])) == 1


# ---------------------------------------------------------------------------------------------------------------------
# update_workflow_stages (POST /v2/project/{id} {stages})
# ---------------------------------------------------------------------------------------------------------------------

def every_stage_type_workflow():
    """A workflow with every stage type, each with the fields Ango Hub's editor writes (plus unknown keys)."""
    ids = {name: str(uuid.uuid4()) for name in ("review", "logic", "consensus", "c1", "c2", "hold", "webhook", "plugin")}
    return [
        stage("Start", "Start", ["Label"], x=0, autoForward=True),
        stage("Label", "Label", [ids["review"]], x=100, assignedTo=["someone@example.com"]),
        stage(ids["review"], "Review", [ids["logic"], "Label"], x=200, name="Review", readOnly=False),
        stage(ids["logic"], "Logic", [ids["consensus"], ids["hold"], ids["webhook"]], x=300, name="Logic",
              logic={"conditions": [
                  {"type": "AnnotationType", "value": {"tools": [{"schemaId": "box", "filter": ["exists"]}]}, "index": 0},
                  {"type": "RandomSample", "value": 0.25, "index": 1},
              ]}),
        stage(ids["consensus"], "Consensus", [ids["plugin"], ids["hold"]], x=400, name="Consensus", consensusId=None,
              consensusConfig={"threshold": {"global": 80}, "adjudicationMethod": "best"}),
        stage(ids["c1"], "Label", [ids["consensus"]], x=400, name="Consensus_1", consensusId=ids["consensus"]),
        stage(ids["c2"], "Plugin", [ids["consensus"]], x=400, name="Consensus_2", consensusId=ids["consensus"],
              pluginId="0123456789abcdef01234567", config="{\"threshold\": 0.5}"),
        stage(ids["plugin"], "Plugin", ["Complete"], x=500, name="Plugin", pluginId="0123456789abcdef01234567",
              config="{}", customField={"kept": [1, 2, 3]}),
        stage(ids["hold"], "Hold", [ids["webhook"]], x=500, name="Hold"),
        stage(ids["webhook"], "Webhook", ["Complete"], x=600, name="Webhook", url="http://127.0.0.1:9/hook",
              authType="Secret", secret="s3cret"),
        stage("Complete", "Complete", [], x=700, preventRequeue=False),
    ]


def test_workflow_with_every_stage_type_is_stored_verbatim(sdk, project_id):
    stages = every_stage_type_workflow()
    ok(sdk.update_workflow_stages(project_id, copy.deepcopy(stages)))
    project = get_project(sdk, project_id)
    assert project["stages"] == stages
    # stored again unchanged (idempotent)
    ok(sdk.update_workflow_stages(project_id, copy.deepcopy(project["stages"])))
    assert get_project(sdk, project_id)["stages"] == stages


def _invalid(mutate):
    stages = every_stage_type_workflow()
    by_type = {}
    for s in stages:
        by_type.setdefault(s["type"], []).append(s)
    mutate(stages, by_type)
    return stages


def _drop_start(stages, by_type):
    stages.remove(by_type["Start"][0])


def _second_start(stages, by_type):
    stages.append(stage("Start2", "Start", ["Label"], autoForward=True))


def _dangling_next(stages, by_type):
    by_type["Label"][0]["next"] = ["no-such-stage"]


def _duplicate_id(stages, by_type):
    dup = copy.deepcopy(by_type["Hold"][0])
    dup["name"] = "Hold again"
    stages.append(dup)


def _label_two_outputs(stages, by_type):
    by_type["Label"][0]["next"] = [by_type["Review"][0]["id"], "Complete"]


def _review_one_output(stages, by_type):
    by_type["Review"][0]["next"] = by_type["Review"][0]["next"][:1]


def _logic_missing_else(stages, by_type):
    by_type["Logic"][0]["next"] = by_type["Logic"][0]["next"][:2]


def _logic_extra_output(stages, by_type):
    by_type["Logic"][0]["next"] = by_type["Logic"][0]["next"] + ["Complete"]


def _complete_with_output(stages, by_type):
    by_type["Complete"][0]["next"] = ["Label"]


def _hold_no_output(stages, by_type):
    by_type["Hold"][0]["next"] = []


def _webhook_two_outputs(stages, by_type):
    by_type["Webhook"][0]["next"] = ["Complete", "Label"]


def _consensus_one_output(stages, by_type):
    by_type["Consensus"][0]["next"] = by_type["Consensus"][0]["next"][:1]


def _start_no_output(stages, by_type):
    by_type["Start"][0]["next"] = []


def _sub_stage_of_a_non_consensus(stages, by_type):
    sub = [s for s in stages if s.get("consensusId")][0]
    sub["consensusId"] = by_type["Hold"][0]["id"]


def _sub_stage_not_back_to_parent(stages, by_type):
    sub = [s for s in stages if s.get("consensusId")][0]
    sub["next"] = ["Complete"]


def _unknown_type(stages, by_type):
    by_type["Hold"][0]["type"] = "Teleport"


def _missing_id(stages, by_type):
    del by_type["Hold"][0]["id"]


def _next_not_a_list(stages, by_type):
    by_type["Label"][0]["next"] = "Complete"


def _no_complete_reachable(stages, by_type):
    stages[:] = [stage("Start", "Start", ["Label"]), stage("Label", "Label", ["Label"])]


INVALID_WORKFLOWS = {
    "no-start": _drop_start,
    "two-starts": _second_start,
    "next-to-unknown-stage": _dangling_next,
    "duplicate-stage-id": _duplicate_id,
    "label-with-2-outputs": _label_two_outputs,
    "review-with-1-output": _review_one_output,
    "logic-without-else": _logic_missing_else,
    "logic-with-extra-output": _logic_extra_output,
    "complete-with-an-output": _complete_with_output,
    "hold-without-output": _hold_no_output,
    "webhook-with-2-outputs": _webhook_two_outputs,
    "consensus-with-1-output": _consensus_one_output,
    "start-without-output": _start_no_output,
    "sub-stage-of-a-non-consensus": _sub_stage_of_a_non_consensus,
    "sub-stage-not-back-to-parent": _sub_stage_not_back_to_parent,
    "unknown-type": _unknown_type,
    "stage-without-id": _missing_id,
    "next-not-a-list": _next_not_a_list,
    "no-complete-reachable": _no_complete_reachable,
}


@pytest.mark.parametrize("case", sorted(INVALID_WORKFLOWS))
def test_invalid_workflow_is_refused_and_nothing_changes(sdk, project_id, case):
    before = get_project(sdk, project_id)["stages"]
    with pytest.raises(Exception) as exc_info:
        sdk.update_workflow_stages(project_id, _invalid(INVALID_WORKFLOWS[case]))
    assert_fail_body(error_body(exc_info.value))
    assert get_project(sdk, project_id)["stages"] == before


# ---------------------------------------------------------------------------------------------------------------------
# Logic, Webhook (rerun_webhook), Hold and Start forwarding
# ---------------------------------------------------------------------------------------------------------------------

def test_logic_stage_routes_by_the_first_matching_rule(sdk, make_project):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    ok(sdk.create_batch(pid, "vip"))
    vip = batch_id(sdk, pid, "vip")
    logic = stage("Logic", "Logic", ["HasBox", "InBatch", "Complete"], x=200, logic={"conditions": [
        {"type": "AnnotationType", "value": {"tools": [{"schemaId": "box", "filter": ["exists"]}]}, "index": 0},
        {"type": "Batch", "value": [vip], "index": 1},
    ]})
    stages = [
        stage("Start", "Start", ["Label"], autoForward=True),
        stage("Label", "Label", ["Logic"], x=100),
        logic,
        stage("HasBox", "Hold", ["Complete"], x=300),
        stage("InBatch", "Hold", ["Complete"], x=300),
        stage("Complete", "Complete", [], x=400),
    ]
    ok(sdk.update_workflow_stages(pid, stages))
    assets = cloud_assets(4)
    assets[1]["batches"] = ["vip"]
    assets[3]["batches"] = ["vip"]
    upload_cloud(sdk, pid, assets)
    tasks = all_tasks(sdk, pid, sort="externalId")
    answers = [[box("o1")], [], [], [box("o1")]]   # img-3 has a box and is in the batch: rule 0 wins
    for t, objects in zip(tasks, answers):
        _submit_via_sdk(sdk, t["_id"], objects)
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["HasBox", "InBatch", "Complete", "HasBox"]


def test_webhook_stage_passes_tasks_on_and_rerun_webhook_resends(sdk, make_project, gloss_url, api_key):
    webhook_id = str(uuid.uuid4())
    stages = linear_workflow(stage("Label", "Label", [], x=100),
                             stage(webhook_id, "Webhook", [], x=200, name="Webhook", url="http://127.0.0.1:9/hook",
                                   authType="No Auth"))
    pid, tasks = _setup(sdk, make_project, stages, n=3)
    for t in tasks[:2]:
        _submit_via_sdk(sdk, t["_id"], [box("o1")])
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["Complete", "Complete", "Label"]

    # the SDK posts to "/v2//project/{id}/rerun-webhook" (double slash); record what went on the wire
    paths = []
    client = SDK(api_key=api_key, host=gloss_url)
    client.session.hooks["response"].append(lambda r, *a, **k: paths.append((r.request.path_url, r.status_code)))
    data = ok(client.rerun_webhook(pid, webhook_id))
    assert paths == [(f"/v2//project/{pid}/rerun-webhook", 200)]
    assert data["resent"] == 2, "the webhook fires again for every task that passed the stage"
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["Complete", "Complete", "Label"], "re-runs move nothing"

    with pytest.raises(Exception) as exc_info:
        client.rerun_webhook(pid, "Label")          # not a Webhook stage
    assert_fail_body(error_body(exc_info.value))


def test_plugin_answer_with_is_plugin_moves_the_task_on(sdk, make_project):
    plugin_id = str(uuid.uuid4())
    stages = linear_workflow(stage("Label", "Label", [], x=100),
                             stage(plugin_id, "Plugin", [], x=200, name="Model", pluginId="0123456789abcdef01234567"))
    pid, (task, other) = _setup(sdk, make_project, stages, n=2)
    # isPlugin is refused for a task that is not in a Plugin stage
    with pytest.raises(Exception) as exc_info:
        sdk._annotate_task(other["_id"], _payload([box("p1")]), overwrite=True, send_to_next_stage=True, is_plugin=True)
    assert_fail_body(error_body(exc_info.value))
    assert _task(sdk, other["_id"])["stage"] == "Label"

    _submit_via_sdk(sdk, task["_id"], [box("o1")])
    assert _task(sdk, task["_id"])["stage"] == plugin_id, "a Plugin stage holds the task until the plugin answers"
    # what a workflow plugin sends: POST /v2/annotate/{id}?nextStage=true&isPlugin=true
    assert sdk._annotate_task(task["_id"], _payload([box("p1")]), overwrite=False, send_to_next_stage=True,
                              is_plugin=True) is True
    stored = _task(sdk, task["_id"])
    assert stored["stage"] == "Complete"
    assert stored["answer"]["tools"] == [box("p1"), box("o1")]
    plugin_entries = [h for h in _history(sdk, task["_id"]) if h["stageId"] == plugin_id]
    assert len(plugin_entries) == 1
    assert plugin_entries[0]["answer"]["tools"] == [box("p1"), box("o1")]


def test_hold_stage_saves_but_does_not_submit_and_forward_moves_tasks(sdk, make_project, gloss_url, api_key, admin_email):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    ok(sdk.update_workflow_stages(pid, linear_workflow(stage("Label", "Label", [], x=100),
                                                       stage("Hold", "Hold", [], x=200))))
    ok(sdk.create_batch(pid, "later"))
    assets = cloud_assets(3)
    assets[2]["batches"] = ["later"]
    upload_cloud(sdk, pid, assets)
    tasks = all_tasks(sdk, pid, sort="externalId")
    for t in tasks:
        _submit_via_sdk(sdk, t["_id"], [box("o1")])
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["Hold"] * 3
    admin = _admin_api(gloss_url, api_key)

    # Hold: editable and savable ...
    saved = json_data(_work(admin, tasks[0]["_id"], "save", _answer([box("o1"), box("o2")])))["task"]
    assert saved["stage"] == "Hold" and saved["isDraft"] is True
    assert _task(sdk, tasks[0]["_id"])["answer"] == _answer([box("o1"), box("o2")])
    # ... but not submittable
    json_fail(_work(admin, tasks[0]["_id"], "submit", _answer([box("o1")])), (400, 403))
    assert _task(sdk, tasks[0]["_id"])["stage"] == "Hold"

    # forward only the "later" batch, then the rest
    forwarded = json_data(admin.post(f"/v2/project/{pid}/forward", {"stageId": "Hold", "batches": [batch_id(sdk, pid, "later")]}))
    assert forwarded["forwarded"] == 1
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["Hold", "Hold", "Complete"]
    assert json_data(admin.post(f"/v2/project/{pid}/forward", {"stageId": "Hold"}))["forwarded"] == 2
    assert [_task(sdk, t["_id"])["stage"] for t in tasks] == ["Complete"] * 3
    hold_entries = [h for h in _history(sdk, tasks[0]["_id"]) if h["stageId"] == "Hold"]
    assert len(hold_entries) == 1
    assert hold_entries[0]["answer"] == _answer([box("o1"), box("o2")]), "the saved answer left the Hold stage"
    assert hold_entries[0]["completedBy"] == admin_email

    # only Start and Hold stages are forwarded by hand
    json_fail(admin.post(f"/v2/project/{pid}/forward", {"stageId": "Label"}))
    json_fail(admin.post(f"/v2/project/{pid}/forward", {"stageId": "no-such-stage"}))


def test_start_without_auto_forward_keeps_new_tasks_until_forwarded(sdk, make_project, gloss_url, api_key):
    stages = linear_workflow(stage("Label", "Label", [], x=100))
    stages[0]["autoForward"] = False
    pid, tasks = _setup(sdk, make_project, stages, n=2)
    assert [t["stage"] for t in tasks] == ["Start", "Start"]
    admin = _admin_api(gloss_url, api_key)
    assert json_data(admin.post(f"/v2/project/{pid}/forward", {"stageId": "Start"}))["forwarded"] == 2
    for t in tasks:
        assert _task(sdk, t["_id"])["stage"] == "Label"
        assert [h["stageId"] for h in _history(sdk, t["_id"], include_start=True)] == ["Start"], \
            "forwarding out of Start is recorded"


def test_forward_requires_a_manager(sdk, make_project, make_user):
    stages = linear_workflow(stage("Label", "Label", [], x=100))
    stages[0]["autoForward"] = False
    pid, tasks = _setup(sdk, make_project, stages, n=1)
    labeler = make_user(pid, "Labeler")
    json_fail(labeler.post(f"/v2/project/{pid}/forward", {"stageId": "Start"}), (403,))
    assert _task(sdk, tasks[0]["_id"])["stage"] == "Start"


# ---------------------------------------------------------------------------------------------------------------------
# The labeling loop through the queue (Gloss's editor routes, via requests)
# ---------------------------------------------------------------------------------------------------------------------

def test_queue_two_labelers_review_and_rejection_returns_to_the_same_labeler(sdk, make_project, make_user):
    stages = review_workflow()
    review_id = stages[2]["id"]
    pid, tasks = _setup(sdk, make_project, stages, n=3)
    first = make_user(pid, "Labeler", "first")
    second = make_user(pid, "Labeler", "second")
    reviewer = make_user(pid, "Reviewer", "reviewer")

    a = _claim(first, pid)
    b = _claim(second, pid)
    assert a["_id"] != b["_id"], "two labelers never get the same task"
    assert a["stage"] == "Label"
    assert _claim(first, pid)["_id"] == a["_id"], "asking again returns the task the labeler already holds"
    assert _task(sdk, a["_id"])["assignee"] == first.email

    # only the assignee may submit; another Labeler does not even see the task
    json_fail(_work(second, a["_id"], "submit", _answer([box("o1")])), (404,))
    submitted = json_data(_work(first, a["_id"], "submit", _answer([box("o1")], [text_answer("by first")])))["task"]
    assert submitted["stage"] == review_id
    json_data(_work(second, b["_id"], "submit", _answer([box("o2")], [text_answer("by second")])))
    assert _task(sdk, b["_id"])["stage"] == review_id

    # labelers cannot review
    json_fail(first.post(f"/v2/project/{pid}/queue/next", {"kind": "review"}), (403,))
    with pytest.raises(Exception) as exc_info:
        first.sdk.review_task(a["_id"], ReviewStatus.ACCEPTED)
    assert_fail_body(error_body(exc_info.value))
    assert _task(sdk, a["_id"])["stage"] == review_id

    # the reviewer rejects the first task it gets and accepts the second
    labeler_of = {a["_id"]: first, b["_id"]: second}
    x = _claim(reviewer, pid, "review")
    assert x["_id"] in labeler_of and x["stage"] == review_id
    ok(reviewer.sdk.review_task(x["_id"], ReviewStatus.REJECTED))
    y = _claim(reviewer, pid, "review")
    assert y["_id"] in labeler_of and y["_id"] != x["_id"]
    ok(reviewer.sdk.review_task(y["_id"], ReviewStatus.ACCEPTED))
    assert _claim(reviewer, pid, "review") is None
    assert _task(sdk, y["_id"])["stage"] == "Complete"

    rejected = _task(sdk, x["_id"])
    owner = labeler_of[x["_id"]]
    other = second if owner is first else first
    assert rejected["stage"] == "Label"
    assert rejected["reviewStatus"] == "Rejected"
    assert rejected["assignee"] == owner.email, "a rejected task goes back to its labeler (sticky assignee)"

    # the other labeler gets the third task, never the rejected one
    c = _claim(other, pid)
    assert c["_id"] not in labeler_of
    json_data(_work(other, c["_id"], "submit", _answer([box("o3")])))
    assert _claim(other, pid) is None
    # the owner gets the rejected task back and resubmits; the review sticks with the same reviewer
    again = _claim(owner, pid)
    assert again["_id"] == x["_id"]
    json_data(_work(owner, x["_id"], "submit", _answer([box("o1"), box("o9")])))
    back_in_review = _task(sdk, x["_id"])
    assert back_in_review["stage"] == review_id
    assert back_in_review["assignee"] == reviewer.email
    history = _history(sdk, x["_id"])
    assert [(h["stageId"], h["completedBy"], h.get("reviewStatus")) for h in history] == [
        ("Label", owner.email, None), (review_id, reviewer.email, "Rejected"), ("Label", owner.email, None)]


def test_queue_respects_stage_assigned_to(sdk, make_project, make_user):
    pid = make_project()
    chosen = make_user(pid, "Labeler", "chosen")
    outsider = make_user(pid, "Labeler", "outsider")
    ok(sdk.update_workflow_stages(pid, linear_workflow(stage("Label", "Label", [], x=100, assignedTo=[chosen.email]))))
    upload_cloud(sdk, pid, cloud_assets(2))
    assert _claim(outsider, pid) is None
    assert _claim(chosen, pid) is not None


def test_queue_serves_higher_priority_first(sdk, make_project, make_user):
    pid, tasks = _setup(sdk, make_project, n=3)
    ok(sdk.update_tasks_priority(pid, 7, {"externalIds": ["img-2"]}))
    labeler = make_user(pid, "Labeler")
    order = []
    while (t := _claim(labeler, pid)) is not None:
        order.append(t["externalId"])
        json_data(_work(labeler, t["_id"], "submit", EMPTY_ANSWER))
        assert len(order) <= 3
    assert order == ["img-2", "img-0", "img-1"]


def test_skip_keeps_the_task_with_the_skipper_and_writes_no_history(sdk, make_project, make_user):
    pid, tasks = _setup(sdk, make_project, n=2)
    skipper = make_user(pid, "Labeler", "skipper")
    other = make_user(pid, "Labeler", "other")
    a = _claim(skipper, pid)
    json_fail(_work(other, a["_id"], "skip"), (404,))  # another Labeler does not see the skipper's task
    skipped = json_data(skipper.post(f"/v2/task/{a['_id']}/skip", {}))["task"]
    assert skipped["isSkipped"] is True
    stored = _task(sdk, a["_id"])
    assert stored["stage"] == "Label" and stored["isSkipped"] is True
    assert stored["assignee"] == skipper.email, "unassignSkippedTask is off by default"
    assert _history(sdk, a["_id"]) == [], "skipping writes no stage history"

    b = _claim(skipper, pid)
    assert b["_id"] != a["_id"], "the skipped task comes after the rest of the queue"
    json_data(_work(skipper, b["_id"], "submit", EMPTY_ANSWER))
    assert _claim(other, pid) is None, "the skipped task stays with its skipper"
    again = _claim(skipper, pid)
    assert again["_id"] == a["_id"]
    json_data(_work(skipper, a["_id"], "submit", EMPTY_ANSWER))
    done = _task(sdk, a["_id"])
    assert done["stage"] == "Complete"
    assert [h["stageId"] for h in _history(sdk, a["_id"])] == ["Label"]
    assert _claim(skipper, pid) is None


def test_save_outside_the_queue_keeps_the_stage_and_submit_is_refused(sdk, make_project, make_user):
    pid, (task,) = _setup(sdk, make_project)
    # A Labeler sees only tasks they hold or worked on; a Reviewer (or above) may open any task.
    json_fail(_work(make_user(pid, "Labeler"), task["_id"], "save", _answer([box("o1")])), (404,))
    labeler = make_user(pid, "Reviewer")
    saved = json_data(_work(labeler, task["_id"], "save", _answer([box("o1")])))["task"]
    assert saved["stage"] == "Label" and saved["isDraft"] is True
    assert _task(sdk, task["_id"])["answer"] == _answer([box("o1")])
    # a task not taken from the queue can only be saved
    json_fail(_work(labeler, task["_id"], "submit", _answer([box("o1")])), (403,))
    assert _task(sdk, task["_id"])["stage"] == "Label"
    assert _history(sdk, task["_id"]) == []


# ---------------------------------------------------------------------------------------------------------------------
# Two servers on one PostgreSQL database, 20 labelers claiming at once
# ---------------------------------------------------------------------------------------------------------------------

LABELERS = 20
TASKS = 300


@pytest.mark.skipif(not os.environ.get("GLOSS_DATABASE_URL"), reason="needs the PostgreSQL run (GLOSS_DATABASE_URL)")
def test_concurrent_claims_through_two_servers_hand_out_every_task_once(sdk, make_project, gloss_url, tmp_path):
    pid = make_project()
    upload_cloud(sdk, pid, [{"data": f"https://example.com/c/{i}.png", "externalId": f"c-{i:03d}"} for i in range(TASKS)])

    emails = [f"concurrent-{i:02d}-{uuid.uuid4().hex[:8]}@gloss.test" for i in range(LABELERS)]
    keys = [None] * LABELERS

    def create(i):
        keys[i] = create_user(emails[i])

    creators = [threading.Thread(target=create, args=(i,)) for i in range(LABELERS)]
    for t in creators:
        t.start()
    for t in creators:
        t.join()
    assert all(keys), "every labeler got an API key"
    add_members(sdk, pid, emails, "Labeler")

    # the second server: same database (and files directory), its own port; none of the suite server's
    # first-start settings
    env = {k: v for k, v in os.environ.items()
           if k not in ("GLOSS_ADMIN_API_KEY", "GLOSS_ADMIN_EMAIL", "GLOSS_DATABASE_URL", "GLOSS_DATA_DIR")}
    data_dir = os.environ.get("GLOSS_DATA_DIR") or str(tmp_path / "second-data")
    server, second_url = start_gloss_server(["--database-url", os.environ["GLOSS_DATABASE_URL"], "--data-dir", data_dir],
                                            tmp_path / "second-server.log", env=env)
    try:
        assert second_url != gloss_url
        assert requests.get(f"{second_url}/health", timeout=10).status_code == 200
        bases = [gloss_url, second_url]
        claims = {i: [] for i in range(LABELERS)}
        per_server = [0, 0]
        errors = []
        lock = threading.Lock()
        start = threading.Barrier(LABELERS)

        def labeler(i):
            api = Api(gloss_url, keys[i], emails[i])
            turn = i % 2          # alternate servers on every request
            try:
                start.wait(timeout=60)
                while True:
                    base = bases[turn]
                    turn ^= 1
                    resp = api.post(f"/v2/project/{pid}/queue/next", {"kind": "label"}, base=base)
                    if resp.status_code == 204:
                        return
                    task = json_data(resp)["task"]
                    assert task["assignee"] == emails[i], task
                    with lock:
                        claims[i].append(task["_id"])
                        per_server[bases.index(base)] += 1
                    base = bases[turn]
                    turn ^= 1
                    json_data(api.post(f"/v2/task/{task['_id']}/submit",
                                       {"answer": EMPTY_ANSWER, "duration": 500}, base=base))
                    if len(claims[i]) > TASKS:
                        raise AssertionError(f"labeler {i} claimed more than {TASKS} tasks")
            except BaseException as exc:  # reported below
                with lock:
                    errors.append(f"labeler {i}: {exc!r}")

        threads = [threading.Thread(target=labeler, args=(i,)) for i in range(LABELERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=600)
        assert not any(t.is_alive() for t in threads), "labelers still running after 10 minutes"
        assert not errors, errors[:5]

        handed_out = [task_id for ids in claims.values() for task_id in ids]
        assert len(handed_out) == TASKS, f"{len(handed_out)} claims for {TASKS} tasks"
        assert len(set(handed_out)) == TASKS, "a task was handed out twice"
        assert all(per_server), f"both servers handed out tasks: {per_server}"
        assert sum(1 for ids in claims.values() if ids) > 1, "the work was shared between labelers"

        # the queues are empty through both servers, and every task went Label -> Complete once
        for base in bases:
            assert Api(gloss_url, keys[0], emails[0]).post(f"/v2/project/{pid}/queue/next", {"kind": "label"},
                                                           base=base).status_code == 204
        tasks = all_tasks(sdk, pid)
        assert len(tasks) == TASKS
        assert sorted(t["_id"] for t in tasks) == sorted(handed_out)
        assert {t["stage"] for t in tasks} == {"Complete"}
        owner = {task_id: emails[i] for i, ids in claims.items() for task_id in ids}
        for t in tasks[::15]:
            history = _history(sdk, t["_id"])
            assert [(h["stageId"], h["completedBy"]) for h in history] == [("Label", owner[t["_id"]])]
    finally:
        stop_gloss_server(server)


# ---------------------------------------------------------------------------------------------------------------------
# label validation settings
# ---------------------------------------------------------------------------------------------------------------------

def test_update_label_validation_stores_the_function_on_the_project(sdk, make_project):
    pid = make_project()
    source = "function validate(answers) { return answers.tools.length ? [] : [{message: 'draw something'}]; }"
    ok(sdk.update_label_validation(pid, custom_validation_enabled=True, validation_function=source))
    project = ok(sdk.get_project(pid))["project"]
    assert project["customValidationEnabled"] is True
    assert project["validationFunction"] == source
    ok(sdk.update_label_validation(pid, custom_validation_enabled=False))
    project = ok(sdk.get_project(pid))["project"]
    assert project["customValidationEnabled"] is False
    assert project["validationFunction"] == source
