"""The wall on a circle message: a pure Block Kit builder, checked against its snapshot."""


def test_a_circle_message_with_notes_matches_its_reviewed_snapshot():
    from adapters.slack.render import circle_message
    from core.circles import Circle
    from core.messages import WallNote
    from core.model import Colour, Step
    from tests.unit.slack.test_block_kit import _matches_snapshot

    notes = (
        WallNote("M1", Colour.GREEN, "Mere tid til borgerne", "Bo"),
        WallNote("M2", Colour.RED, "Skærmen *fylder* mere <!here>", None),
    )
    counts = {Colour.ORANGE: 0, Colour.GREEN: 1, Colour.RED: 1}
    message = circle_message("w1", Circle.MEANINGFUL, Step.EXPECTATIONS, counts, "da", notes)
    _matches_snapshot("circle_wall_meaningful_expectations_da", message.blocks)
