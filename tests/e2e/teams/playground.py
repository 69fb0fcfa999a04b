"""Microsoft's local Teams emulator (npm @microsoft/m365agentsplayground), driven from Python.

- `install_playground` puts the pinned version under tests/e2e/teams/.playground (gitignored);
- `PlaygroundProcess` runs it without a browser, telemetry or network;
- `Playground` speaks its HTTP API: messages as the signed-in user (Alex Wilber), card submits,
  and `customActivities` to act as other team members (the emulator types every normal message
  as its signed-in user). Its WebSocket streams what the bot posts and updates.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

from tests.e2e.teams.bot_door import BotDoor
from tests.e2e.teams.connector_recorder import ConnectorRecorder

VERSION = "0.2.28"
PACKAGE = "@microsoft/m365agentsplayground"
FOLDER = Path(__file__).parent / ".playground"
BOT_ID = "00000000-0000-0000-0000-00000000000011"
BOT_NAME = "Test Bot"
TEAM = "team-id"  # the emulator's team; its General channel has the same id
PEOPLE = {
    "user-id-0": "Alex Wilber",  # the emulator's signed-in user
    "user-id-1": "Megan Bowen",
    "user-id-2": "Adele Vance",
    "user-id-3": "Isaiah Langer",
}


def node_tools_missing() -> str | None:
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed; the Teams emulator needs node and npm"
    return None


def install_playground(folder: Path = FOLDER) -> Path:
    cli = folder / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
    installed = cli.parent / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == VERSION:
        return cli
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            str(folder),
            f"{PACKAGE}@{VERSION}",
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return cli


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PlaygroundProcess:
    def __init__(self, cli: Path, app_endpoint: str, service_url: str, port: int):
        self.cli, self.app_endpoint, self.service_url, self.port = (
            cli,
            app_endpoint,
            service_url,
            port,
        )
        self.process: asyncio.subprocess.Process | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        env = {
            **os.environ,
            "TEAMSAPPTESTER_BROWSER": "none",
            "APPLICATION_INSIGHTS_NO_STATSBEAT": "true",
        }
        self.process = await asyncio.create_subprocess_exec(
            "node",
            str(self.cli),
            "--dt",
            "-c",
            "msteams",
            "-p",
            str(self.port),
            "-e",
            self.app_endpoint,
            "--service-url",
            self.service_url,
            env=env,
            cwd=self.cli.parents[3],  # it writes devTools/ logs into its working directory
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        async with asyncio.timeout(30):
            while True:
                line = (await self.process.stdout.readline()).decode()
                if not line:
                    raise RuntimeError("the Teams emulator exited before it listened")
                if line.startswith("Listening on"):
                    self.port = int(line.split()[-1])  # it falls back to another port if taken
                    break
        asyncio.create_task(self._drain_output())

    async def _drain_output(self) -> None:
        while self.process and await self.process.stdout.readline():
            pass

    async def stop(self) -> None:
        if self.process and self.process.returncode is None:
            self.process.terminate()
            try:
                async with asyncio.timeout(5):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


class Playground:
    """The emulator's API. `events` are what its WebSocket streamed: createMessage/updateMessage."""

    def __init__(
        self,
        base_url: str,
        *,
        door: BotDoor | None = None,
        recorder: ConnectorRecorder | None = None,
        drain: Callable[[], Awaitable[None]] | None = None,
    ):
        self.base_url = base_url
        # What `settle` awaits: the bot's answers (door), its work after the turns (drain)
        # and what it sent to the emulator (recorder).
        self.door, self.recorder, self.drain = door, recorder, drain
        self.handed = 0  # activities the emulator was asked to hand to the bot
        self.events: list[dict] = []
        self._changed = asyncio.Condition()
        self._session: aiohttp.ClientSession | None = None
        self._reader: asyncio.Task | None = None

    async def open(self) -> None:
        self._session = aiohttp.ClientSession()
        ws_url = self.base_url.replace("http", "ws") + "/_ws_conversation/v1/conversations/stream"
        socket_ = await self._session.ws_connect(ws_url)
        self._reader = asyncio.create_task(self._read(socket_))

    async def close(self) -> None:
        if self._reader:
            self._reader.cancel()
        if self._session:
            await self._session.close()

    async def _read(self, socket_) -> None:
        async for frame in socket_:
            async with self._changed:
                self.events.append(json.loads(frame.data))
                self._changed.notify_all()

    async def wait_for(
        self, predicate: Callable[[dict], bool], *, after: int = 0, timeout: float = 10.0
    ) -> dict:
        """The first event from index `after` on that matches, waiting for it if needed."""
        async with asyncio.timeout(timeout), self._changed:
            while True:
                for event in self.events[after:]:
                    if predicate(event):
                        return event
                await self._changed.wait()

    async def settle(self, timeout: float = 30.0) -> None:
        """Awaits the work itself, never a quiet moment: the bot has answered every activity
        the emulator was asked to hand it, its work after those turns is done, and every
        message it sent (posted or updated) has come through the emulator's stream."""
        if self.door is None or self.recorder is None or self.drain is None:
            raise RuntimeError("settle needs the bot's door, the connector recorder and drain")
        await self.door.answered(self.handed, timeout)
        await self.drain()
        expected = self.recorder.shown()
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: self._streamed() >= expected)

    def _streamed(self) -> Counter:
        return Counter(
            (event.get("action"), (event.get("message") or {}).get("messageId"))
            for event in self.events
        )

    # --- as the signed-in user ---------------------------------------------------------------
    async def mention(self, text: str, conversation: str = TEAM) -> dict:
        body = {
            "from": {"id": "user-id-0"},
            "text": f"<at>{BOT_NAME}</at> {text}",
            "textFormat": "plain",
            "mentions": [{"mentioned": {"id": BOT_ID}, "text": f"<at>{BOT_NAME}</at>"}],
        }
        self.handed += 1
        return await self._post(f"/_conversation/v1/conversations/{conversation}/messages", body)

    async def say(self, text: str, conversation: str) -> dict:
        body = {"from": {"id": "user-id-0"}, "text": text, "textFormat": "plain"}
        self.handed += 1
        return await self._post(f"/_conversation/v1/conversations/{conversation}/messages", body)

    async def submit(self, card_event: dict, values: dict) -> None:
        """Presses the card's submit button as the signed-in user, with `values` as inputs."""
        message_id = card_event["message"]["messageId"]
        conversation = thread_of(card_event)
        body = {
            "conversation": {"id": conversation},
            "from": {"id": "user-id-0"},
            "replyToId": message_id,
            "value": values,
        }
        self.handed += 1
        await self._post("/_conversation/v1/submit", body)

    # --- as another team member, through customActivities ------------------------------------
    async def as_member(
        self,
        user_id: str,
        conversation: str,
        *,
        kind: str = "message",
        text: str | None = None,
        mention: bool = True,
        value: dict | None = None,
        reply_to: str | None = None,
        activity_id: str | None = None,
    ) -> str:
        activity = await self._get(
            "/_internal/v1/customActivities/template", {"conversationId": conversation}
        )
        activity.update(
            type=kind,
            id=activity_id or str(uuid.uuid4()),
            **{"from": {"id": user_id, "name": PEOPLE[user_id]}},
        )
        activity["channelData"] = {
            "tenant": {"id": activity["conversation"]["tenantId"]},
            "team": {"id": TEAM},
            "channel": {"id": TEAM},
        }
        if text is not None:
            activity["text"] = f"<at>{BOT_NAME}</at> {text}" if mention else text
            if mention:
                activity["entities"] = [
                    {
                        "type": "mention",
                        "text": f"<at>{BOT_NAME}</at>",
                        "mentioned": {"id": BOT_ID, "name": BOT_NAME},
                    }
                ]
        if value is not None:
            activity["value"] = value
        if reply_to:
            activity["replyToId"] = reply_to
        self.handed += 1
        await self._post("/_internal/v1/customActivities", activity)
        return activity["id"]

    async def install(self, conversation: str = TEAM) -> None:
        activity = await self._get(
            "/_internal/v1/customActivities/template",
            {"conversationId": conversation, "type": "install"},
        )
        self.handed += 1
        await self._post("/_internal/v1/customActivities", activity)

    async def config(self) -> dict:
        return await self._get("/_internal/v1/config", {})

    async def _post(self, path: str, body: dict) -> dict:
        async with self._session.post(self.base_url + path, json=body) as response:
            text = await response.text()
            assert response.status == 200, f"{path} answered {response.status}: {text}"
            return json.loads(text) if text else {}

    async def _get(self, path: str, params: dict) -> dict:
        async with self._session.get(self.base_url + path, params=params) as response:
            assert response.status == 200, await response.text()
            return await response.json()


def thread_of(event: dict) -> str:
    """The conversation id of the thread a bot message heads or sits in."""
    conversation = event["actionConversationId"]
    if ";messageid=" in conversation:
        return conversation
    return f"{conversation};messageid={event['message']['messageId']}"


def card_of(event: dict) -> dict | None:
    attachments = event.get("message", {}).get("attachments") or []
    return attachments[0]["content"] if attachments else None


def texts_of(event: dict) -> str:
    """Everything a person reads in a message: its text and every text in its card."""
    message = event.get("message", {})
    found = [message.get("text") or ""]

    def walk(node):
        if isinstance(node, dict):
            for key in ("text", "title", "value", "placeholder", "label"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(message.get("attachments") or [])
    return "\n".join(found)
