"""Manager pages in a real browser: sign-in, projects, the schema editor, drag-and-drop import,
the Tasks table's URL-held filters, deleting a task with its confirmation, and exporting the
selected tasks."""
import base64
import io
import json
import secrets
import zipfile

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import BASE_URL, clickable, png_bytes, visible, wait


def data_of(response):
    """The SDK returns the server's envelope; this is its `data`."""
    return response.get("data", response) if isinstance(response, dict) else response


def new_project(sdk, assets=()):
    """A project made through the SDK (setup the test is not about), with cloud assets."""
    pid = data_of(sdk.create_project(f"ui-{secrets.token_hex(3)}", "made by a UI test"))["project"]["_id"]
    if assets:
        sdk.upload_files_cloud(pid, [{"data": f"https://example.com/{name}", "externalId": name} for name in assets])
    return pid


def task_rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "table[data-testid=tasks-table] tbody tr[data-task-id]")


def external_ids(driver):
    return sorted(r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text for r in task_rows(driver))


def open_tasks(driver, pid, query=""):
    driver.get(f"{BASE_URL}/#/projects/{pid}/tasks{query}")
    visible(driver, "[data-testid=tasks-page]")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=tasks-table], .empty"))


def test_sign_in_with_wrong_password_then_right_one(driver, account):
    driver.get(BASE_URL + "/#/login")
    visible(driver, "#login-email").send_keys(account["email"])
    driver.find_element(By.CSS_SELECTOR, "#login-password").send_keys("wrong-" + account["password"])
    driver.find_element(By.CSS_SELECTOR, "#login-submit").click()
    error = visible(driver, "[data-testid=login-error]")
    assert error.text.strip()
    assert "#/login" in driver.current_url
    password = driver.find_element(By.CSS_SELECTOR, "#login-password")
    password.clear()
    password.send_keys(account["password"])
    driver.find_element(By.CSS_SELECTOR, "#login-submit").click()
    visible(driver, "[data-testid=projects-page]")
    assert "#/projects" in driver.current_url
    clickable(driver, "[data-testid=user-menu]").click()
    visible(driver, "[data-testid=sign-out]").click()
    visible(driver, "#login-email")


def schema_card(driver, schema_id):
    return driver.find_element(By.CSS_SELECTOR, f'.schema-item[data-schema-id="{schema_id}"]')


def set_field(driver, schema_id, name, value):
    el = schema_card(driver, schema_id).find_element(By.CSS_SELECTOR, f":scope > .schema-fields [data-field={name}]")
    if el.tag_name == "select":
        Select(el).select_by_value(value)
    else:
        el.clear()
        el.send_keys(value)


def add_options(driver, schema_id, values):
    for value in values:
        before = len(schema_card(driver, schema_id).find_elements(By.CSS_SELECTOR, ":scope > .schema-options [data-field=option]"))
        schema_card(driver, schema_id).find_element(By.CSS_SELECTOR, ":scope > .schema-options [data-testid=add-option]").click()
        wait(driver).until(lambda d: len(schema_card(d, schema_id).find_elements(By.CSS_SELECTOR, ":scope > .schema-options [data-field=option]")) == before + 1)
        schema_card(driver, schema_id).find_elements(By.CSS_SELECTOR, ":scope > .schema-options [data-field=option]")[-1].send_keys(value)


def added(driver, css, before):
    """The schemaId of the card that appeared under `css` (there were `before`)."""
    wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, css)) == before + 1)
    return driver.find_elements(By.CSS_SELECTOR, css)[-1].get_attribute("data-schema-id")


