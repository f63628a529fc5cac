"""Issues in the labeling and review editor (Public/editor/issues*.js): I on a selected object and
the issue pin tool raise issues (with an error code when the project has them), the Issues tab
replies, resolves and deletes, Reject asks for an issue when none is open in the stage ("Open
Issue & Reject") and sends it with the review, and the server's refusals are shown. Projects are
set up through the API; results are checked through GET /v2/issues."""
import json
import secrets

import requests
from imerit_ango.models.enums import ProjectRoles
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_KEY, BASE_URL, clickable, create_user, sign_in, visible, wait
from test_editor import BOX_SCHEMA, EDITOR, add_images, get_task, make_project, open_editor

HEADERS = {"apikey": ADMIN_KEY}
ERROR_SCHEMA = {"categories": [{"name": "Wrong", "codes": [{"name": "Wrong class", "key": "W1"}]},
                               {"name": "Missing", "codes": []}]}
BOX = {"tools": [{"schemaId": "car", "objectId": "o1", "bounding-box": {"x": 20, "y": 30, "width": 100, "height": 60},
                  "classifications": [{"schemaId": "color", "answer": "Red"}]}],
       "classifications": [{"schemaId": "weather", "answer": "Sunny"}], "relations": []}


def api(method, path, **kwargs):
    """A /v2 call as the admin; returns `data`."""
    resp = requests.request(method, f"{BASE_URL}/v2{path}", headers=HEADERS, timeout=30, **kwargs)
    assert resp.ok, resp.text
    return resp.json()["data"]


def enable_error_codes(pid):
    api("POST", f"/project/{pid}", json={"errorCodesEnabled": True, "errorSchema": ERROR_SCHEMA})


def issues_of(pid, task_id):
    return api("GET", "/issues", params={"project": pid, "labelTask": task_id})["issue"]


def raise_issue(task_id, **fields):
    return api("POST", "/issues", json={"labelTask": task_id, **fields})["issue"]


def task_ids(sdk, pid):
    """The project's tasks in queue order (creation)."""
    tasks = sdk.get_tasks(pid)["data"]["tasks"]
    return [t["_id"] for t in sorted(tasks, key=lambda t: t["externalId"])]


def submit_to_review(task_id):
    api("POST", f"/annotate/{task_id}", params={"nextStage": "true"}, json={"answer": BOX, "duration": 1000})


def issues_tab(browser):
    clickable(browser, "[data-testid=tab-issues]").click()
    return visible(browser, "[data-testid=issues-panel]")


def draw_box(browser):
    clickable(browser, "[data-testid=tool-car]").click()
    canvas = visible(browser, "[data-testid=canvas]")
    ActionChains(browser).move_to_element_with_offset(canvas, -60, -40).click_and_hold().move_by_offset(80, 60).release().perform()
    return visible(browser, "[data-testid=object-row]").get_attribute("data-object-id")


def test_i_on_a_selected_box_raises_an_issue_on_that_object(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA)
    enable_error_codes(pid)
    add_images(sdk, pid, ["object-issue.png"])
    task_id = open_editor(browser, pid, "start-labeling")
    object_id = draw_box(browser)

    ActionChains(browser).send_keys("i").perform()
    dialog = visible(browser, "[data-testid=issue-dialog]")
    # Nothing typed is an error shown in the dialog, and nothing is sent.
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-create]").click()
    assert "Describe the issue" in visible(browser, "[data-testid=issue-dialog-error]").text
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-content]").send_keys("The box misses the mirror")
    # "Missing" lists no codes in the schema, so its code is typed.
    Select(dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-category]")).select_by_visible_text("Missing")
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-code-text]").send_keys("Mirror")
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-create]").click()

    wait(browser).until(lambda b: issues_of(pid, task_id))
    (issue,) = issues_of(pid, task_id)
    assert issue["objectId"] == object_id and issue["position"] is None
    assert issue["content"] == "The box misses the mirror" and issue["status"] == "Open"
    assert issue["errorCodes"] == [{"category": "Missing", "name": "Mirror"}]
    assert get_task(sdk, task_id)["openIssuesCount"] == 1

    # The Issues tab shows it (on object 1); the Objects list marks the object.
    row = visible(browser, "[data-testid=issue-row]")
    assert "The box misses the mirror" in row.text and "Object 1" in row.text and "Missing: Mirror" in row.text
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=issues-open-count]").text == "1"
    clickable(browser, "[data-testid=tab-labels]").click()
    badge = visible(browser, f"[data-testid=object-row][data-object-id='{object_id}'] [data-testid=object-issue-badge]")
    assert "1" in badge.text
    # The badge leads to the Issues tab, where clicking the issue selects its object.
    badge.click()
    visible(browser, "[data-testid=issue-row]")
    browser.execute_script("window.glossEditor.editor.state.select(null)")
    visible(browser, "[data-testid=issue-row]").click()
    wait(browser).until(lambda b: b.execute_script("return window.glossEditor.editor.state.selected") == object_id)


