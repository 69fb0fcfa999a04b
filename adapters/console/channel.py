"""A workshop in the terminal: one line a message, `name: text` to speak as someone else."""

from __future__ import annotations

import logging
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

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


@dataclass
class ConsoleChannel:
    service: WorkshopService
    export_dir: Path
    out: TextIO = sys.stdout
    channel: ChannelKey = field(default_factory=lambda: ChannelKey("console", "local", "console"))
    speaker: str = "facilitator"
    language: str = "da"  # the workshop's, once one is known; for replies when all else fails

    def hear(self, line: str) -> None:
        """One line typed (or piped) in: change speaker, run a command, print the replies."""
        line = line.lstrip("\ufeff").strip()  # a BOM from an editor must not hide the speaker
        if not line or line.startswith("#"):
            return
        if (m := _SPEAKER.match(line)) and not line.lower().startswith(("http:", "https:")):
            self.speaker, line = m[1], m[2].strip()
            if not line:
                return
        actor = Actor(self.speaker, self.speaker)
        try:
            outcome = self.service.handle(Incoming(self.channel, actor, text=strip_prefix(line)))
        except Exception:  # the database went away, say: tell the person, keep the session
            log.exception("a console command failed")
            self._show(Reply(Audience.PRIVATE, Said("something_wrong"), self.language))
            return
        self.language = outcome.workshop.language if outcome.workshop else self.language
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
        print(text, file=self.out, flush=True)

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
            if echo and line.strip():
                print(f"{self.speaker}> {line.strip()}", file=self.out, flush=True)
            self.hear(line)


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


def interactive(channel: ConsoleChannel) -> None:
    try:
        import readline  # noqa: F401  (line editing and history for input())
    except ImportError:
        pass
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")
    print("RASMUS · /rasmus hjælp · Ctrl-D to leave", file=channel.out)
    while True:
        try:
            line = input(f"{channel.speaker}> ")  # bytes that are not UTF-8 read as U+FFFD
        except (EOFError, KeyboardInterrupt):
            print(file=channel.out)
            return
        channel.hear(line)
