"""The kit every chat platform shares, on a real PlatformState (SQLite)."""

from __future__ import annotations

import asyncio
import threading

import pytest

from adapters.chat import edits
from adapters.chat import memory as memory_module
from adapters.chat.core_runner import CoreRunner
from adapters.chat.labels import Labels
from adapters.chat.memory import ChatMemory, ThreadOrigin
from adapters.chat.work import WorkInFlight
from adapters.persistence.database import open_database
from adapters.persistence.state import PlatformState
from core.circles import Circle
from core.commands import EditFromMessage, WithdrawFromMessage
from core.model import ChannelKey, Step
from core.texts import TEXTS, t

GENERAL = ChannelKey("slack", "T1", "C1")
OTHER = ChannelKey("slack", "T1", "C2")


@pytest.fixture
def state(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path / 'kit.db'}")
    yield PlatformState(engine)
    engine.dispose()


@pytest.fixture
def core():
    runner = CoreRunner(threads=2, name="test-core")
    yield runner
    runner.close()


@pytest.fixture
def memory(state, core):
    return ChatMemory(state, core)


async def test_the_core_runs_in_the_runners_own_threads_not_on_the_event_loop(core):
    loop_thread = threading.current_thread().name
    name = await core.run(lambda: threading.current_thread().name)
    assert name.startswith("test-core") and name != loop_thread


async def test_the_runner_never_runs_more_calls_at_once_than_it_has_threads(core):
    running, most = 0, 0
    lock = threading.Lock()

    def busy():
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        threading.Event().wait(0.02)
        with lock:
            running -= 1

    await asyncio.gather(*(core.run(busy) for _ in range(8)))
    assert most == 2


async def test_a_circle_message_is_found_by_workshop_step_and_circle_and_its_thread_by_id(
    memory,
):
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "171.01")
    found = await memory.circle_message("slack", "w1", Step.TODAY, Circle.REALISTIC)
    assert found is not None
    assert (found.channel, found.message_id) == (GENERAL, "171.01")
    assert await memory.thread_origin(GENERAL, "171.01") == ThreadOrigin(
        "w1", Circle.REALISTIC, Step.TODAY
    )
    assert await memory.circle_message("slack", "w1", Step.EXPECTATIONS, Circle.REALISTIC) is None
    assert await memory.circle_message("teams", "w1", Step.TODAY, Circle.REALISTIC) is None
    assert await memory.thread_origin(OTHER, "171.01") is None


async def test_forgetting_a_workshop_leaves_other_channels_memory_alone(memory, state):
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "1.1")
    await memory.remember_circle_message(OTHER, "w2", Step.TODAY, Circle.REALISTIC, "2.2")
    async with memory.in_order(GENERAL):
        await memory.forget_workshop(GENERAL, "w1")
    assert await memory.thread_origin(GENERAL, "1.1") is None
    assert await memory.circle_message("slack", "w1", Step.TODAY, Circle.REALISTIC) is None
    assert await memory.thread_origin(OTHER, "2.2") is not None
    assert await memory.circle_message("slack", "w2", Step.TODAY, Circle.REALISTIC) is not None


class Ticking:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountingState:
    """The real state, counting the reads that reach it."""

    def __init__(self, state: PlatformState) -> None:
        self.state, self.reads = state, 0

    def get(self, namespace: str, key: str) -> str | None:
        self.reads += 1
        return self.state.get(namespace, key)

    def __getattr__(self, name):
        return getattr(self.state, name)


async def test_a_circle_messages_thread_is_read_afresh_so_a_deletion_elsewhere_ends_it(state, core):
    counting = CountingState(state)
    memory = ChatMemory(counting, core, clock=Ticking())
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "1.1")
    origin = ThreadOrigin("w1", Circle.REALISTIC, Step.TODAY)
    assert await memory.thread_origin(GENERAL, "1.1") == origin
    # Another process deletes the workshop, and its rows with it.
    await ChatMemory(state, core).forget_workshop(GENERAL, "w1")
    assert await memory.thread_origin(GENERAL, "1.1") is None
    assert counting.reads == 2


async def test_a_thread_that_is_no_circle_message_is_asked_again_soon(state, core):
    clock, counting = Ticking(), CountingState(state)
    memory = ChatMemory(counting, core, clock=clock)
    assert await memory.thread_origin(GENERAL, "9.9") is None
    assert await memory.thread_origin(GENERAL, "9.9") is None
    assert counting.reads == 1
    # Another process posts a card with that id and remembers it.
    elsewhere = ChatMemory(state, core)
    await elsewhere.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "9.9")
    clock.now += memory_module.OTHER_THREAD_SECONDS + 0.1
    assert await memory.thread_origin(GENERAL, "9.9") == ThreadOrigin(
        "w1", Circle.REALISTIC, Step.TODAY
    )


