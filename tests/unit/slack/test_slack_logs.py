"""Slack's SDK logs whole request bodies at DEBUG (an anonymous answer's author and text among
them): its loggers stay at INFO whatever the root level becomes after the mount."""

import logging

import pytest

from adapters.slack.mount import _keep_payloads_out_of_logs

NAMES = ("slack_bolt", "slack_sdk")


@pytest.fixture
def loggers_as_found():
    root = logging.getLogger()
    saved = root.level, {name: logging.getLogger(name).level for name in NAMES}
    yield
    root.setLevel(saved[0])
    for name, level in saved[1].items():
        logging.getLogger(name).setLevel(level)


def test_a_root_level_lowered_to_debug_after_the_mount_never_reaches_slacks_loggers(
    loggers_as_found,
):
    for name in NAMES:
        logging.getLogger(name).setLevel(logging.NOTSET)
    logging.getLogger().setLevel(logging.INFO)
    _keep_payloads_out_of_logs()
    logging.getLogger().setLevel(logging.DEBUG)
    for name in NAMES:
        assert not logging.getLogger(f"{name}.web.base_client").isEnabledFor(logging.DEBUG)
        assert logging.getLogger(name).isEnabledFor(logging.INFO)
