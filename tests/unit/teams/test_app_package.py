"""The Teams app package: a manifest valid against Microsoft's schema, and the two icons."""

from __future__ import annotations

import json
import struct
import zipfile

import jsonschema
import pytest

from adapters.teams.package import MANIFEST_VERSION, manifest, write_package
from bot.config import Settings
from tests.schemas import TEAMS_MANIFEST_SCHEMA

SCHEMA = TEAMS_MANIFEST_SCHEMA
BOT_ID = "3f1c2a9e-7b4d-4e8a-9c1f-0a2b3c4d5e6f"


def settings(**overrides) -> Settings:
    values = {"teams_client_id": BOT_ID, "public_url": "https://rasmus.example.org"}
    values.update(overrides)
    return Settings(_env_file=None, **values)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def package(tmp_path) -> zipfile.ZipFile:
    return zipfile.ZipFile(write_package(settings(), tmp_path / "out" / "rasmus-teams.zip"))


def test_the_package_holds_the_manifest_and_two_icons(package):
    assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]


def test_the_manifest_is_valid_against_the_shipped_teams_schema(package):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["properties"]["manifestVersion"]["const"] == MANIFEST_VERSION
    document = json.loads(package.read("manifest.json"))
    jsonschema.Draft4Validator(schema).validate(document)


def test_the_bot_id_comes_from_the_environment_and_the_app_works_in_teams_chats_and_personal():
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", BOT_ID)
        document = manifest(Settings(_env_file=None, public_url="https://rasmus.example.org"))
    bot = document["bots"][0]
    assert bot["botId"] == BOT_ID
    assert set(bot["scopes"]) == {"team", "groupChat", "personal"}
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert {"help", "start", "next", "note", "prereq", "agree", "board"} <= set(titles)


def test_the_manifest_asks_to_read_channel_replies_without_a_mention():
    permissions = manifest(settings())["authorization"]["permissions"]["resourceSpecific"]
    assert {"name": "ChannelMessage.Read.Group", "type": "Application"} in permissions


def test_the_icons_are_192_pixels_in_colour_and_32_pixels_in_outline(package):
    assert png_size(package.read("color.png")) == (192, 192)
    assert png_size(package.read("outline.png")) == (32, 32)


def test_a_fixed_teams_app_id_is_kept_and_a_missing_bot_id_is_refused():
    app_id = "0b7e6a52-4e3d-4d1b-9a8f-6c5d4e3f2a1b"
    assert manifest(settings(teams_app_id=app_id))["id"] == app_id
    with pytest.raises(ValueError, match="CLIENTID"):
        manifest(settings(teams_client_id=""))
