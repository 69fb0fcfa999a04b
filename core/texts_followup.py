"""Texts for the follow-up's timing: the go-live and the check-in plan, reminders to owners,
nudges to facilitators, jumping to a step, and the question `end` asks before follow-up."""

from __future__ import annotations

FOLLOWUP: dict[str, dict[str, str]] = {
    # --- the plan ---
    "checkins_planned": {
        "da": "{count} tjek er planlagt. Det første kommer {day} kl. {time}, her i kanalen.",
        "en": "Check-ins planned: {count}. The first comes on {day} at {time}, here in the "
        "channel.",
    },
    "checkins_first_now": {
        "da": "{count} tjek er planlagt. Tidspunktet for det første er allerede nået, så det "
        "kommer om lidt.",
        "en": "Check-ins planned: {count}. The first one's time has already come, so it follows "
        "in a moment.",
    },
    "checkins_waiting": {
        "da": "Planen er gemt ({count} tjek). Den går i gang, når udrulningsdatoen er sat: "
        "/rasmus udrulning <dato>.",
        "en": "The plan is kept ({count} check-ins). It starts once the go-live date is set: "
        "/rasmus rollout <date>.",
    },
    "checkins_none": {
        "da": "Der er ingen tjek planlagt. Læg en plan med /rasmus tjekplan 1m 3m.",
        "en": "No check-ins are planned. Make a plan with /rasmus checkins 1m 3m.",
    },
    "checkins_none_ahead": {
        "da": "Ingen tjek ligger foran jer: de planlagte tider er mere end {limit} dage "
        "gamle, og dem sender jeg ikke for sent. Læg en ny plan med /rasmus tjekplan 2u 1m.",
        "en": "No check-ins lie ahead: the planned times are more than {limit} days past, and "
        "I don't send those late. Make a new plan with /rasmus checkins 2w 1m.",
    },
    "checkins_kept": {
        "da": "Godt, de planlagte tjek kommer stadig ({count}). Workshoppen er afsluttet, men "
        "I kan svare på dem.",
        "en": "Good, the planned check-ins still come ({count}). The workshop is closed, but "
        "you can answer them.",
    },
    "checkins_dropped": {
        "da": "Forstået: der kommer ingen tjek. Vil I alligevel gøre status, så skriv "
        "/rasmus genåbn.",
        "en": "Understood: no check-ins will come. Should you want to take stock after all, "
        "type /rasmus reopen.",
    },
    "keep_checkins_question": {
        "da": "Workshoppen er afsluttet før opfølgningen. Skal de {count} planlagte tjek "
        "stadig komme, så I kan gøre status efter udrulningen? Skriv /rasmus tjekplan behold "
        "eller /rasmus tjekplan ingen. Indtil du svarer, kommer de.",
        "en": "The workshop closed before its follow-up. Should the {count} planned check-ins "
        "still come, so you can take stock after the go-live? Type /rasmus checkins keep or "
        "/rasmus checkins none. Until you answer, they come.",
    },
    "keep_checkins_yes": {"da": "Ja, behold tjek", "en": "Yes, keep check-ins"},
    "keep_checkins_no": {"da": "Nej, ingen tjek", "en": "No check-ins"},
    # --- refusals and hints ---
    "missing_offsets": {
        "da": "Hvornår efter udrulningen skal tjekkene komme?",
        "en": "When after the go-live should the check-ins come?",
    },
    "bad_offset": {
        "da": "»{word}« kan jeg ikke læse som en tid efter udrulningen.",
        "en": "I can't read “{word}” as a time after the go-live.",
    },
    "bad_post_time": {
        "da": "»{word}« er ikke et klokkeslæt, jeg kan læse.",
        "en": "“{word}” is not a time of day I can read.",
    },
    "too_many_checkins": {
        "da": "Højst {limit} tjek, tak: status skal have tid til at blive til noget.",
        "en": "{limit} check-ins at most, please: taking stock needs time in between.",
    },
    "hint_checkins": {
        "da": "Skriv fx /rasmus tjekplan 2u 1m 3m kl 10:00 (d = dage, u = uger, m = måneder), "
        "eller /rasmus tjekplan ingen.",
        "en": "Type e.g. /rasmus checkins 2w 1m 3m at 10:00 (d = days, w = weeks, "
        "m = months), or /rasmus checkins none.",
    },
    "missing_step": {
        "da": "Hvilket trin skal I hen til?",
        "en": "Which step should we go to?",
    },
    "unknown_step": {
        "da": "»{word}« er ikke et af trinnene.",
        "en": "“{word}” is not one of the steps.",
    },
    "hint_step": {
        "da": "Skriv /rasmus trin <1-6>, fx /rasmus trin 6 for opfølgningen.",
        "en": "Type /rasmus step <1-6>, e.g. /rasmus step 6 for the follow-up.",
    },
    "already_in_step": {
        "da": "I er allerede i trinnet »{step}«.",
        "en": "We are in the step “{step}” already.",
    },
    "hint_step_again": {
        "da": "Vis trinnets opslag igen med /rasmus igen.",
        "en": "Post the step's messages again with /rasmus again.",
    },
    "action_checkins": {"da": "planlægge tjek", "en": "plan check-ins"},
    "action_step": {"da": "skifte trin", "en": "change steps"},
    # --- reminders to the owners of an agreement ---
    "agreement_no_reminders": {
        "da": "Ingen får påmindelser om den: kun personer nævnt med @ får en besked to "
        "arbejdsdage før og på dagen.",
        "en": "No one gets reminders about it: only people named with @ get a message two "
        "working days before and on the day.",
    },
    "reminder_soon": {
        "da": "En venlig påmindelse: jeres aftale »{what}« ({short_id}) fra workshoppen om "
        "{technology} skal være klar om to arbejdsdage, {day}. Når den er gjort, skriv "
        "/rasmus færdig {short_id} i workshoppens kanal.",
        "en": "A friendly reminder: your agreement “{what}” ({short_id}) from the workshop "
        "about {technology} is due in two working days, on {day}. Once it is done, type "
        "/rasmus done {short_id} in the workshop's channel.",
    },
    "reminder_today": {
        "da": "Nu er det tid: jeres aftale »{what}« ({short_id}) fra workshoppen om "
        "{technology} skal være klar {day}. Når den er gjort, skriv /rasmus færdig {short_id} "
        "i workshoppens kanal.",
        "en": "It's time: your agreement “{what}” ({short_id}) from the workshop about "
        "{technology} is due on {day}. Once it is done, type /rasmus done {short_id} in the "
        "workshop's channel.",
    },
    # --- nudges to the facilitators ---
    "nudge_step_open": {
        "da": "Trinnet »{step}« i workshoppen om {technology} har været åbent en uge, med "
        "{count} bidrag indtil nu. Er I klar, går I videre med /rasmus næste.",
        "en": "The step “{step}” in the workshop about {technology} has been open for a week, "
        "with {count} contributions so far. When you are ready, move on with /rasmus next.",
    },
    "nudge_no_checkins": {
        "da": "{technology} er nu udrullet, men der er ingen tjek planlagt. Skal I gøre status "
        "sammen senere? Læg en plan med /rasmus tjekplan 1m 3m.",
        "en": "{technology} has gone live, but no check-ins are planned. Will you take stock "
        "together later? Make a plan with /rasmus checkins 1m 3m.",
    },
    "nudge_missed": {
        "da": "Noget i workshoppen om {technology} blev ikke sendt i tide, og nu er det for "
        "sent at sende det: {list}.",
        "en": "Something in the workshop about {technology} was not sent in time, and now it "
        "is too late to send: {list}.",
    },
    "missed_checkin": {"da": "tjek nr. {number}", "en": "check-in no. {number}"},
    "missed_reminder": {
        "da": "påmindelsen om aftale {short_id}",
        "en": "the reminder about agreement {short_id}",
    },
}
