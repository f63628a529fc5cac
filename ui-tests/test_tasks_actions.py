"""The Tasks table in a real browser: the bulk Actions (Set priority, Assign, Re-queue with its
three options, "Select all N matching"), the Columns menu, paging, sorting, and opening a task
from its row. Data is set up with the SDK, the work is done through the UI, and every effect is
checked through the SDK, so a UI that does nothing fails."""
import secrets

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_KEY, BASE_URL, clickable, png_bytes, upload_file, visible, wait

SCHEMA = {"tools": [{"tool": "bounding-box", "title": "Car", "schemaId": "car", "classifications": []}],
          "classifications": [{"tool": "radio", "title": "Weather", "schemaId": "weather",
                               "options": [{"value": "Sunny", "schemaId": "sunny"}, {"value": "Rainy", "schemaId": "rainy"}]}],
          "relations": []}
ANSWER = {"tools": [], "classifications": [{"schemaId": "weather", "answer": "Sunny"}], "relations": []}


def data_of(response):
    return response.get("data", response) if isinstance(response, dict) else response


def new_project(sdk, assets=(), schema=None, **cloud):
    """A project made through the SDK with cloud assets (External ID = name), optionally a schema."""
    pid = data_of(sdk.create_project(f"ui-{secrets.token_hex(3)}", "made by a UI test"))["project"]["_id"]
    if schema is not None:
        resp = requests.post(f"{BASE_URL}/v2/project/{pid}", json={"categorySchema": schema}, headers={"apikey": ADMIN_KEY}, timeout=30)
        assert resp.ok, resp.text
    if assets:
        sdk.upload_files_cloud(pid, [{"data": f"https://example.com/{name}", "externalId": name} for name in assets], **cloud)
    return pid


def stored_png(pid, name):
    """A PNG stored through getUploadUrl (the editor needs an image it can load); its Gloss URL."""
    return upload_file(pid, name, png_bytes(160, 100, (200, 220, 240)))


def tasks_by_name(sdk, pid):
    """externalId -> task (with its answer), straight from the server."""
    tasks = data_of(sdk.get_tasks(pid, limit=100))["tasks"]
    return {t["externalId"]: data_of(sdk.get_task(t["_id"], include_answer=True))["task"] for t in tasks}


def submit(task_id):
    """Labels and submits a task through the API (Label -> Complete in the default workflow)."""
    resp = requests.post(f"{BASE_URL}/v2/annotate/{task_id}", params={"nextStage": "true"}, json={"answer": ANSWER, "duration": 1000},
                         headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text


def task_rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "table[data-testid=tasks-table] tbody tr[data-task-id]")


def shown_ids(driver):
    """External IDs in the table, in the order shown (read in one go: the table redraws)."""
    return driver.execute_script("return [...document.querySelectorAll('table[data-testid=tasks-table] tbody tr[data-task-id] td[data-col=externalId]')].map((td) => td.textContent)")


def column(driver, col):
    """externalId -> the text of column `col`, read in one go."""
    return driver.execute_script("""
        const rows = document.querySelectorAll('table[data-testid=tasks-table] tbody tr[data-task-id]');
        return Object.fromEntries([...rows].map((r) => [r.querySelector('td[data-col=externalId]').textContent,
                                                        r.querySelector(`td[data-col=${arguments[0]}]`).textContent]));""", col)


def open_tasks(driver, pid, query=""):
    driver.get(f"{BASE_URL}/#/projects/{pid}/tasks{query}")
    visible(driver, "[data-testid=tasks-page]")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=tasks-table], .empty"))


def row_of(driver, name):
    return next(r for r in task_rows(driver) if r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text == name)


def tick(driver, names):
    """Ticks the rows of `names`; the table redraws on each tick, so each row is looked up afresh."""
    for n, name in enumerate(names, start=1):
        row_of(driver, name).find_element(By.CSS_SELECTOR, "input[data-testid=row-select]").click()
        wait(driver).until(lambda d, n=n: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == f"{n} selected")


def choose_action(driver, action):
    clickable(driver, "[data-testid=actions]").click()
    clickable(driver, f"[data-action={action}]").click()


