"""Shared helpers for the compat tests (plain functions; no fixtures)."""
import json
import os
import re
import struct
import subprocess
import time
import uuid
import zlib
from typing import Dict, List, Optional

import pytest
import requests

DEFAULT_STAGE_IDS = ["Start", "Label", "Complete"]


def ok(resp: Dict) -> Dict:
    """Assert a success envelope and return its data object."""
    assert isinstance(resp, dict), f"expected a JSON object, got {resp!r}"
    assert resp.get("status") == "success", f"expected status success, got {resp!r}"
    assert isinstance(resp.get("data"), dict), f"success envelope without data object: {resp!r}"
    return resp["data"]


def error_body(exc: BaseException) -> Dict:
    """The SDK raises Exception(response.text) on non-2xx; parse that text as JSON."""
    text = str(exc)
    try:
        body = json.loads(text)
    except ValueError:
        raise AssertionError(f"SDK exception text is not the JSON error body: {text!r}")
    assert isinstance(body, dict), body
    return body


def assert_fail_body(body: Dict) -> None:
    assert body.get("status") in ("fail", "error"), f"expected a fail/error envelope, got {body!r}"
    assert isinstance(body.get("message"), str) and body["message"], f"error without message: {body!r}"


def get_project(sdk, project_id: str) -> Dict:
    return ok(sdk.get_project(project_id))["project"]


def stages_by_id(project: Dict) -> Dict[str, Dict]:
    return {s["id"]: s for s in project["stages"]}


def batch_id(sdk, project_id: str, name: str) -> str:
    matches = [b["_id"] for b in sdk.get_batches(project_id) if b["name"] == name]
    assert len(matches) == 1, f"expected exactly one batch named {name!r}, got {sdk.get_batches(project_id)!r}"
    return matches[0]


def cloud_assets(n: int, prefix: str = "img", **extra) -> List[Dict]:
    """n cloud asset dicts with distinct externalIds, metadata and contextData."""
    assets = []
    for i in range(n):
        a = {
            "data": f"https://example.com/{prefix}/{i}.png",
            "externalId": f"{prefix}-{i}",
            "metadata": {"width": 100 + i, "height": 50 + i},
            "contextData": {"note": f"context {i}", "index": i},
        }
        a.update(extra)
        assets.append(a)
    return assets


def upload_cloud(sdk, project_id: str, assets: List[Dict], **kwargs) -> Dict:
    """upload_files_cloud + assert success and the created counts."""
    n = len(assets)
    data = ok(sdk.upload_files_cloud(project_id, assets, **kwargs))
    created = data.get("assets")
    assert isinstance(created, dict), f"data.assets should be the creation summary, got {data!r}"
    assert created.get("assetsCreated") == n, data
    assert created.get("tasksCreated") == n, data
    return data


def tasks_page(sdk, project_id: str, **kwargs) -> Dict:
    data = ok(sdk.get_tasks(project_id, **kwargs))
    assert isinstance(data.get("tasks"), list), data
    assert isinstance(data.get("total"), int), data
    return data


def all_tasks(sdk, project_id: str, task_filter=None, **kwargs) -> List[Dict]:
    """Collect every task page by page (limit 100), checking that total is consistent."""
    out, page = [], 1
    while True:
        data = tasks_page(sdk, project_id, page=page, limit=100, task_filter=task_filter, **kwargs)
        out.extend(data["tasks"])
        if not data["tasks"] or len(out) >= data["total"]:
            assert len(out) == data["total"], (len(out), data["total"])
            return out
        page += 1


def task_total(sdk, project_id: str, task_filter=None) -> int:
    return tasks_page(sdk, project_id, page=1, limit=100, task_filter=task_filter)["total"]


def assets_page(sdk, project_id: str, page: int = 1, limit: int = 100, filters: Optional[Dict] = None) -> Dict:
    data = ok(sdk.get_assets(project_id, page=page, limit=limit, filters=filters or {}))
    assert isinstance(data.get("assets"), list), data
    assert isinstance(data.get("total"), int), data
    return data


