import os

import pytest

from adapters.persistence.database import open_database
from adapters.persistence.store import SqlStore
from core.model import Actor, ChannelKey
from core.service import Incoming, WorkshopService
from tests.fakes import CountingIds, MemoryStore, SteppingClock
from tests.pg_schema import postgres_schema

CHANNEL = ChannelKey("console", "local", "general")


@pytest.fixture
def clock():
    return SteppingClock()


@pytest.fixture
def ids():
    return CountingIds()


@pytest.fixture
def service(clock, ids):
    return WorkshopService(MemoryStore(), clock, ids)


class Speaker:
    """Says commands into one channel as one person; `as_(name)` switches person."""

    def __init__(self, service, channel=CHANNEL, who="anne"):
        self.service, self.channel, self.who = service, channel, who

    def as_(self, who):
        return Speaker(self.service, self.channel, who)

    def __call__(self, text, **kwargs):
        return self.service.handle(
            Incoming(self.channel, Actor(self.who, self.who.title()), text=text, **kwargs)
        )


@pytest.fixture
def say(service):
    return Speaker(service)


def _database_urls():
    urls = ["sqlite"]
    if os.environ.get("TEST_DATABASE_URL"):
        urls.append("postgresql")
    return urls


@pytest.fixture(params=_database_urls())
def engine(request, tmp_path):
    if request.param == "sqlite":
        engine = open_database(f"sqlite:///{tmp_path / 'rasmus.db'}")
        yield engine
        engine.dispose()
        return
    # Each test gets a schema of its own on the shared PostgreSQL, dropped afterwards.
    with postgres_schema() as url:
        engine = open_database(url, migrate=True)
        yield engine
        engine.dispose()


@pytest.fixture
def sql_service(engine, clock, ids):
    return WorkshopService(SqlStore(engine), clock, ids)
