"""Agreements followed up: closed and reopened by an owner or a facilitator, shown open, done
or overdue, grouped under the check-in they came from; prerequisites marked met."""

from datetime import UTC, datetime

from core import commands as c
from core.agenda import AgreementState, checkin_post
from core.events import AgreementDone, AgreementReopened, PrerequisiteMet
from core.language import parse
from core.messages import Audience, BoardView, CheckInPost, Refusal, Said, StatusView
from core.model import Step
from core.plain import render
from core.report import markdown_report
from tests.unit.checkin_steps import messages, plan, post, stored, walk_to
from tests.unit.test_workshop_flow import refusal


def agreed(say, service):
    say("ny Vagtplan")
    walk_to(say, Step.PREREQUISITES)
    say("forudsætning før Alle får oplæring")
    walk_to(say, Step.AGREEMENTS)
    say("aftale <@bo> og <@cy> 1/12-2026 Indkalder til møde")
    say("aftale Mette 1/3-2027 Evaluering")


def test_an_owner_named_in_the_agreement_marks_it_done(say, service):
    agreed(say, service)
    outcome = say.as_("cy")("færdig AF1")
    assert [type(e) for e in outcome.events] == [AgreementDone]
    [said] = messages(outcome, Said)
    assert said.key == "agreement_done" and outcome.replies[0].audience is Audience.CHANNEL
    assert stored(service).find("AF1").is_done


def test_a_facilitator_marks_any_agreement_done_and_reopens_it(say, service):
    agreed(say, service)
    say("done AF2")
    assert stored(service).find("AF2").is_done
    outcome = say("reopen AF2")
    assert [type(e) for e in outcome.events] == [AgreementReopened]
    assert not stored(service).find("AF2").is_done


def test_someone_else_is_refused_with_whom_to_ask(say, service):
    agreed(say, service)
    outcome = say.as_("dan")("færdig AF1")
    assert refusal(outcome) == "not_owner"
    [refused] = messages(outcome, Refusal)
    assert refused.hint == "hint_ask_owner"
    text = render(refused, "da")
    assert "@bo" in text and "@cy" in text and "@anne" in text
    # A plain name cannot be checked, so only the facilitators close that one.
    assert refusal(say.as_("mette")("færdig AF2")) == "not_owner"
    assert refusal(say.as_("dan")("genåbn AF1")) == "not_owner"
    assert not stored(service).find("AF1").is_done


def test_done_twice_or_reopening_an_open_one_is_refused_with_the_way_back(say, service):
    agreed(say, service)
    say.as_("bo")("færdig AF1")
    outcome = say.as_("bo")("færdig AF1")
    assert refusal(outcome) == "already_done"
    assert "genåbn AF1" in render(messages(outcome, Refusal)[0], "da")
    say.as_("bo")("genåbn AF1")
    assert refusal(say.as_("bo")("genåbn AF1")) == "not_done"
    assert refusal(say("færdig AF9")) == "unknown_agreement"


def test_reopen_with_an_agreement_id_reopens_that_and_bare_reopen_the_workshop():
    assert parse("genåbn AF3") == c.ReopenAgreement("AF3")
    assert parse("reopen af3") == c.ReopenAgreement("AF3")
    assert parse("genåbn") == c.ReopenWorkshop()
    assert parse("reopen the workshop") == c.ReopenWorkshop()
    refused = parse("genåbn R2")
    assert isinstance(refused, Refusal) and refused.key == "reopen_what"
    assert isinstance(parse("færdig"), Refusal) and isinstance(parse("done F1"), Refusal)


def test_agreements_made_in_follow_up_belong_to_the_latest_posted_check_in(say, service):
    agreed(say, service)
    walk_to(say, Step.FOLLOW_UP)
    say("aftale Mette 1/4-2027 Uden tjek endnu")
    plan(service)
    post(service, 1)
    say("tjek luk")
    say("aftale <@bo> 1/5-2027 Ny oplæring")
    checkins = [a.checkin for a in stored(service).agreements]
    assert checkins == [None, None, None, 1]
    board = render(BoardView(stored(service)), "en")
    assert board.index("After check-in 1:") < board.index("Ny oplæring")


def test_board_status_and_report_show_open_done_and_overdue(say, service, clock):
    agreed(say, service)
    say.as_("bo")("færdig AF1")
    clock.now = datetime(2027, 3, 5, 9, 0, tzinfo=UTC)  # AF2's day has passed
    board = render(messages(say("board"), BoardView)[0], "en")
    assert "Indkalder til møde · done" in board and "Evaluering · overdue" in board
    status = render(messages(say("status"), StatusView)[0], "en")
    assert "Agreements: 0 open · 1 done · 1 overdue." in status
    report = markdown_report(stored(service), clock.now)
    assert "Evaluering · over tiden" in report and "møde · gjort" in report  # its language


def test_before_the_follow_up_an_open_agreement_shows_no_state(say, service):
    agreed(say, service)
    board = render(BoardView(stored(service)), "en")
    assert "Evaluering\n" in board + "\n" and "· open" not in board


def test_the_check_in_post_lists_open_agreements_overdue_first(say, service, clock):
    agreed(say, service)
    say("aftale Mette 4/11-2026 Snart")
    walk_to(say, Step.FOLLOW_UP)
    plan(service)
    clock.now = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)  # AF1 falls due in the window
    say("færdig AF2")
    post(service, 1)
    content = checkin_post(stored(service), 1)
    states = [(a.short_id, s) for a, s in content.agreements]
    assert states == [("AF3", AgreementState.OVERDUE), ("AF1", AgreementState.DUE)]
    text = render(CheckInPost(stored(service), 1), "en")
    assert "Snart · overdue" in text and "Evaluering" not in text  # AF2 is done
    assert text.count("-- ") == 6  # every circle


def test_a_facilitator_marks_a_prerequisite_met_or_not(say, service):
    agreed(say, service)
    walk_to(say, Step.FOLLOW_UP)
    outcome = say("opfyldt F1")
    assert outcome.events == [PrerequisiteMet("F1", True)]
    assert outcome.replies[0].audience is Audience.CHANNEL
    say("met F1 no")
    assert stored(service).find("F1").met is False
    again = say("met F1 no")
    assert again.events == [] and again.replies[0].audience is Audience.PRIVATE
    assert "not met" in render(BoardView(stored(service)), "en")
    assert refusal(say.as_("bo")("opfyldt F1 ja")) == "facilitator_only"
    assert refusal(say("opfyldt F9")) == "unknown_prereq"
    assert isinstance(parse("opfyldt F1 måske"), Refusal)
    assert parse("met F1 ?") == c.MarkPrerequisite("F1", None)