def test_an_issue_pin_click_raises_an_issue_at_that_pixel_and_the_marker_follows_zoom(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA)
    add_images(sdk, pid, ["pin.png"])
    task_id = open_editor(browser, pid, "start-labeling")
    # Error codes are off: the dialog asks for the text only.
    clickable(browser, "[data-testid=tool-issue-pin]").click()
    canvas = visible(browser, "[data-testid=canvas]")
    ActionChains(browser).move_to_element(canvas).click().perform()  # the middle of the fitted 320x200 image
    dialog = visible(browser, "[data-testid=issue-dialog]")
    assert dialog.find_elements(By.CSS_SELECTOR, "[data-testid=issue-category]") == []
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-content]").send_keys("Blurry here")
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-create]").click()

    pin = visible(browser, "[data-testid=issue-pin]")
    assert pin.text == "1"
    (issue,) = issues_of(pid, task_id)
    assert issue["objectId"] is None
    x, y = json.loads(issue["position"])
    assert isinstance(x, int) and isinstance(y, int)
    assert abs(x - 160) <= 2 and abs(y - 100) <= 2, issue["position"]
    # One pin per click of the tool: the editor is back on Select.
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=tool-select]").get_attribute("aria-pressed") == "true")

    def pin_offset():
        """Screen distance between the pin's centre and where its pixel is drawn now."""
        return browser.execute_script("""
            const [pin, x, y] = arguments, st = window.glossEditor.editor.imageStage;
            const r = pin.getBoundingClientRect(), c = st.svg.getBoundingClientRect();
            return Math.hypot(r.left + r.width / 2 - (c.left + st.tx + x * st.scale), r.top + r.height / 2 - (c.top + st.ty + y * st.scale));
        """, browser.find_element(By.CSS_SELECTOR, "[data-testid=issue-pin]"), x, y)
    assert pin_offset() < 2
    size = browser.find_element(By.CSS_SELECTOR, "[data-testid=issue-pin]").rect["width"]
    scale = browser.execute_script("return window.glossEditor.editor.imageStage.scale")
    for _ in range(2):
        browser.find_element(By.CSS_SELECTOR, "button[aria-label='Zoom in']").click()
    wait(browser).until(lambda b: b.execute_script("return window.glossEditor.editor.imageStage.scale") > scale * 1.5)
    assert pin_offset() < 2
    # The marker keeps its size on screen while the image grows.
    assert abs(browser.find_element(By.CSS_SELECTOR, "[data-testid=issue-pin]").rect["width"] - size) < 2

    # Clicking the pin shows the issue in the Issues tab, highlighted.
    browser.find_element(By.CSS_SELECTOR, "[data-testid=issue-pin]").click()
    row = visible(browser, f"[data-testid=issue-row][data-issue-id='{issue['_id']}']")
    wait(browser).until(lambda b: "focused" in row.get_attribute("class"))
    assert "Blurry here" in row.text


def test_reply_resolve_reopen_and_delete_from_the_issues_tab(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA)
    add_images(sdk, pid, ["panel.png"])
    (task_id,) = task_ids(sdk, pid)
    raise_issue(task_id, content="Weather is wrong", position="[40, 50]")
    assert get_task(sdk, task_id)["openIssuesCount"] == 1

    assert open_editor(browser, pid, "start-labeling") == task_id
    # The open count is on the tab before it is opened.
    assert visible(browser, "[data-testid=issues-open-count]").text == "1"
    issues_tab(browser)
    row = visible(browser, "[data-testid=issue-row]")
    assert "Weather is wrong" in row.text and "0 comments" in row.text

    reply = row.find_element(By.CSS_SELECTOR, "[data-testid=issue-comment-input]")
    reply.send_keys("Fixed it, it is rainy")
    row.find_element(By.CSS_SELECTOR, "[data-testid=issue-comment]").click()
    wait(browser).until(lambda b: issues_of(pid, task_id)[0]["comments"])
    assert [c["content"] for c in issues_of(pid, task_id)[0]["comments"]] == ["Fixed it, it is rainy"]
    wait(browser).until(lambda b: "1 comment" in b.find_element(By.CSS_SELECTOR, "[data-testid=issue-row]").text)

    clickable(browser, "[data-testid=issue-resolve]").click()
    wait(browser).until(lambda b: issues_of(pid, task_id)[0]["status"] == "Resolved")
    assert get_task(sdk, task_id)["openIssuesCount"] == 0
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=issue-row]").get_attribute("data-status") == "Resolved")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=issues-open-count]") == []
    # A resolved issue's pin stays, grayed.
    assert "closed" in browser.find_element(By.CSS_SELECTOR, "[data-testid=issue-pin]").get_attribute("class")

    clickable(browser, "[data-testid=issue-reopen]").click()
    wait(browser).until(lambda b: issues_of(pid, task_id)[0]["status"] == "Open")
    assert get_task(sdk, task_id)["openIssuesCount"] == 1
    # The panel re-renders once it has the reopened issue; act on the row it renders then.
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=issue-row]").get_attribute("data-status") == "Open")

    clickable(browser, "[data-testid=issue-delete]").click()
    clickable(browser, "[data-testid=issue-delete-confirm]").click()
    wait(browser).until(lambda b: not issues_of(pid, task_id))
    wait(browser).until(lambda b: "No issues on this task." in b.find_element(By.CSS_SELECTOR, "[data-testid=issues-panel]").text)
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=issue-pin]") == []
    assert get_task(sdk, task_id)["openIssuesCount"] == 0


