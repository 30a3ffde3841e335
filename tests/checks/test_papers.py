"""The report papers (`masterplan/reports/<half>.yaml`) are checked one by one: a badly named
paper is reported and the papers after it are still checked. In memory, like the rule examples."""

from __future__ import annotations

from dotool.checks.rulebook import run_example
from dotool.findings.catalogue import PAPER, Example


def test_a_badly_named_paper_leaves_the_next_paper_checked() -> None:
    # `2021-2.yaml` sorts before `2021-H2.yaml`: the signature of the second is still read.
    example = Example("session: 2022-03-17\n", "masterplan/reports/2021-2.yaml",
                      others=((PAPER, "signature: Frau Beispiel\n"),))
    found = [(f.code, f.path, f.line, f.col) for f in run_example(example).findings]
    assert found == [("report-file-name", "masterplan/reports/2021-2.yaml", 1, 1),
                     ("signature-person", PAPER, 1, 12)]
