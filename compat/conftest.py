"""Fixtures for the Gloss compat suite: the real `imerit-ango` SDK against a live Gloss server.

Environment (set by the test script):
  GLOSS_URL          base URL of the running server, e.g. http://127.0.0.1:54321 (no /v2)
  GLOSS_API_KEY      API key of an organization admin
  GLOSS_ADMIN_EMAIL  email of the user owning GLOSS_API_KEY (used as an assignee)
"""
import os
import uuid

import pytest
from imerit_ango.sdk import SDK

REQUIRED_ENV = ("GLOSS_URL", "GLOSS_API_KEY", "GLOSS_ADMIN_EMAIL")


def _env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        pytest.fail(
            f"compat suite needs environment variable {name} "
            f"(required: {', '.join(REQUIRED_ENV)}); start a Gloss server and export them",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def gloss_url() -> str:
    # The SDK builds host + "/v2/...", so a trailing slash would produce "//v2".
    return _env("GLOSS_URL").rstrip("/")


@pytest.fixture(scope="session")
def api_key() -> str:
    return _env("GLOSS_API_KEY")


@pytest.fixture(scope="session")
def admin_email() -> str:
    return _env("GLOSS_ADMIN_EMAIL")


@pytest.fixture(scope="session")
def sdk(gloss_url, api_key) -> SDK:
    return SDK(api_key=api_key, host=gloss_url)


@pytest.fixture
def unique_name(request):
    """Factory for unique, readable names: <test name>-<suffix>-<random>."""

    def make(suffix: str = "") -> str:
        base = request.node.name.replace("[", "-").replace("]", "")[:60]
        parts = [base] + ([suffix] if suffix else []) + [uuid.uuid4().hex[:8]]
        return "-".join(parts)

    return make


@pytest.fixture
def make_project(sdk, unique_name):
    """Factory: creates a fresh project through sdk.create_project and returns its id.

    Projects are soft-deleted at teardown (best effort) so reruns do not accumulate.
    """
    created = []

    def make(suffix: str = "", description: str = None) -> str:
        resp = sdk.create_project(unique_name(suffix), description)
        assert resp.get("status") == "success", resp
        project_id = resp["data"]["project"]["_id"]
        created.append(project_id)
        return project_id

    yield make
    for project_id in created:
        try:
            sdk.delete_project(project_id)
        except Exception:
            pass


@pytest.fixture
def project_id(make_project) -> str:
    """One fresh project with the default workflow."""
    return make_project()


@pytest.fixture
def make_user(gloss_url, sdk):
    """Factory: a new organization member created with `gloss users create`, optionally added to a project.

    make_user(project_id=None, role="Labeler", name="user") -> gloss_helpers.Api with `.email`, `.key`
    and `.sdk` (an SDK authenticated as that user)."""
    from gloss_helpers import Api, add_members, create_user

    def make(project_id: str = None, role: str = "Labeler", name: str = "user"):
        email = f"{name}-{uuid.uuid4().hex[:10]}@gloss.test"
        key = create_user(email)
        api = Api(gloss_url, key, email)
        api.key = key
        api.sdk = SDK(api_key=key, host=gloss_url)
        if project_id:
            add_members(sdk, project_id, [email], role)
        return api

    return make

