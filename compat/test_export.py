"""Export and label import (issue #4): exportV3 / export (json, ndjson), import_labels, cloud pre-labels, the
standard formats (COCO checked with pycocotools, YOLO, VOC, CSV) and the `gloss export` / `gloss import-labels`
commands, all against the live server."""
import csv
import io
import json
import os
import subprocess
import tempfile
import time
import zipfile
from datetime import datetime, timedelta, timezone
from xml.etree import ElementTree

import requests
from imerit_ango.models.enums import ExportFormats, ExportTypes
from imerit_ango.models.export_options import ExportOptions, TimeFilter

from gloss_helpers import (all_tasks, box, cloud_assets, gloss_binary, gloss_db_args, label_schema, ok, radio_answer,
                           upload_cloud)


def _project(sdk, make_project, n=3, **extra):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    upload_cloud(sdk, pid, cloud_assets(n, **extra))
    return pid


def _complete(sdk, pid, external_ids):
    """Imports one box (and a radio answer) per external id with status Completed: the tasks land in Complete."""
    labels = [{"externalId": ext, "status": "Completed", "objects": [box(f"o-{ext}", x=5 + i)],
               "classifications": [radio_answer("B")]} for i, ext in enumerate(external_ids)]
    data = ok(sdk.import_labels(pid, labels))
    assert data["project"] == f"{len(labels)} / {len(labels)} tasks are labeled.", data
    return labels


def _export_raw(gloss_url, api_key, pid, **params):
    resp = requests.get(f"{gloss_url}/v2/export", params={"project": pid, **params}, headers={"apikey": api_key}, timeout=60)
    assert resp.status_code == 200, resp.text
    link = resp.json()["data"]["exportPath"]
    download = requests.get(link, timeout=120)  # no API key: the signed URL is the credential
    assert download.status_code == 200, download.text
    return zipfile.ZipFile(io.BytesIO(download.content))


def test_exportV3_json_holds_the_complete_tasks_in_ango_format(sdk, make_project):
    pid = _project(sdk, make_project, n=3)
    labels = _complete(sdk, pid, ["img-0", "img-2"])
    exported = sdk.exportV3(pid)
    assert [item["externalId"] for item in exported] == ["img-0", "img-2"]
    first = exported[0]
    assert first["asset"] == "https://example.com/img/0.png"
    assert first["metadata"] == {"width": 100, "height": 50}
    assert first["contextData"] == {"note": "context 0", "index": 0}
    task = first["task"]
    assert task["stageId"] == "Complete"
    assert [t["bounding-box"] for t in task["tools"]] == [labels[0]["objects"][0]["bounding-box"]]
    assert task["tools"][0]["objectId"] == "o-img-0"
    assert task["classifications"][0]["answer"] == "B"
    assert [h["stageId"] for h in task["stageHistory"]] == ["Start", "Label"]
    assert sdk.export(pid) == exported, "export() is exportV3()"


def test_exportV3_ndjson_counts_lines_and_filters_by_stage(sdk, make_project):
    pid = _project(sdk, make_project, n=4)
    _complete(sdk, pid, ["img-1"])
    lines, count = sdk.exportV3(pid, ExportOptions(stage=["Label"], export_format=ExportFormats.NDJSON))
    items = list(lines)
    assert count == 3
    assert sorted(item["externalId"] for item in items) == ["img-0", "img-2", "img-3"]
    assert all(item["task"]["stageId"] == "Label" for item in items)


def test_export_options_history_metadata_and_time_windows(sdk, make_project):
    pid = _project(sdk, make_project, n=2)
    _complete(sdk, pid, ["img-0", "img-1"])
    lean = sdk.exportV3(pid, ExportOptions(include_history=False, include_metadata=False))
    assert len(lean) == 2 and all("stageHistory" not in i["task"] and "metadata" not in i for i in lean)
    now = datetime.now(timezone.utc)
    assert len(sdk.exportV3(pid, ExportOptions(updated_at=TimeFilter(from_date=now - timedelta(hours=1))))) == 2
    assert sdk.exportV3(pid, ExportOptions(updated_at=TimeFilter(from_date=now + timedelta(hours=1)))) == []
    assert sdk.exportV3(pid, ExportOptions(export_type=ExportTypes.ISSUE)) == []


def test_import_labels_round_trip_and_per_item_errors(sdk, make_project):
    pid = _project(sdk, make_project, n=2)
    sent = [{"externalId": "img-0", "status": "Completed", "objects": [box("keep", x=11)], "classifications": [],
             "relations": []},
            {"externalId": "img-1", "objects": [{"title": "No such class", "bounding-box": {"x": 0, "y": 0, "width": 1, "height": 1}}]},
            {"externalId": "missing", "objects": []}]
    data = ok(sdk.import_labels(pid, sent))
    assert data["project"] == "1 / 3 tasks are labeled."
    assert [e["index"] for e in data["errors"]] == [1, 2]
    exported = sdk.exportV3(pid)
    assert len(exported) == 1
    assert exported[0]["task"]["tools"] == [dict(box("keep", x=11), title="Box")], "the export adds the class title"
    assets = ok(sdk.get_assets(pid, filters={"isPreLabeled": True}))["assets"]
    assert [a["externalId"] for a in assets] == ["img-0"]


