"""What a request to `/slack/events` must be before bolt sees it, and handling each one once.

Checked here, in this order, each failure a 4xx with one log line (no traceback, no payload):
the signature headers' format and the five-minute window (401), the v0 HMAC (401), the body:
UTF-8, and an object where bolt expects one (400). Bolt checks the signature again; these
checks exist because bolt answers malformed input with a 500 and a traceback.

Replays: a request whose signature was seen before is answered 200 and does nothing. Not 401:
Slack itself re-sends a request when our answer was late, and a 200 tells it to stop, while
a replaying attacker learns nothing either way. A signature covers the timestamp and the body,
so an equal signature is an equal request. Its hash is kept in the database, so every process
agrees, for as long as Slack's five-minute window accepts the timestamp, and a little longer:
a request that goes to the inbox has it written in the same transaction as its row (one
commit before the ack, and a request the database did not take is not marked as seen); any
other has it written once handled, in the database (PostgreSQL) or in a file beside the
SQLite database (see `seen_once_engine`). This process also remembers what it saw.

Button clicks: a block action is handled once per person, action, moment (`action_ts`),
trigger and message, even when it arrives again under a fresh signature.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from adapters.persistence.group_commit import GroupCommit
from adapters.persistence.seen_once import SeenOnce, Unrecorded, fingerprint, seen_once_engine
from adapters.slack.shapes import shape_problem

log = logging.getLogger("rasmus.slack")

WINDOW_SECONDS = 5 * 60  # Slack's own limit for a request's timestamp
KEEP = timedelta(seconds=2 * WINDOW_SECONDS + 60)  # the window either side of now, and slack
_TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}", re.ASCII)


def refuse(status: int, why: str) -> web.Response:
    log.warning("refused a Slack request (%d): %s", status, why)
    return web.Response(status=status, text=why)


def parsed_body(text: str, content_type: str | None):
    """The body as bolt's `parse_body` reads it; raises ValueError where bolt would crash."""
    if content_type == "application/json" or text.startswith("{"):
        return json.loads(text)
    fields = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" in text and "payload" in fields:
        return json.loads(fields["payload"])
    return fields


def body_problem(raw: bytes, content_type: str | None) -> tuple[str | None, dict]:
    """Why bolt could not read this body (None when it can), and the body as bolt will see it."""
    if not raw:
        return "empty body", {}
    try:
        body = parsed_body(raw.decode("utf-8"), content_type)
    except UnicodeDecodeError:
        return "body is not UTF-8", {}
    except (ValueError, RecursionError):
        return "body or payload is not JSON", {}
    if not isinstance(body, dict) or not body:
        return "body or payload is not an object", {}
    return shape_problem(body), body


def click_key(body: dict) -> str | None:
    """What makes one button click that click; None when the body is no block action."""
    if body.get("type") != "block_actions":
        return None
    actions, user, container = body.get("actions"), body.get("user"), body.get("container")
    if not (isinstance(actions, list) and actions and isinstance(actions[0], dict)):
        return None
    action = actions[0]
    user_id = user.get("id") if isinstance(user, dict) else None
    container = container if isinstance(container, dict) else {}
    parts = (
        user_id,
        action.get("action_id"),
        action.get("action_ts"),
        body.get("trigger_id"),
        container.get("message_ts") or container.get("view_id"),
    )
    return fingerprint(*(str(part) for part in parts))


class SlackGuard:
    def __init__(self, signing_secret: str, engine, clock: Callable[[], float] | None = None):
        self._secret = signing_secret.encode()
        self._clock = clock or (lambda: time.time())  # looked up per call, as bolt's clock is
        self.seen = SeenOnce(seen_once_engine(engine), "slack.seen", KEEP)
        self._own_engine = self.seen.engine is not engine
        # The same memory on the inbox's database: a request stored there has its keys
        # recorded in the same transaction (adapters.scheduling.intake), one commit per ack.
        self.inbox_memory = SeenOnce(engine, "slack.seen", KEEP) if self._own_engine else self.seen
        self._recent: dict[str, float] = {}  # this process's own memory: repeats skip the DB
        # Requests that arrive together are recorded in one transaction: one per request had
        # 50 threads busy-waiting for one SQLite file lock (ack p99 0.6-0.8 s at 50 at once).
        self._records = GroupCommit(self.seen.all_first_times, name="slack-seen")

    async def close(self, _app=None) -> None:
        self._records.close()
        if self._own_engine:  # the file beside SQLite; the database itself is the runtime's
            self.seen.engine.dispose()

    async def screen(self, request: web.Request) -> web.Response | tuple[dict, Unrecorded]:
        """A refusal (or the quiet 200 for a repeat this process saw); else the body, read
        once, for bolt, and its replay keys, to be recorded with the request (`settle`)."""
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not _TIMESTAMP.fullmatch(timestamp) or not _SIGNATURE.fullmatch(signature):
            return refuse(401, "missing or malformed signature headers")
        now = self._clock()
        if abs(now - int(timestamp)) > WINDOW_SECONDS:
            return refuse(401, "timestamp outside Slack's five-minute window")
        raw = await request.read()  # aiohttp keeps the bytes for bolt
        base = b"v0:" + timestamp.encode() + b":" + raw
        expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            return refuse(401, "signature does not match")
        problem, body = body_problem(raw, request.headers.get("Content-Type"))
        if problem:
            return refuse(400, problem)
        keys = ["request:" + fingerprint(signature)]
        click = click_key(body)
        if click:
            keys.append("click:" + click)
        if not self._first_time_here(keys, now):
            return _repeat()
        return body, Unrecorded(self.inbox_memory, keys, datetime.fromtimestamp(now, UTC))

    async def settle(self, unrecorded: Unrecorded, *, not_stored: bool = False) -> bool:
        """After the request was handled: was it the first time? The database decides across
        processes (the first writer of every key wins). A request stored in the inbox had its
        keys recorded in that transaction; one the database did not take (`not_stored`) is
        forgotten here too, so it may be sent again; any other has them recorded now."""
        if unrecorded.recorded:
            return unrecorded.first
        if not_stored:
            for key in unrecorded.keys:
                self._recent.pop(key, None)
            return True
        try:
            first = await self._records.submit(unrecorded.as_request())
        except SQLAlchemyError as error:  # this process's memory still holds
            log.warning("could not record a Slack request as seen: %s", type(error).__name__)
            return True
        if not first:  # another process took it in the moment before: nothing stored twice
            log.info("a repeated Slack request was answered again (it stores nothing)")
        return True

    def _first_time_here(self, keys: list[str], now: float) -> bool:
        """This process's own memory: a repeat it saw is answered without the database."""
        recent = self._recent
        if any(recent.get(key, 0) > now for key in keys):
            return False
        if len(recent) > 10_000:  # forget the expired, so memory stays small
            for key in [key for key, until in recent.items() if until <= now]:
                del recent[key]
        for key in keys:
            recent[key] = now + KEEP.total_seconds()
        return True


def _repeat() -> web.Response:
    log.info("ignored a repeated Slack request or button click")
    return web.Response(status=200)
