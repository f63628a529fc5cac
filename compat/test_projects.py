"""Projects, category schema (label set) and workflow, through the real SDK."""
import copy
import uuid

import pytest
from imerit_ango.models.label_category import (
    Classification, ClassificationCategory, LabelOption, Relation, RelationCategory, Tool, ToolCategory,
)

from gloss_helpers import (
    DEFAULT_STAGE_IDS, all_tasks, assert_fail_body, cloud_assets, error_body, get_project, list_all_projects, ok,
    review_workflow, stages_by_id, upload_cloud,
)

EMPTY_SCHEMA = {"tools": [], "classifications": [], "relations": []}


# ---------------------------------------------------------------------------------------------------------------------
# create_project / get_project / list_projects / delete_project
# ---------------------------------------------------------------------------------------------------------------------

def test_create_project_returns_project_with_id(sdk, unique_name):
    name = unique_name()
    resp = sdk.create_project(name, "made by the compat suite")
    project = ok(resp)["project"]
    try:
        assert isinstance(project["_id"], str) and len(project["_id"]) == 24, project
        int(project["_id"], 16)  # ObjectId: 24 hex chars
        assert project["name"] == name
        assert project["description"] == "made by the compat suite"
    finally:
        sdk.delete_project(project["_id"])


def test_get_project_returns_name_description_and_defaults(sdk, unique_name):
    name = unique_name()
    project_id = ok(sdk.create_project(name))["project"]["_id"]
    try:
        project = get_project(sdk, project_id)
        assert project["_id"] == project_id
        assert project["name"] == name
        assert project["description"] == ""  # the SDK always sends description, "" by default
        assert project["type"] == "ango"
        assert project["categorySchema"] == EMPTY_SCHEMA
        assert project["batches"] == []
        assert project.get("assetBuilderTemplates", []) == []
    finally:
        sdk.delete_project(project_id)


def test_create_project_has_default_workflow(sdk, project_id):
    stages = get_project(sdk, project_id)["stages"]
    assert [s["id"] for s in stages] == DEFAULT_STAGE_IDS
    by_id = stages_by_id({"stages": stages})
    assert {i: s["type"] for i, s in by_id.items()} == {"Start": "Start", "Label": "Label", "Complete": "Complete"}
    assert {i: s["name"] for i, s in by_id.items()} == {"Start": "Start", "Label": "Label", "Complete": "Complete"}
    assert by_id["Start"]["next"] == ["Label"]
    assert by_id["Start"]["autoForward"] is True
    assert by_id["Label"]["next"] == ["Complete"]
    assert by_id["Complete"]["next"] == []
    for stage in stages:
        assert isinstance(stage["position"]["x"], (int, float)) and isinstance(stage["position"]["y"], (int, float))


def test_get_project_unknown_id_raises(sdk):
    with pytest.raises(Exception) as exc_info:
        sdk.get_project("0123456789abcdef01234567")
    assert_fail_body(error_body(exc_info.value))


def test_list_projects_includes_new_project(sdk, make_project):
    project_id = make_project()
    name = get_project(sdk, project_id)["name"]
    projects = list_all_projects(sdk)
    listed = [p for p in projects if p["_id"] == project_id]
    assert len(listed) == 1, f"project {project_id} not listed exactly once"
    item = listed[0]
    assert item["name"] == name
    assert "createdAt" in item and "organization" in item


def test_list_projects_paginates_with_total(sdk, make_project):
    first, second = make_project("a"), make_project("b")
    page1 = ok(sdk.list_projects(page=1, limit=1))
    assert len(page1["projects"]) == 1
    total = page1["total"]
    assert isinstance(total, int) and total >= 2
    page2 = ok(sdk.list_projects(page=2, limit=1))
    assert page2["total"] == total
    assert len(page2["projects"]) == 1
    assert page1["projects"][0]["_id"] != page2["projects"][0]["_id"]
    # default sort is -createdAt: the two newest projects come first, newest first
    newest = ok(sdk.list_projects(page=1, limit=2))["projects"]
    if {p["_id"] for p in newest} == {first, second}:  # nobody else created a project meanwhile
        assert [p["_id"] for p in newest] == [second, first]


def test_delete_project_hides_it_from_get_and_list(sdk, make_project):
    keep = make_project("keep")
    gone = make_project("gone")
    upload_cloud(sdk, gone, cloud_assets(2))
    ok(sdk.delete_project(gone))

    with pytest.raises(Exception) as exc_info:
        sdk.get_project(gone)
    assert_fail_body(error_body(exc_info.value))

    listed_ids = {p["_id"] for p in list_all_projects(sdk)}
    assert gone not in listed_ids
    assert keep in listed_ids
    assert get_project(sdk, keep)["_id"] == keep


# ---------------------------------------------------------------------------------------------------------------------
# create_label_set
# ---------------------------------------------------------------------------------------------------------------------

def _sdk_categories():
    """Built fresh each call: Category.toDict() mutates the object, so it can only be serialised once."""
    nested = ClassificationCategory(Classification.Text, "Plate", schemaId="cls-plate", color="#112233",
                                    regex="^[A-Z0-9]+$")
    tools = [
        ToolCategory(Tool.BoundingBox, "Vehicle", required=True, schemaId="tool-vehicle", color="#FF0000",
                     shortcutKey="1", classifications=[nested]),
        ToolCategory(Tool.Polygon, "Road", schemaId="tool-road", color="#00FF00"),
    ]
    classifications = [
        ClassificationCategory(Classification.Radio, "Weather", schemaId="cls-weather", color="#0000FF",
                               options=[LabelOption("Sunny", "opt-sunny"), LabelOption("Rainy", "opt-rainy")]),
        ClassificationCategory(Classification.Checkbox, "Flags", schemaId="cls-flags", color="#ABCDEF",
                               options=[LabelOption("Blurry", "opt-blurry")], exportName="flags_export"),
    ]
    relations = [RelationCategory(Relation.Single, "Follows", schemaId="rel-follows", color="#FEDCBA")]
    return tools, classifications, relations


