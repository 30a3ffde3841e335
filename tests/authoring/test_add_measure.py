"""`dotool add-measure`: flags or prompts, next free id, validated, atomic, never overwriting."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dotool.authoring.new_measure import slugify

FLAGS = ("--title", "Digitale Bauanträge für Häuslebauer", "--field", "rathaus",
         "--scope", "external", "--kind", "project", "--lead", "Bauamt",
         "--summary", "Bauanträge online: über das Portal.")
EXPECTED = """\
# yaml-language-server: $schema=../schema/measure.schema.json
id: M-004
title: Digitale Bauanträge für Häuslebauer
field: rathaus
goals: [service, effizienz]
scope: external
kind: project
summary: "Bauanträge online: über das Portal."
lead: Bauamt
priority: medium
start: 2021-09
end: 2022-06-30
"""


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_flags_create_the_next_measure(plan_dir, run_cli) -> None:
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--goals",
                     "service, effizienz", "--priority", "medium", "--start", "2021-09",
                     "--end", "2022-06-30")
    rel = "measures/M-004-digitale-bauantraege-fuer-haeuslebauer.yaml"
    assert result.stdout.strip() == rel
    assert (plan_dir / rel).read_text(encoding="utf-8") == EXPECTED
    run_cli("validate", "--root", plan_dir)


def test_ids_continue_after_the_highest_even_with_gaps(plan_dir, run_cli) -> None:
    (plan_dir / "measures/M-003-e-akte.yaml").rename(plan_dir / "measures/M-012-e-akte.yaml")
    text = (plan_dir / "measures/M-012-e-akte.yaml").read_text(encoding="utf-8")
    (plan_dir / "measures/M-012-e-akte.yaml").write_text(text.replace("M-003", "M-012"),
                                                         encoding="utf-8")
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS)
    assert result.stdout.startswith("measures/M-013-")


@pytest.mark.parametrize("missing", ["--title", "--field", "--scope", "--kind", "--lead",
                                     "--summary"])
@pytest.mark.parametrize("how", ["--no-input", "CI"])
def test_a_missing_value_without_a_terminal_exits_2_naming_the_flag(
        plan_dir, run_cli, monkeypatch, missing: str, how: str) -> None:
    args = [a for i, a in enumerate(FLAGS) if missing not in (a, FLAGS[i - 1] if i else None)]
    if how == "CI":
        monkeypatch.setenv("CI", "true")
    else:
        args.append("--no-input")
    before = _files(plan_dir)
    result = run_cli("add-measure", "--root", plan_dir, *args, exit_code=2)
    assert f"{missing} is missing" in result.stderr
    assert _files(plan_dir) == before


@pytest.mark.parametrize(("flag", "value"), [("--field", "nowhere"), ("--scope", "extern"),
                                             ("--kind", "projekkt"), ("--priority", "urgent"),
                                             ("--goals", "service,nope"), ("--start", "2021-13"),
                                             ("--end", "09/2021")])
def test_bad_values_exit_2(plan_dir, run_cli, flag: str, value: str) -> None:
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, flag, value,
                     exit_code=2)
    assert flag in result.stderr


def test_invalid_measure_is_not_written(plan_dir, run_cli) -> None:
    before = _files(plan_dir)
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--start",
                     "2022-01", "--end", "2021-06", exit_code=1)
    assert "start-after-end" in result.stderr
    assert _files(plan_dir) == before


def test_dry_run_prints_path_and_content(plan_dir, run_cli) -> None:
    before = _files(plan_dir)
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--dry-run")
    assert "measures/M-004-digitale-bauantraege-fuer-haeuslebauer.yaml" in result.stderr
    assert result.stdout.startswith("# yaml-language-server: $schema=../schema/measure")
    assert "id: M-004\n" in result.stdout
    assert _files(plan_dir) == before


def test_prompts_on_a_terminal(plan_dir, run_cli, monkeypatch) -> None:
    monkeypatch.setattr("dotool.cli.prompts.interactive", lambda no_input: not no_input)
    answers = ["E-Rechnung", "nirgends", "rathaus", "service", "intern", "internal", "project",
               "Kämmerei", "", "2021-13", "2021-10", "", "XRechnung empfangen."]
    result = run_cli("add-measure", "--root", plan_dir, input="\n".join(answers) + "\n")
    rel = result.stdout.strip()
    assert rel == "measures/M-004-e-rechnung.yaml"
    text = (plan_dir / rel).read_text(encoding="utf-8")
    assert "goals: [service]\nscope: internal\n" in text and "start: 2021-10\n" in text
    assert "priority" not in text and "end:" not in text
    # asked again after "nirgends", naming the question, not a flag
    assert ("Field of action: `nirgends` is not one of Digitales Rathaus (rathaus), "
            "Infrastruktur (netz)") in result.stderr
    assert "--" not in result.stderr


def _without_goals(plan_dir: Path) -> None:
    """The base plan as a plan of fields alone, with a kebab-case field key."""
    path = plan_dir / "masterplan/masterplan.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("goals:\n"), text.index("fields:\n")
    path.write_text(text[:start] + text[end:] + "  - key: mobilitaet-verkehr\n"
                    "    title: Mobilität und Verkehr\n", encoding="utf-8")
    for name in ("M-001-termine.yaml", "M-002-glasfaser.yaml"):
        measure = plan_dir / "measures" / name
        measure.write_text("".join(line for line in measure.read_text(encoding="utf-8")
                                   .splitlines(keepends=True) if not line.startswith("goals:")),
                           encoding="utf-8")


def test_a_plan_without_goals_asks_for_none(plan_dir, run_cli, monkeypatch) -> None:
    _without_goals(plan_dir)
    run_cli("validate", "--root", plan_dir)
    monkeypatch.setattr("dotool.cli.prompts.interactive", lambda no_input: not no_input)
    answers = ["Radverkehrszählung", "mobilitaet-verkehr", "external", "project",
               "Fachbereich Verkehr", "", "", "", "Zählstellen an den Hauptrouten."]
    result = run_cli("add-measure", "--root", plan_dir, input="\n".join(answers) + "\n")
    text = (plan_dir / result.stdout.strip()).read_text(encoding="utf-8")
    assert "field: mobilitaet-verkehr\nscope: external\n" in text and "goals" not in text
    assert "Goals" not in result.stderr
    before = _files(plan_dir)
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--goals",
                     "service", exit_code=2)
    assert "--goals: masterplan.yaml defines no goals" in result.stderr
    assert _files(plan_dir) == before


def test_edit_opens_the_editor_and_validates_again(plan_dir, run_cli, tmp_path,
                                                   monkeypatch) -> None:
    script = tmp_path / "editor.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a').write('objective: Weniger Papier.\\n')\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    rel = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--edit").stdout
    assert (plan_dir / rel.strip()).read_text(encoding="utf-8").endswith(
        "objective: Weniger Papier.\n")
    script.write_text("import sys\nopen(sys.argv[1], 'a').write('colour: blue\\n')\n")
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", *FLAGS, "--edit",
                     exit_code=1)
    assert "colour" in result.stderr and "is kept" in result.stderr
    assert (plan_dir / result.stdout.strip()).is_file()


def test_parallel_runs_get_distinct_ids(plan_dir) -> None:
    env = {**os.environ, "CI": "1"}
    runs = [subprocess.Popen([sys.executable, "-m", "dotool", "add-measure", "--root",
                              str(plan_dir), *FLAGS[:-2], "--summary", f"Lauf {n}",
                              "--title", f"Parallel {n}"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for n in range(6)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    paths = sorted(out.decode().strip() for out, _ in outputs)
    ids = [Path(p).name[:5] for p in paths]
    assert sorted(ids) == [f"M-{n:03d}" for n in range(4, 10)]
    leftovers = [p.name for p in (plan_dir / "measures").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    done = subprocess.run([sys.executable, "-m", "dotool", "validate", "--root", str(plan_dir)],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(("title", "slug"), [
    ("Online-Terminvergabe im Bürgerbüro", "online-terminvergabe-im-buergerbuero"),
    ("Größere Straßen & Übergänge (ÖPNV)", "groessere-strassen-uebergaenge-oepnv"),
    ("E-Akte / DMS: Einführung", "e-akte-dms-einfuehrung"),
    ("Café Crème", "cafe-creme"),
    ("???", "massnahme"),
    ("Digitalisierung der Schulen und Kindertagesstätten im Stadtgebiet",
     "digitalisierung-der-schulen-und"),
])
def test_slug(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slugify(title)) <= 40


def test_all_missing_values_are_named_at_once(plan_dir, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("add-measure", "--root", plan_dir, "--no-input", "--title", "Neu",
                     exit_code=2)
    assert "--field, --scope, --kind, --lead, --summary are missing" in result.stderr


def _german(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal in the plan's language (the base plan is German), asking as on a terminal."""
    from dotool.i18n import terminal

    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()
    monkeypatch.setattr("dotool.cli.prompts.interactive", lambda no_input: not no_input)


