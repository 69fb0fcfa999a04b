"""The six circles of the RASMUS model: names, what each covers, and gain/risk inspiration.

The names are the method's fixed terms; everything else is our own wording.
"""

from __future__ import annotations

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
    letter: str  # prefix of the short ids on the board; two circles start with S, so H for health
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
            "da": "Du har de evner, redskaber og ressourcer, der gør dine opgaver til at løse.",
            "en": "You have the skills, tools and resources that make your tasks doable.",
        },
        {
            "da": "Teknologien kan være et redskab, der hjælper os med at løse kerneopgaven godt.",
            "en": "The technology can be a tool that helps us do the core task well.",
        },
        {
            "da": "Arbejdet kan blive sværere at nå, hvis teknologien er dårligt designet eller "
            "indført, eller hvis oplæringen ikke slår til.",
            "en": "The work can get harder to do if the technology is badly designed or brought "
            "in, or if the training falls short.",
        },
        ("realistisk", "realistic"),
    ),
    CircleInfo(
        Circle.RECOGNISED,
        "A",
        {"da": "Anerkendt", "en": "Recognised"},
        {
            "da": "Du får anerkendelse for dit arbejde, formelt og uformelt, fra borgere, "
            "kolleger og ledelse.",
            "en": "You are recognised for your work, formally and informally, by citizens, "
            "colleagues and management.",
        },
        {
            "da": "Der kan blive mere tid til den menneskelige kontakt, hvor den uformelle "
            "anerkendelse opstår.",
            "en": "There can be more time for the human contact where informal recognition "
            "happens.",
        },
        {
            "da": "Den uformelle anerkendelse kan svækkes, og målinger kan fylde mere end "
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
            "da": "Du har passende selvstændighed, ansvar og råderum, og du er med, når der "
            "besluttes noget om dit arbejde.",
            "en": "You have a fitting degree of independence, responsibility and room to act, "
            "and you are involved when your work is decided on.",
        },
        {
            "da": "Teknologien kan styrke jeres selvstændighed og råderum.",
            "en": "The technology can strengthen your independence and room to act.",
        },
        {
            "da": "For meget standardisering kan gøre plads til fagligt skøn mindre.",
            "en": "Too much standardisation can leave less room for professional judgement.",
        },
        ("selvstændigt", "selvstaendigt", "selvstandigt", "autonomous"),
    ),
    CircleInfo(
        Circle.MEANINGFUL,
        "M",
        {"da": "Meningsfyldt", "en": "Meaningful"},
        {
            "da": "Sammen med dine kolleger bruger du din faglighed til at gøre en forskel "
            "for andre.",
            "en": "With your colleagues you use your professional skill to make a difference "
            "for others.",
        },
        {
            "da": "Mindre rutine og administration kan give mere tid til den kerneopgave, der "
            "giver mening.",
            "en": "Less routine and admin can free time for the core task that gives meaning.",
        },
        {
            "da": "Fokus kan flytte fra kerneopgaven til teknologien og dens processer.",
            "en": "The focus can move from the core task to the technology and its processes.",
        },
        ("meningsfyldt", "meaningful"),
    ),
    CircleInfo(
        Circle.DEVELOPING,
        "U",
        {"da": "Udviklende", "en": "Developing"},
        {
            "da": "Du bliver tilpas udfordret, så du trygt kan vokse fagligt og menneskeligt.",
            "en": "You are challenged just enough to grow, professionally and personally, "
            "in safety.",
        },
        {
            "da": "Teknologien kan åbne for ny indsigt og nye måder at bruge faget på.",
            "en": "The technology can open new insights and new ways to use your skills.",
        },
        {
            "da": "Forandringen kan blive større og hurtigere, end den enkelte kan følge med.",
            "en": "The change can be bigger and faster than a person can keep up with.",
        },
        ("udviklende", "developing"),
    ),
    CircleInfo(
        Circle.HEALTHY,
        "H",
        {"da": "Sundt & sikkert", "en": "Healthy & safe"},
        {
            "da": "Et godt fysisk og psykisk arbejdsmiljø, der giver et langt og sundt arbejdsliv.",
            "en": "A good physical and psychological work environment that allows a long, "
            "healthy working life.",
        },
        {
            "da": "Presset kan falde, når rutiner automatiseres eller tunge opgaver tages over.",
            "en": "Pressure can drop when routines are automated or heavy tasks are taken over.",
        },
        {
            "da": "Der kan komme nye fysiske belastninger, og uro over ens egen rolle i "
            "forandringen.",
            "en": "There can be new physical strain, and worry about one's own role in the change.",
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


def parse_circle(word: str) -> Circle | None:
    return _ALIASES.get(fold(word))


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
