"""Project settings and import in a real browser: General (idle timeout, skipping), the workflow
editor (a broken graph is refused with the server's message, a valid one is saved and drawn),
the category schema's JSON view (with a conditional nested classification), and the cloud JSON
import into a new batch with a priority. Every effect is checked through the SDK."""
import copy
import json
import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, clickable, visible, wait


def data_of(response):
    return response.get("data", response) if isinstance(response, dict) else response


def new_project(sdk):
    return data_of(sdk.create_project(f"ui-{secrets.token_hex(3)}", "made by a UI test"))["project"]["_id"]


def project(sdk, pid):
    return data_of(sdk.get_project(pid))["project"]


def open_settings(driver, pid, section):
    driver.get(f"{BASE_URL}/#/projects/{pid}/settings?section={section}")
    return visible(driver, f"[data-testid=settings-{section}]")


def test_general_settings_idle_timeout_and_skipping(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    before = project(sdk, pid)
    assert before["idleTimeout"] == 300 and before["taskSkipEnabled"] is True
    open_settings(driver, pid, "general")
    idle = visible(driver, "#set-idle")
    assert idle.get_attribute("value") == "300"
    idle.clear()
    idle.send_keys("45")
    skip = driver.find_element(By.CSS_SELECTOR, "#set-skip")
    assert skip.is_selected()
    skip.click()
    assert not skip.is_selected()
    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-general]").click()
    wait(driver).until(lambda d: project(sdk, pid)["idleTimeout"] == 45)
    after = project(sdk, pid)
    assert after["taskSkipEnabled"] is False
    # What was not touched stays as it was.
    assert after["name"] == before["name"] and after["benchmarkEnabled"] == before["benchmarkEnabled"]
    assert after["unassignSkippedTask"] == before["unassignSkippedTask"]
    assert not driver.find_element(By.CSS_SELECTOR, "[data-testid=general-error]").is_displayed()

    # The form shows the stored values after a reload.
    driver.refresh()
    assert visible(driver, "#set-idle").get_attribute("value") == "45"
    assert not driver.find_element(By.CSS_SELECTOR, "#set-skip").is_selected()


def stage_row(driver, stage_id):
    return driver.find_element(By.CSS_SELECTOR, f'[data-testid=stage-list] .stage-row[data-stage-id="{stage_id}"]')


def output(driver, stage_id, index=0):
    return Select(stage_row(driver, stage_id).find_element(By.CSS_SELECTOR, f"select[data-field=next][data-output='{index}']"))


def add_stage(driver, kind):
    """Adds a stage of `kind` through the editor; returns its (new) id."""
    before = {r.get_attribute("data-stage-id") for r in driver.find_elements(By.CSS_SELECTOR, "[data-testid=stage-list] .stage-row")}
    Select(driver.find_element(By.CSS_SELECTOR, "#add-stage-type")).select_by_value(kind)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=add-stage]").click()
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=stage-list] .stage-row")) == len(before) + 1)
    (new,) = {r.get_attribute("data-stage-id") for r in driver.find_elements(By.CSS_SELECTOR, "[data-testid=stage-list] .stage-row")} - before
    assert stage_row(driver, new).get_attribute("data-type") == kind
    return new


def graph_boxes(driver):
    """The stage ids of the drawn graph's boxes (read in one go: the graph is redrawn on save)."""
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=workflow-graph] g[data-stage-id]')].map((g) => g.dataset.stageId)")


