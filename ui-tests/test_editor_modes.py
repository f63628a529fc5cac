"""Editor modes and rules the spec marks MUST: a read-only review only accepts or rejects (Reject
sends the task out of the Rejected output), Skip moves on without a history entry and is offered
only when the project allows it, and the activity dot turns idle after the project's idle timeout."""
import requests
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ADMIN_KEY, BASE_URL, visible, wait
from test_editor import BOX_SCHEMA, EDITOR, add_images, get_task, make_project, open_editor

BOX = {"tools": [{"schemaId": "car", "objectId": "o1", "bounding-box": {"x": 20, "y": 30, "width": 100, "height": 60},
                  "classifications": [{"schemaId": "color", "answer": "Red"}]}],
       "classifications": [{"schemaId": "weather", "answer": "Sunny"}], "relations": []}


def update_project(pid, body):
    resp = requests.post(f"{BASE_URL}/v2/project/{pid}", json=body, headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text


def history(task_id):
    resp = requests.get(f"{BASE_URL}/v2/task/{task_id}/history", headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text
    return [entry["stageId"] for entry in resp.json()["data"]["taskHistory"]]


def test_a_read_only_review_can_only_accept_or_reject(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA, review=True, read_only=True)
    add_images(sdk, pid, ["ro.png"])
    task_id = sdk.get_tasks(pid)["data"]["tasks"][0]["_id"]
    resp = requests.post(f"{BASE_URL}/v2/annotate/{task_id}", params={"nextStage": "true"}, json={"answer": BOX},
                         headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text

    assert open_editor(browser, pid, "start-reviewing") == task_id
    for absent in ("save", "submit", "skip"):
        assert browser.find_elements(By.CSS_SELECTOR, f"[data-testid={absent}]") == [], absent
    radios = browser.find_elements(By.CSS_SELECTOR, "[data-schema-id=weather] input")
    assert radios and all(not r.is_enabled() for r in radios)
    # Selecting the object and pressing Delete changes nothing in a read-only review.
    visible(browser, "[data-testid=object-row]").click()
    ActionChains(browser).send_keys(Keys.DELETE).perform()
    assert len(browser.find_elements(By.CSS_SELECTOR, "[data-testid=object-row]")) == 1

    browser.find_element(By.CSS_SELECTOR, "[data-testid=reject]").click()
    # No open issue in this stage: Reject offers to open one first; this review rejects without.
    visible(browser, "[data-testid=issue-without]").click()
    wait(browser).until(lambda b: get_task(sdk, task_id)["stage"] == "Label")
    task = get_task(sdk, task_id)
    assert task["reviewStatus"] == "Rejected"
    assert [t["schemaId"] for t in task["answer"]["tools"]] == ["car"]  # the labeler's work is kept


def test_skip_moves_on_without_history_and_only_when_allowed(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA)
    add_images(sdk, pid, ["s1.png", "s2.png"])
    first = open_editor(browser, pid, "start-labeling")
    assert history(first) == ["Start"]
    browser.find_element(By.CSS_SELECTOR, "[data-testid=skip]").click()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, EDITOR).get_attribute("data-task-id") not in (None, first))
    skipped = get_task(sdk, first)
    assert skipped["isSkipped"] is True
    assert skipped["stage"] == "Label"
    assert history(first) == ["Start"]  # skipping writes no history entry

    update_project(pid, {"taskSkipEnabled": False})
    open_editor(browser, pid, "start-labeling")
    visible(browser, "[data-testid=submit]")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=skip]") == []


def test_the_activity_dot_turns_idle_after_the_idle_timeout_and_back_on_input(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA)
    update_project(pid, {"idleTimeout": 1})
    add_images(sdk, pid, ["idle.png"])
    open_editor(browser, pid, "start-labeling")
    dot = "[data-testid=timer-dot]"
    # No input for the 1 s idle timeout: the dot reports idle (the wait polls, up to 10 s).
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, dot).get_attribute("data-state") == "idle")
    ActionChains(browser).move_to_element(browser.find_element(By.CSS_SELECTOR, "[data-testid=canvas]")).move_by_offset(5, 5).perform()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, dot).get_attribute("data-state") == "active")
