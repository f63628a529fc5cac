"""The collaboration pages in a real browser: the notification bell, the project's Issues and
Performance tabs, the Organization page (roles, removal, invites) and the error-code editor in
Settings → General. Data is set up through the API (the admin's key, or a member's own key where
the server cares who acts), the work is done through the UI, and every effect is checked through
the API, so a page that only looks right fails."""
import re
import secrets
from datetime import date, timedelta

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ADMIN_KEY, BASE_URL, clickable, create_user, sign_in, visible, wait

EMPTY_ANSWER = {"tools": [], "classifications": [], "relations": []}


def api(method, path, key=ADMIN_KEY, **kwargs):
    """A /v2 call that must succeed; returns the envelope's data."""
    resp = requests.request(method, f"{BASE_URL}/v2{path}", headers={"apikey": key}, timeout=30, **kwargs)
    assert resp.ok, f"{method} {path}: {resp.status_code} {resp.text}"
    return resp.json()["data"]


def person(org_role="member"):
    """A new user with a password (for signing in) and an API key (for acting through the API)."""
    email = f"ui-{secrets.token_hex(4)}@example.com"
    password = "pw-" + secrets.token_hex(8)
    return {"email": email, "password": password, "api_key": create_user(email, password, org_role)}


def org_id():
    resp = requests.get(f"{BASE_URL}/auth/me", headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text
    return resp.json()["data"]["user"]["organizationId"]


def new_project(assets=(), members=(), **settings):
    """A project with cloud assets (External ID = name), members [(email, role)] and settings."""
    pid = api("POST", "/project", json={"name": f"ui-{secrets.token_hex(3)}", "description": "made by a UI test"})["project"]["_id"]
    if assets:
        api("POST", f"/project/{pid}/cloud", json={"assets": [{"data": f"https://example.com/{n}", "externalId": n} for n in assets]})
    for email, role in members:
        api("POST", f"/project/{pid}/assigned", json={"assignees": [email], "role": role})
    if settings:
        api("POST", f"/project/{pid}", json=settings)
    return pid


def claim(pid, who):
    return api("POST", f"/project/{pid}/queue/next", key=who["api_key"], json={"kind": "label"})["task"]


def submit_next(pid, who):
    """`who` takes the next Label task from the queue and submits it (Label -> Complete)."""
    task = claim(pid, who)
    api("POST", f"/annotate/{task['_id']}", key=who["api_key"], params={"nextStage": "true"}, json={"answer": EMPTY_ANSWER, "duration": 1000})
    return task


def unread(who):
    return api("GET", "/notifications", key=who["api_key"], params={"unread": "true"})["unread"]


def bell_count(driver):
    """The badge's text, or '' while it is hidden (no unread notifications)."""
    badge = driver.find_element(By.CSS_SELECTOR, "[data-testid=bell-count]")
    return badge.text if badge.is_displayed() else ""


def test_the_bell_counts_notifications_and_mark_all_read_clears_them(driver):
    me = person()
    sign_in(driver, me)
    wait(driver).until(lambda d: bell_count(d) == "")
    api("POST", "/notifications", json={"receivers": [me["email"]], "title": "Batch ready", "message": "Batch 3 can be labeled",
                                        "clickableLink": "https://example.com/batch-3"})
    api("POST", "/notifications", json={"receivers": [me["email"]], "message": "Plain note"})
    # The count is refreshed on navigation.
    clickable(driver, "[data-testid=org-link]").click()
    visible(driver, "[data-testid=organization-page]")
    wait(driver).until(lambda d: bell_count(d) == "2")

    clickable(driver, "[data-testid=bell]").click()
    panel = visible(driver, "[data-testid=bell-panel]")
    wait(driver).until(lambda d: len(panel.find_elements(By.CSS_SELECTOR, "[data-testid=notification]")) == 2)
    items = panel.find_elements(By.CSS_SELECTOR, "[data-testid=notification]")
    assert [i.get_attribute("data-unread") for i in items] == ["true", "true"]
    assert all("unread" in i.get_attribute("class") for i in items)
    plain = next(i for i in items if "Plain note" in i.text)
    linked = next(i for i in items if "Batch ready" in i.text)
    assert plain.tag_name == "button"  # nothing to follow
    assert "Batch 3 can be labeled" in linked.text
    admin_email = requests.get(f"{BASE_URL}/auth/me", headers={"apikey": ADMIN_KEY}, timeout=30).json()["data"]["user"]["email"]
    assert admin_email in linked.text
    # An absolute link opens in a new tab, without giving that page a handle on this one.
    assert linked.get_attribute("href") == "https://example.com/batch-3"
    assert linked.get_attribute("target") == "_blank" and "noopener" in linked.get_attribute("rel")

    clickable(driver, "[data-testid=mark-all-read]").click()
    wait(driver).until(lambda d: bell_count(d) == "")
    wait(driver).until(lambda d: not panel.find_elements(By.CSS_SELECTOR, ".bell-item.unread"))
    assert unread(me) == 0


def test_a_mention_leads_to_the_issues_tab_where_resolve_and_reopen_change_the_status(driver):
    manager, labeler = person("admin"), person()
    pid = new_project(["a.jpg", "b.jpg"], members=[(labeler["email"], "Labeler")], errorCodesEnabled=True)
    task = claim(pid, labeler)
    issue = api("POST", "/issues", key=labeler["api_key"], json={
        "labelTask": task["_id"], "content": "The box is loose", "contentMentions": [manager["email"]],
        "errorCodes": [{"category": "Wrong", "name": "Loose box"}]})["issue"]

    sign_in(driver, manager)
    wait(driver).until(lambda d: bell_count(d) == "1")
    clickable(driver, "[data-testid=bell]").click()
    clickable(driver, "[data-testid=notification][data-unread=true]").click()
    # The mention's in-app link opens the project's Issues tab on that issue, and it is read now.
    wait(driver).until(lambda d: f"/projects/{pid}/issues/{issue['_id']}" in d.current_url)
    row = visible(driver, f'[data-testid=issues-table] tr[data-issue-id="{issue["_id"]}"]')
    assert "selected" in row.get_attribute("class")
    assert "The box is loose" in row.find_element(By.CSS_SELECTOR, "td[data-col=content]").text
    assert row.find_element(By.CSS_SELECTOR, "td[data-col=author]").text == labeler["email"]
    assert row.find_element(By.CSS_SELECTOR, "td[data-col=stage]").text == "Label"
    assert row.find_element(By.CSS_SELECTOR, "td[data-col=errorCodes]").text == "Wrong: Loose box"
    assert row.find_element(By.CSS_SELECTOR, "td[data-col=comments]").text == "0"
    link = row.find_element(By.CSS_SELECTOR, "[data-testid=issue-task-link]").get_attribute("href")
    assert link.endswith(f"#/projects/{pid}/tasks/{task['_id']}/open")
    wait(driver).until(lambda d: bell_count(d) == "")
    assert unread(manager) == 0

    row.find_element(By.CSS_SELECTOR, "[data-testid=resolve-issue]").click()
    wait(driver).until(lambda d: api("GET", "/issues", params={"project": pid})["issue"][0]["status"] == "Resolved")
    row = driver.find_element(By.CSS_SELECTOR, f'tr[data-issue-id="{issue["_id"]}"]')
    assert row.find_element(By.CSS_SELECTOR, "[data-testid=issue-status-badge]").text == "Resolved"
    row.find_element(By.CSS_SELECTOR, "[data-testid=reopen-issue]").click()
    wait(driver).until(lambda d: api("GET", "/issues", params={"project": pid})["issue"][0]["status"] == "Open")

    # The Tasks table counts the open issue and links to the Issues tab filtered to that task.
    clickable(driver, "[data-testid=tab-tasks]").click()
    count = visible(driver, f'[data-testid=tasks-table] tr[data-task-id="{task["_id"]}"] [data-testid=open-issues-link]')
    assert count.text == "1"
    count.click()
    wait(driver).until(lambda d: f"task={task['_id']}" in d.current_url)
    wait(driver).until(lambda d: [r.get_attribute("data-issue-id") for r in d.find_elements(By.CSS_SELECTOR, "[data-testid=issues-table] tbody tr")] == [issue["_id"]])
    assert Select(driver.find_element(By.CSS_SELECTOR, "#issue-status")).first_selected_option.get_attribute("value") == "Open"


def shown_members(driver):
    """The Performance table's emails in the order shown (read in one go: the table redraws)."""
    return driver.execute_script("return [...document.querySelectorAll('[data-testid=performance-table] tbody tr')].map((tr) => tr.dataset.email)")


def test_performance_tab_lists_who_submitted_and_sorts_by_a_column(signed_in):
    driver = signed_in
    busy, light = person(), person()
    pid = new_project([f"p{i}.jpg" for i in range(4)], members=[(busy["email"], "Labeler"), (light["email"], "Labeler")])
    submit_next(pid, busy)
    submit_next(pid, busy)
    submit_next(pid, light)

    driver.get(f"{BASE_URL}/#/projects/{pid}/performance")
    visible(driver, "[data-testid=performance-table]")
    # Most submitted first by default.
    wait(driver).until(lambda d: shown_members(d) == [busy["email"], light["email"]])
    cell = lambda email, col: driver.find_element(By.CSS_SELECTOR, f'tr[data-email="{email}"] td[data-col={col}]').text
    assert cell(busy["email"], "submitted") == "2" and cell(light["email"], "submitted") == "1"
    assert re.fullmatch(r"\d+:\d\d:\d\d", cell(busy["email"], "labelingTime"))

    driver.find_element(By.CSS_SELECTOR, "th[data-col=submitted] .sort-btn").click()
    wait(driver).until(lambda d: shown_members(d) == [light["email"], busy["email"]])
    assert driver.find_element(By.CSS_SELECTOR, "th[data-col=submitted]").get_attribute("aria-sort") == "ascending"
    assert "sort=submitted" in driver.current_url
    driver.find_element(By.CSS_SELECTOR, "th[data-col=member] .sort-btn").click()
    wait(driver).until(lambda d: shown_members(d) == sorted([busy["email"], light["email"]]))

    # The overview: 3 of 4 tasks went Label -> Complete.
    bar = lambda chart, key: visible(driver, f"[data-testid={chart}] .bar-row[data-key={key}]").get_attribute("data-count")
    assert bar("chart-stages", "Complete") == "3" and bar("chart-stages", "Label") == "1"
    assert bar("chart-status", "completed") == "3" and bar("chart-status", "todo") == "1"
    label_row = visible(driver, "[data-testid=time-per-task] tr[data-stage-id=Label]")
    assert label_row.find_elements(By.CSS_SELECTOR, "td")[1].text == "3"

    # A range that starts tomorrow has no work in it.
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    driver.execute_script("const el = document.querySelector('#perf-from'); el.value = arguments[0]; el.dispatchEvent(new Event('change', { bubbles: true }));", tomorrow)
    wait(driver).until(lambda d: f"from={tomorrow}" in d.current_url)
    wait(driver).until(lambda d: not shown_members(d) and d.find_elements(By.CSS_SELECTOR, ".performance .empty"))


def test_a_labeler_gets_no_performance_tab_and_no_admin_controls(driver):
    labeler = person()
    pid = new_project(["x.jpg"], members=[(labeler["email"], "Labeler")])
    sign_in(driver, labeler)
    driver.get(f"{BASE_URL}/#/projects/{pid}/tasks")
    visible(driver, "[data-testid=tab-issues]")
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=tab-performance]")
    # A link to the tab still opens, with the server's refusal.
    driver.get(f"{BASE_URL}/#/projects/{pid}/performance")
    banner = visible(driver, "[data-testid=performance-page] [data-testid=error-banner]")
    assert "Not allowed" in banner.text and "Lead" in banner.text

    clickable(driver, "[data-testid=org-link]").click()
    table = visible(driver, "[data-testid=members-table]")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'[data-testid=members-table] tr[data-email="{labeler["email"]}"]'))
    assert not table.find_elements(By.CSS_SELECTOR, "[data-testid=member-role-select], [data-testid=remove-member]")
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid=invites-section]")


