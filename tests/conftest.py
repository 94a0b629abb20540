import os
import tempfile

# Before any Qt import: no screen, and settings kept away from the user's own.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="factsheets-test-config-")
_runtime = tempfile.mkdtemp(prefix="factsheets-test-runtime-")
os.chmod(_runtime, 0o700)
os.environ["XDG_RUNTIME_DIR"] = _runtime

import pytest  # noqa: E402

from desktop_app.io.shipped import load_default_dataset  # noqa: E402


@pytest.fixture(scope="session")
def shipped():
    return load_default_dataset()
