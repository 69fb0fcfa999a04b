"""`python -m bot console|serve [--no-worker]|worker|tick|migrate|teams-package`."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from bot.startup import StartProblem, checked_settings


def migration_report(before: str | None, after: str | None) -> str:
    """What `migrate` did, in words: created, upgraded, or nothing to do."""
    if before is None:
        return f"created the database schema (revision {after})"
    if before == after:
        return f"database schema is already up to date (revision {after})"
    return f"upgraded the database schema from revision {before} to {after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="RASMUS workshop bot")
    commands = parser.add_subparsers(dest="command", required=True)
    console = commands.add_parser("console", help="run a workshop in this terminal")
    console.add_argument("--channel", default="console", help="which local channel to use")
    serve = commands.add_parser(
        "serve", help="the HTTP server for Slack and Teams, with the worker (embedded)"
    )
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="only the web: acknowledge and store requests; `worker` processes decide them",
    )
    commands.add_parser("worker", help="decide stored requests and send replies (no web)")
    commands.add_parser(
        "tick", help="run due work once (check-ins, reminders, nudges), send if configured"
    )
    commands.add_parser("migrate", help="bring the database schema up to date")
    package = commands.add_parser("teams-package", help="write the Teams app package (zip)")
    package.add_argument("--out", type=Path, default=Path("build/rasmus-teams.zip"))
    args = parser.parse_args(argv)

    try:  # settings that cannot work stop here with one line, not a traceback later
        web_only = args.command == "serve" and args.no_worker
        settings = checked_settings("web" if web_only else args.command)
    except StartProblem as problem:
        print(problem, file=sys.stderr)
        return 2
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s"
    )
    # Migrations say what they do at INFO; the console's readers need only the workshop.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    # Its interval jobs run every few seconds: a line each would drown what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)

    if args.command == "migrate":
        from adapters.persistence.database import create_database_engine, upgrade_schema

        engine = create_database_engine(settings.database_url)
        before, after = upgrade_schema(engine)
        print(migration_report(before, after))
        return 0
    if args.command == "teams-package":
        from adapters.teams.package import write_package
        from adapters.teams.settings import TeamsSettings

        try:
            print(write_package(TeamsSettings.from_values(settings.model_dump()), args.out))
        except ValueError as problem:  # e.g. no bot id configured: say what to set
            print(problem, file=sys.stderr)
            return 2
        return 0

    from bot.runtime import build_runtime

    clock = None
    if args.command == "console":
        from adapters.console.clock import ConsoleClock

        clock = ConsoleClock()  # `:clock +30d` moves it: the follow-up tried in minutes
    runtime = build_runtime(settings, clock=clock)
    try:
        if args.command == "console":
            from adapters.console.channel import ConsoleChannel, interactive
            from core.model import ChannelKey

            channel = ConsoleChannel(
                runtime.service,
                settings.export_dir,
                channel=ChannelKey("console", "local", args.channel),
                clock=clock,
            )
            if sys.stdin.isatty():
                interactive(channel, interval=min(settings.scheduler_interval_seconds, 5.0))
            else:
                channel.run(sys.stdin, echo=True)
            return 0
        if args.command == "tick":
            from bot.tick import tick

            print(tick(runtime), flush=True)
            return 0
        if args.command == "worker":
            from bot.server import work

            work(runtime)
            return 0
        from bot.server import serve

        serve(runtime, worker=not args.no_worker)
        return 0
    finally:
        runtime.close()


if __name__ == "__main__":
    sys.exit(main())
