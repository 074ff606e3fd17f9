# Fixtures for the macro tests: a fresh MacroWorld (engine stand-in) per test.
from __future__ import annotations

import pytest

from .world import MacroWorld


@pytest.fixture
def world() -> MacroWorld:
    return MacroWorld()