def finish_dialog(driver, testid, ok):
    """Presses the dialog's primary button and waits until the dialog has closed (the work is done)."""
    visible(driver, f"[data-testid={testid}]").find_element(By.CSS_SELECTOR, f"[data-testid={ok}]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f"[data-testid={testid}]"))


def set_priority(driver, value):
    choose_action(driver, "priority")
    box = visible(driver, "[data-testid=priority-dialog] #priority-value")
    box.clear()
    box.send_keys(str(value))
    finish_dialog(driver, "priority-dialog", "priority-ok")


def test_set_priority_on_two_selected_tasks(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk, ["a.jpg", "b.jpg", "c.jpg"])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 3)
    tick(driver, ["a.jpg", "c.jpg"])
    set_priority(driver, 7)
    tasks = tasks_by_name(sdk, pid)
    assert {name: t["priority"] for name, t in tasks.items()} == {"a.jpg": 7, "b.jpg": 0, "c.jpg": 7}
    # A bulk action ends the selection and reloads the table.
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == "3 tasks")


def test_assign_a_selected_task_to_a_user(signed_in, sdk, account):
    driver = signed_in
    pid = new_project(sdk, ["mine.jpg", "other.jpg"])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    tick(driver, ["mine.jpg"])
    choose_action(driver, "assign")
    visible(driver, "[data-testid=assign-dialog]")
    Select(driver.find_element(By.CSS_SELECTOR, "#assign-user")).select_by_value(account["email"])
    Select(driver.find_element(By.CSS_SELECTOR, "#assign-stage")).select_by_value("Label")
    finish_dialog(driver, "assign-dialog", "assign-ok")
    tasks = tasks_by_name(sdk, pid)
    assert tasks["mine.jpg"]["assignee"] == account["email"]
    assert tasks["other.jpg"]["assignee"] is None
    # The table shows it too.
    wait(driver).until(lambda d: column(d, "assignee") == {"mine.jpg": account["email"], "other.jpg": "Unassigned"})


def requeue(driver, names, remove_annotations=False, remove_assignee=False, remove_history=False):
    tick(driver, names)
    choose_action(driver, "requeue")
    dialog = visible(driver, "[data-testid=requeue-dialog]")
    Select(dialog.find_element(By.CSS_SELECTOR, "#requeue-stage")).select_by_value("Label")
    for box, on in (("#requeue-remove-annotations", remove_annotations), ("#requeue-remove-assignee", remove_assignee),
                    ("#requeue-remove-history", remove_history)):
        el = dialog.find_element(By.CSS_SELECTOR, box)
        assert el.is_selected() is False
        if on:
            el.click()
            assert el.is_selected()
    finish_dialog(driver, "requeue-dialog", "requeue-ok")


def history(sdk, task_id):
    return [(h["stageId"], h["rework"]) for h in data_of(sdk.get_task_history(task_id=task_id))["taskHistory"]]


def test_requeue_completed_tasks_to_label_with_and_without_the_options(signed_in, sdk, account):
    driver = signed_in
    pid = new_project(sdk, ["wipe.jpg", "keep.jpg"], schema=SCHEMA)
    before = tasks_by_name(sdk, pid)
    ids = {name: t["_id"] for name, t in before.items()}
    # Labeled by the account (assigned in Label), submitted: both are Complete with an answer.
    sdk.assign_task(pid, list(ids.values()), "Label", account["email"])
    for task_id in ids.values():
        submit(task_id)
    done = tasks_by_name(sdk, pid)
    assert {t["stage"] for t in done.values()} == {"Complete"}
    assert history(sdk, ids["keep.jpg"]) == [("Start", False), ("Label", False)]

    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    requeue(driver, ["wipe.jpg"], remove_annotations=True, remove_assignee=True, remove_history=True)
    wait(driver).until(lambda d: tasks_by_name(sdk, pid)["wipe.jpg"]["stage"] == "Label")
    # The selection was cleared; the other task is ticked on its own.
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == "2 tasks")
    requeue(driver, ["keep.jpg"])

    tasks = tasks_by_name(sdk, pid)
    wiped, kept = tasks["wipe.jpg"], tasks["keep.jpg"]
    assert wiped["stage"] == "Label" and kept["stage"] == "Label"
    assert wiped["status"] == "TODO" and kept["status"] == "TODO"
    assert wiped["requeuedAt"] and kept["requeuedAt"]
    # Remove annotations: the labels are gone; without it the task moves as it is.
    assert wiped["answer"]["classifications"] == [] and wiped["answer"]["tools"] == []
    assert [(c["schemaId"], c["answer"]) for c in kept["answer"]["classifications"]] == [("weather", "Sunny")]
    # Remove assignee: anyone may take it; without it only the previous labeler can.
    assert wiped["assignee"] is None
    assert kept["assignee"] == account["email"]
    # Remove stage history: the record is deleted; without it the record stays, and a requeue
    # adds no stage-history entry of its own.
    assert history(sdk, ids["wipe.jpg"]) == []
    assert history(sdk, ids["keep.jpg"]) == [("Start", False), ("Label", False)]
    # The table shows both back in Label.
    wait(driver).until(lambda d: column(d, "stage") == {"wipe.jpg": "Label", "keep.jpg": "Label"})


