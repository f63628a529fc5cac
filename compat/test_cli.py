"""The `gloss` command line against the same database as the live server, and process behaviour
of `gloss serve` (first start, SIGTERM). Needs GLOSS_BINARY, and GLOSS_DATA_DIR (SQLite) or
GLOSS_DATABASE_URL (PostgreSQL) naming the running server's database."""
import http.client
import json
import os
import signal
import socket
import stat
import subprocess
import time

import pytest

from gloss_helpers import gloss_db_args
import requests


def _binary():
    path = os.environ.get("GLOSS_BINARY", "")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("GLOSS_BINARY must name the gloss executable", pytrace=False)
    return path


def _db_args():
    return gloss_db_args()


def _gloss(*args, env=None, check=True):
    result = subprocess.run([_binary(), *args], capture_output=True, text=True, timeout=120, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"gloss {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return result


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_read_by_server(server_port, client_port, timeout=30):
    """Polls /proc/net/tcp until the server side of this connection has an empty receive queue."""
    deadline = time.monotonic() + timeout
    local, remote = f"{server_port:04X}", f"{client_port:04X}"
    while time.monotonic() < deadline:
        with open("/proc/net/tcp") as table:
            for line in table.readlines()[1:]:
                fields = line.split()
                if fields[1].endswith(":" + local) and fields[2].endswith(":" + remote):
                    rx_queue = int(fields[4].split(":")[1], 16)
                    if rx_queue == 0:
                        return
    raise AssertionError("the server never read the request")


def test_users_create_prints_a_working_api_key_on_the_last_line(sdk, gloss_url):
    email = f"cli-{time.time_ns()}@gloss.test"
    result = _gloss("users", "create", "--email", email, "--org-role", "member", *_db_args())
    key = result.stdout.strip().splitlines()[-1]
    assert len(key) == 40
    reply = requests.get(f"{gloss_url}/v2/listProjects", headers={"apikey": key}, timeout=10)
    assert reply.status_code == 200
    assert reply.json()["data"]["total"] == 0  # a member sees only projects they belong to


def test_users_create_refuses_a_taken_email(admin_email):
    result = _gloss("users", "create", "--email", admin_email, *_db_args(), check=False)
    assert result.returncode != 0
    assert "already exists" in result.stderr


def _sign_in(gloss_url, email, password):
    return requests.post(f"{gloss_url}/auth/login", json={"email": email, "password": password}, timeout=30)


def test_users_create_with_a_password_and_set_password_open_the_web_sign_in(gloss_url):
    email = f"cli-pw-{time.time_ns()}@gloss.test"
    created = subprocess.run([_binary(), "users", "create", "--email", email, "--password-stdin", *_db_args()],
                             input="first password\n", capture_output=True, text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    assert "first password" not in created.stdout
    signed_in = _sign_in(gloss_url, email, "first password")
    assert signed_in.status_code == 200
    assert "HttpOnly" in signed_in.headers["Set-Cookie"]
    changed = subprocess.run([_binary(), "users", "set-password", "--email", email, *_db_args()],
                             input="second password\n", capture_output=True, text=True, timeout=120)
    assert changed.returncode == 0, changed.stderr
    assert _sign_in(gloss_url, email, "first password").status_code == 401
    assert _sign_in(gloss_url, email, "second password").status_code == 200
    too_short = subprocess.run([_binary(), "users", "set-password", "--email", email, *_db_args()],
                               input="short\n", capture_output=True, text=True, timeout=120)
    assert too_short.returncode != 0
    assert "at least 8 characters" in too_short.stderr


def test_users_invite_prints_a_link_that_sets_the_password(gloss_url):
    email = f"cli-invite-{time.time_ns()}@gloss.test"
    result = _gloss("users", "invite", "--email", email, "--url", gloss_url, *_db_args())
    link = result.stdout.strip().splitlines()[-1]
    assert link.startswith(gloss_url + "/#/invite/")
    token = link.rsplit("/", 1)[-1]
    info = requests.get(f"{gloss_url}/auth/invites/{token}", timeout=10)
    assert info.status_code == 200 and info.json()["data"]["email"] == email
    accepted = requests.post(f"{gloss_url}/auth/invites/{token}/accept", json={"password": "chosen password"}, timeout=30)
    assert accepted.status_code == 200
    assert _sign_in(gloss_url, email, "chosen password").status_code == 200


def test_import_json_csv_and_folder(sdk, project_id, tmp_path):
    items = [{"data": f"https://example.test/j{i}.png", "externalId": f"j{i}"} for i in range(3)]
    (tmp_path / "items.json").write_text(json.dumps(items))
    _gloss("import", "--project", project_id, str(tmp_path / "items.json"), *_db_args())
    (tmp_path / "items.csv").write_text("url,externalId\nhttps://example.test/c0.png,c0\n\"https://example.test/c1.png\",c1\n")
    _gloss("import", "--project", project_id, str(tmp_path / "items.csv"), *_db_args())
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG fake a")
    (folder / "b.png").write_bytes(b"\x89PNG fake b")
    if os.environ.get("GLOSS_DATABASE_URL"):
        folder_args = ["--data-dir", str(tmp_path / "cli-files")]
    else:
        folder_args = []
    _gloss("import", "--project", project_id, str(folder), *_db_args(), *folder_args)
    assets = sdk.get_assets(project_id, page=1, limit=100)["data"]
    assert assets["total"] == 7
    assert sorted(a["externalId"] for a in assets["assets"]) == ["a.png", "b.png", "c0", "c1", "j0", "j1", "j2"]
    tasks = sdk.get_tasks(project_id, page=1, limit=100)["data"]
    assert tasks["total"] == 7
    assert {t["stage"] for t in tasks["tasks"]} == {"Label"}


def test_import_with_an_invalid_item_writes_nothing(sdk, project_id, tmp_path):
    items = [{"data": "https://example.test/ok.png"}, {"externalId": "no data"}]
    (tmp_path / "bad.json").write_text(json.dumps(items))
    result = _gloss("import", "--project", project_id, str(tmp_path / "bad.json"), *_db_args(), check=False)
    assert result.returncode != 0
    assert "assets[1].data" in result.stderr
    assert sdk.get_assets(project_id)["data"]["total"] == 0


def test_first_start_generates_admin_key_file_and_sigterm_finishes_in_flight_requests(tmp_path):
    data = tmp_path / "fresh"
    port = _free_port()
    # A fresh SQLite server of its own: none of the suite server's settings may leak in.
    env = {k: v for k, v in os.environ.items()
           if k not in ("GLOSS_ADMIN_API_KEY", "GLOSS_ADMIN_EMAIL", "GLOSS_DATABASE_URL", "GLOSS_DATA_DIR")}
    server = subprocess.Popen([_binary(), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        lines = []
        while not any("Admin API key" in line for line in lines):
            line = server.stdout.readline()
            assert line, f"server exited: {''.join(lines)}"
            lines.append(line)
        assert any(f"running at http://127.0.0.1:{port}" in line for line in lines)
        key_file = data / "admin-api-key"
        key = key_file.read_text().strip()
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert key in "".join(lines)
        base = f"http://127.0.0.1:{port}"
        assert requests.get(f"{base}/health", timeout=10).status_code == 200
        project = requests.post(f"{base}/v2/project", headers={"apikey": key}, json={"name": "sigterm"}, timeout=10).json()
        pid = project["data"]["project"]["_id"]
        body = json.dumps({"assets": [{"data": f"https://example.test/{i}.png"} for i in range(20000)]}).encode()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.putrequest("POST", f"/v2/project/{pid}/cloud")
        conn.putheader("apikey", key)
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body[:1000])
        # SIGTERM only once the server has read the request head from the socket: then the request is
        # in flight on the server, and the rest of the body arrives after the signal.
        _wait_until_read_by_server(port, conn.sock.getsockname()[1])
        server.send_signal(signal.SIGTERM)
        conn.send(body[1000:])
        reply = conn.getresponse()
        text = reply.read().decode()
        assert reply.status == 201, text
        assert json.loads(text)["data"]["assets"]["assetsCreated"] == 20000
        assert server.wait(timeout=60) == 0
        restarted = subprocess.Popen([_binary(), "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data)],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        try:
            while "Admin API key" not in (line := restarted.stdout.readline()):
                assert line, "restarted server exited"
            count = requests.get(f"{base}/v2/project/{pid}/tasks?limit=1", headers={"apikey": key}, timeout=10).json()
            assert count["data"]["total"] == 20000
        finally:
            restarted.terminate()
            restarted.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
