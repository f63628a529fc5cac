"""The account pages: an admin's invite link lets a new person choose a password and sign in;
rotating an API key on the Profile page shows the new key once and retires the old one."""
import secrets

import requests
from selenium.webdriver.common.by import By

from conftest import BASE_URL, clickable, create_user, sign_in, visible, wait


def open_user_menu_item(browser, testid):
    clickable(browser, "[data-testid=user-menu]").click()
    clickable(browser, f"[data-testid={testid}]").click()


def test_invite_link_lets_a_new_person_choose_a_password(signed_in):
    browser = signed_in
    open_user_menu_item(browser, "menu-profile")
    email = f"invitee-{secrets.token_hex(4)}@example.com"
    visible(browser, "#invite-email").send_keys(email)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=create-invite]").click()
    link = visible(browser, "[data-testid=invite-link]").get_attribute("value")
    assert link.startswith(BASE_URL + "/#/invite/")

    open_user_menu_item(browser, "sign-out")
    visible(browser, "#login-email")
    browser.get(link)
    visible(browser, "#invite-password").send_keys("short")
    browser.find_element(By.CSS_SELECTOR, "[data-testid=accept-invite]").click()
    assert "at least 8" in visible(browser, "[data-testid=invite-error]").text
    password = "invitee-" + secrets.token_hex(6)
    browser.find_element(By.CSS_SELECTOR, "#invite-name").send_keys("Ivy Invitee")
    field = browser.find_element(By.CSS_SELECTOR, "#invite-password")
    field.clear()
    field.send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "[data-testid=accept-invite]").click()
    visible(browser, "[data-testid=projects-page]")
    open_user_menu_item(browser, "menu-profile")
    wait(browser).until(lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=profile-email]").text == email)
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=profile-name]").text == "Ivy Invitee"

    # The link is spent; the chosen password signs in.
    browser.get(link)
    assert visible(browser, "h1#invite-title").text == "Invite not valid"
    login = requests.post(f"{BASE_URL}/auth/login", json={"email": email, "password": password}, timeout=30)
    assert login.status_code == 200


def test_rotating_the_api_key_shows_the_new_key_once_and_retires_the_old(driver):
    email = f"rotate-{secrets.token_hex(4)}@example.com"
    password = "rotate-" + secrets.token_hex(6)
    old_key = create_user(email, password, org_role="member")
    assert requests.get(f"{BASE_URL}/v2/listProjects", headers={"apikey": old_key}, timeout=10).status_code == 200
    sign_in(driver, {"email": email, "password": password})
    open_user_menu_item(driver, "menu-profile")
    assert visible(driver, "[data-testid=api-key-hint]").text == "…" + old_key[-4:]
    assert driver.find_elements(By.CSS_SELECTOR, "[data-testid=create-invite]") == []  # members do not invite
    clickable(driver, "[data-testid=rotate-key]").click()
    clickable(driver, "[data-testid=confirm-ok]").click()
    new_key = visible(driver, "[data-testid=new-api-key]").get_attribute("value")
    assert len(new_key) == 40 and new_key != old_key
    assert driver.find_element(By.CSS_SELECTOR, "[data-testid=api-key-hint]").text == "…" + new_key[-4:]
    assert requests.get(f"{BASE_URL}/v2/listProjects", headers={"apikey": old_key}, timeout=10).status_code == 401
    assert requests.get(f"{BASE_URL}/v2/listProjects", headers={"apikey": new_key}, timeout=10).status_code == 200
    driver.refresh()
    visible(driver, "[data-testid=api-key-hint]")
    assert driver.find_elements(By.CSS_SELECTOR, "[data-testid=new-api-key]") == []  # shown once only
