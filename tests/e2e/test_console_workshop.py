"""A whole five-step workshop piped through `python -m bot console`, as a user would."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

TRANSCRIPT = """\
/rasmus ny Vagtplan-app
/rasmus facilitator @mette
/rasmus næste
mette: /rasmus note realistisk Vi mangler tid til at lære systemet
bo: /rasmus note anonym sundt Min leder ringer på mine fridage
/rasmus note glad Det her er ikke en cirkel
/rasmus næste
mette: /rasmus næste
bo: /rasmus note selvstaendigt +Vi kan selv bytte vagter
facilitator: /rasmus note healthy -Mere tid foran skærmen
bo: /rasmus note anonymous meningsfyldt -Mindre tid til borgerne
facilitator: /rasmus næste
/rasmus forudsætning før Alle får to timers oplæring
bo: /rasmus forudsætning under Superbrugere på alle hold
facilitator: /rasmus næste
/rasmus aftale @mette 1/3-2027 Indkalder til evaluering
/rasmus udrulning 1.2.2027
/rasmus tavle
/rasmus eksport
"""


def run_console(tmp_path, transcript):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rasmus.db'}",
        "EXPORT_DIR": str(tmp_path / "exports"),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=transcript,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )


def test_a_piped_five_step_workshop_ends_in_a_report_with_every_note_in_place(tmp_path):
    result = run_console(tmp_path, TRANSCRIPT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for heading in (
        "Trin 1 af 6 · De seks cirkler",
        "Trin 2 af 6 · I dag",
        "Trin 3 af 6 · Forventninger",
        "Trin 4 af 6 · Forudsætninger",
        "Trin 5 af 6 · Aftaler",
    ):
        assert heading in out
    assert "»glad« er ikke en af de seks cirkler." in out
    code = re.search(r"Gem koden (\w{4}-\w{4})", out)
    assert code and out.count(code[1]) == 3  # only in bo's own receipt

    report_path = Path(re.search(r"Rapporten er gemt: (\S+\.md)", out)[1])
    report = report_path.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## ([^\n]+)\n(.*?)(?=^## |\Z)", report, flags=re.M | re.S))
    assert (
        "**R1 · Realistisk** (orange) Vi mangler tid til at lære systemet (mette)"
        in sections["Realistisk"]
    )
    assert (
        "**SS1 · Sundt & sikkert** (orange) Min leder ringer på mine fridage (anonym)"
        in sections["Sundt & sikkert"]
    )
    assert (
        "**SS2 · Sundt & sikkert** (rød) Mere tid foran skærmen (facilitator)"
        in sections["Sundt & sikkert"]
    )
    assert "**S1 · Selvstændigt** (grøn) Vi kan selv bytte vagter (bo)" in sections["Selvstændigt"]
    assert (
        "**M1 · Meningsfyldt** (rød) Mindre tid til borgerne (anonym)" in sections["Meningsfyldt"]
    )
    assert "**F1 · forudsætning** Alle får to timers oplæring" in sections["Forudsætninger"]
    assert "**F2 · forudsætning** Superbrugere på alle hold (bo)" in sections["Forudsætninger"]
    assert (
        "**AF1 · aftale** @mette · senest 1. marts 2027 · Indkalder til evaluering"
        in sections["Aftaler"]
    )
    # The anonymous notes leave no trace of who wrote them, nor of the code.
    for anonymous in ("Min leder ringer", "Mindre tid til borgerne"):
        line = next(line for line in report.splitlines() if anonymous in line)
        assert "bo" not in line.replace("borgerne", "")
    assert code[1] not in report


def test_the_console_exits_cleanly_at_the_end_of_input_with_nothing_typed(tmp_path):
    result = run_console(tmp_path, "")
    assert result.returncode == 0
    assert result.stdout == ""


def test_a_stored_workshop_is_there_again_on_the_next_run(tmp_path):
    run_console(tmp_path, "/rasmus ny Robot\n")
    result = run_console(tmp_path, "/rasmus status\n")
    assert "Workshop om Robot · trin: De seks cirkler." in result.stdout


def test_with_a_terminal_on_stdin_the_console_prompts_as_the_current_speaker(tmp_path):
    import pty
    import select

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rasmus.db'}",
        "PYTHONPATH": str(ROOT),
        "TERM": "dumb",
    }
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "console"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([leader], [], [], 20)
            assert ready, f"no {marker!r} in {seen!r}"
            seen += os.read(leader, 4096)

    try:
        read_until(b"facilitator> ")
        os.write(leader, "mette: /rasmus hjælp\n".encode())
        read_until(b"mette> ")
        os.write(leader, b"\x04")  # Ctrl-D ends the session
        assert process.wait(timeout=20) == 0
    finally:
        process.kill()
        os.close(leader)
    assert b"Det kan du skrive" in seen


def test_piped_lines_are_echoed_after_the_prompt_so_the_output_reads_as_a_transcript(tmp_path):
    result = run_console(tmp_path, "/rasmus ny Robot\nbo: /rasmus status\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "facilitator> /rasmus ny Robot"
    assert "facilitator> bo: /rasmus status" in lines
    assert lines[-1].startswith("[bo] ")  # bo's private status follows bo's line


def test_deleting_a_workshop_deletes_its_reports_and_keeps_the_others(tmp_path):
    exports = tmp_path / "exports"
    result = run_console(
        tmp_path,
        "/rasmus ny Vagtplan\n/rasmus næste\nbo: /rasmus note anonym sundt Lederen ringer\n"
        "facilitator: /rasmus eksport\nbo: /rasmus eksport\nfacilitator: /rasmus afslut\n"
        "bo: /rasmus ny Robot\n/rasmus eksport\n",
    )
    saved = [Path(p) for p in re.findall(r"Rapporten er gemt: (\S+\.md)", result.stdout)]
    assert len(saved) == 3 and all(p.is_relative_to(exports.resolve()) for p in saved)
    # One folder per workshop under EXPORT_DIR: the two reports of Vagtplan share one.
    assert len({p.parent for p in saved}) == 2 and saved[0].parent == saved[1].parent
    assert "Lederen ringer" in saved[0].read_text(encoding="utf-8")

    result = run_console(tmp_path, "/rasmus slet 1\n/rasmus slet 1 bekræft\n")  # facilitator
    assert "Skriv /rasmus slet 1 bekræft for at slette." in result.stdout
    assert "Workshoppen om Vagtplan og alle dens noter er slettet." in result.stdout
    left = [p for p in exports.rglob("*") if p.is_file()]
    assert left == [saved[2]]  # Robot's report; nothing of Vagtplan, nor its folder
    assert not saved[0].parent.exists()
    assert not any("Lederen ringer" in p.read_text(encoding="utf-8") for p in left)

    result = run_console(tmp_path, "bo: /rasmus slet bekræft\n")
    assert not any(exports.rglob("*.md"))
