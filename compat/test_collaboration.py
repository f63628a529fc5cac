"""Collaboration and administration (issue #6) through the real SDK: issues, organization members and invites,
notifications, clone and purge, benchmark marking, overview metrics and performance."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from imerit_ango.models.enums import Metrics, OrganizationRoles, ProjectRoles
from imerit_ango.models.invite import Invitation, ProjectAssignment, RoleUpdate
from imerit_ango.models.task_filter import TaskFilter
from imerit_ango.sdk import SDK

from gloss_helpers import (
    Api, add_members, all_tasks, cloud_assets, create_user, error_body, get_project, json_data, label_schema, ok,
    review_workflow, upload_cloud,
)


def _email(tag):
    return f"{tag}-{uuid.uuid4().hex[:8]}@compat.test"


def _labeled_project(sdk, make_project, gloss_url, n=1):
    """A Label -> Review project with n tasks; a labeler (own key) holds the first task from the queue."""
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    ok(sdk.update_workflow_stages(pid, review_workflow()))
    upload_cloud(sdk, pid, cloud_assets(n))
    email = _email("labeler")
    key = create_user(email)
    add_members(sdk, pid, [email], "Labeler")
    labeler = Api(gloss_url, key, email)
    task = json_data(labeler.post(f"/v2/project/{pid}/queue/next", {"kind": "label"}))["task"]
    return pid, task, SDK(api_key=key, host=gloss_url), email


def _org_id(sdk, project_id):
    return get_project(sdk, project_id)["organization"]


def test_issue_functions_create_list_update_comment_delete_and_count(sdk, make_project, gloss_url, admin_email):
    pid, task, labeler_sdk, labeler_email = _labeled_project(sdk, make_project, gloss_url)
    created = ok(labeler_sdk.create_issue(task["_id"], "Box is loose", content_mentions=[admin_email], position=[25, 15],
                                          page=0, page_end=2))
    issue = created["issue"]
    assert issue["status"] == "Open" and issue["position"] == "[25, 15]" and issue["pageEnd"] == 2
    assert issue["contentMentions"][0]["userEmail"] == admin_email
    assert ok(sdk.get_task(task["_id"]))["task"]["openIssuesCount"] == 1

    listed = ok(sdk.get_issues(pid, task_id=task["_id"], created_by=labeler_email))["issue"]
    assert [i["_id"] for i in listed] == [issue["_id"]]
    assert ok(sdk.get_issues(pid, stage_id="Review"))["issue"] == []

    ok(labeler_sdk.add_comment_to_issue(issue["_id"], "Fixed the box", content_mentions=[admin_email]))
    updated = ok(sdk.update_issue(issue["_id"], status="Resolved"))["issue"]
    assert updated["status"] == "Resolved" and len(updated["comments"]) == 1
    assert ok(sdk.get_task(task["_id"]))["task"]["openIssuesCount"] == 0

    object_issue = ok(labeler_sdk.create_issue(task["_id"], "Wrong class", object_id="obj-1"))["issue"]
    assert object_issue["objectId"] == "obj-1"
    ok(labeler_sdk.delete_issue(pid, object_issue["_id"]))
    assert [i["_id"] for i in ok(sdk.get_issues(pid))["issue"]] == [issue["_id"]]
    # The SDK refuses object + location itself; the server refuses it too.
    with pytest.raises(Exception) as raised:
        sdk.make_request("POST", "/v2/issues", {"labelTask": task["_id"], "content": "x", "objectId": "o", "position": "[1, 2]"})
    assert "objectId cannot be combined" in error_body(raised.value)["message"]


def test_issue_export_through_the_sdk(sdk, make_project, gloss_url, tmp_path):
    pid, task, labeler_sdk, _ = _labeled_project(sdk, make_project, gloss_url)
    ok(labeler_sdk.create_issue(task["_id"], "exported issue"))
    from imerit_ango.models.export_options import ExportOptions
    from imerit_ango.models.enums import ExportTypes
    exported = sdk.exportV3(pid, options=ExportOptions(export_type=ExportTypes.ISSUE))
    assert [i["content"] for i in exported] == ["exported issue"]
    assert exported[0]["asset"]["externalId"]


def test_organization_members_roles_and_removal(sdk, make_project):
    pid = make_project()
    org = _org_id(sdk, pid)
    email = _email("member")
    create_user(email)
    members = ok(sdk.get_organization_members(org))["users"]
    assert any(m["email"] == email and m["organizationRole"] == "Member" for m in members)
    result = ok(sdk.update_organization_members_role(org, [RoleUpdate(email, OrganizationRoles.Admin)]))["users"]
    assert result["updated"] == 1
    assert any(m["email"] == email and m["organizationRole"] == "Admin" for m in ok(sdk.get_organization_members(org))["users"])
    removed = ok(sdk.delete_organization_members(org, [email]))
    assert removed["deleted"] == 1
    assert not any(m["email"] == email for m in ok(sdk.get_organization_members(org))["users"])


def test_organization_invites_with_project_assignments(sdk, make_project):
    pid = make_project()
    org = _org_id(sdk, pid)
    email = _email("invited")
    made = ok(sdk.invite_members_to_org(org, Invitation([email], OrganizationRoles.Member,
                                                         [ProjectAssignment(pid, ProjectRoles.Reviewer)])))["invites"]
    assert made[0]["to"] == email and "/#/invite/" in made[0]["link"]
    pending = ok(sdk.get_organization_invites(org))["invites"]
    assert any(i["to"] == email and i["projectAssignments"][0]["projectRole"] == "Reviewer" for i in pending)
    assert ok(sdk.delete_organization_invites(org, [email]))["deleted"] == 1
    assert not any(i["to"] == email for i in ok(sdk.get_organization_invites(org))["invites"])


def test_a_member_cannot_administer_the_organization(sdk, make_project, gloss_url):
    pid = make_project()
    org = _org_id(sdk, pid)
    member = SDK(api_key=create_user(_email("plain")), host=gloss_url)
    with pytest.raises(Exception) as raised:
        member.invite_members_to_org(org, Invitation([_email("x")], OrganizationRoles.Member))
    assert error_body(raised.value)["error"]["statusCode"] == 403


def test_send_notification_and_task_assignment_notify(sdk, make_project, gloss_url, admin_email):
    email = _email("notified")
    key = create_user(email)
    ok(sdk.send_notification([email], "Batch 3 is ready", title="Heads up", clickable_link="https://example.com/x"))
    inbox = json_data(Api(gloss_url, key).get("/v2/notifications"))
    assert inbox["unread"] == 1 and inbox["notifications"][0]["sentBy"] == admin_email
    with pytest.raises(Exception) as raised:
        sdk.send_notification(["nobody@else.test"], "hi")
    assert "nobody@else.test" in error_body(raised.value)["message"]


def test_clone_and_purge_project(sdk, make_project, unique_name):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    ok(sdk.update_workflow_stages(pid, review_workflow()))
    upload_cloud(sdk, pid, cloud_assets(2))
    source = get_project(sdk, pid)
    name = source["name"]
    clone = ok(sdk.clone_project(pid, batches=False))["project"]
    assert clone["name"] == f"{name} copy"
    assert [s["id"] for s in clone["stages"]] == [s["id"] for s in source["stages"]]
    assert all_tasks(sdk, clone["_id"]) == []
    with pytest.raises(Exception):
        sdk.purge_project(clone["_id"], "not the name")
    ok(sdk.purge_project(clone["_id"], f"{name} copy"))
    with pytest.raises(Exception) as raised:
        sdk.get_project(clone["_id"])
    assert error_body(raised.value)["error"]["statusCode"] == 404


def test_benchmarks_marking_and_settings(sdk, make_project):
    pid = make_project()
    upload_cloud(sdk, pid, cloud_assets(3))
    tasks = all_tasks(sdk, pid)
    assert ok(sdk.set_tasks_as_benchmark(pid, [tasks[0]["_id"], tasks[1]["_id"]]))["updated"] == 2
    assert ok(sdk.update_benchmark_settings(pid, True, benchmark_ratio=25))["project"]["benchmarkRatio"] == 25
    marked = all_tasks(sdk, pid, task_filter=TaskFilter(is_benchmark=True))
    assert sorted(t["_id"] for t in marked) == sorted([tasks[0]["_id"], tasks[1]["_id"]])


def test_metrics_and_performance(sdk, make_project, gloss_url):
    pid, task, labeler_sdk, labeler_email = _labeled_project(sdk, make_project, gloss_url, n=2)
    labeler = Api(gloss_url, labeler_sdk.api_key)
    json_data(labeler.post(f"/v2/task/{task['_id']}/submit", {"answer": {"tools": [], "classifications": [], "relations": []}}))
    for metric in Metrics:
        data = ok(sdk.get_metrics(pid, metric))
        assert data["metric"] == metric.value
    stages = {s["name"]: s["count"] for s in ok(sdk.get_metrics(pid, Metrics.LabelStageGroups))["stages"]}
    assert stages["Label"] == 1 and stages["Review"] == 1
    now = datetime.now(timezone.utc)
    rows = ok(sdk.get_project_performance(pid, interval=[now - timedelta(hours=1), now + timedelta(hours=1)]))["performance"]
    assert any(r["email"] == labeler_email and r["submitted"] == 1 for r in rows)
    later = ok(sdk.get_project_performance(pid, interval=[now + timedelta(hours=1), now + timedelta(hours=2)]))["performance"]
    assert later == []
