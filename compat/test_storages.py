"""Storages (issue #6) through the SDK and a local S3 protocol server (moto, started by scripts/test as
GLOSS_S3_URL): create/list/delete without secrets, assets in a private bucket served through presigned URLs,
and exports delivered to a project's export storage."""
import io
import os
import uuid
import zipfile

import boto3
import pytest
import requests
from imerit_ango.models.enums import StorageProvider
from imerit_ango.models.storage import Storage

from gloss_helpers import all_tasks, error_body, get_project, ok, upload_cloud

ACCESS, SECRET = "AKIAGLOSSTEST0000001", "gloss-test-secret-key-0000000000000000000"


@pytest.fixture(scope="module")
def s3_url():
    url = os.environ.get("GLOSS_S3_URL", "").rstrip("/")
    if not url:
        pytest.fail("GLOSS_S3_URL must name the local S3 server (scripts/test starts moto)", pytrace=False)
    return url


@pytest.fixture
def bucket(s3_url):
    client = boto3.client("s3", endpoint_url=s3_url, aws_access_key_id=ACCESS, aws_secret_access_key=SECRET,
                          region_name="us-east-1")
    name = f"gloss-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    return client, name


def _storage(sdk, s3_url, name, bucket_name=None):
    body = {"name": name, "type": "aws", "region": "us-east-1", "endpoint": s3_url, "pathStyle": True,
            "credentials": {"accessKeyId": ACCESS, "secretAccessKey": SECRET}}
    if bucket_name:
        body["bucket"] = bucket_name
    return ok(sdk.make_request("POST", "/v2/storages", body))["storage"]


def test_sdk_storage_functions_create_list_delete_without_secrets(sdk):
    name = f"sdk-{uuid.uuid4().hex[:8]}"
    created = ok(sdk.create_storage(Storage(name, StorageProvider.AWS, public_key="AKIAEXAMPLE1", private_key="topsecret-value")))
    storage = created["storage"]
    assert storage["name"] == name and storage["provider"] == "AWS"
    assert sdk.get_storages(storage["_id"])["name"] == name
    listing = sdk.make_request("GET", "/v2/storages")
    assert "topsecret-value" not in str(listing) and "AKIAEXAMPLE1" not in str(listing)
    ok(sdk.delete_storage(storage["_id"]))
    assert storage["_id"] not in [s["_id"] for s in ok(sdk.make_request("GET", "/v2/storages"))["storages"]]


def test_private_bucket_asset_is_served_through_a_presigned_url(sdk, make_project, bucket, s3_url):
    client, name = bucket
    client.put_object(Bucket=name, Key="images/cat.png", Body=b"\x89PNG-cat-bytes")
    storage = _storage(sdk, s3_url, f"moto-{uuid.uuid4().hex[:8]}", name)
    pid = make_project()
    upload_cloud(sdk, pid, [{"data": f"s3://{name}/images/cat.png", "externalId": "cat", "storage": storage["_id"]}])
    # moto in server mode does not check signatures (the SigV4 arithmetic is checked against AWS's
    # published example in StorageTests); here the URL must reach the object through the S3 protocol.
    signed = ok(sdk.make_request("GET", "/v2/getSignedUrl?url=" + requests.utils.quote(f"s3://{name}/images/cat.png", safe="")))["signedUrl"]
    assert signed.startswith(f"{s3_url}/{name}/images/cat.png?") and "X-Amz-Signature=" in signed
    fetched = requests.get(signed, timeout=30)
    assert fetched.status_code == 200 and fetched.content == b"\x89PNG-cat-bytes"
    # The export carries a presigned URL for the asset as well.
    exported = sdk.exportV3(pid, options=_all_stages_options(sdk, pid))
    url = exported[0]["asset"]
    assert "X-Amz-Signature=" in url and requests.get(url, timeout=30).content == b"\x89PNG-cat-bytes"


def _all_stages_options(sdk, pid):
    from imerit_ango.models.export_options import ExportOptions
    return ExportOptions(stage=[s["id"] for s in get_project(sdk, pid)["stages"]])


def test_export_is_delivered_to_the_project_export_storage(sdk, make_project, bucket, s3_url):
    client, name = bucket
    storage = _storage(sdk, s3_url, f"exports-{uuid.uuid4().hex[:8]}")
    pid = make_project()
    upload_cloud(sdk, pid, [{"data": "https://cdn.example.com/a.png", "externalId": "a"}])
    ok(sdk.make_request("POST", f"/v2/project/{pid}", {"exportStorageEnabled": True, "exportStorageId": storage["_id"],
                                                       "exportStorageBucket": name, "exportStoragePath": "gloss/exports"}))
    exported = sdk.exportV3(pid, options=_all_stages_options(sdk, pid))
    assert [a["externalId"] for a in exported] == ["a"]
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=name, Prefix="gloss/exports/").get("Contents", [])]
    assert len(keys) == 1 and keys[0].startswith(f"gloss/exports/{pid}-") and keys[0].endswith(".zip")
    body = client.get_object(Bucket=name, Key=keys[0])["Body"].read()
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.namelist()


def test_list_storage_files_pages_through_a_bucket_with_signed_urls(sdk, bucket, s3_url):
    client, name = bucket
    for i in range(3):
        client.put_object(Bucket=name, Key=f"set/img-{i}.png", Body=f"image {i}".encode())
    client.put_object(Bucket=name, Key="other/skip.png", Body=b"x")
    storage = _storage(sdk, s3_url, f"list-{uuid.uuid4().hex[:8]}")
    listed = ok(sdk.list_storage_files(storage["_id"], name, path="set/"))
    files = listed["files"]
    assert [f["key"] for f in files] == ["set/img-0.png", "set/img-1.png", "set/img-2.png"]
    assert files[0]["name"] == "img-0.png" and files[0]["size"] == len(b"image 0")
    assert requests.get(files[1]["url"], timeout=30).content == b"image 1"
    first = ok(sdk.make_request("GET", f"/v2/storages/{storage['_id']}/files?bucketName={name}&path=set/&limit=2&getSignedUrls=false"))
    assert len(first["files"]) == 2 and "url" not in first["files"][0] and first["nextContinuationToken"]
    rest = ok(sdk.make_request("GET", f"/v2/storages/{storage['_id']}/files?bucketName={name}&path=set/&limit=2"
                                      f"&continuationToken={requests.utils.quote(first['nextContinuationToken'], safe='')}"))
    assert [f["key"] for f in rest["files"]] == ["set/img-2.png"] and rest["nextContinuationToken"] is None