def test_prompts_speak_the_plans_language_and_take_labels(plan_dir, run_cli,
                                                          monkeypatch) -> None:
    _german(monkeypatch)
    answers = ["E-Rechnung", "Digitales Rathaus", "Bürgerservice, effizienz",
               "verwaltungsintern", "Projekt", "Kämmerei", "hoch", "2021-10", "2022-03",
               "XRechnung empfangen."]
    result = run_cli("add-measure", "--root", plan_dir, input="\n".join(answers) + "\n")
    text = (plan_dir / result.stdout.strip()).read_text(encoding="utf-8")
    assert ("field: rathaus\ngoals: [service, effizienz]\nscope: internal\nkind: project\n"
            in text)
    assert "priority: high\nstart: 2021-10\nend: 2022-03\n" in text
    for question in ("Titel", "Handlungsfeld (Digitales Rathaus (rathaus), Infrastruktur "
                     "(netz))", "Ziele (mehrere durch Kommas getrennt) (Bürgerservice "
                     "(service), Wirtschaftlichkeit (effizienz))",
                     "Wirkungsbereich (verwaltungsintern, verwaltungsextern)",
                     "Art (Projekt, Beratung, Innovation, Strategie, Infrastruktur)",
                     "Federführung (eine Organisationseinheit, nie eine Person)",
                     "Priorität (hoch, mittel, niedrig) (optional, mit Enter überspringen)",
                     "Beginn (JJJJ-MM oder JJJJ-MM-TT)", "Geplantes Ende", "Zusammenfassung"):
        assert question in result.stderr
    assert "Field" not in result.stderr and "--" not in result.stderr