def test_select_all_matching_with_a_stage_filter_then_set_priority(signed_in, sdk):
    driver = signed_in
    names = ["m1.jpg", "m2.jpg", "m3.jpg", "done1.jpg", "done2.jpg"]
    pid = new_project(sdk, names, schema=SCHEMA)
    ids = {name: t["_id"] for name, t in tasks_by_name(sdk, pid).items()}
    for name in ("done1.jpg", "done2.jpg"):
        submit(ids[name])

    # Two rows a page: the page holds 2 of the 3 tasks in Label.
    open_tasks(driver, pid, "?stage=Label&limit=2")
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    assert visible(driver, "[data-testid=total]").text.endswith("of 3")
    clickable(driver, "input[data-testid=select-page]").click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == "2 selected")
    matching = clickable(driver, "[data-testid=select-all-matching]")
    assert matching.text == "Select all 3 matching"
    matching.click()
    visible(driver, "[data-testid=all-matching-banner]")
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == "3 selected")
    set_priority(driver, 9)

    priorities = {name: t["priority"] for name, t in tasks_by_name(sdk, pid).items()}
    assert priorities == {"m1.jpg": 9, "m2.jpg": 9, "m3.jpg": 9, "done1.jpg": 0, "done2.jpg": 0}


def test_optional_columns_are_added_and_survive_a_reload(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    batch_name = f"Batch {secrets.token_hex(2)}"
    sdk.create_batch(pid, batch_name)
    sdk.upload_files_cloud(pid, [{"data": "https://example.com/col.jpg", "externalId": "col.jpg"}], batches=[batch_name], priority=5)
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 1)
    for col in ("priority", "batches", "createdAt"):
        assert not driver.find_elements(By.CSS_SELECTOR, f"td[data-col={col}]")

    clickable(driver, "[data-testid=columns-menu]").click()
    for col in ("priority", "batches", "createdAt"):
        # The menu stays open while several columns are ticked.
        box = clickable(driver, f"input[data-col={col}]")
        box.click()
        wait(driver).until(lambda d, col=col: d.find_elements(By.CSS_SELECTOR, f"td[data-col={col}]"))

    def cells(d):
        return {col: column(d, col)["col.jpg"] for col in ("priority", "batches", "createdAt")}

    shown = cells(driver)
    assert shown["priority"] == "5"
    assert shown["batches"] == batch_name
    assert shown["createdAt"].strip() not in ("", "—")
    headers = [th.get_attribute("data-col") for th in driver.find_elements(By.CSS_SELECTOR, "table[data-testid=tasks-table] thead th[data-col]")]
    assert headers[-3:] == ["priority", "batches", "createdAt"]

    driver.refresh()
    visible(driver, "table[data-testid=tasks-table]")
    wait(driver).until(lambda d: len(task_rows(d)) == 1 and d.find_elements(By.CSS_SELECTOR, "td[data-col=createdAt]"))
    assert cells(driver) == shown


