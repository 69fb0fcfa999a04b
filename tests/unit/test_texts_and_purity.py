import ast
import string
from pathlib import Path

from core.circles import CIRCLES
from core.texts import LANGUAGES, PARTS, TEXTS, all_keys, t
from core.texts_checkins import CHECKINS
from core.texts_cleaning import CLEANING
from core.texts_controls import CONTROLS
from core.texts_flow import FLOW
from core.texts_followup import FOLLOWUP
from core.texts_reach import REACH
from core.texts_wall import WALL

CORE = Path(__file__).resolve().parents[2] / "core"
FRAMEWORKS = {
    "slack_bolt",
    "slack_sdk",
    "microsoft_agents",
    "botbuilder",
    "sqlmodel",
    "sqlalchemy",
    "apscheduler",
    "aiohttp",
    "alembic",
    "pydantic",
    "pydantic_settings",
    "adapters",
    "bot",
}


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_text_exists_in_danish_and_english_with_the_same_blanks():
    for key, entry in {k: v for part in PARTS for k, v in part.items()}.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert _fields(entry["da"]) == _fields(entry["en"]), key


def test_no_text_key_is_defined_twice():
    assert all(any(part is p for p in PARTS) for part in (TEXTS, CLEANING, CONTROLS, FLOW))
    assert all(any(part is p for p in PARTS) for part in (REACH, WALL, FOLLOWUP, CHECKINS))
    assert len(all_keys()) == sum(len(part) for part in PARTS)


def test_every_circle_has_both_languages_for_every_field():
    for info in CIRCLES:
        for part in (info.name, info.covers, info.gain, info.risk):
            assert set(part) == {"da", "en"} and all(part.values())


def test_the_method_names_of_the_circles_stay_exact():
    assert [i.name["da"] for i in CIRCLES] == [
        "Realistisk",
        "Anerkendt",
        "Selvstændigt",
        "Meningsfyldt",
        "Udviklende",
        "Sundt & sikkert",
    ]


def test_an_unknown_language_falls_back_to_danish():
    assert t("step_today", "fr") == t("step_today", "da")


def test_the_core_imports_no_framework_database_or_adapter():
    for path in CORE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in FRAMEWORKS, f"{path.name} imports {name}"


def _text_keys_used_in_core():
    """Every string literal the core passes as a text key to refuse/Refusal/Said/TextRef/t."""
    positions = {"refuse": (1, 2), "Refusal": (0, 2), "Said": (0,), "TextRef": (0,), "t": (0,)}
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            for index in positions.get(name, ()):
                if index < len(node.args):
                    arg = node.args[index]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield path.name, arg.value
            for keyword in node.keywords:
                if name in positions and keyword.arg in ("hint", "key"):
                    if isinstance(keyword.value, ast.Constant):
                        yield path.name, keyword.value.value


def test_every_text_key_the_core_uses_exists():
    used = list(_text_keys_used_in_core())
    assert len(used) > 40  # the scan really finds the refusals and hints
    missing = [(where, key) for where, key in used if key not in all_keys()]
    assert missing == []
