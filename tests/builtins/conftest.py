# Fixtures for the built-in tests (helpers live in builtins_support.py).
from __future__ import annotations

import pytest
from builtins_support import FakeEngine


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()
