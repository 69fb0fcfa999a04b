"""What the queue's tests share: a store on the test's database and the service over it."""

import pytest

from adapters.persistence.store import SqlStore
from core.service import WorkshopService
from tests.fakes import CountingIds, SteppingClock


@pytest.fixture
def store(engine):
    return SqlStore(engine)


@pytest.fixture
def service(store):
    return WorkshopService(store, SteppingClock(), CountingIds())
