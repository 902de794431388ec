# pytest wiring for the end-to-end suite: markers, the server fixtures (see harness.py).
import pytest

from harness import IS_PORPOISE, KIND, MARIADBD, PORPOISED, ServerPool, remove_templates, workdir


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "porpoise_only: Porpoise-specific behaviour; skipped against MariaDB")
    config.addinivalue_line(
        "markers", "needs_client: needs our `porpoise` client binary")


def pytest_collection_modifyitems(config, items):
    skip_maria = pytest.mark.skip(reason="Porpoise-specific (suite runs against MariaDB)")
    for item in items:
        if not IS_PORPOISE and "porpoise_only" in item.keywords:
            item.add_marker(skip_maria)


def pytest_report_header(config):
    binary = PORPOISED if IS_PORPOISE else MARIADBD
    return f"e2e server: {KIND} ({binary})"


def pytest_sessionfinish(session, exitstatus):
    remove_templates()


@pytest.fixture
def servers():
    pool = ServerPool(workdir())
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def module_servers():
    pool = ServerPool(workdir())
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def server(module_servers):
    """A running server shared by a module's tests, initialised with --initialize."""
    return module_servers.started()