def test_a_bad_answer_asks_the_same_question_again_and_keeps_the_others(
        plan_dir, run_cli, monkeypatch) -> None:
    _german(monkeypatch)
    answers = ["E-Rechnung", "rathause", "rathaus", "", "intern", "internal", "project",
               "Kämmerei", "", "2021-13", "2021-10",
               "2021-09",  # before the start: refused right away, the end is asked again
               "2022-03", "XRechnung empfangen."]
    result = run_cli("add-measure", "--root", plan_dir, input="\n".join(answers) + "\n")
    text = (plan_dir / result.stdout.strip()).read_text(encoding="utf-8")
    assert "title: E-Rechnung\nfield: rathaus\nscope: internal\n" in text
    assert "start: 2021-10\nend: 2022-03\n" in text
    errors = [line for line in result.stderr.splitlines() if not line.endswith(": ")]
    assert ("Handlungsfeld: `rathause` ist keiner der Werte Digitales Rathaus (rathaus), "
            "Infrastruktur (netz)") in result.stderr
    assert "Hinweis: meinten Sie `rathaus`?" in result.stderr
    assert "Wirkungsbereich: `intern` ist keiner der Werte" in result.stderr
    assert ("Beginn: `2021-13` ist kein Monat JJJJ-MM und kein Tag JJJJ-MM-TT"
            in result.stderr)
    end_refused = "Geplantes Ende: das geplante Ende 2021-09 liegt vor dem Beginn 2021-10"
    assert end_refused in result.stderr
    # asked right after the end was typed: before the summary, not after the last question
    assert result.stderr.index(end_refused) < result.stderr.index("Zusammenfassung")
    assert result.stderr.count("Geplantes Ende (") == 2, errors


def test_prompts_that_run_out_of_input_exit_2(plan_dir, run_cli, monkeypatch) -> None:
    _german(monkeypatch)
    before = _files(plan_dir)
    result = run_cli("add-measure", "--root", plan_dir, input="E-Rechnung\n", exit_code=2)
    assert ("Fehler: keine Antwort auf die Frage „Handlungsfeld“: die Eingabe ist zu Ende"
            in result.stderr)
    assert _files(plan_dir) == before


@pytest.mark.parametrize("how", ["--no-input", "CI"])
def test_a_missing_value_names_the_flag_in_the_plans_language(
        plan_dir, run_cli, monkeypatch, how: str) -> None:
    from dotool.i18n import terminal

    monkeypatch.delenv("DOTOOL_LANG")
    terminal.reset()
    args = ["add-measure", "--root", plan_dir, "--title", "Neu", "--field", "rathaus"]
    if how == "CI":
        monkeypatch.setenv("CI", "true")
    else:
        args.append("--no-input")
    result = run_cli(*args, exit_code=2)
    assert result.stderr == (
        "Fehler: --scope, --kind, --lead, --summary fehlen\n"
        "Hinweis: Geben Sie --scope, --kind, --lead, --summary an (dotool fragt nur in einem "
        "Terminal nach, nicht mit --no-input und nicht in CI)\n")
    result = run_cli(*args, "--scope", "extern", "--kind", "Projekt", "--lead", "Bauamt",
                     "--summary", "Neu.", exit_code=2)
    assert result.stderr == ("Fehler: --scope: `extern` ist keiner der Werte verwaltungsintern "
                             "(internal), verwaltungsextern (external)\n"
                             "Hinweis: meinten Sie `external`?\n")


def test_long_choices_are_listed_one_a_line(sample_dir, run_cli, monkeypatch) -> None:
    _german(monkeypatch)
    answers = ["E-Rechnung", "buergerservice", "", "verwaltungsintern", "Projekt", "Kämmerei",
               "", "", "", "XRechnung empfangen."]
    result = run_cli("add-measure", "--root", sample_dir, "--dry-run",
                     input="\n".join(answers) + "\n")
    assert "\n  · Bürgerservice und digitales Rathaus (buergerservice)\n" in result.stderr
    assert "field: buergerservice\n" in result.stdout
