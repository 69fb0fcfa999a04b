"""Texts for the steps, the board, receipts and help."""

from __future__ import annotations

FLOW: dict[str, dict[str, str]] = {
    "step_intro": {"da": "De seks cirkler", "en": "The six circles"},
    "step_today": {"da": "I dag", "en": "Today"},
    "step_expectations": {"da": "Forventninger", "en": "Expectations"},
    "step_prerequisites": {"da": "Forudsætninger", "en": "Prerequisites"},
    "step_agreements": {"da": "Aftaler", "en": "Agreements"},
    "step_follow_up": {"da": "Opfølgning", "en": "Follow-up"},
    "step_closed": {"da": "Afsluttet", "en": "Closed"},
    "guide_intro": {
        "da": "I skal have {technology}, og den vil og bør påvirke det gode arbejde. Det gode "
        "arbejde har seks kendetegn: de seks cirkler herunder. Læs dem, og tænk over, hvad de "
        "betyder i jeres hverdag. Facilitatoren går videre, når I er klar.",
        "en": "{technology} is coming, and it will, and should, affect good work. Good work has "
        "six characteristics: the six circles below. Read them and think about what they mean "
        "in your day. The facilitator moves on when you are ready.",
    },
    "facilitator_guide": {
        "da": "Til dig, der er facilitator: Invitér tillidsrepræsentanten (TR) og "
        "arbejdsmiljørepræsentanten (AMR) som medfacilitatorer med /rasmus facilitator <hvem>. "
        "Tag resultaterne med videre til MED-udvalget eller AMU, eller ind i APV'en.",
        "en": "For you, the facilitator: invite the shop steward (TR) and the safety "
        "representative (AMR) as co-facilitators with /rasmus facilitator <who>. Take the "
        "results on to the MED committee or AMU, or into the workplace assessment (APV).",
    },
    "guide_today": {
        "da": "Orange noter: Hvordan oplever I, at de teknologier, I bruger i dag, påvirker hver "
        "cirkel? Skriv så mange noter, I vil, gerne over flere dage.",
        "en": "Orange notes: how do you find that the technologies you use today affect each "
        "circle? Write as many notes as you like, over several days if you wish.",
    },
    "guide_expectations": {
        "da": "Hvordan forventer I, det bliver med {technology}? Grøn (+) er det, I ser som en "
        "forbedring, rød (-) det, I ser som en forringelse.",
        "en": "How do you expect things to be with {technology}? Green (+) is what you see as an "
        "improvement, red (-) what you see as a deterioration.",
    },
    "guide_prerequisites": {
        "da": "Fælles brainstorm: Hvad skal der til, for at {technology} bedst muligt understøtter "
        "det gode arbejde? Hvordan sikrer I, at det grønne bliver til noget, og hvad kan I gøre "
        "for at begrænse det røde? Sig så vidt muligt, om det kan gøres før, under eller efter "
        "udrulningen.",
        "en": "Joint brainstorm: what must be in place for {technology} to support good work as "
        "well as it can? How do you make the green happen, and what can you do to limit the "
        "red? Where you can, say whether it belongs before, during or after the roll-out.",
    },
    "guide_agreements": {
        "da": "Hvem gør hvad hvornår, så I holder fast i det gode arbejde, mens {technology} "
        "vælges, indføres og bruges?",
        "en": "Who does what, and when, so that you keep good work in focus while {technology} "
        "is chosen, brought in and used?",
    },
    "guide_follow_up": {
        "da": "Status: Hvordan har jeres arbejde ændret sig med {technology}? Hvor er det blevet "
        "bedre (+), og hvordan lykkedes det, så I kan bruge erfaringerne igen? Hvor er det blevet "
        "værre (-), og hvilke forværringer kan I gøre noget ved? Aftal, hvordan I går videre.",
        "en": "Taking stock: how has your work changed with {technology}? Where did it get "
        "better (+), and how did you manage it, so you can use that again? Where did it get "
        "worse (-), and which of those can you do something about? Agree how to go on.",
    },
    "guide_closed": {
        "da": "Workshoppen er afsluttet. Tak for snakken! Tavlen kan stadig læses og eksporteres.",
        "en": "The workshop is closed. Thank you for talking! The board can still be read and "
        "exported.",
    },
    # --- what a step collects, when something else is written there ---
    "collects_intro": {
        "da": "Her læser I de seks cirkler.",
        "en": "Here you read the six circles.",
    },
    "collects_today": {"da": "Her skriver I orange noter.", "en": "It collects orange notes."},
    "collects_expectations": {
        "da": "Her skriver I grønne og røde noter.",
        "en": "It collects green and red notes.",
    },
    "collects_prerequisites": {
        "da": "Her samler I forudsætninger: /rasmus forudsætning <før|under|efter> <tekst>.",
        "en": "It collects prerequisites: /rasmus prereq <before|during|after> <text>.",
    },
    "collects_agreements": {
        "da": "Her skriver facilitatoren aftaler: /rasmus aftale <hvem> <dato> <hvad>.",
        "en": "It collects agreements, written by the facilitator: /rasmus agree <who> <date> "
        "<what>.",
    },
    "collects_follow_up": {
        "da": "Her gør I status med noter og nye aftaler.",
        "en": "It takes stock with notes and new agreements.",
    },
    "collects_closed": {"da": "Workshoppen er afsluttet.", "en": "The workshop is closed."},
    "how_today": {
        "da": "Skriv en note: /rasmus note {circle} <tekst>",
        "en": "Add a note: /rasmus note {circle} <text>",
    },
    "how_expectations": {
        "da": "Skriv en note: /rasmus note {circle} +<forbedring> eller -<forværring>",
        "en": "Add a note: /rasmus note {circle} +<improvement> or -<deterioration>",
    },
    "how_prerequisites": {
        "da": "Skriv: /rasmus forudsætning [før|under|efter] [cirkel | for R2] <tekst>. "
        "Stem bagefter: /rasmus stem F1 (tre stemmer hver).",
        "en": "Type: /rasmus prereq [before|during|after] [circle | for R2] <text>. "
        "Then vote: /rasmus vote F1 (three votes each).",
    },
    "how_agreements": {
        "da": "Facilitatoren skriver: /rasmus aftale <hvem> <dato> <hvad> [for F1]",
        "en": "The facilitator types: /rasmus agree <who> <date> <what> [for F1]",
    },
    "step_heading": {
        "da": "Trin {number} af 6 · {step} · {technology}",
        "en": "Step {number} of 6 · {step} · {technology}",
    },
    "colour_orange": {"da": "orange", "en": "orange"},
    "colour_green": {"da": "grøn", "en": "green"},
    "colour_red": {"da": "rød", "en": "red"},
    "colour_green_after": {"da": "bedre", "en": "better"},
    "colour_red_after": {"da": "værre", "en": "worse"},
    "timing_before": {"da": "Før", "en": "Before"},
    "timing_during": {"da": "Under", "en": "During"},
    "timing_after": {"da": "Efter", "en": "After"},
    "counts_today": {"da": "orange: {orange}", "en": "orange: {orange}"},
    "counts_expect": {"da": "grøn: {green} · rød: {red}", "en": "green: {green} · red: {red}"},
    "counts_after": {"da": "bedre: {green} · værre: {red}", "en": "better: {green} · worse: {red}"},
    "anonymous": {"da": "anonym", "en": "anonymous"},
    "gain": {"da": "Mulig gevinst", "en": "Possible gain"},
    "risk": {"da": "Mulig risiko", "en": "Possible risk"},
    "inspiration_heading": {
        "da": "Inspiration: digitalisering kan …",
        "en": "Inspiration: digitalisation can …",
    },
    # --- receipts, shown only to the author ---
    "receipt_added_note": {
        "da": "Tak! Din note {label} er på tavlen.",
        "en": "Thank you! Your note {label} is on the board.",
    },
    "receipt_added_prereq": {
        "da": "Tak! Din forudsætning {label} er på tavlen.",
        "en": "Thank you! Your prerequisite {label} is on the board.",
    },
    "receipt_added_agreement": {
        "da": "Aftalen {label} er skrevet ned.",
        "en": "The agreement {label} is written down.",
    },
    "receipt_edited": {"da": "{label} er rettet.", "en": "{label} is corrected."},
    "receipt_withdrawn": {"da": "{label} er trukket tilbage.", "en": "{label} is withdrawn."},
    "receipt_removed": {
        "da": "{label} er fjernet fra tavlen.",
        "en": "{label} is off the board.",
    },
    "receipt_code": {
        "da": "Den er anonym: ingen kan se, at den er din. Gem koden {code}; den vises kun her. "
        "Ret eller træk den, hvor kun du ser det, fx i en personlig chat med RASMUS: "
        "/rasmus ret {short_id} {code} <ny tekst> eller /rasmus træk {short_id} {code}.",
        "en": "It is anonymous: nobody can see it is yours. Keep the code {code}; it is shown "
        "only here. Correct or withdraw it where only you see it, such as a personal chat with "
        "RASMUS: /rasmus edit {short_id} {code} <new text> or /rasmus withdraw {short_id} "
        "{code}.",
    },
    "receipt_named": {
        "da": "Ret den med /rasmus ret {short_id} <ny tekst>, eller træk den med /rasmus træk "
        "{short_id}.",
        "en": "Correct it with /rasmus edit {short_id} <new text>, or withdraw it with /rasmus "
        "withdraw {short_id}.",
    },
    "removed_notice": {
        "da": "En facilitator har taget {label} af tavlen.",
        "en": "A facilitator took {label} off the board.",
    },
    # --- said ---
    "started": {
        "da": "Velkommen til workshoppen om {technology}! {who} er facilitator.",
        "en": "Welcome to the workshop about {technology}! {who} is the facilitator.",
    },
    "rollout_set": {
        "da": "Udrulningen er sat til {day}.",
        "en": "The go-live date is set to {day}.",
    },
    "facilitator_added": {
        "da": "{who} er nu også facilitator.",
        "en": "{who} is now a facilitator too.",
    },
    "language_set": {"da": "Nu taler jeg dansk.", "en": "I'll speak English from now on."},
    "deleted": {
        "da": "Workshoppen om {technology} og alle dens noter er slettet.",
        "en": "The workshop about {technology} and all its notes are deleted.",
    },
    "confirm_delete": {
        "da": "Vil du slette workshoppen om {technology} med alle noter? Det kan ikke fortrydes. "
        "Skriv /rasmus slet bekræft for at slette.",
        "en": "Delete the workshop about {technology} with all its notes? This can't be undone. "
        "Type /rasmus delete confirm to delete.",
    },
    "export_saved": {
        "da": "Rapporten er gemt: {path}",
        "en": "The report is saved: {path}",
    },
    # --- board and status ---
    "board_heading": {"da": "Tavlen · {technology}", "en": "The board · {technology}"},
    "board_notes_today": {"da": "I dag", "en": "Today"},
    "board_notes_expect": {"da": "Forventninger", "en": "Expectations"},
    "board_notes_after": {"da": "Efter udrulningen", "en": "After the roll-out"},
    "board_empty": {"da": "(ingen endnu)", "en": "(none yet)"},
    "board_prereqs": {"da": "Forudsætninger", "en": "Prerequisites"},
    "board_agreements": {"da": "Aftaler", "en": "Agreements"},
    "agreement_line": {"da": "{who} · senest {day} · {what}", "en": "{who} · by {day} · {what}"},
    "status_line": {
        "da": "Workshop om {technology} · trin: {step}.",
        "en": "Workshop about {technology} · step: {step}.",
    },
    "status_counts": {
        "da": "Noter: {notes} · forudsætninger: {prereqs} · aftaler: {agreements}.",
        "en": "Notes: {notes} · prerequisites: {prereqs} · agreements: {agreements}.",
    },
    "status_facilitators": {"da": "Facilitatorer: {names}.", "en": "Facilitators: {names}."},
    "status_rollout": {"da": "Udrulning: {day}.", "en": "Go-live: {day}."},
    "status_no_rollout": {
        "da": "Udrulningsdatoen er ikke sat.",
        "en": "The go-live date isn't set.",
    },
    "report_title": {
        "da": "RASMUS-workshop: {technology}",
        "en": "RASMUS workshop: {technology}",
    },
    "report_started": {"da": "Startet {day}.", "en": "Started {day}."},
    "help_heading": {"da": "Det kan du skrive", "en": "What you can type"},
    "help_facilitator": {"da": "Kun for facilitatorer", "en": "For facilitators"},
    "help_now": {"da": "Nu er I i trinnet: {step}.", "en": "We are in the step: {step}."},
}