def test_workflow_editor_refuses_a_broken_graph_then_saves_a_review_stage(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    original = project(sdk, pid)["stages"]
    assert [s["id"] for s in original] == ["Start", "Label", "Complete"]
    open_settings(driver, pid, "workflow")
    wait(driver).until(lambda d: sorted(graph_boxes(d)) == sorted(["Start", "Label", "Complete"]))

    # Label -> a new Archive stage: every output is chosen, but Complete can no longer be reached.
    archive = add_stage(driver, "Archive")
    output(driver, "Label").select_by_value(archive)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-workflow]").click()
    error = visible(driver, "[data-testid=workflow-error]")
    assert "no Complete stage is reachable from Start" in error.text, error.text
    assert project(sdk, pid)["stages"] == original

    # Drop the Archive stage, put a Review stage between Label and Complete.
    stage_row(driver, archive).find_element(By.CSS_SELECTOR, ".stage-row-head button.danger").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'.stage-row[data-stage-id="{archive}"]'))
    review = add_stage(driver, "Review")
    output(driver, "Label").select_by_value(review)
    output(driver, review, 0).select_by_value("Complete")  # Accepted
    output(driver, review, 1).select_by_value("Label")  # Rejected
    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-workflow]").click()
    wait(driver).until(lambda d: len(project(sdk, pid)["stages"]) == 4)

    stages = {s["id"]: s for s in project(sdk, pid)["stages"]}
    assert set(stages) == {"Start", "Label", review, "Complete"}
    assert stages["Start"]["next"] == ["Label"]
    assert stages["Label"]["next"] == [review]
    assert stages[review]["type"] == "Review" and stages[review]["next"] == ["Complete", "Label"]
    assert stages["Complete"]["next"] == []
    wait(driver).until(lambda d: not d.find_element(By.CSS_SELECTOR, "[data-testid=workflow-error]").is_displayed())
    # One box per stage in the drawn graph.
    wait(driver).until(lambda d: sorted(graph_boxes(d)) == sorted(stages))
    assert len(graph_boxes(driver)) == 4

    # The saved workflow is what the page shows after a reload.
    driver.refresh()
    visible(driver, "[data-testid=settings-workflow]")
    wait(driver).until(lambda d: sorted(graph_boxes(d)) == sorted(stages))
    assert output(driver, "Label").first_selected_option.get_attribute("value") == review


PASTED_SCHEMA = {
    "tools": [{
        "tool": "bounding-box", "title": "Car", "schemaId": "car", "color": "#e6194b", "shortcutKey": "1", "required": False,
        "options": [],
        "classifications": [{
            "tool": "radio", "title": "Kind", "schemaId": "kind", "required": True,
            "options": [{"value": "Sedan", "schemaId": "sedan"}, {"value": "Truck", "schemaId": "truck"}],
            "classifications": [{"tool": "text", "title": "Axles", "schemaId": "axles", "required": False,
                                 "parentOptionId": "truck", "regex": "^[0-9]+$", "options": [], "classifications": []}],
        }],
    }],
    "classifications": [{
        "tool": "radio", "title": "Weather", "schemaId": "weather", "required": False,
        "options": [{"value": "Sunny", "schemaId": "sunny"}, {"value": "Rainy", "schemaId": "rainy"}],
        "classifications": [{"tool": "checkbox", "title": "Rain kind", "schemaId": "rain-kind", "required": False, "parentOptionId": "rainy",
                             "options": [{"value": "Drizzle", "schemaId": "drizzle"}, {"value": "Storm", "schemaId": "storm"}],
                             "classifications": []}],
    }],
    "relations": [],
}


def subset(expected, actual, path="schema"):
    """Every key of `expected` is in `actual` with the same value (the server may add fields)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} is missing"
            subset(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{path}: {actual!r}"
        for i, (e, a) in enumerate(zip(expected, actual)):
            subset(e, a, f"{path}[{i}]")
    else:
        assert expected == actual, f"{path}: {actual!r} != {expected!r}"


def apply_schema_json(driver, pid, text):
    """Opens the schema's JSON view, replaces its text and applies it (nothing is saved yet)."""
    open_settings(driver, pid, "schema")
    clickable(driver, "[data-testid=schema-json-toggle]").click()
    box = visible(driver, "[data-testid=schema-json]")
    box.clear()
    box.send_keys(text)
    driver.find_element(By.CSS_SELECTOR, "[data-testid=apply-schema-json]").click()


