"""Texts for the wall, the board's votes and ties, and the method's freedoms (votes, names,
facilitators stepping down, reopening, repeating a step)."""

from __future__ import annotations

WALL: dict[str, dict[str, str]] = {
    # --- the wall: each circle's message ---
    "wall_more": {
        "da": "+ {count} ældre noter her. Se dem alle med /rasmus tavle {circle}.",
        "en": "+ {count} older notes here. See them all with /rasmus board {circle}.",
    },
    "wall_show_all": {"da": "Se alle noter", "en": "See all notes"},
    "wall_none": {"da": "Ingen noter endnu.", "en": "No notes yet."},
    # --- the board: prerequisites with their votes and ties ---
    "timing_none": {"da": "Uden tidspunkt", "en": "Any time"},
    "votes_count": {"da": "stemmer: {count}", "en": "votes: {count}"},
    "tied_to_note": {"da": "til {short_id}", "en": "for {short_id}"},
    "tied_to_prereq": {"da": "for {short_id}", "en": "for {short_id}"},
    "board_circle_heading": {
        "da": "Alle noter · {circle} · {technology}",
        "en": "All notes · {circle} · {technology}",
    },
    # --- votes ---
    "vote_cast": {
        "da": "Din stemme er på {short_id} (stemmer nu: {votes}). Du har {left} tilbage.",
        "en": "Your vote is on {short_id} (votes now: {votes}). You have {left} left.",
    },
    "vote_taken_back": {
        "da": "Din stemme på {short_id} er taget tilbage (stemmer nu: {votes}). "
        "Du har {left} tilbage.",
        "en": "Your vote on {short_id} is taken back (votes now: {votes}). You have {left} left.",
    },
    "no_votes_left": {
        "da": "Du har brugt dine tre stemmer: {ids}.",
        "en": "You have used your three votes: {ids}.",
    },
    "hint_vote_back": {
        "da": "Stem på den samme igen for at tage en stemme tilbage, fx /rasmus stem {first}.",
        "en": "Vote for the same one again to take a vote back, e.g. /rasmus vote {first}.",
    },
    "missing_prereq_id": {
        "da": "Hvilken forudsætning? Skriv dens id, fx F2.",
        "en": "Which prerequisite? Give its id, e.g. F2.",
    },
    "unknown_prereq": {
        "da": "Jeg kan ikke finde forudsætningen »{short_id}«.",
        "en": "I can't find the prerequisite “{short_id}”.",
    },
    "unknown_note": {
        "da": "Jeg kan ikke finde noten »{short_id}«.",
        "en": "I can't find the note “{short_id}”.",
    },
    "hint_vote": {
        "da": "Skriv fx /rasmus stem F2. Se forudsætningerne med /rasmus tavle.",
        "en": "For example: /rasmus vote F2. See the prerequisites with /rasmus board.",
    },
    # --- names on the wall ---
    "names_on": {
        "da": "Noterne viser nu, hvem der skrev dem (undtagen de anonyme).",
        "en": "The notes now show who wrote them (except the anonymous ones).",
    },
    "names_off": {
        "da": "Noterne viser ingen navne nu, som post-its på en væg. Hver kan stadig rette "
        "sine egne noter.",
        "en": "The notes show no names now, like post-its on a wall. Everyone can still "
        "correct their own.",
    },
    "names_on_already": {"da": "Navnene vises allerede.", "en": "Names are shown already."},
    "names_off_already": {"da": "Navnene er allerede skjult.", "en": "Names are hidden already."},
    "bad_names": {
        "da": "»{word}« er hverken til eller fra.",
        "en": "“{word}” is neither on nor off.",
    },
    "hint_names": {
        "da": "Skriv /rasmus navne til eller /rasmus navne fra.",
        "en": "Type /rasmus names on or /rasmus names off.",
    },
    "action_names": {"da": "vise eller skjule navne", "en": "show or hide names"},
    # --- facilitators ---
    "facilitator_removed": {
        "da": "{who} er ikke længere facilitator.",
        "en": "{who} is no longer a facilitator.",
    },
    "not_facilitator": {"da": "{who} er ikke facilitator.", "en": "{who} is not a facilitator."},
    "hint_facilitators_are": {
        "da": "Facilitatorerne er: {facilitators}.",
        "en": "The facilitators are: {facilitators}.",
    },
    "last_facilitator": {
        "da": "{who} er den sidste facilitator, og en workshop skal have en.",
        "en": "{who} is the last facilitator, and a workshop needs one.",
    },
    "hint_add_facilitator_first": {
        "da": "Tilføj først en anden med /rasmus facilitator <hvem>.",
        "en": "Add someone else first with /rasmus facilitator <who>.",
    },
    "hint_facilitator_remove": {
        "da": "Skriv fx /rasmus facilitator fjern @Mette.",
        "en": "For example: /rasmus facilitator remove @Mette.",
    },
    # --- reopening and repeating ---
    "reopened": {
        "da": "Workshoppen om {technology} er åben igen, i trinnet »{step}«.",
        "en": "The workshop about {technology} is open again, in the step “{step}”.",
    },
    "not_closed": {
        "da": "Workshoppen om {technology} er åben; der kan kun være én åben ad gangen.",
        "en": "The workshop about {technology} is open; there can be only one open at a time.",
    },
    "action_reopen": {"da": "genåbne workshoppen", "en": "reopen the workshop"},
    "action_again": {"da": "vise trinnet igen", "en": "show the step again"},
}