def test_create_project_and_build_schema(signed_in, sdk):
    driver = signed_in
    name = f"Cars {secrets.token_hex(3)}"
    clickable(driver, "[data-testid=new-project]").click()
    visible(driver, "#project-name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#project-description").send_keys("Street scenes")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=create-project]").click()
    wait(driver).until(lambda d: "/settings" in d.current_url)
    pid = driver.current_url.split("#/projects/")[1].split("/")[0]

    tools = "[data-section=tools] > .schema-item[data-kind=tool]"
    clickable(driver, "[data-testid=add-tool]").click()
    car = added(driver, tools, 0)
    set_field(driver, car, "title", "Car")
    set_field(driver, car, "tool", "bounding-box")
    schema_card(driver, car).find_element(By.CSS_SELECTOR, ":scope > .schema-nested > [data-testid=add-nested]").click()
    color = added(driver, f'.schema-item[data-schema-id="{car}"] > .schema-nested > .nested-list > .schema-item', 0)
    set_field(driver, color, "title", "Color")
    set_field(driver, color, "type", "radio")
    add_options(driver, color, ["Red", "Blue"])

    classes = "[data-section=classifications] > .schema-item[data-kind=classification]"
    driver.find_element(By.CSS_SELECTOR, "[data-testid=add-classification]").click()
    weather = added(driver, classes, 0)
    set_field(driver, weather, "title", "Weather")
    set_field(driver, weather, "type", "radio")
    add_options(driver, weather, ["Sunny", "Rainy"])

    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-schema]").click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=schema-status]").text == "Saved")

    schema = data_of(sdk.get_project(pid))["project"]["categorySchema"]
    assert [(t["title"], t["tool"]) for t in schema["tools"]] == [("Car", "bounding-box")]
    nested = schema["tools"][0]["classifications"]
    assert [(c["title"], c["tool"]) for c in nested] == [("Color", "radio")]
    assert [o["value"] for o in nested[0]["options"]] == ["Red", "Blue"]
    assert all(o["schemaId"] for o in nested[0]["options"])
    assert [(c["title"], c["tool"]) for c in schema["classifications"]] == [("Weather", "radio")]
    assert [o["value"] for o in schema["classifications"][0]["options"]] == ["Sunny", "Rainy"]
    assert len({schema["tools"][0]["schemaId"], nested[0]["schemaId"], schema["classifications"][0]["schemaId"]}) == 3


DROP_FILES = """
const [files] = arguments;
const dt = new DataTransfer();
for (const f of files) {
  const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
  dt.items.add(new File([bytes], f.name, { type: 'image/png' }));
}
const zone = document.querySelector('[data-testid=dropzone]');
for (const type of ['dragenter', 'dragover', 'drop']) {
  zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
}
"""


def test_drag_and_drop_import_of_two_pngs(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk)
    names = [f"street-{secrets.token_hex(2)}.png", f"park-{secrets.token_hex(2)}.png"]
    files = [{"name": n, "b64": base64.b64encode(png_bytes(64, 48, rgb)).decode()} for n, rgb in zip(names, [(200, 30, 30), (30, 30, 200)])]
    driver.get(f"{BASE_URL}/#/projects/{pid}/assets")
    visible(driver, "[data-testid=dropzone]")
    driver.execute_script(DROP_FILES, files)
    summary = visible(driver, "[data-testid=import-summary]", seconds=30)
    assert summary.text.startswith("2 assets imported"), summary.text
    assert len(driver.find_elements(By.CSS_SELECTOR, "[data-testid=upload-row].done")) == 2

    clickable(driver, "[data-testid=tab-tasks]").click()
    visible(driver, "table[data-testid=tasks-table]")
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    assert external_ids(driver) == sorted(names)
    assets = data_of(sdk.get_assets(pid))["assets"]
    assert sorted(a["externalId"] for a in assets) == sorted(names)
    assert all(a["data"].split("?")[0].endswith(".png") for a in assets)