def ref_id(value) -> str:
    """A reference that the spec allows as an id string or a populated {_id: ...} object."""
    if isinstance(value, dict):
        return value.get("_id")
    return value


def list_all_projects(sdk) -> List[Dict]:
    out, page = [], 1
    while True:
        data = ok(sdk.list_projects(page=page, limit=100))
        assert isinstance(data.get("projects"), list), data
        out.extend(data["projects"])
        if not data["projects"] or len(out) >= data["total"]:
            return out
        page += 1


def png_bytes(width: int = 2, height: int = 2, rgb=(255, 0, 0)) -> bytes:
    """A tiny valid PNG (8-bit RGB), built with zlib only."""
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def review_workflow() -> List[Dict]:
    """Valid Start -> Label -> Review -> Complete workflow (Review rejects back to Label)."""
    review_id = str(uuid.uuid4())
    return [
        {"id": "Start", "type": "Start", "name": "Start", "next": ["Label"], "autoForward": True,
         "position": {"x": 0, "y": 0}},
        {"id": "Label", "type": "Label", "name": "Label", "next": [review_id], "assignedTo": [],
         "position": {"x": 200, "y": 0}},
        {"id": review_id, "type": "Review", "name": "Review", "next": ["Complete", "Label"], "assignedTo": [],
         "readOnly": False, "position": {"x": 400, "y": 0}},
        {"id": "Complete", "type": "Complete", "name": "Complete", "next": [], "position": {"x": 600, "y": 0}},
    ]


# ---------------------------------------------------------------------------------------------------------------------
# Workflow tests: the category schema, answers, stage builders, the `gloss` binary, a second server
# ---------------------------------------------------------------------------------------------------------------------

def label_schema() -> Dict:
    """A raw category schema with one box tool, a text and a radio classification and a relation."""
    return {
        "tools": [{"tool": "bounding-box", "title": "Box", "schemaId": "box", "classifications": []}],
        "classifications": [
            {"tool": "text", "title": "Note", "schemaId": "note", "classifications": []},
            {"tool": "radio", "title": "Kind", "schemaId": "kind", "classifications": [],
             "options": [{"value": "A", "schemaId": "kind-a"}, {"value": "B", "schemaId": "kind-b"}]},
        ],
        "relations": [{"tool": "one-to-one", "title": "Link", "schemaId": "link", "classifications": []}],
    }


def box(object_id: str, x: int = 1) -> Dict:
    """A bounding-box tool object of the `label_schema` box class, with its title as Gloss stores it."""
    return {"schemaId": "box", "title": "Box", "objectId": object_id,
            "bounding-box": {"x": x, "y": 2, "width": 30, "height": 40}, "classifications": []}


def text_answer(value: str) -> Dict:
    return {"schemaId": "note", "title": "Note", "tool": "text", "answer": value, "classifications": []}


def radio_answer(value: str) -> Dict:
    return {"schemaId": "kind", "title": "Kind", "tool": "radio", "answer": value, "classifications": []}


def link(object_id: str, src: str, dst: str) -> Dict:
    return {"schemaId": "link", "title": "Link", "objectId": object_id, "from": src, "to": dst, "direction": "straight",
            "classifications": []}


def stage(stage_id: str, stage_type: str, next_ids: List[str], x: int = 0, **extra) -> Dict:
    """One workflow stage object as Ango Hub's workflow editor writes it."""
    s = {"id": stage_id, "type": stage_type, "name": extra.pop("name", stage_id), "next": list(next_ids),
         "position": {"x": x, "y": 0}}
    if stage_type in ("Label", "Review"):
        s["assignedTo"] = extra.pop("assignedTo", [])
    s.update(extra)
    return s


