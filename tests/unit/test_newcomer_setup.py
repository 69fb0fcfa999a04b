"""What a newcomer stumbled on: docs that agree with the files, `migrate` saying what it did,
Teams privacy and terms pages that answer, and piped console input shown as a transcript."""

import io
import re
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from alembic import command

from adapters.console.channel import ConsoleChannel
from adapters.persistence.database import alembic_config, create_database_engine
from adapters.teams.package import manifest
from bot.__main__ import main
from bot.config import Settings
from bot.pages import add_pages
from core.service import WorkshopService
from tests.fakes import CountingIds, MemoryStore, SteppingClock

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five"}
BOT_ID = "3f1c2a9e-7b4d-4e8a-9c1f-0a2b3c4d5e6f"


def test_the_readme_and_the_slack_guide_count_the_manifests_urls_right():
    manifest_text = (ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8")
    urls = [
        line
        for line in manifest_text.splitlines()
        if not line.lstrip().startswith("#") and "https://rasmus.example.org/" in line
    ]
    word = NUMBERS[len(urls)]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "slack.md").read_text(encoding="utf-8")
    assert f"its {word} URLs" in readme
    assert f"({word} URLs" in guide
    for other in set(NUMBERS.values()) - {word}:
        assert f"{other} URLs" not in readme and f"({other} places)" not in guide


def test_the_readme_says_what_teams_package_and_the_teams_tests_need():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    teams = readme[readme.index("## Add RASMUS to Teams") :]
    step = teams[teams.index("teams-package") :][:600]
    assert "CLIENTID" in step and "client id" in step
    assert re.search(r"node .*and npm", readme) and "skipped" in readme


def test_migrate_says_whether_it_created_upgraded_or_found_the_schema_up_to_date(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.startswith("created the database schema (revision ")
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.startswith("database schema is already up to date")

    old = create_database_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(old), "0002")
    old.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'old.db'}")
    assert main(["migrate"]) == 0
    assert capsys.readouterr().out.startswith("upgraded the database schema from revision 0002 to ")


def test_the_teams_package_names_the_servers_own_privacy_and_terms_pages_or_the_settings():
    own = manifest(Settings(_env_file=None, teams_client_id=BOT_ID, public_url="https://r.dk/"))
    assert own["developer"]["privacyUrl"] == "https://r.dk/privacy"
    assert own["developer"]["termsOfUseUrl"] == "https://r.dk/terms"
    chosen = Settings(
        _env_file=None,
        teams_client_id=BOT_ID,
        privacy_url="https://firma.dk/privatliv",
        terms_url="https://firma.dk/vilkaar",
    )
    developer = manifest(chosen)["developer"]
    assert (developer["privacyUrl"], developer["termsOfUseUrl"]) == (
        "https://firma.dk/privatliv",
        "https://firma.dk/vilkaar",
    )
    with pytest.raises(ValueError, match="PUBLIC_URL"):
        manifest(Settings(_env_file=None, teams_client_id=BOT_ID))


async def test_the_server_answers_its_privacy_and_terms_pages_in_danish_and_english():
    app = web.Application()
    add_pages(app)
    async with TestClient(TestServer(app)) as client:
        for path, danish, english in (
            ("/privacy", "Privatliv", "Privacy"),
            ("/terms", "Vilkår", "Terms of use"),
        ):
            response = await client.get(path)
            assert response.status == 200
            assert response.content_type == "text/html"
            page = await response.text()
            assert danish in page and english in page


def test_piped_console_input_is_shown_after_the_prompt():
    out = io.StringIO()
    service = WorkshopService(MemoryStore(), SteppingClock(), CountingIds())
    channel = ConsoleChannel(service, Path("unused"), out=out)
    channel.run(["/rasmus ny Robot\n", "\n", "bo: /rasmus status\n"], echo=True)
    lines = out.getvalue().splitlines()
    assert lines[0] == "facilitator> /rasmus ny Robot"
    echoed = lines.index("facilitator> bo: /rasmus status")
    status = next(i for i, line in enumerate(lines) if "Workshop om Robot" in line)
    assert 0 < echoed < status  # each input line comes before what it caused
    assert "facilitator> " not in "".join(lines[1:echoed])  # the blank line is not echoed