def test_reject_opens_an_issue_unless_one_is_open_in_the_stage(signed_in, sdk):
    browser = signed_in
    pid = make_project(sdk, BOX_SCHEMA, review=True)
    enable_error_codes(pid)
    add_images(sdk, pid, ["r1.png", "r2.png", "r3.png"])
    first, second, third = task_ids(sdk, pid)
    for task_id in (first, second, third):
        submit_to_review(task_id)
    # The third already has an open issue in Review: its Reject goes through as before.
    raise_issue(third, content="Already noted", objectId="o1")

    assert open_editor(browser, pid, "start-reviewing") == first
    browser.find_element(By.CSS_SELECTOR, "[data-testid=reject]").click()
    dialog = visible(browser, "[data-testid=issue-dialog]")
    assert "Open Issue & Reject" in dialog.text
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-content]").send_keys("Wrong class on the car")
    Select(dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-category]")).select_by_visible_text("Wrong")
    Select(dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-code]")).select_by_visible_text("Wrong class (W1)")
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=issue-reject]").click()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, EDITOR).get_attribute("data-task-id") == second)

    task = get_task(sdk, first)
    assert task["stage"] == "Label" and task["reviewStatus"] == "Rejected"
    (issue,) = issues_of(pid, first)
    assert issue["content"] == "Wrong class on the car" and issue["status"] == "Open" and issue["stage"] == "Review"
    assert issue["errorCodes"] == [{"category": "Wrong", "name": "Wrong class", "key": "W1"}]
    assert task["openIssuesCount"] == 1

    # Cancel keeps the task in review; "Reject without issue" rejects with none.
    browser.find_element(By.CSS_SELECTOR, "[data-testid=reject]").click()
    clickable(browser, "[data-testid=issue-dialog] [data-testid=issue-cancel]").click()
    wait(browser).until(lambda b: not b.find_elements(By.CSS_SELECTOR, "[data-testid=issue-dialog]"))
    assert get_task(sdk, second)["stage"] == "Review"
    browser.find_element(By.CSS_SELECTOR, "[data-testid=reject]").click()
    clickable(browser, "[data-testid=issue-dialog] [data-testid=issue-without]").click()
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, EDITOR).get_attribute("data-task-id") == third)
    assert get_task(sdk, second)["stage"] == "Label" and issues_of(pid, second) == []

    # An open issue in this stage: no dialog, the task is rejected at once.
    browser.find_element(By.CSS_SELECTOR, "[data-testid=reject]").click()
    visible(browser, "[data-testid=queue-empty]")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=issue-dialog]") == []
    assert get_task(sdk, third)["stage"] == "Label"
    assert [i["content"] for i in issues_of(pid, third)] == ["Already noted"]


def test_a_labeler_replies_but_cannot_resolve_someone_elses_issue(driver, sdk):
    email = f"labeler-{secrets.token_hex(4)}@example.com"
    labeler = {"email": email, "password": "pw-" + secrets.token_hex(8)}
    create_user(email, labeler["password"], org_role="member")
    pid = make_project(sdk, BOX_SCHEMA)
    assert sdk.add_members_to_project(pid, [email], ProjectRoles.Labeler)["status"] == "success"
    add_images(sdk, pid, ["labeler.png"])
    (task_id,) = task_ids(sdk, pid)
    # A Labeler sees the issues they opened or are mentioned in.
    raise_issue(task_id, content="Please redo the weather", contentMentions=[email])

    sign_in(driver, labeler)
    assert open_editor(driver, pid, "start-labeling") == task_id
    issues_tab(driver)
    row = visible(driver, "[data-testid=issue-row]")
    assert "Please redo the weather" in row.text
    row.find_element(By.CSS_SELECTOR, "[data-testid=issue-comment-input]").send_keys("On it")
    row.find_element(By.CSS_SELECTOR, "[data-testid=issue-comment]").click()
    wait(driver).until(lambda d: issues_of(pid, task_id)[0]["comments"])

    clickable(driver, "[data-testid=issue-resolve]").click()
    error = visible(driver, "[data-testid=editor-error]")
    assert "Resolve failed" in error.text and "Lead or above" in error.text
    (issue,) = issues_of(pid, task_id)
    assert issue["status"] == "Open" and [c["createdBy"] for c in issue["comments"]] == [email]
    assert get_task(sdk, task_id)["openIssuesCount"] == 1
