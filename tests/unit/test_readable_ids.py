"""Ids follow the model's own letters, stay put when the language changes, and are always
shown with their circle's or kind's name in the workshop's language."""

from core.ids import canonical_id, id_label
from core.messages import ItemConfirmed, ItemRemoved, Refusal
from core.plain import render


def walk(say, steps):
    for _ in range(steps):
        say("næste")


def test_notes_take_the_models_letters_with_ss_for_sundt_og_sikkert(say):
    say("ny Vagtplan")
    walk(say, 1)
    for circle in ("realistisk", "anerkendt", "selvstændigt", "meningsfyldt", "udviklende"):
        say(f"note {circle} x")
    ids = [n.short_id for n in say("note sundt x").workshop.notes]
    assert ids == ["R1", "A1", "S1", "M1", "U1", "SS1"]


def test_an_old_h_id_typed_by_people_still_finds_the_ss_note(say):
    say("ny Vagtplan")
    walk(say, 1)
    say("note sundt Ondt i ryggen")
    assert canonical_id("h1") == "SS1"
    assert say("ret H1 Ondt i nakken").workshop.find("SS1").text == "Ondt i nakken"
    assert say("ret ss1 Ondt i skulderen").workshop.find("H1").text == "Ondt i skulderen"


def test_ids_stay_the_same_when_the_language_changes_and_show_the_name_in_it(say):
    say("ny Vagtplan")
    walk(say, 1)
    say("note selvstændigt Vi bytter selv vagter")
    say("sprog en")
    say("next")
    say("next")
    outcome = say("prereq before Training for all")
    [receipt] = [r.message for r in outcome.replies if isinstance(r.message, ItemConfirmed)]
    assert receipt.item.short_id == "F1"
    assert "F1 · prerequisite" in render(receipt, "en")
    board = render(say("board").replies[0].message, "en")
    assert "S1 · Autonomous (orange) Vi bytter selv vagter" in board
    assert "F1 · prerequisite" in board
    assert "S1 · Selvstændigt" in render(say("board").replies[0].message, "da")


def test_receipts_removals_and_refusals_name_the_circle_or_kind(say):
    say("ny Vagtplan")
    walk(say, 1)
    receipt = say("note udviklende Nye opgaver").replies[0].message
    assert render(receipt, "da").startswith("Tak! Din note U1 · Udviklende er på tavlen.")
    assert "/rasmus ret U1 <ny tekst>" in render(receipt, "da")  # commands keep the bare id
    removed = [r.message for r in say("fjern U1").replies if isinstance(r.message, ItemRemoved)]
    assert render(removed[0], "da") == "En facilitator har taget U1 · Udviklende af tavlen."
    refusal = say("træk U1").replies[0].message
    assert isinstance(refusal, Refusal)
    assert "»U1 · Udviklende«" in render(refusal, "da")


def test_every_kind_of_id_has_a_name_in_both_languages():
    assert id_label("R2", "da") == "R2 · Realistisk"
    assert id_label("a1", "en") == "A1 · Recognised"
    assert id_label("SS3", "en") == "SS3 · Healthy & safe"
    assert id_label("F2", "da") == "F2 · forudsætning"
    assert id_label("AF1", "da") == "AF1 · aftale"
    assert id_label("AF1", "en") == "AF1 · agreement"
    assert id_label("X9", "da") == "X9"  # names nothing: shown as typed
