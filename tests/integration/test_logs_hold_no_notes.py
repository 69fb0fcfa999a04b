"""Logs never hold note texts or SQL parameters, at any level (finding 5): a storage failure
is logged, but not with the note that failed to be stored. SQLite and PostgreSQL."""

import io
import logging

from sqlalchemy import text

from adapters.console.channel import ConsoleChannel
from adapters.persistence.store import SqlStore
from core.service import WorkshopService
from tests.fakes import CountingIds, SteppingClock

SECRET = "Lederen ringer på fridage 4711"


def test_a_failed_store_logs_neither_the_note_nor_its_parameters(engine, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # as with LOG_LEVEL=DEBUG: SQLAlchemy may speak too
    service = WorkshopService(SqlStore(engine), SteppingClock(), CountingIds())
    out = io.StringIO()
    console = ConsoleChannel(service, tmp_path, out=out)
    console.run(["/rasmus ny Vagtplan", "næste"])
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE notes"))  # a real failure, not a mock
    console.hear(f"cai: note anonym sundt {SECRET}")
    console.hear("cai: note sundt Anden tekst 0815")

    assert "Noget gik galt hos mig" in out.getvalue()
    logged = caplog.text  # messages and their tracebacks, as a log handler writes them
    assert "a console command failed" in logged and "notes" in logged
    assert SECRET not in logged and "4711" not in logged
    assert "Anden tekst" not in logged and "0815" not in logged
    assert "Vagtplan" not in logged  # nor the rows it read back at DEBUG
    assert "[parameters:" not in logged
