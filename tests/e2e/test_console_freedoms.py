"""The method's freedoms piped through `python -m bot console` on a migrated SQLite database:
names off, again, untimed and tied prerequisites, votes, several-word owners, edits,
a facilitator removed, a board for everyone, closing and reopening."""

from tests.e2e.test_console_workshop import run_console

TRANSCRIPT = """\
facilitator: /rasmus ny Vagtplan-app
facilitator: /rasmus facilitator ole
facilitator: /rasmus facilitator fjern ole
ole: /rasmus næste
facilitator: /rasmus næste
mette: /rasmus note realistisk For lidt tid til oplæring
facilitator: /rasmus navne fra
facilitator: /rasmus igen
facilitator: /rasmus næste
mette: /rasmus note realistisk -Vi mister overblikket
facilitator: /rasmus næste
mette: /rasmus forudsætning for R2 Superbrugere på alle hold
anne: /rasmus forudsætning Tid til oplæring i arbejdstiden
anne: /rasmus stem F2
mette: /rasmus stem F2
mette: /rasmus stem F1
facilitator: /rasmus næste
facilitator: /rasmus aftale TR og AMR 1/3-2027 Planlægger oplæringen for F2
facilitator: /rasmus ret AF1 Mette Hansen og TR 15/3-2027 Planlægger oplæringen med AMR
facilitator: /rasmus tavle
facilitator: /rasmus afslut
facilitator: /rasmus genåbn
"""


def test_a_piped_workshop_uses_the_methods_freedoms_end_to_end(tmp_path):
    result = run_console(tmp_path, TRANSCRIPT)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "@ole er ikke længere facilitator." in out
    assert "[ole] Kun facilitatorerne kan skifte trin." in out
    assert "Noterne viser ingen navne nu" in out
    # `igen` shows the circle with its note, and without a name now.
    assert "   R1 (orange) For lidt tid til oplæring\n" in out
    prereq = "F1 · forudsætning (Uden tidspunkt · Realistisk · til R2) Superbrugere på alle hold"
    assert prereq in out
    assert "[mette] Din stemme er på F2 (stemmer nu: 2). Du har 2 tilbage." in out
    board = out[out.index("== Tavlen · Vagtplan-app ==") :]
    first, second = "F2 · forudsætning Tid til oplæring", "F1 · forudsætning Superbrugere"
    assert board.index(first) < board.index(second)
    assert "stemmer: 2" in board and "(mette)" not in board
    agreement = "AF1 · aftale · Mette Hansen og TR · senest 15. marts 2027"
    assert f"{agreement} · Planlægger oplæringen med AMR" in out
    assert "(for F2)" in out
    assert "Workshoppen om Vagtplan-app er åben igen, i trinnet »Aftaler«." in out
