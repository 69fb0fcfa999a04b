"""Names from platforms are cleaned like typed text (issue 9, finding 10)."""

from adapters.slack.render import rendered
from core.messages import Audience
from core.model import Actor, ChannelKey
from core.service import Incoming

SLACK = ChannelKey("slack", "T1", "C1")


def test_a_display_name_with_slacks_person_markers_never_becomes_a_live_mention(service):
    sneaky = Actor("U0ANNE", "\ue000U0ADMIN\ue001 \u202eAnne")
    outcome = service.handle(Incoming(SLACK, sneaky, text="ny Vagtplan"))
    welcome = [rendered(r.message, r.language) for r in outcome.replies]
    assert outcome.workshop.started_by.display_name == "U0ADMIN Anne"
    assert any("U0ADMIN Anne" in text for text in welcome)
    assert not any("<@U0ADMIN>" in text for text in welcome)
    assert [r.audience for r in outcome.replies].count(Audience.CHANNEL) >= 1


def test_a_name_of_only_controls_falls_back_to_the_user_id(service):
    outcome = service.handle(Incoming(SLACK, Actor("U0ANNE", "\x00\u200e\ue000"), text="ny X"))
    assert outcome.workshop.started_by.label == "U0ANNE"
