"""Steps the Teams end-to-end tests share: finding cards in the emulator's stream."""

from __future__ import annotations

from tests.e2e.teams.playground import card_of, texts_of


def is_card_headed(title: str):
    def matches(event: dict) -> bool:
        card = card_of(event)
        return (
            bool(card)
            and event["action"] == "createMessage"
            and card["body"][0].get("text", "") == title
        )

    return matches


def mentions_text(fragment: str):
    return lambda event: fragment in texts_of(event)


async def circle_cards(teams, after: int) -> dict[str, dict]:
    names = ["Realistic", "Recognised", "Autonomous", "Meaningful", "Developing", "Healthy & safe"]
    return {
        name: await teams.playground.wait_for(is_card_headed(name), after=after) for name in names
    }


def was_targeted_at(teams, user_id: str, fragment: str) -> bool:
    return any(
        user_id == (sent.body or {}).get("recipient", {}).get("id") and fragment in str(sent.body)
        for sent in teams.recorder.targeted()
    )


async def start_today(teams) -> dict[str, dict]:
    await teams.playground.mention("start Rostering")
    await teams.playground.settle()
    await teams.playground.mention("lang en")
    await teams.playground.settle()
    mark = len(teams.playground.events)
    await teams.playground.mention("next")
    return await circle_cards(teams, mark)
