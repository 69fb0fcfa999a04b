import io
from contextlib import contextmanager

from adapters.console.channel import ConsoleChannel
from core.service import WorkshopService
from tests.fakes import CountingIds, MemoryStore, SteppingClock


class FailingOnceStore(MemoryStore):
    """A store whose next transaction fails, as when the database goes away for a moment."""

    fail_next = False

    @contextmanager
    def unit(self, channel):
        if self.fail_next:
            self.fail_next = False
            raise ConnectionError("database unavailable")
        with super().unit(channel) as unit:
            yield unit


def test_the_console_tells_the_speaker_when_something_fails_and_carries_on(tmp_path):
    store = FailingOnceStore()
    out = io.StringIO()
    console = ConsoleChannel(
        WorkshopService(store, SteppingClock(), CountingIds()), tmp_path, out=out
    )
    console.hear("/rasmus ny Robot")
    store.fail_next = True
    console.hear("bo: /rasmus status")
    console.hear("/rasmus status")
    lines = out.getvalue().splitlines()
    assert "[bo] Noget gik galt hos mig, så intet blev gemt. Prøv igen om lidt." in lines
    assert "[bo] Workshop om Robot · trin: De seks cirkler." in lines


def test_the_console_switches_speaker_and_marks_private_replies():
    out = io.StringIO()
    service = WorkshopService(MemoryStore(), SteppingClock(), CountingIds())
    console = ConsoleChannel(service, export_dir=None, out=out)
    console.run(["/rasmus ny Robot", "mette: næste", "", "# a comment line", "tavle"])
    text = out.getvalue()
    assert "[mette] Kun facilitatorerne kan skifte trin." in text
    assert "[mette] == Tavlen · Robot ==" in text
    assert console.speaker == "mette"