async def test_forgetting_waits_for_a_delivery_in_progress_in_the_same_channel(memory, state):
    posted = asyncio.Event()

    async def slow_delivery():
        async with memory.in_order(GENERAL):
            posted.set()
            await asyncio.sleep(0.05)  # the post is on its way to the platform
            await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "9")

    async def delete():
        await posted.wait()
        async with memory.in_order(GENERAL):
            await memory.forget_workshop(GENERAL, "w1")

    await asyncio.gather(slow_delivery(), delete())
    assert state.items("chat.thread") == {}
    assert state.items("chat.circle_message") == {}


async def test_forgetting_an_earlier_workshop_keeps_the_open_ones_messages_in_the_channel(
    memory,
):
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "1.1")
    await memory.remember_circle_message(GENERAL, "w2", Step.TODAY, Circle.REALISTIC, "2.2")
    async with memory.in_order(GENERAL):
        await memory.forget_workshop(GENERAL, "w1")
    assert await memory.thread_origin(GENERAL, "1.1") is None
    assert await memory.circle_message("slack", "w1", Step.TODAY, Circle.REALISTIC) is None
    assert await memory.thread_origin(GENERAL, "2.2") == ThreadOrigin(
        "w2", Circle.REALISTIC, Step.TODAY
    )
    assert await memory.circle_message("slack", "w2", Step.TODAY, Circle.REALISTIC) is not None


async def test_another_channel_does_not_wait_for_a_channels_turn(memory):
    inside = asyncio.Event()
    release = asyncio.Event()

    async def long_turn():
        async with memory.in_order(GENERAL):
            inside.set()
            await release.wait()

    task = asyncio.create_task(long_turn())
    await inside.wait()
    async with asyncio.timeout(1):
        async with memory.in_order(OTHER):
            pass
    release.set()
    await task


def test_a_platform_word_comes_from_its_table_and_a_shared_word_from_the_core_texts():
    label = Labels({"send": {"da": "Send {what}", "en": "Send {what}!"}, "only": {"da": "Kun"}})
    assert label("send", "en", what="it") == "Send it!"
    assert label("only", "en") == "Kun"  # Danish when the language has no word
    shared = next(iter(TEXTS))
    assert label(shared, "en") == t(shared, "en")


def test_an_edited_message_asks_the_core_to_follow_it_with_a_key_per_edit():
    first = edits.edited("C1", "1.1", "2.0", "ny tekst")
    again = edits.edited("C1", "1.1", "2.0", "ny tekst")
    later = edits.edited("C1", "1.1", "3.0", "nyere tekst")
    assert first == again and first.message_id != later.message_id
    assert first.command == EditFromMessage("ny tekst")


def test_a_deleted_message_asks_the_core_to_withdraw_what_it_became():
    change = edits.deleted("C1", "1.1")
    assert change.command == WithdrawFromMessage()
    assert change.message_id == edits.deleted("C1", "1.1").message_id


async def test_drain_awaits_tracked_handlers_and_the_work_they_spawn():
    work = WorkInFlight()
    done: list[str] = []

    async def later():
        await asyncio.sleep(0.02)
        done.append("spawned")

    async def handler(ack):
        ack.set()  # the platform has its answer; the rest runs after it
        await asyncio.sleep(0.02)
        work.spawn(later())
        done.append("handler")

    acked = asyncio.Event()
    task = asyncio.create_task(work.track(handler)(acked))
    await acked.wait()
    await work.drain()
    assert done == ["handler", "spawned"] and task.done()


def test_a_tracked_handler_keeps_the_parameter_names_sdks_pass_arguments_by():
    import inspect

    async def listener(ack, body, client):
        return None

    tracked = WorkInFlight().track(listener)
    assert list(inspect.signature(tracked).parameters) == ["ack", "body", "client"]


class BusyAtFirst:
    """A real PlatformState whose first `busy` writes fail as a locked database does."""

    def __init__(self, state: PlatformState, busy: int):
        self.state, self.busy = state, busy

    def get(self, namespace, key):
        return self.state.get(namespace, key)

    def put(self, namespace, key, value, **about):
        if self.busy > 0:
            self.busy -= 1
            raise TimeoutError("database is locked")
        self.state.put(namespace, key, value, **about)

    def delete(self, namespace, key):
        self.state.delete(namespace, key)


async def test_a_posted_circle_message_is_remembered_once_the_busy_database_takes_it(state, core):
    memory = ChatMemory(BusyAtFirst(state, busy=2), core)
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "111.1")
    found = await memory.circle_message("slack", "w1", Step.TODAY, Circle.REALISTIC)
    assert found is not None and found.message_id == "111.1"


async def test_a_circle_message_that_cannot_be_remembered_never_fails_its_delivery(state, core):
    # Raising here would make the dispatcher post the message, already out, a second time.
    memory = ChatMemory(BusyAtFirst(state, busy=100), core)
    await memory.remember_circle_message(GENERAL, "w1", Step.TODAY, Circle.REALISTIC, "111.1")
    assert await memory.circle_message("slack", "w1", Step.TODAY, Circle.REALISTIC) is None