def member_role(email):
    users = api("GET", f"/organization/{org_id()}/users", params={"search": email})["users"]
    return next((u["organizationRole"] for u in users if u["email"] == email), None)


def test_organization_page_changes_a_role_and_removes_a_member(signed_in):
    driver = signed_in
    member = person()
    clickable(driver, "[data-testid=org-link]").click()
    search = visible(driver, "[data-testid=member-search]")
    search.send_keys(member["email"] + "\n")
    wait(driver).until(lambda d: "search=" in d.current_url)
    wait(driver).until(lambda d: [r.get_attribute("data-email") for r in d.find_elements(By.CSS_SELECTOR, "[data-testid=members-table] tbody tr")] == [member["email"]])
    row = driver.find_element(By.CSS_SELECTOR, f'tr[data-email="{member["email"]}"]')
    Select(row.find_element(By.CSS_SELECTOR, "[data-testid=member-role-select]")).select_by_value("Admin")
    wait(driver).until(lambda d: member_role(member["email"]) == "Admin")

    row.find_element(By.CSS_SELECTOR, "[data-testid=remove-member]").click()
    dialog = visible(driver, "[data-testid=confirm-dialog]")
    assert member["email"] in dialog.text
    dialog.find_element(By.CSS_SELECTOR, "[data-testid=confirm-ok]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'tr[data-email="{member["email"]}"]'))
    assert member_role(member["email"]) is None


def pending_invites():
    return {i["to"]: i for i in api("GET", f"/organization/{org_id()}/invites")["invites"]}


def test_an_invite_into_a_project_shows_its_link_and_withdraw_removes_it(signed_in):
    driver = signed_in
    pid = new_project()
    email = f"invitee-{secrets.token_hex(4)}@example.com"
    clickable(driver, "[data-testid=org-link]").click()
    visible(driver, "[data-testid=invites-section]")
    driver.find_element(By.CSS_SELECTOR, "#invite-emails").send_keys(email)
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, f'#invite-project option[value="{pid}"]'))
    Select(driver.find_element(By.CSS_SELECTOR, "#invite-project")).select_by_value(pid)
    Select(driver.find_element(By.CSS_SELECTOR, "#invite-project-role")).select_by_value("Reviewer")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=send-invites]").click()

    link = visible(driver, f'[data-testid=invite-link][data-email="{email}"]').get_attribute("value")
    assert "/#/invite/" in link, link
    row = visible(driver, f'[data-testid=invites-table] tr[data-email="{email}"]')
    assert "Reviewer" in row.text
    stored = pending_invites()[email]
    assert stored["projectAssignments"] == [{"projectId": pid, "projectRole": "Reviewer"}]
    assert stored["organizationRole"] == "Member"

    row.find_element(By.CSS_SELECTOR, "[data-testid=withdraw-invite]").click()
    wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, f'[data-testid=invites-table] tr[data-email="{email}"]'))
    assert email not in pending_invites()