def _expected_schema():
    tools, classifications, relations = _sdk_categories()
    return {
        "tools": [t.toDict() for t in tools],
        "classifications": [c.toDict() for c in classifications],
        "relations": [r.toDict() for r in relations],
    }


def test_create_label_set_round_trips_sdk_categories(sdk, project_id):
    tools, classifications, relations = _sdk_categories()
    ok(sdk.create_label_set(project_id, tools=tools, classifications=classifications, relations=relations))
    schema = get_project(sdk, project_id)["categorySchema"]
    expected = _expected_schema()
    # verbatim: same keys (explicit nulls included), same order of categories, same nested classifications
    assert schema == expected


def test_create_label_set_raw_schema_preserves_unknown_keys(sdk, project_id):
    raw = {
        "tools": [{
            "schemaId": "4b8ac18a570747f87b27025", "tool": "bounding-box", "title": "Box", "required": False,
            "color": "#123456", "classifications": [], "options": [],
            "ocrEnabled": False, "multiple": True,
            "x-gloss-tool-extra": {"kept": ["verbatim", 1, 2.5, None, True]},
        }],
        "classifications": [{
            "schemaId": "c1", "tool": "tree-dropdown", "title": "Tree", "required": True, "classifications": [],
            "options": [{"value": "A / B", "schemaId": "k2"}],
            "treeOptions": [{"title": "A", "key": "k1", "value": "A",
                             "children": [{"title": "B", "key": "k2", "value": "B", "children": []}]}],
        }],
        "relations": [],
        "x-gloss-schema-extra": {"nested": {"deep": [{"a": None}]}, "n": 0},
    }
    ok(sdk.create_label_set(project_id, raw_category_schema=copy.deepcopy(raw)))
    assert get_project(sdk, project_id)["categorySchema"] == raw


def test_create_label_set_replaces_previous_schema(sdk, project_id):
    tools, classifications, relations = _sdk_categories()
    ok(sdk.create_label_set(project_id, tools=tools, classifications=classifications, relations=relations))
    replacement = ToolCategory(Tool.Point, "Keypoint", schemaId="tool-point", color="#000000")
    ok(sdk.create_label_set(project_id, tools=[replacement]))
    schema = get_project(sdk, project_id)["categorySchema"]
    assert [t["schemaId"] for t in schema["tools"]] == ["tool-point"]
    assert schema["tools"][0]["tool"] == "point"
    assert schema["classifications"] == []
    assert schema["relations"] == []


# ---------------------------------------------------------------------------------------------------------------------
# update_workflow_stages
# ---------------------------------------------------------------------------------------------------------------------

def _assert_stages_match(actual, expected):
    """Every sent stage comes back, in order, with every sent field unchanged (server may add fields)."""
    assert [s["id"] for s in actual] == [s["id"] for s in expected]
    for got, sent in zip(actual, expected):
        for key, value in sent.items():
            assert got.get(key) == value, f"stage {sent['id']}: {key} = {got.get(key)!r}, sent {value!r}"


def test_update_workflow_stages_round_trips_review_workflow(sdk, project_id):
    stages = review_workflow()
    ok(sdk.update_workflow_stages(project_id, copy.deepcopy(stages)))
    _assert_stages_match(get_project(sdk, project_id)["stages"], stages)


def test_update_workflow_stages_routes_new_tasks_through_new_workflow(sdk, project_id):
    stages = review_workflow()
    ok(sdk.update_workflow_stages(project_id, copy.deepcopy(stages)))
    upload_cloud(sdk, project_id, cloud_assets(2))
    assert {t["stage"] for t in all_tasks(sdk, project_id)} == {"Label"}


def test_start_without_autoforward_keeps_new_tasks_in_start(sdk, project_id):
    stages = get_project(sdk, project_id)["stages"]
    for s in stages:
        if s["id"] == "Start":
            s["autoForward"] = False
    ok(sdk.update_workflow_stages(project_id, stages))
    assert stages_by_id(get_project(sdk, project_id))["Start"]["autoForward"] is False
    upload_cloud(sdk, project_id, cloud_assets(3))
    assert [t["stage"] for t in all_tasks(sdk, project_id)] == ["Start"] * 3


def _no_start():
    return [s for s in review_workflow() if s["type"] != "Start"]


def _dangling_next():
    stages = review_workflow()
    stages[1]["next"] = [str(uuid.uuid4())]  # Label points at a stage that does not exist
    return stages


@pytest.mark.parametrize("make_invalid", [_no_start, _dangling_next], ids=["no-start-stage", "dangling-next-id"])
def test_update_workflow_stages_rejects_invalid_workflow(sdk, project_id, make_invalid):
    before = get_project(sdk, project_id)["stages"]
    # make_request raises Exception(response.text) on any non-2xx reply
    with pytest.raises(Exception) as exc_info:
        sdk.update_workflow_stages(project_id, make_invalid())
    assert_fail_body(error_body(exc_info.value))
    assert get_project(sdk, project_id)["stages"] == before
