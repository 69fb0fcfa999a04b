"""Texts for taking stock after the roll-out: the check-in, answers, the stock-taking with the
original's questions, learnings, what can be acted on, agreements done, prerequisites met."""

from __future__ import annotations

CHECKINS: dict[str, dict[str, str]] = {
    # --- the check-in post ---
    "checkin_heading": {
        "da": "Tjek {number} · {technology}",
        "en": "Check-in {number} · {technology}",
    },
    "checkin_intro": {
        "da": "Hvordan har jeres arbejde ændret sig med {technology}? Sig for hver cirkel, om "
        "det er blevet bedre, er det samme eller er blevet værre. »Samme« er også et svar.",
        "en": "How has your work changed with {technology}? For each circle, say whether it "
        "got better, stayed the same or got worse. “Same” is an answer too.",
    },
    "checkin_how": {
        "da": "Svar: /rasmus tjek <cirkel> bedre|samme|værre [kommentar]. Et nyt svar for samme "
        "cirkel erstatter dit første. Vil du svare anonymt, så brug knapperne eller kortet: "
        "så står dit svar ikke i kanalen under dit navn.",
        "en": "Answer: /rasmus checkin <circle> better|same|worse [comment]. A new answer for the "
        "same circle replaces your first. To answer anonymously, use the buttons or the card, "
        "so your answer never sits in the channel under your name.",
    },
    "checkin_closes": {
        "da": "Svarene samles til og med {day}; så gør vi status sammen.",
        "en": "Answers are gathered until {day}; then we take stock together.",
    },
    "checkin_agreements": {
        "da": "Aftaler, der stadig er åbne:",
        "en": "Agreements still open:",
    },
    "checkin_no_agreements": {
        "da": "Ingen åbne aftaler lige nu.",
        "en": "No open agreements right now.",
    },
    "agreement_open": {"da": "åben", "en": "open"},
    "agreement_due": {"da": "skal nås nu", "en": "due now"},
    "agreement_overdue": {"da": "over tiden", "en": "overdue"},
    "agreement_done_label": {"da": "gjort", "en": "done"},
    "rating_better": {"da": "bedre", "en": "better"},
    "rating_same": {"da": "samme", "en": "same"},
    "rating_worse": {"da": "værre", "en": "worse"},
    # --- an answer, shown only to whoever gave it ---
    "answer_saved": {
        "da": "Tak! Dit svar {label} er gemt: {circle} · {rating}.",
        "en": "Thank you! Your answer {label} is saved: {circle} · {rating}.",
    },
    "answer_replaced": {
        "da": "Det erstatter dit tidligere svar for {circle}.",
        "en": "It replaces your earlier answer for {circle}.",
    },
    "answer_named": {
        "da": "Skift mening? Svar igen for samme cirkel, så gælder det nye.",
        "en": "Changed your mind? Answer again for the same circle and the new one counts.",
    },
    "answer_anonymous": {
        "da": "Svaret er anonymt: intet om dig er gemt, så det kan ikke rettes bagefter.",
        "en": "The answer is anonymous: nothing about you is kept, so it can't be changed later.",
    },
    # --- the stock-taking ---
    "stock_heading": {
        "da": "Status efter tjek {number} · {technology}",
        "en": "Taking stock after check-in {number} · {technology}",
    },
    "stock_people": {
        "da": "{people} har svaret. Her er det, I forventede, ved siden af det, I har oplevet.",
        "en": "{people} answered. Here is what you expected beside what you lived.",
    },
    "stock_held_back": {
        "da": "Nogle anonyme svar venter, til flere har svaret, så ingen kan genkendes.",
        "en": "Some anonymous answers wait until more people have answered, so nobody can be "
        "singled out.",
    },
    "stock_expected": {"da": "Forventet", "en": "Expected"},
    "stock_experienced": {"da": "Oplevet", "en": "Experienced"},
    "stock_counts": {
        "da": "bedre {better} · samme {same} · værre {worse}",
        "en": "better {better} · same {same} · worse {worse}",
    },
    "stock_earlier": {"da": "tjek {number}: {counts}", "en": "check-in {number}: {counts}"},
    "stock_nothing": {"da": "(intet)", "en": "(nothing)"},
    "marked_actionable": {"da": "I kan gøre noget ved den", "en": "you can act on it"},
    "stock_ask_better": {
        "da": "Hvor det blev bedre: hvordan lykkedes det, så I kan gøre det igen? "
        "Skriv det med /rasmus læring [cirkel] <tekst>.",
        "en": "Where it got better: how did you manage it, so you can do it again? "
        "Write it with /rasmus learning [circle] <text>.",
    },
    "stock_ask_worse": {
        "da": "Hvor det blev værre: hvilke forværringer kan I gøre noget ved? "
        "Mærk dem med /rasmus handlebar <id>.",
        "en": "Where it got worse: which of these can you do something about? "
        "Mark them with /rasmus actionable <id>.",
    },
    "stock_ask_agree": {
        "da": "Hvordan går I videre? Facilitatoren skriver nye aftaler: "
        "/rasmus aftale <hvem> <dato> <hvad>.",
        "en": "How do you go on? The facilitator writes new agreements: "
        "/rasmus agree <who> <date> <what>.",
    },
    "stock_ask_agree_closed": {
        "da": "Hvordan går I videre? Workshoppen er afsluttet; en facilitator kan genåbne den "
        "med /rasmus genåbn og skrive nye aftaler.",
        "en": "How do you go on? The workshop is closed; a facilitator can reopen it with "
        "/rasmus reopen and write new agreements.",
    },
    # --- refusals and hints ---
    "no_open_checkin": {
        "da": "Der er ikke noget tjek åbent for svar lige nu.",
        "en": "No check-in is taking answers right now.",
    },
    "hint_next_checkin": {
        "da": "Det næste kommer {day}.",
        "en": "The next one comes on {day}.",
    },
    "hint_no_checkins": {
        "da": "En facilitator planlægger tjek med /rasmus tjekplan, fx 1m 3m.",
        "en": "A facilitator plans check-ins with /rasmus checkins, e.g. 1m 3m.",
    },
    "unknown_checkin": {
        "da": "Tjek {number} findes ikke eller er ikke sendt endnu.",
        "en": "Check-in {number} doesn't exist or hasn't been posted yet.",
    },
    "checkin_closed": {
        "da": "Tjek {number} er lukket, og status er gjort.",
        "en": "Check-in {number} is closed, and stock has been taken.",
    },
    "hint_checkin": {
        "da": "Skriv fx /rasmus tjek realistisk bedre Vagtplanen er nem at læse.",
        "en": "For example: /rasmus checkin realistic better The rota is easy to read.",
    },
    "missing_circle_checkin": {
        "da": "Hvilken cirkel svarer du for?",
        "en": "Which circle is your answer for?",
    },
    "missing_rating": {
        "da": "Er det blevet bedre, det samme eller værre?",
        "en": "Did it get better, stay the same or get worse?",
    },
    "bad_rating": {
        "da": "»{word}« er hverken bedre, samme eller værre.",
        "en": "“{word}” is not better, same or worse.",
    },
    "hint_answer_privately": {
        "da": "Brug tjekkets knapper eller kort og vælg »anonym«, eller skriv til RASMUS i en "
        "personlig chat: kun du ser, hvad du sender derfra.",
        "en": "Use the check-in's buttons or card and choose “anonymous”, or write to RASMUS in "
        "a personal chat: only you see what you send from there.",
    },
    "learning_added": {
        "da": "Tak! Læringen {short_id} er gemt, så I kan bruge den igen.",
        "en": "Thank you! The learning {short_id} is kept, so you can use it again.",
    },
    "no_learnings_yet": {
        "da": "Læring samler I, når I gør status efter udrulningen.",
        "en": "Learnings are gathered when you take stock after the roll-out.",
    },
    "hint_learning_later": {
        "da": "Skriv den ved opfølgningen; indtil da kan den stå som en note.",
        "en": "Write it at the follow-up; until then it can be a note.",
    },
    "hint_learning": {
        "da": "Skriv fx /rasmus læring realistisk Vi øvede systemet i små hold først.",
        "en": "For example: /rasmus learning realistic We practised in small groups first.",
    },
    "actionable_marked": {
        "da": "{short_id} er mærket: den kan I gøre noget ved.",
        "en": "{short_id} is marked: you can do something about it.",
    },
    "actionable_unmarked": {
        "da": "{short_id} er ikke længere mærket.",
        "en": "{short_id} is no longer marked.",
    },
    "unknown_answer": {
        "da": "Jeg kan ikke finde svaret »{short_id}« i en status.",
        "en": "I can't find the answer “{short_id}” in a stock-taking.",
    },
    "not_worse": {
        "da": "»{short_id}« er ikke et værre-svar.",
        "en": "“{short_id}” is not a worse answer.",
    },
    "not_red": {
        "da": "{short_id} er ikke en rød note.",
        "en": "{short_id} is not a red note.",
    },
    "missing_actionable_id": {
        "da": "Hvad kan I gøre noget ved? Skriv id'et på en rød note eller et værre-svar.",
        "en": "What can you act on? Give the id of a red note or a worse answer.",
    },
    "hint_actionable": {
        "da": "Skriv fx /rasmus handlebar R2 eller /rasmus handlebar E4; id'erne står i "
        "statusopgørelsen.",
        "en": "For example: /rasmus actionable R2 or /rasmus actionable E4; the ids are in the "
        "stock-taking.",
    },
    # --- agreements done and reopened ---
    "agreement_done": {
        "da": "{short_id} er gjort. Tak, {who}!",
        "en": "{short_id} is done. Thank you, {who}!",
    },
    "agreement_reopened": {
        "da": "{short_id} er åben igen ({who}).",
        "en": "{short_id} is open again ({who}).",
    },
    "unknown_agreement": {
        "da": "Jeg kan ikke finde aftalen »{short_id}«.",
        "en": "I can't find the agreement “{short_id}”.",
    },
    "missing_agreement_id": {
        "da": "Hvilken aftale? Skriv dens id, fx AF1.",
        "en": "Which agreement? Give its id, e.g. AF1.",
    },
    "not_owner": {
        "da": "Kun dem, {short_id} nævner, og facilitatorerne kan melde den gjort eller åben.",
        "en": "Only the people {short_id} names, and the facilitators, can mark it done or open.",
    },
    "hint_ask_owner": {"da": "Spørg {people}.", "en": "Ask {people}."},
    "already_done": {"da": "{short_id} er allerede gjort.", "en": "{short_id} is done already."},
    "hint_reopen_agreement": {
        "da": "Er den alligevel ikke gjort, så skriv /rasmus genåbn {short_id}.",
        "en": "If it isn't done after all, type /rasmus reopen {short_id}.",
    },
    "not_done": {"da": "{short_id} er stadig åben.", "en": "{short_id} is still open."},
    "hint_mark_done": {
        "da": "Når den er gjort: /rasmus færdig {short_id}.",
        "en": "When it is done: /rasmus done {short_id}.",
    },
    "hint_done": {
        "da": "Skriv fx /rasmus færdig AF1. Se aftalerne med /rasmus tavle.",
        "en": "For example: /rasmus done AF1. See the agreements with /rasmus board.",
    },
    "reopen_what": {
        "da": "»{word}« er ikke en aftale; kun aftaler og workshoppen kan genåbnes.",
        "en": "“{word}” is not an agreement; only agreements and the workshop can be reopened.",
    },
    "hint_reopen": {
        "da": "Skriv /rasmus genåbn AF1 for en aftale, eller /rasmus genåbn for workshoppen.",
        "en": "Type /rasmus reopen AF1 for an agreement, or /rasmus reopen for the workshop.",
    },
    # --- prerequisites met ---
    "prereq_met": {"da": "{short_id} er opfyldt.", "en": "{short_id} is met."},
    "prereq_not_met": {
        "da": "{short_id} er ikke opfyldt endnu.",
        "en": "{short_id} is not met yet.",
    },
    "prereq_met_unknown": {
        "da": "For {short_id} er det ikke afgjort endnu.",
        "en": "For {short_id} it isn't settled yet.",
    },
    "bad_met": {
        "da": "»{word}« er hverken ja eller nej.",
        "en": "“{word}” is neither yes nor no.",
    },
    "hint_met": {
        "da": "Skriv fx /rasmus opfyldt F2 eller /rasmus opfyldt F2 nej.",
        "en": "For example: /rasmus met F2 or /rasmus met F2 no.",
    },
    "action_close_checkin": {"da": "lukke et tjek", "en": "close a check-in"},
    "action_met": {
        "da": "sige, om en forudsætning er opfyldt",
        "en": "say whether a prerequisite is met",
    },
    # --- board, report and status ---
    "board_learnings": {"da": "Læring", "en": "Learnings"},
    "board_checkins": {"da": "Tjek", "en": "Check-ins"},
    "checkin_planned": {
        "da": "tjek {number} · kommer {day}",
        "en": "check-in {number} · due {day}",
    },
    "checkin_open": {
        "da": "tjek {number} · åbent til {day} · {answers} svar",
        "en": "check-in {number} · open until {day} · {answers} answers",
    },
    "checkin_done": {
        "da": "tjek {number} · status gjort {day} · {counts}",
        "en": "check-in {number} · stock taken {day} · {counts}",
    },
    "checkin_missed": {
        "da": "tjek {number} · ikke sendt (for sent)",
        "en": "check-in {number} · not posted (too late)",
    },
    "prereq_state_met": {"da": "opfyldt", "en": "met"},
    "prereq_state_not_met": {"da": "ikke opfyldt", "en": "not met"},
    "after_checkin": {"da": "Efter tjek {number}", "en": "After check-in {number}"},
    "learnings_before": {"da": "Før det første tjek", "en": "Before the first check-in"},
    "status_agreement_states": {
        "da": "Aftaler: {open} åbne · {done} gjort · {overdue} over tiden.",
        "en": "Agreements: {open} open · {done} done · {overdue} overdue.",
    },
}
