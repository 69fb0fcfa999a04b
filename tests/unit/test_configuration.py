from pathlib import Path

from bot.config import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_env_example_documents_every_setting():
    documented = ROOT.joinpath("env.example").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        aliases = getattr(field.validation_alias, "choices", None) or [name.upper()]
        assert any(f"{alias}=" in documented for alias in aliases), name


def test_settings_come_from_the_environment_and_teams_uses_the_sdks_names(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://db/rasmus")
    monkeypatch.setenv("PORT", "8080")
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", "app-id")
    settings = Settings(_env_file=None)
    assert (settings.database_url, settings.port, settings.teams_client_id) == (
        "postgresql://db/rasmus",
        8080,
        "app-id",
    )


def test_a_dotenv_file_is_read_when_present(tmp_path, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file\n", encoding="utf-8")
    assert Settings(_env_file=env_file).slack_bot_token == "xoxb-from-file"