def linear_workflow(*middle: Dict) -> List[Dict]:
    """Start -> the given stages in order (each `next` rewritten to the following one) -> Complete.

    Stages with more than one output keep their other outputs as given; output 0 is rewired."""
    stages = [stage("Start", "Start", [], autoForward=True)] + [dict(m) for m in middle]
    stages.append(stage("Complete", "Complete", [], x=100 * (len(middle) + 1)))
    for here, there in zip(stages, stages[1:]):
        here["next"] = [there["id"]] + list(here["next"][1:])
    return stages


def gloss_binary() -> str:
    path = os.environ.get("GLOSS_BINARY", "")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("GLOSS_BINARY must name the gloss executable", pytrace=False)
    return path


def gloss_db_args() -> List[str]:
    """`--database-url URL` (PostgreSQL run) or `--data-dir DIR` (SQLite run) naming the suite server's database."""
    url = os.environ.get("GLOSS_DATABASE_URL", "")
    if url:
        return ["--database-url", url]
    data = os.environ.get("GLOSS_DATA_DIR", "")
    if not data:
        pytest.fail("GLOSS_DATA_DIR or GLOSS_DATABASE_URL must name the server's database", pytrace=False)
    return ["--data-dir", data]


def create_user(email: str, org_role: str = "member") -> str:
    """`gloss users create` against the suite server's database; returns the new user's API key."""
    result = subprocess.run([gloss_binary(), "users", "create", "--email", email, "--org-role", org_role, *gloss_db_args()],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"gloss users create {email} failed ({result.returncode}): {result.stderr}"
    return result.stdout.strip().splitlines()[-1].strip()


class Api:
    """Plain `requests` calls with one user's API key (for routes the SDK does not have)."""

    def __init__(self, base_url: str, api_key: str, email: str = ""):
        self.base = base_url.rstrip("/")
        self.email = email
        self.session = requests.Session()
        self.session.headers.update({"apikey": api_key})

    def post(self, path: str, body: Optional[Dict] = None, base: Optional[str] = None):
        return self.session.post((base or self.base) + path, json={} if body is None else body, timeout=60)

    def get(self, path: str, base: Optional[str] = None):
        return self.session.get((base or self.base) + path, timeout=60)


def json_data(resp, status: int = 200) -> Dict:
    """Assert the HTTP status and a success envelope; return `data`."""
    assert resp.status_code == status, f"{resp.request.method} {resp.request.url} -> {resp.status_code} {resp.text}"
    body = resp.json()
    assert body.get("status") == "success", body
    return body["data"]


def json_fail(resp, statuses=(400,)) -> Dict:
    """Assert one of the given 4xx statuses with a fail envelope; return the body."""
    assert resp.status_code in statuses, f"{resp.request.method} {resp.request.url} -> {resp.status_code} {resp.text}"
    body = resp.json()
    assert_fail_body(body)
    return body


def start_gloss_server(args: List[str], log_path, env=None, timeout: float = 60):
    """Starts `gloss serve --host 127.0.0.1 --port 0 ARGS`, its output going to `log_path`.

    Waits for "Gloss is running at http://127.0.0.1:PORT" and returns (process, base url)."""
    log = open(log_path, "w")
    proc = subprocess.Popen([gloss_binary(), "serve", "--host", "127.0.0.1", "--port", "0", *args],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, env=env)
    log.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(log_path) as f:
            m = re.search(r"Gloss is running at (http://127\.0\.0\.1:\d+)", f.read())
        if m:
            return proc, m.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    stop_gloss_server(proc)
    with open(log_path) as f:
        raise AssertionError(f"second gloss server did not start: {f.read()[-3000:]}")


def stop_gloss_server(proc) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def add_members(sdk, project_id: str, emails: List[str], role: str = "Labeler") -> Dict:
    """sdk.add_members_to_project (POST /v2/project/{id}/assigned {assignees, role})."""
    from imerit_ango.models.enums import ProjectRoles
    return ok(sdk.add_members_to_project(project_id, list(emails), ProjectRoles(role)))