def test_cloud_import_pre_labels_count_and_land(sdk, make_project):
    pid = make_project()
    ok(sdk.create_label_set(pid, raw_category_schema=label_schema()))
    assets = cloud_assets(2)
    assets[0]["objects"] = [box("pre")]
    assets[1]["objects"] = [{"schemaId": "nope", "bounding-box": {"x": 0, "y": 0, "width": 1, "height": 1}}]
    data = ok(sdk.upload_files_cloud(pid, assets))
    assert data["assets"]["preLabelsCount"] == 2 and data["assets"]["validPreLabelsCount"] == 1
    tasks = {t["externalId"]: t for t in all_tasks(sdk, pid)}
    task = ok(sdk.get_task(tasks["img-0"]["_id"]))["task"]
    assert task["answer"]["tools"][0]["objectId"] == "pre"


def test_coco_export_loads_in_pycocotools(sdk, make_project, gloss_url, api_key):
    from pycocotools.coco import COCO
    pid = _project(sdk, make_project, n=3)
    _complete(sdk, pid, ["img-0", "img-1", "img-2"])
    archive = _export_raw(gloss_url, api_key, pid, format="coco")
    assert archive.namelist()[0] == "annotations.json"
    with tempfile.NamedTemporaryFile("wb", suffix=".json") as f:
        f.write(archive.read("annotations.json"))
        f.flush()
        coco = COCO(f.name)
    assert len(coco.getImgIds()) == 3
    assert [c["name"] for c in coco.loadCats(coco.getCatIds())] == ["Box"]
    first = coco.loadImgs(coco.getImgIds())[0]
    assert (first["file_name"], first["width"], first["height"]) == ("img-0", 100, 50)
    anns = coco.loadAnns(coco.getAnnIds(imgIds=[first["id"]]))
    assert [a["bbox"] for a in anns] == [[5, 2, 30, 40]]


def test_yolo_voc_and_csv_exports(sdk, make_project, gloss_url, api_key):
    pid = _project(sdk, make_project, n=2)
    _complete(sdk, pid, ["img-0", "img-1"])
    yolo = _export_raw(gloss_url, api_key, pid, format="yolo")
    assert yolo.namelist()[0] == "data.yaml"
    labels = sorted(n for n in yolo.namelist() if n.startswith("labels/"))
    assert labels == ["labels/img-0.txt", "labels/img-1.txt"]
    for name in labels:
        rows = [line.split() for line in yolo.read(name).decode().splitlines() if line.strip()]
        assert len(rows) == 1 and rows[0][0] == "0"
        assert all(0.0 <= float(v) <= 1.0 for v in rows[0][1:])
    cx, cy, w, h = map(float, yolo.read("labels/img-0.txt").decode().split()[1:])
    assert (round(cx * 100, 3), round(cy * 50, 3), round(w * 100, 3), round(h * 50, 3)) == (20.0, 22.0, 30.0, 40.0)

    voc = _export_raw(gloss_url, api_key, pid, format="voc")
    root = ElementTree.fromstring(voc.read(voc.namelist()[0]))
    assert root.findtext("filename") == "img-0"
    assert [root.findtext(f"object/bndbox/{k}") for k in ("xmin", "ymin", "xmax", "ymax")] == ["5", "2", "35", "42"]

    table = _export_raw(gloss_url, api_key, pid, format="csv")
    rows = list(csv.DictReader(io.StringIO(table.read(table.namelist()[0]).decode())))
    assert [r["externalId"] for r in rows] == ["img-0", "img-1"]
    assert rows[0]["Kind"] == "B" and rows[0]["objectCount"] == "1"


def test_cli_export_and_import_labels_from_coco(sdk, make_project):
    pid = _project(sdk, make_project, n=2)
    _complete(sdk, pid, ["img-0"])
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "export.zip")
        result = subprocess.run([gloss_binary(), "export", "--project", pid, "--format", "coco", "--out", out, *gloss_db_args()],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "Exported 1 tasks" in result.stdout
        coco = json.loads(zipfile.ZipFile(out).read("annotations.json"))
        assert [a["bbox"] for a in coco["annotations"]] == [[5, 2, 30, 40]]
        # The same COCO file, pointed at img-1, labels it through `gloss import-labels`.
        coco["images"][0]["file_name"] = "img-1"
        source = os.path.join(tmp, "coco.json")
        with open(source, "w") as f:
            json.dump(coco, f)
        result = subprocess.run([gloss_binary(), "import-labels", "--project", pid, source, *gloss_db_args()],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "1 / 1 tasks are labeled." in result.stdout
    tasks = {t["externalId"]: t for t in all_tasks(sdk, pid)}
    answer = ok(sdk.get_task(tasks["img-1"]["_id"]))["task"]["answer"]
    assert [t["bounding-box"] for t in answer["tools"]] == [{"x": 5, "y": 2, "width": 30, "height": 40}]
