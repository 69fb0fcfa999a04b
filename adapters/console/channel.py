"""A workshop in the terminal: one line a message, `name: text` to speak as someone else.

Due work (check-ins, the stock-taking, reminders, nudges) shows up as it falls due: before each
line is read, and in an interactive session every few seconds, the console gives the core a
Tick for each of its channel's wake-ups that has come. `:clock +30d` (Danish `:ur +30d`) moves
the console's own clock, so a whole follow-up can be tried in minutes.
"""

from __future__ import annotations

import logging
import re
import shutil
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from adapters.console.clock import WORDS, ConsoleClock
from core.events import WorkshopDeleted
from core.language import strip_prefix
from core.messages import Audience, ExportReady, Refusal, Reply, Said
from core.model import Actor, ChannelKey
from core.plain import render
from core.service import Incoming, WorkshopService
from core.texts import t

log = logging.getLogger("rasmus.console")
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SPEAKER = re.compile(r"^([\w.\-]{1,40}):\s*(.*)$")
_AT_NAME = re.compile(r"(?<![\w<])@([\w.\-]{1,40})")


@dataclass
class ConsoleChannel:
    service: WorkshopService
    export_dir: Path
    out: TextIO = sys.stdout
    channel: ChannelKey = field(default_factory=lambda: ChannelKey("console", "local", "console"))
    speaker: str = "facilitator"
    language: str = "da"  # the workshop's, once one is known; for replies when all else fails
    clock: ConsoleClock | None = None  # set: `:clock` lines move it (the service's clock)
    timezone: str = "Europe/Copenhagen"  # the workshop's, once known: `:clock 2027-03-01 09:00`
    # The interactive timer and the typed lines take turns: one decision at a time.
    _turn: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def hear(self, line: str) -> None:
        """One line typed (or piped) in: change speaker, run a command, print the replies."""
        line = line.lstrip("\ufeff").strip()  # a BOM from an editor must not hide the speaker
        if not line or line.startswith("#"):
            return
        if (m := _SPEAKER.match(line)) and not line.lower().startswith(("http:", "https:")):
            self.speaker, line = m[1], m[2].strip()
            if not line:
                return
        if line.split(maxsplit=1)[0].lower() in WORDS:
            with self._turn:
                self._set_clock(line.split(maxsplit=1)[1:])
            return
        actor = Actor(self.speaker, self.speaker)
        # `@bo` names the console's person bo, as `<@U…>` does in Slack: a mention the core
        # can remind (an agreement's owner) or make facilitator.
        text = _AT_NAME.sub(r"<@\1>", strip_prefix(line))
        with self._turn:
            self._decide(Incoming(self.channel, actor, text=text))

    def run_due(self) -> int:
        """Gives the core a Tick for each of this channel's wake-ups that has come, and shows
        what it says; how many. Each wake-up once per call, even should one stay due."""
        due_wakeups = getattr(self.service.store, "due_wakeups", None)
        if due_wakeups is None:
            return 0
        done: set[str] = set()
        with self._turn:
            while True:
                now = self.service.clock()
                waiting = [
                    wakeup
                    for wakeup in due_wakeups(now, limit=20, channel=self.channel)
                    if wakeup.tick().message_id not in done
                ]
                if not waiting:
                    return len(done)
                for wakeup in waiting:
                    done.add(wakeup.tick().message_id)
                    self._decide(wakeup.tick())

    def _decide(self, incoming: Incoming) -> None:
        try:
            outcome = self.service.handle(incoming)
        except Exception:  # the database went away, say: tell the person, keep the session
            log.exception("a console command failed")
            self._show(Reply(Audience.PRIVATE, Said("something_wrong"), self.language))
            return
        if outcome.workshop is not None:
            self.language = outcome.workshop.language
            self.timezone = outcome.workshop.timezone
        for event in outcome.events:
            if isinstance(event, WorkshopDeleted):  # its reports go with it
                shutil.rmtree(self._export_folder(event.workshop_id), ignore_errors=True)
        for reply in outcome.replies:
            self._show(reply)

    def _show(self, reply: Reply) -> None:
        message = reply.message
        if isinstance(message, ExportReady):
            path = self._write_export(message)
            text = t("export_saved", reply.language, path=path)
        else:
            text = render(message, reply.language)
        if reply.audience is Audience.PRIVATE:
            # Private replies go to the speaker alone; the console marks them so.
            text = "\n".join(f"[{self.speaker}] {line}" for line in text.splitlines())
        elif reply.audience is Audience.DIRECT:
            # A direct message (a reminder, a nudge): marked with whom it is for.
            mark = _CLOCK_TEXTS["direct"][_lang(reply.language)].format(who=", ".join(reply.to))
            text = "\n".join(f"[{mark}] {line}" for line in text.splitlines())
        print(text, file=self.out, flush=True)

    def _set_clock(self, argument: list[str]) -> None:
        texts, lang = _CLOCK_TEXTS, _lang(self.language)
        if self.clock is None or (argument and not self.clock.set(argument[0], self.timezone)):
            print(texts["bad"][lang], file=self.out, flush=True)
            return
        local = self.clock().astimezone(ZoneInfo(self.timezone))
        when = local.strftime("%Y-%m-%d %H:%M")
        print(texts["now"][lang].format(when=when, tz=self.timezone), file=self.out, flush=True)
        self.run_due()

    def _export_folder(self, workshop_id: str) -> Path:
        # One folder per workshop, so deleting the workshop can delete every report of it.
        if not _SAFE_ID.match(workshop_id):
            raise ValueError("a workshop id names a folder only when it is plain")
        return self.export_dir / workshop_id

    def _write_export(self, message: ExportReady) -> Path:
        folder = self._export_folder(message.workshop.id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / message.filename
        path.write_text(message.markdown, encoding="utf-8")
        return path.resolve()

    def run(self, lines: Iterable[str], *, echo: bool = False) -> None:
        """Every line, in order. With `echo`, each line is shown after the prompt as if typed,
        so the output of `python -m bot console < file` reads as a transcript."""
        for line in read_lines(lines):
            if line is None:  # bytes that are not UTF-8: say so, store nothing
                refusal = Refusal("bad_line_bytes", hint="hint_utf8")
                self._show(Reply(Audience.PRIVATE, refusal, self.language))
                continue
            self.run_due()
            if echo and line.strip():
                print(f"{self.speaker}> {line.strip()}", file=self.out, flush=True)
            self.hear(line)
        self.run_due()


_CLOCK_TEXTS = {
    "now": {
        "da": "🕘 Konsollens ur: {when} ({tz})",
        "en": "🕘 Console clock: {when} ({tz})",
    },
    "bad": {
        "da": "Det kan uret ikke stilles til. Skriv fx :ur +30d, :ur +1m, "
        ":ur 2027-03-01 09:00 eller :ur nu.",
        "en": "The clock cannot be set to that. Type e.g. :clock +30d, :clock +1m, "
        ":clock 2027-03-01 09:00 or :clock now.",
    },
    "direct": {"da": "direkte til {who}", "en": "direct to {who}"},
}


def _lang(language: str) -> str:
    return language if language in ("da", "en") else "da"


def read_lines(lines: Iterable[str]) -> Iterator[str | None]:
    """Lines of a pipe as text, or None for a line that is not UTF-8 (one bad line, not a crash).

    A real stream (stdin) is read as bytes, so its encoding and error handling do not matter."""
    raw = getattr(lines, "buffer", None)
    if raw is None:
        yield from lines
        return
    for line in raw:
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError:
            yield None


def interactive(channel: ConsoleChannel, interval: float = 5.0) -> None:
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    print(HELP_LINE, file=channel.out)
    stop = threading.Event()
    threading.Thread(target=_due_on_a_timer, args=(channel, interval, stop), daemon=True).start()
    try:
        _read_lines(channel)
    finally:
        stop.set()


HELP_LINE = "RASMUS · /rasmus hjælp · :ur +30d / :clock +30d moves the clock · Ctrl-D to leave"


def _due_on_a_timer(channel: ConsoleChannel, interval: float, stop: threading.Event) -> None:
    """Due work appears while the person thinks, not only when they type."""
    while not stop.wait(interval):
        try:
            channel.run_due()
        except Exception:  # the session goes on; the next line says what failed
            log.exception("looking for due work failed")


def _read_lines(channel: ConsoleChannel) -> None:
    channel.run_due()
    while True:
        try:
            line = input(f"{channel.speaker}> ")  # bytes that are not UTF-8 read as U+FFFD
        except (EOFError, KeyboardInterrupt):
            print(file=channel.out)
            return
        channel.hear(line)
