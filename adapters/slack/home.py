"""App Home: the person's workshops, the step each is in, and the agreements they own.

A pure builder; Slack allows 100 blocks in a Home view, so long lists are cut with a note
rather than rejected.
"""

from __future__ import annotations

from adapters.slack.blocks import Block, context, divider, header, section
from adapters.slack.escape import escape_user_text
from adapters.slack.labels import label
from core.agenda import owners
from core.dates import show_day
from core.model import ItemStatus, Step, Workshop
from core.texts import t

MAX_HOME_BLOCKS = 100


def _open_agreements(workshop: Workshop, user_id: str):
    """Theirs alone or with others (`<@U1> og <@U2>`), and not done yet."""
    return [
        a
        for a in workshop.agreements
        if a.status is ItemStatus.ACTIVE
        and not a.is_done
        and (user_id in owners(a) or a.owner == user_id)
    ]


def home_view(workshops: list[Workshop], user_id: str, default_language: str = "da") -> Block:
    lang = workshops[0].language if workshops else default_language
    blocks: list[Block] = [header(label("home_heading", lang))]
    if not workshops:
        blocks.append(section(label("no_workshops", lang)))
    for workshop in workshops:
        wl = workshop.language
        step = t(f"step_{workshop.step.value}", wl)
        line = label(
            "home_line",
            wl,
            technology=f"*{escape_user_text(workshop.technology)}*",
            channel=workshop.channel.channel,
            step=step,
        )
        blocks.append(section(line))
    blocks += [divider(), header(label("home_agreements", lang))]
    agreements = [
        (w, a) for w in workshops if w.step is not Step.CLOSED for a in _open_agreements(w, user_id)
    ]
    if not agreements:
        blocks.append(context(label("home_no_agreements", lang)))
    for workshop, agreement in agreements:
        due = show_day(agreement.due, workshop.language)
        technology = escape_user_text(workshop.technology)
        blocks.append(
            section(
                f"*{due}* · {escape_user_text(agreement.what)}\n_{technology}_ "
                f"(<#{workshop.channel.channel}>)"
            )
        )
    if len(blocks) > MAX_HOME_BLOCKS:
        blocks = blocks[: MAX_HOME_BLOCKS - 1] + [context("…")]
    return {"type": "home", "blocks": blocks}