def test_paging_with_two_rows_a_page(signed_in, sdk):
    driver = signed_in
    names = ["p1.jpg", "p2.jpg", "p3.jpg", "p4.jpg", "p5.jpg"]
    pid = new_project(sdk, names)
    open_tasks(driver, pid, "?sort=externalId&limit=2")
    wait(driver).until(lambda d: shown_ids(d) == ["p1.jpg", "p2.jpg"])
    assert visible(driver, "[data-testid=total]").text == "1–2 of 5"
    # The page-size control shows the size in use.
    assert Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=page-size]")).first_selected_option.get_attribute("value") == "2"
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=prev-page]").is_enabled() is False

    seen = shown_ids(driver)
    for expected_total, expected_rows in (("3–4 of 5", ["p3.jpg", "p4.jpg"]), ("5–5 of 5", ["p5.jpg"])):
        clickable(driver, "[data-testid=next-page]").click()
        wait(driver).until(lambda d, rows=expected_rows: shown_ids(d) == rows)
        assert driver.find_element(By.CSS_SELECTOR, "[data-testid=total]").text == expected_total
        seen += shown_ids(driver)
    assert seen == names
    assert "page=3" in driver.current_url
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=next-page]").is_enabled() is False

    # A bigger page size from the control: everything on page one.
    Select(driver.find_element(By.CSS_SELECTOR, "[data-testid=page-size]")).select_by_value("10")
    wait(driver).until(lambda d: "limit=10" in d.current_url and "page=1" in d.current_url)
    wait(driver).until(lambda d: shown_ids(d) == names)
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=total]").text == "1–5 of 5"


def test_sorting_by_clicking_a_header(signed_in, sdk):
    driver = signed_in
    names = ["cherry.jpg", "apple.jpg", "echo.jpg", "banana.jpg", "delta.jpg"]
    pid = new_project(sdk, names)
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 5)
    assert "sort=" not in driver.current_url

    driver.find_element(By.CSS_SELECTOR, "th[data-col=externalId] .sort-btn").click()
    wait(driver).until(lambda d: "sort=externalId" in d.current_url)
    wait(driver).until(lambda d: shown_ids(d) == sorted(names))
    assert driver.find_element(By.CSS_SELECTOR, "th[data-col=externalId]").get_attribute("aria-sort") == "ascending"

    driver.find_element(By.CSS_SELECTOR, "th[data-col=externalId] .sort-btn").click()
    wait(driver).until(lambda d: "sort=-externalId" in d.current_url)
    wait(driver).until(lambda d: shown_ids(d) == sorted(names, reverse=True))
    assert driver.find_element(By.CSS_SELECTOR, "th[data-col=externalId]").get_attribute("aria-sort") == "descending"

    # Another column's header: the server's order by priority (set through the SDK).
    ids = {name: t["_id"] for name, t in tasks_by_name(sdk, pid).items()}
    for priority, name in enumerate(["delta.jpg", "apple.jpg", "echo.jpg", "cherry.jpg", "banana.jpg"]):
        resp = requests.post(f"{BASE_URL}/v2/project/{pid}/updatePriority", json={"priority": priority, "filters": {"taskIds": [ids[name]]}},
                             headers={"apikey": ADMIN_KEY}, timeout=30)
        assert resp.ok, resp.text
    clickable(driver, "[data-testid=columns-menu]").click()
    clickable(driver, "input[data-col=priority]").click()
    clickable(driver, "th[data-col=priority] .sort-btn").click()
    wait(driver).until(lambda d: "sort=priority" in d.current_url)
    wait(driver).until(lambda d: shown_ids(d) == ["delta.jpg", "apple.jpg", "echo.jpg", "cherry.jpg", "banana.jpg"])


def test_a_click_on_a_row_opens_the_task_in_the_editor_with_save_only(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk, schema=SCHEMA)
    sdk.upload_files_cloud(pid, [{"data": stored_png(pid, name), "externalId": name} for name in ("first.png", "second.png")])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    row = row_of(driver, "second.png")
    task_id = row.get_attribute("data-task-id")
    row.find_element(By.CSS_SELECTOR, "td[data-col=stage]").click()
    wait(driver).until(lambda d: f"/tasks/{task_id}/open" in d.current_url)
    editor = visible(driver, f'[data-testid=editor][data-mode=open][data-task-id="{task_id}"]', seconds=20)
    visible(driver, "[data-testid=editor] [data-testid=save]")
    assert driver.find_elements(By.CSS_SELECTOR, "[data-testid=submit]") == []
    assert editor.get_attribute("data-mode") == "open"
    # Opening a task changes nothing on the server.
    task = data_of(sdk.get_task(task_id))["task"]
    assert task["stage"] == "Label" and task["externalId"] == "second.png"