def test_tasks_filter_lives_in_the_url_and_survives_reload(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk, ["alpha-1.jpg", "beta-2.jpg", "alpha-3.jpg"])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 3)

    box = visible(driver, "#filter-externalId")
    box.send_keys("alpha")
    box.send_keys("\n")
    wait(driver).until(lambda d: "externalId=alpha" in d.current_url)
    Select(driver.find_element(By.CSS_SELECTOR, "#filter-stage")).select_by_value("Label")
    wait(driver).until(lambda d: "stage=Label" in d.current_url)
    wait(driver).until(lambda d: external_ids(d) == ["alpha-1.jpg", "alpha-3.jpg"])
    driver.find_element(By.CSS_SELECTOR, 'th[data-col=externalId] .sort-btn').click()
    wait(driver).until(lambda d: "sort=externalId" in d.current_url)
    shared = driver.current_url

    driver.refresh()
    visible(driver, "table[data-testid=tasks-table]")
    wait(driver).until(lambda d: [r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text for r in task_rows(d)] == ["alpha-1.jpg", "alpha-3.jpg"])
    assert driver.current_url == shared
    assert driver.find_element(By.CSS_SELECTOR, "#filter-externalId").get_attribute("value") == "alpha"
    assert Select(driver.find_element(By.CSS_SELECTOR, "#filter-stage")).first_selected_option.get_attribute("value") == "Label"
    assert driver.find_element(By.CSS_SELECTOR, "th[data-col=externalId]").get_attribute("aria-sort") == "ascending"


def test_delete_a_task_with_confirmation(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk, ["keep.jpg", "drop.jpg"])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 2)
    row = next(r for r in task_rows(driver) if r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text == "drop.jpg")
    doomed = row.get_attribute("data-task-id")
    row.find_element(By.CSS_SELECTOR, "input[data-testid=row-select]").click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == "1 selected")
    clickable(driver, "[data-testid=actions]").click()
    clickable(driver, "[data-action=delete]").click()
    dialog = visible(driver, "[data-testid=confirm-dialog]")
    assert "irreversible" in dialog.text
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=confirm-ok]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=confirm-dialog]"))
    wait(driver).until(lambda d: external_ids(d) == ["keep.jpg"])
    assert not driver.find_elements(By.CSS_SELECTOR, f'tr[data-task-id="{doomed}"]')
    tasks = data_of(sdk.get_tasks(pid))["tasks"]
    assert [t["externalId"] for t in tasks] == ["keep.jpg"]
    assert doomed not in [t["_id"] for t in tasks]


def test_export_selected_tasks_from_the_table(signed_in, sdk):
    driver = signed_in
    pid = new_project(sdk, ["one.jpg", "two.jpg", "three.jpg"])
    open_tasks(driver, pid)
    wait(driver).until(lambda d: len(task_rows(d)) == 3)
    chosen = {}
    for name in ("one.jpg", "three.jpg"):
        # Ticking a row redraws the table, so each row is looked up afresh.
        row = next(r for r in task_rows(driver) if r.find_element(By.CSS_SELECTOR, "td[data-col=externalId]").text == name)
        chosen[name] = row.get_attribute("data-task-id")
        row.find_element(By.CSS_SELECTOR, "input[data-testid=row-select]").click()
        wait(driver).until(lambda d, n=len(chosen): d.find_element(By.CSS_SELECTOR, "[data-testid=selection-count]").text == f"{n} selected")
    clickable(driver, "[data-testid=actions]").click()
    clickable(driver, "[data-action=export]").click()
    assert "2 tasks selected" in visible(driver, "[data-testid=export-selected]").text
    clickable(driver, "[data-testid=start-export]").click()
    link = visible(driver, "[data-testid=export-download]", seconds=30).get_attribute("href")
    # The tasks sit in Label (nothing was labeled): selected tasks come from any stage, and only they.
    archive = zipfile.ZipFile(io.BytesIO(requests.get(link, timeout=30).content))
    exported = json.loads(archive.read(archive.namelist()[0]))
    assert sorted(item["externalId"] for item in exported) == ["one.jpg", "three.jpg"]
    assert {item["task"]["taskId"] for item in exported} == set(chosen.values())
    assert {item["task"]["stageId"] for item in exported} == {"Label"}