def test_schema_json_view_with_a_conditional_nested_classification_round_trips(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    apply_schema_json(driver, pid, json.dumps(PASTED_SCHEMA))
    # The cards are redrawn from the JSON, the conditional "Show when" included.
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, '.schema-item[data-schema-id="axles"]'))
    shows_when = lambda d, sid: Select(d.find_element(By.CSS_SELECTOR, f'.schema-item[data-schema-id="{sid}"] > .schema-fields select[data-field=parentOptionId]')).first_selected_option.get_attribute("value")
    assert shows_when(driver, "axles") == "truck"
    assert shows_when(driver, "rain-kind") == "rainy"
    assert project(sdk, pid)["categorySchema"]["tools"] == []  # applied, not yet saved

    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-schema]").click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=schema-status]").text == "Saved")
    stored = project(sdk, pid)["categorySchema"]
    subset(PASTED_SCHEMA, stored)
    assert stored["tools"][0]["classifications"][0]["classifications"][0]["parentOptionId"] == "truck"
    assert stored["classifications"][0]["classifications"][0]["parentOptionId"] == "rainy"

    # A change made on a card after the JSON was applied is saved as well, and the JSON view shows
    # the stored schema after a reload (the export half of the round trip).
    driver.refresh()
    clickable(driver, "[data-testid=schema-json-toggle]").click()
    shown = json.loads(visible(driver, "[data-testid=schema-json]").get_attribute("value"))
    subset(PASTED_SCHEMA, shown)
    Select(driver.find_element(By.CSS_SELECTOR, '.schema-item[data-schema-id="rain-kind"] > .schema-fields select[data-field=parentOptionId]')).select_by_value("sunny")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-schema]").click()
    wait(driver).until(lambda d: project(sdk, pid)["categorySchema"]["classifications"][0]["classifications"][0]["parentOptionId"] == "sunny")
    expected = copy.deepcopy(PASTED_SCHEMA)
    expected["classifications"][0]["classifications"][0]["parentOptionId"] = "sunny"
    subset(expected, project(sdk, pid)["categorySchema"])


def test_schema_json_view_refuses_json_that_is_not_a_schema(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    apply_schema_json(driver, pid, '{"tools": "not a list"}')
    problem = visible(driver, ".json-view .form-error")
    assert "tools must be a list" in problem.text
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=schema-status]").text == ""
    assert project(sdk, pid)["categorySchema"]["tools"] == []


def test_cloud_json_import_into_a_new_batch_with_a_priority(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    batch_name = f"Import {secrets.token_hex(2)}"
    items = [{"data": "https://example.com/cloud/one.jpg", "externalId": "cloud-one.jpg"},
             {"data": "https://example.com/cloud/two.jpg", "externalId": "cloud-two.jpg"}]
    driver.get(f"{BASE_URL}/#/projects/{pid}/assets")
    visible(driver, "[data-testid=cloud-json]")
    Select(driver.find_element(By.CSS_SELECTOR, "#cloud-batch")).select_by_value("__new__")
    visible(driver, "#cloud-new-batch").send_keys(batch_name)
    driver.find_element(By.CSS_SELECTOR, "#cloud-priority").send_keys("42")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=cloud-json]").send_keys(json.dumps(items))
    driver.find_element(By.CSS_SELECTOR, "[data-testid=cloud-import]").click()
    summary = visible(driver, "[data-testid=cloud-summary]")
    assert summary.text.startswith("2 assets and 2 tasks created"), summary.text

    batches = project(sdk, pid)["batches"]
    assert [b["name"] for b in batches] == [batch_name]
    batch_id = batches[0]["_id"]
    tasks = data_of(sdk.get_tasks(pid))["tasks"]
    assert sorted(t["externalId"] for t in tasks) == ["cloud-one.jpg", "cloud-two.jpg"]
    assert all(t["batches"] == [batch_id] for t in tasks), tasks
    assert all(t["priority"] == 42 for t in tasks), tasks

    # The assets list shows both, in the new batch.
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=assets-table] tbody tr[data-asset-id]")) == 2)
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-testid=assets-table] tbody tr[data-asset-id]")
    shown = {r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text: r.find_element(By.CSS_SELECTOR, "td[data-col=batches]").text for r in rows}
    assert shown == {"cloud-one.jpg": batch_name, "cloud-two.jpg": batch_name}
    # The batch choice now offers the new batch by name.
    assert batch_name in [o.text for o in Select(driver.find_element(By.CSS_SELECTOR, "#cloud-batch")).options]