def category(driver, index):
    return driver.find_elements(By.CSS_SELECTOR, "[data-testid=error-category]")[index]


def test_error_code_editor_saves_categories_and_codes_with_the_general_settings(signed_in):
    driver = signed_in
    pid = new_project()
    driver.get(f"{BASE_URL}/#/projects/{pid}/settings?section=general")
    visible(driver, "[data-testid=settings-general]")
    toggle = visible(driver, "#set-error-codes")
    assert not toggle.is_selected()
    toggle.click()
    # Without a stored schema the editor starts from the server's default categories.
    visible(driver, "[data-testid=error-schema]")
    names = lambda d: [c.find_element(By.CSS_SELECTOR, "[data-field=category-name]").get_attribute("value") for c in d.find_elements(By.CSS_SELECTOR, "[data-testid=error-category]")]
    assert names(driver) == ["Wrong", "Missing", "Unqualified"]

    category(driver, 2).find_element(By.CSS_SELECTOR, "[data-testid=delete-category]").click()
    wait(driver).until(lambda d: names(d) == ["Wrong", "Missing"])
    rename = category(driver, 1).find_element(By.CSS_SELECTOR, "[data-field=category-name]")
    rename.clear()
    rename.send_keys("Absent")
    driver.find_element(By.CSS_SELECTOR, "[data-testid=add-category]").click()
    wait(driver).until(lambda d: len(names(d)) == 3)
    driver.switch_to.active_element.send_keys("Geometry")
    new_key = category(driver, 2).find_element(By.CSS_SELECTOR, "[data-testid=new-code-key]")
    new_key.send_keys("G1")
    new_code = category(driver, 2).find_element(By.CSS_SELECTOR, "[data-testid=new-code-name]")
    new_code.send_keys("Loose box\n")  # Enter adds the code; it does not submit the form
    wait(driver).until(lambda d: len(category(d, 2).find_elements(By.CSS_SELECTOR, "[data-testid=error-code]")) == 1)
    assert "errorSchema" not in api("GET", f"/project/{pid}")["project"]
    # The focus stays in the new-code box: a second code is one more Enter away.
    driver.switch_to.active_element.send_keys("Too tight\n")
    wait(driver).until(lambda d: len(category(d, 2).find_elements(By.CSS_SELECTOR, "[data-testid=error-code]")) == 2)
    category(driver, 2).find_elements(By.CSS_SELECTOR, "[data-testid=delete-code]")[1].click()
    wait(driver).until(lambda d: len(category(d, 2).find_elements(By.CSS_SELECTOR, "[data-testid=error-code]")) == 1)

    driver.find_element(By.CSS_SELECTOR, "[data-testid=save-general]").click()
    wait(driver).until(lambda d: api("GET", f"/project/{pid}")["project"].get("errorCodesEnabled") is True)
    assert api("GET", f"/project/{pid}")["project"]["errorSchema"] == {"categories": [
        {"name": "Wrong", "codes": []}, {"name": "Absent", "codes": []},
        {"name": "Geometry", "codes": [{"name": "Loose box", "key": "G1"}]}]}

    # The stored schema is what the editor shows after a reload.
    driver.refresh()
    visible(driver, "[data-testid=error-schema]")
    assert names(driver) == ["Wrong", "Absent", "Geometry"]
    code = category(driver, 2).find_element(By.CSS_SELECTOR, "[data-testid=error-code]")
    assert code.find_element(By.CSS_SELECTOR, "[data-field=code-name]").get_attribute("value") == "Loose box"
    assert code.find_element(By.CSS_SELECTOR, "[data-field=code-key]").get_attribute("value") == "G1"
