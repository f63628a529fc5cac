"""Browser tests: selenium driving Debian's headless chromium against a live `gloss serve`.

scripts/test starts the server and passes GLOSS_URL, GLOSS_API_KEY (the admin's key),
GLOSS_BINARY, GLOSS_DATA_DIR and GLOSS_DATABASE_URL. Every test leaves a screenshot of its last
screen in $GLOSS_TEST_OUTPUT/ui (default test-output/ui).
"""
import os
import pathlib
import secrets
import struct
import subprocess
import zlib

import pytest
import requests
from imerit_ango.sdk import SDK
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("GLOSS_URL", "http://127.0.0.1:8080").rstrip("/")
ADMIN_KEY = os.environ.get("GLOSS_API_KEY", "")
OUTPUT = pathlib.Path(os.environ.get("GLOSS_TEST_OUTPUT", "test-output")) / "ui"
WAIT_SECONDS = 10


@pytest.fixture(scope="session")
def base_url():
    return BASE_URL


@pytest.fixture(scope="session")
def sdk():
    """The public SDK as the admin, for setting up data the test is not about."""
    return SDK(api_key=ADMIN_KEY, host=BASE_URL)


def png_bytes(width, height, rgb):
    """A plain-colour PNG built with zlib only (no imaging library needed)."""
    def chunk(kind, payload):
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def upload_file(project_id, name, data):
    """Stores a file through getUploadUrl and returns its Gloss URL (without the signature)."""
    resp = requests.get(f"{BASE_URL}/v2/getUploadUrl", params={"project": project_id, "name": name, "type": "assets"},
                        headers={"apikey": ADMIN_KEY}, timeout=30)
    assert resp.ok, resp.text
    url = resp.json()["data"]["uploadUrl"]
    assert requests.put(url, data=data, timeout=30).ok
    return url.split("?")[0]


def create_user(email, password, org_role="admin"):
    """Adds a user with a password through the CLI (as an operator would); returns the API key."""
    args = [os.environ["GLOSS_BINARY"], "users", "create", "--email", email, "--org-role", org_role,
            "--password-stdin"]
    if os.environ.get("GLOSS_DATABASE_URL"):
        args += ["--database-url", os.environ["GLOSS_DATABASE_URL"]]
    else:
        args += ["--data-dir", os.environ["GLOSS_DATA_DIR"]]
    done = subprocess.run(args, input=password + "\n", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def account():
    """A manager (org admin) with a password: {email, password, api_key}."""
    email = f"ui-{secrets.token_hex(4)}@example.com"
    password = "pw-" + secrets.token_hex(8)
    return {"email": email, "password": password, "api_key": create_user(email, password)}


@pytest.fixture
def driver(request):
    options = webdriver.ChromeOptions()
    if os.environ.get("CHROMIUM"):
        options.binary_location = os.environ["CHROMIUM"]
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900", "--disable-search-engine-choice-screen"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER") or "/usr/bin/chromedriver")
    browser = webdriver.Chrome(options=options, service=service)
    browser.set_script_timeout(30)
    try:
        yield browser
        # The server's Content-Security-Policy must never block what the UI itself does.
        blocked = [entry["message"] for entry in browser.get_log("browser") if "Content Security Policy" in entry["message"]]
        assert not blocked, f"the page broke its Content-Security-Policy: {blocked}"
    finally:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(OUTPUT / f"{request.node.name}.png"))
        browser.quit()


def wait(browser, seconds=WAIT_SECONDS):
    # The UI re-renders lists after each action; a condition that found an element just before a
    # re-render must look again on the next poll rather than fail on the replaced element.
    return WebDriverWait(browser, seconds, ignored_exceptions=(StaleElementReferenceException,))


def visible(browser, css, seconds=WAIT_SECONDS):
    """The first element matching `css` once it is visible."""
    return wait(browser, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def clickable(browser, css, seconds=WAIT_SECONDS):
    return wait(browser, seconds).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))


def sign_in(browser, account):
    """Signs in through the login form and waits for the projects page."""
    browser.get(BASE_URL + "/#/login")
    visible(browser, "#login-email").send_keys(account["email"])
    browser.find_element(By.CSS_SELECTOR, "#login-password").send_keys(account["password"])
    browser.find_element(By.CSS_SELECTOR, "#login-submit").click()
    visible(browser, "[data-testid=projects-page]")


@pytest.fixture
def signed_in(driver, account):
    """A browser signed in as `account`, on the projects page."""
    sign_in(driver, account)
    return driver
