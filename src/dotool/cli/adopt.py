"""`dotool adopt VERSION`: record an adoption and tag the adopted commit."""

from __future__ import annotations

from typing import Annotated

import typer

from dotool.cli.common import RootOption, handle_errors


@handle_errors
def adopt(
    version: Annotated[str, typer.Argument(help="The version adopted, e.g. 1.0.")],
    date: Annotated[str, typer.Option("--date", help="Date of the decision, YYYY-MM-DD.")],
    resolution: Annotated[str, typer.Option("--resolution", help="The council paper, e.g. "
                                            "BV/0123/2020.")],
    body: Annotated[str | None, typer.Option("--body", help="The body that decided, e.g. "
                                             "\"Rat der Stadt\".", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Record that the council adopted the current plan as VERSION.

    Writes masterplan/adoptions/VERSION.yaml with the ids of the current measures and, in git,
    the adopted commit; then creates the annotated tag `masterplan-VERSION`. Commit the record
    afterwards. Refuses a version that exists and a plan with validation errors.

    Examples:

    * `dotool adopt 1.0 --date 2020-09-24 --resolution BV/0123/2020 --body "Rat der Stadt"`
    * `git push origin masterplan-1.0` (share the tag)
    """
    from dotool.authoring.adopt import adopt as record
    from dotool.cli.common import err_console, resolve_root
    from dotool.i18n.terminal import t
    from dotool.text import shown

    base = resolve_root(root)
    done = record(base, version=version, date=date, resolution=resolution, body=body)
    console = err_console()
    rel = done.path.relative_to(base).as_posix()
    said = (t("{path} was there already (an interrupted adopt): completed it", path=rel)
            if done.completed else t("wrote {path}", path=rel))
    console.print(str(said), markup=False)
    for left in done.not_adopted:
        console.print(str(t("note: {path} is not in the adopted commit (git ignores it), so the "
                            "record does not list it", path=shown(left))), markup=False)
    if done.tag:
        console.print(str(t("created the tag {tag} on {commit}; commit the record and run "
                            "`git push origin {tag}`", tag=done.tag,
                            commit=(done.commit or "")[:10])), markup=False)
    else:
        console.print(str(t("not in git: no tag created")), markup=False)
