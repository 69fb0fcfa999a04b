"""The replay memory: the first writer of a key wins on both databases, and old keys go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from adapters.persistence.seen_once import SeenOnce, fingerprint

NOW = datetime(2026, 11, 29, 21, 0, tzinfo=UTC)


def test_a_key_is_new_once_and_a_second_instance_on_the_same_database_agrees(engine):
    first, second = (SeenOnce(engine, "test.seen", timedelta(minutes=11)) for _ in range(2))
    key = fingerprint("v0=abc")
    assert first.first_time(key, NOW)
    assert not first.first_time(key, NOW + timedelta(seconds=60))
    assert not second.first_time(key, NOW + timedelta(seconds=61))
    assert second.first_time(fingerprint("v0=abd"), NOW)


def test_keys_older_than_the_window_are_swept_and_hold_no_request_text(engine):
    seen = SeenOnce(engine, "test.seen", timedelta(minutes=11))
    assert seen.first_time(fingerprint("v0=old", "UANNE"), NOW)
    later = NOW + timedelta(minutes=12)
    assert seen.first_time(fingerprint("v0=new"), later)
    with engine.connect() as connection:
        keys = (
            connection.execute(text("SELECT key FROM platform_state WHERE namespace = 'test.seen'"))
            .scalars()
            .all()
        )
    assert keys == [fingerprint("v0=new")]
    assert all("UANNE" not in key for key in keys)


def test_requests_recorded_together_are_each_new_only_if_all_their_keys_are(engine):
    seen = SeenOnce(engine, "test.seen", timedelta(minutes=11))
    assert seen.first_time("request:old", NOW)
    answers = seen.all_first_times(
        [
            (["request:a", "click:1"], NOW),  # both new
            (["request:b", "click:1"], NOW),  # the same click a second time in one batch
            (["request:old"], NOW),  # seen in an earlier transaction
            (["request:a"], NOW),  # a repeat inside the batch
            (["request:c"], NOW),
        ]
    )
    assert answers == [True, False, False, False, True]
