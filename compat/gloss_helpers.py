"""Shared helpers for the compat tests (plain functions; no fixtures)."""
import json
import struct
import uuid
import zlib
from typing import Dict, List, Optional

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
