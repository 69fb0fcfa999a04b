"""The six circles of the RASMUS model: names, what each covers, and gain/risk inspiration.

The names are the method's fixed terms; everything else is our own wording.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Circle(StrEnum):
    REALISTIC = "realistic"
    RECOGNISED = "recognised"
    AUTONOMOUS = "autonomous"
    MEANINGFUL = "meaningful"
    DEVELOPING = "developing"
    HEALTHY = "healthy"


@dataclass(frozen=True)
class CircleInfo:
    circle: Circle
    letter: str  # prefix of the short ids: the model's own letters, SS for Sundt & sikkert
    name: dict[str, str]
    covers: dict[str, str]
    gain: dict[str, str]
    risk: dict[str, str]
    aliases: tuple[str, ...]


CIRCLES: tuple[CircleInfo, ...] = (
    CircleInfo(
        Circle.REALISTIC,
        "R",
        {"da": "Realistisk", "en": "Realistic"},
        {
            "da": "Du har de nødvendige kompetencer, redskaber og ressourcer, så det er "
            "realistisk for dig at løse dine opgaver.",
            "en": "You have the competences, tools and resources you need, so your tasks are "
            "realistic to carry out.",
        },
        {
            "da": "Teknologien kan være et redskab, der hjælper jer med at løse kerneopgaven "
            "fagligt godt.",
            "en": "The technology can be a tool that helps you do the core task to a good "
            "professional standard.",
        },
        {
            "da": "Opgaverne kan blive mindre realistiske at løse, hvis teknologien eller "
            "businesscasen har fejl, er dårligt designet eller dårligt indført, eller hvis "
            "kompetenceudviklingen ikke slår til.",
            "en": "The tasks can become less realistic to carry out if the technology or its "
            "business case is flawed, badly designed or badly brought in, or if the training "
            "falls short.",
        },
        ("realistisk", "realistic"),
    ),
    CircleInfo(
        Circle.RECOGNISED,
        "A",
        {"da": "Anerkendt", "en": "Recognised"},
        {
            "da": "Du får anerkendelse, formel og uformel, for det, du gør, fra kunder/borgere, "
            "kolleger og ledelse.",
            "en": "You get recognition, formal and informal, for what you do, from "
            "customers/citizens, colleagues and management.",
        },
        {
            "da": "Teknologien kan give bedre plads til den menneskelige kontakt, som borgerne "
            "sætter pris på, og hvor den uformelle anerkendelse sker.",
            "en": "The technology can give more room to the human contact that citizens value, "
            "where informal recognition happens.",
        },
        {
            "da": "Især den uformelle anerkendelse kan svækkes, og målinger kan fylde mere end "
            "feedback fra mennesker.",
            "en": "Informal recognition can fade, and measurements can crowd out feedback "
            "from people.",
        },
        ("anerkendt", "recognised", "recognized"),
    ),
    CircleInfo(
        Circle.AUTONOMOUS,
        "S",
        {"da": "Selvstændigt", "en": "Autonomous"},
        {
            "da": "Du har en tilpas grad af selvstændighed, ansvar og råderum i dit arbejde, og "
            "du inddrages i beslutninger, der berører dit arbejde.",
            "en": "You have a fitting degree of independence, responsibility and room to act, "
            "and you are involved in decisions that affect your work.",
        },
        {
            "da": "Teknologien kan styrke jeres selvstændighed og råderum.",
            "en": "The technology can strengthen your independence and room to act.",
        },
        {
            "da": "For meget standardisering kan gøre det faglige råderum mindre og udfordre "
            "jeres selvstændighed.",
            "en": "Too much standardisation can narrow the room for professional judgement and "
            "challenge your independence.",
        },
        ("selvstændigt", "selvstaendigt", "selvstandigt", "autonomous"),
    ),
    CircleInfo(
        Circle.MEANINGFUL,
        "M",
        {"da": "Meningsfyldt", "en": "Meaningful"},
        {
            "da": "Du bruger din faglighed til, sammen med dine kolleger, at gøre en meningsfuld "
            "forskel for andre.",
            "en": "You use your professional skill, together with your colleagues, to make a "
            "meaningful difference for others.",
        },
        {
            "da": "Teknologien kan give mere tid til den kerneopgave, der giver mening, fx ved at "
            "skære ned på rutineopgaver og administration.",
            "en": "The technology can free time for the core task that gives meaning, e.g. by "
            "cutting routine tasks and admin.",
        },
        {
            "da": "Fokus kan flytte fra kerneopgaven til selve teknologien og de processer, den "
            "understøtter.",
            "en": "The focus can move from the core task to the technology itself and the "
            "processes it supports.",
        },
        ("meningsfyldt", "meaningful"),
    ),
    CircleInfo(
        Circle.DEVELOPING,
        "U",
        {"da": "Udviklende", "en": "Developing"},
        {
            "da": "Du bliver tilpas udfordret, så du trygt kan udvikle dig fagligt og "
            "menneskeligt.",
            "en": "You are challenged just enough to grow, professionally and personally, "
            "in safety.",
        },
        {
            "da": "Teknologien kan åbne for ny indsigt og bringe jeres faglighed i spil på nye "
            "måder.",
            "en": "The technology can open new insights and bring your professional skill into "
            "play in new ways.",
        },
        {
            "da": "Teknologien kan overudfordre, fx ved at kræve større og hurtigere "
            "forandringer, end den enkelte kan rumme.",
            "en": "The technology can overchallenge, e.g. by demanding bigger and faster change "
            "than a person can absorb.",
        },
        ("udviklende", "developing"),
    ),
    CircleInfo(
        Circle.HEALTHY,
        "SS",
        {"da": "Sundt & sikkert", "en": "Healthy & safe"},
        {
            "da": "Du arbejder i et godt fysisk og psykisk arbejdsmiljø, som giver mulighed for "
            "et sundt og langt arbejdsliv.",
            "en": "You work in a good physical and psychological work environment that allows a "
            "long, healthy working life.",
        },
        {
            "da": "Teknologien kan lette arbejdspresset ved at automatisere rutineopgaver eller "
            "overtage fysisk tunge opgaver.",
            "en": "The technology can ease work pressure by automating routine tasks or taking "
            "over physically heavy ones.",
        },
        {
            "da": "Der kan komme nye fysiske og ergonomiske belastninger, og angst og utryghed "
            "over ens egen rolle i forandringen.",
            "en": "There can be new physical and ergonomic strain, and anxiety and insecurity "
            "about one's own role in the change.",
        },
        (
            "sundt & sikkert",
            "sundt&sikkert",
            "sundt og sikkert",
            "sundt",
            "sikkert",
            "healthy & safe",
            "healthy and safe",
            "healthy",
            "safe",
        ),
    ),
)

BY_CIRCLE: dict[Circle, CircleInfo] = {info.circle: info for info in CIRCLES}


def fold(text: str) -> str:
    """Lower-case and strip accents so `Selvstændigt`, `selvstaendigt` and `SELVSTÆNDIGT` meet."""
    text = text.strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_ALIASES: dict[str, Circle] = {}
for _info in CIRCLES:
    for _alias in (*_info.aliases, _info.circle.value, _info.name["da"], _info.name["en"]):
        _ALIASES[fold(_alias)] = _info.circle
        # People type "selvstandigt" and "sundt og sikkert" without the Danish letters too.
        _ALIASES[fold(_alias).replace("ae", "a").replace("oe", "o").replace("aa", "a")] = (
            _info.circle
        )


# What "did you mean" suggests: the names as people write them, one spelling per folded form.
_SPELLINGS: dict[str, str] = {}
for _info in CIRCLES:
    for _alias in (_info.name["da"].lower(), _info.name["en"].lower(), *_info.aliases):
        _SPELLINGS.setdefault(fold(_alias), _alias)


def parse_circle(word: str) -> Circle | None:
    # `realistisk:` and `sundt,` are the circle too: trailing punctuation is how people write.
    return _ALIASES.get(fold(word).rstrip(".,:;!?"))


def closest_circle(word: str) -> str | None:
    """The circle name `word` was most likely meant to be (`realistsk`, `meningsfuldt`)."""
    found = difflib.get_close_matches(fold(word), _SPELLINGS, n=1, cutoff=0.75)
    return _SPELLINGS[found[0]] if found else None


def match_circle_prefix(words: list[str]) -> tuple[Circle, int] | None:
    """The circle named by the first one to three words, and how many words it took."""
    for size in (3, 2, 1):
        if len(words) >= size:
            found = parse_circle(" ".join(words[:size]))
            if found is not None:
                return found, size
    return None


def circle_name(circle: Circle, lang: str) -> str:
    return BY_CIRCLE[circle].name[lang]
