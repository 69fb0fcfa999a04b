"""The outbox on SQLite and PostgreSQL: dispatchers sharing it send each row once, in order."""

import dataclasses
import threading
import time
from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.persistence.codec import encode_reply
from adapters.persistence.outbox import ClaimLost, Outbox, utc_now
from adapters.persistence.routes import Outgoing
from adapters.persistence.store import SqlStore
from adapters.persistence.tables import OutboxRow
from core.circles import Circle
from core.messages import Audience, CountsChanged, Reply, Said, WallNote
from core.model import ChannelKey, Colour, Step


def write(store, outbox, channel, texts, coalesce_key=None):
    with store.transaction(channel) as session:
        outbox.add_all(
            session,
            channel,
            [
                Outgoing(Reply(Audience.CHANNEL, Said(t)), channel.channel, None, coalesce_key)
                for t in texts
            ],
        )


def test_four_dispatchers_send_every_row_once_and_each_conversation_in_order(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channels = [ChannelKey("slack", "T1", f"C{n}") for n in range(20)]
    for round_ in range(5):
        for channel in channels:
            write(store, outbox, channel, [f"{round_}"])
    sent = defaultdict(list)
    guard = threading.Lock()

    errors = []

    def dispatch(name):
        try:
            send(name)
        except Exception as error:  # a thread's error must fail the test, not just warn
            errors.append(error)

    def send(name):
        idle_since = time.monotonic()
        while time.monotonic() - idle_since < 0.5:
            claims = outbox.claim(name, limit=5)
            if claims:
                idle_since = time.monotonic()
            for claim in claims:
                with guard:
                    sent[claim.conversation].append(claim.reply.message.key)
                outbox.mark_sent(claim, sent_ref=name)

    threads = [threading.Thread(target=dispatch, args=(f"d{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(sent) == sorted(c.channel for c in channels)
    assert all(keys == ["0", "1", "2", "3", "4"] for keys in sent.values())
    with engine.connect() as connection:
        rows = connection.execute(select(OutboxRow.sent_at, OutboxRow.payload)).all()
    assert len(rows) == 100 and all(r.sent_at is not None and r.payload == "" for r in rows)


def test_a_dispatcher_that_died_has_its_row_sent_by_another_after_the_lease(engine):
    store = SqlStore(engine)
    outbox = Outbox(engine, lease=timedelta(seconds=0.4))
    channel = ChannelKey("teams", "tenant", "conv")
    write(store, outbox, channel, ["hello"])
    [lost] = outbox.claim("died")
    assert outbox.claim("other") == []
    time.sleep(0.5)
    [again] = outbox.claim("other")
    assert again.id == lost.id and again.attempts == 2
    with pytest.raises(ClaimLost):
        outbox.mark_sent(lost)
    outbox.mark_sent(again)
    assert outbox.claim("other") == []


def test_a_message_given_up_on_no_longer_holds_back_its_conversation(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T1", "C1")
    write(store, outbox, channel, ["first", "second"])
    [first] = outbox.claim("d1")
    outbox.give_up(first, "channel_not_found")
    [second] = outbox.claim("d1")
    assert second.reply.message.key == "second"
    assert outbox.counts(timedelta(seconds=60))["failed"] == 1


def test_a_claimed_edit_is_kept_and_the_newer_state_follows_it(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T1", "C1")
    write(store, outbox, channel, ["counts 1"], coalesce_key="counts:w:today:healthy")
    [in_flight] = outbox.claim("d1")
    write(store, outbox, channel, ["counts 2"], coalesce_key="counts:w:today:healthy")
    write(store, outbox, channel, ["counts 3"], coalesce_key="counts:w:today:healthy")
    outbox.mark_sent(in_flight)
    [latest] = outbox.claim("d1")
    assert (in_flight.reply.message.key, latest.reply.message.key) == ("counts 1", "counts 3")
    outbox.mark_sent(latest)
    assert outbox.claim("d1") == []


def test_sent_rows_are_purged_after_a_while_and_unsent_ones_are_kept(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T1", "C1")
    write(store, outbox, channel, ["one"])
    write(store, outbox, ChannelKey("slack", "T1", "C2"), ["two"])
    [sent, _] = outbox.claim("d1")
    outbox.mark_sent(sent)
    assert outbox.purge_sent(older_than=timedelta(hours=1)) == 0
    time.sleep(0.05)
    assert outbox.purge_sent(older_than=timedelta(seconds=0.01)) == 1
    with engine.connect() as connection:
        assert connection.execute(select(OutboxRow.channel)).scalars().all() == ["C2"]


def test_rows_sent_together_are_marked_in_one_go_and_a_taken_over_row_is_reported(engine):
    store = SqlStore(engine)
    outbox = Outbox(engine, lease=timedelta(seconds=0.4))
    channels = [ChannelKey("slack", "T1", f"C{n}") for n in range(3)]
    for channel in channels:
        write(store, outbox, channel, ["one", "two"])
    claims = outbox.claim("dispatcher", limit=10)
    assert len(claims) == 3  # one per conversation
    time.sleep(0.5)
    [taken] = [c for c in outbox.claim("other", limit=1)]
    lost, claimed_next = outbox.mark_sent_and_claim(claims, "dispatcher", limit=0)
    assert lost == [c for c in claims if c.id == taken.id] and claimed_next == []
    outbox.mark_sent(taken)
    following = outbox.claim("dispatcher", limit=10)
    assert sorted(c.reply.message.key for c in following) == ["two", "two", "two"]
    with engine.connect() as connection:
        sent = connection.execute(
            select(OutboxRow.payload, OutboxRow.recipient).where(OutboxRow.sent_at.is_not(None))
        ).all()
    assert len(sent) == 3 and all(row.payload == "" and row.recipient is None for row in sent)


def test_a_row_committed_late_below_one_in_hand_waits_for_that_one(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channel = ChannelKey("slack", "T1", "C1")
    write(store, outbox, channel, ["early", "later"])
    with engine.begin() as connection:
        first = connection.execute(select(OutboxRow.id).order_by(OutboxRow.id)).scalars().first()
        connection.execute(OutboxRow.__table__.delete().where(OutboxRow.id == first))
    [in_hand] = outbox.claim("d1")
    assert in_hand.reply.message.key == "later"
    # Another transaction that took its id before "later" commits only now.
    with engine.begin() as connection:
        connection.execute(
            OutboxRow.__table__.insert().values(
                id=first,
                platform="slack",
                workspace="T1",
                channel="C1",
                conversation="C1",
                payload=encode_reply(Reply(Audience.CHANNEL, Said("late"))),
                created_at=utc_now(),
                due_at=utc_now(),
                attempts=0,
            )
        )
    assert outbox.claim("d2") == []
    outbox.mark_sent(in_hand)
    [late] = outbox.claim("d2")
    assert late.reply.message.key == "late"


def test_a_circles_counts_are_stored_without_notes_and_sent_as_they_are_then(engine):
    shown = (WallNote("A1", Colour.GREEN, "newer text", None),)
    asked = []

    def counts_now(session, counts):
        asked.append(counts.workshop_id)
        return dataclasses.replace(counts, notes=shown)

    store = SqlStore(engine)
    outbox = Outbox(engine, counts_now=counts_now)
    channel = ChannelKey("slack", "T1", "C1")
    old = (WallNote("A1", Colour.GREEN, "old text", None),)
    counts = CountsChanged("w1", Circle.REALISTIC, Step.TODAY, {Colour.GREEN: 1}, old)
    with store.transaction(channel) as session:
        outbox.add_all(session, channel, [Outgoing(Reply(Audience.CHANNEL, counts), "C1|edits")])
    with engine.connect() as connection:
        [payload] = connection.execute(select(OutboxRow.payload)).scalars()
    assert "old text" not in payload
    [claim] = outbox.claim("d1")
    assert asked == ["w1"]
    assert claim.reply.message == dataclasses.replace(counts, notes=shown)


def test_marking_rows_sent_claims_the_rows_they_held_back_in_the_same_transaction(engine):
    store, outbox = SqlStore(engine), Outbox(engine)
    channels = [ChannelKey("slack", "T1", f"C{n}") for n in range(3)]
    for channel in channels:
        write(store, outbox, channel, ["one", "two"])
    claims = outbox.claim("dispatcher", limit=10)
    assert [c.reply.message.key for c in claims] == ["one", "one", "one"]
    lost, following = outbox.mark_sent_and_claim(claims[:2], "dispatcher", limit=10)
    assert lost == []
    # C2's "two" still waits behind its "one", which is in hand and not yet sent.
    assert sorted(c.channel.channel for c in following) == ["C0", "C1"]
    assert {c.reply.message.key for c in following} == {"two"}
    lost, none_left = outbox.mark_sent_and_claim([claims[2]], "dispatcher", limit=0)
    assert (lost, none_left) == ([], [])
    [last] = outbox.claim("dispatcher", limit=10)
    assert (last.channel.channel, last.reply.message.key) == ("C2", "two")
