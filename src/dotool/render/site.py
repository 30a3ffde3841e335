"""The static website of the plan (`dotool site`): every page as bytes, keyed by relative path.

Pages come from `templates/site/`, wrapped around the same views, partials and charts as the
documents; each half-yearly report is the report's own HTML (`report.html.j2`) placed inside the
site's layout. Links are relative (`root` is "" or "../"), so the site works from any folder and
from `file://`; nothing is loaded from elsewhere, and the search index is a script file rather
than JSON fetched at run time, because browsers refuse `fetch` on `file://`.

The site carries its open data in `open-data/`: exactly what `dotool export --public` writes
(`plan.json`, `measures.csv`, `updates.csv`), made by the same code, with the JSON Schema of
`plan.json`; the "About" page and the footer link them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.model.plan import Plan
from dotool.render.markdown import Images, Resolver, no_files

if TYPE_CHECKING:
    from dotool.render.charts import Chart

#: Files copied from the templates as they are (a repository may override them too).
STATIC = {"assets/site.js": "site/site.js"}
#: The folder of the open data inside the site (the templates link its files).
OPEN_DATA = "open-data"


def render_site(plan: Plan, *, lang: str, stand: date | None, repo: Path | None = None,
                resolve: Resolver = no_files) -> dict[str, bytes]:
    """Every file of the site: relative path → bytes. Only public measures, never `contact`."""
    from markupsafe import Markup

    from dotool.model.public import public_plan
    from dotool.render.document import render_report
    from dotool.render.figures import report_charts, roadmap_charts
    from dotool.render.plan_view import build_plan_view
    from dotool.render.site_view import build_site_view, report_url, search_index
    from dotool.render.templates import environment

    public = public_plan(plan)
    view = build_site_view(public, stand=stand)
    env = environment(lang=lang, repo=repo, images=Images(resolve), html=True,
                      source_lang=plan.masterplan.language)
    out: dict[str, bytes] = {}

    def page(path: str, template: str, **extra: Any) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(v=view, root=root, here=path, **extra)
        out[path] = html.encode("utf-8")

    # The dashboard shows the figures of the latest report (of public measures): its charts.
    charts: dict[str, Chart] = report_charts(view.report, lang) if view.report else {}
    page("index.html", "site/index.html.j2", charts=charts)
    page("measures/index.html", "site/measures.html.j2")
    page("fields/index.html", "site/fields.html.j2")
    for field in view.fields:
        page(field.url, "site/field.html.j2", f=field)
    for measure in view.pages:
        page(measure.row.url, "site/measure.html.j2", p=measure, m=measure.profile)
    plan_view = build_plan_view(public, stand=stand or date.min)
    page("roadmap.html", "site/roadmap.html.j2",
         roadmap=roadmap_charts(plan_view, lang),
         rows=list(zip(plan_view.measures, view.measures, strict=True)))
    page("reports/index.html", "site/reports.html.j2")
    for half in view.halves:
        report = render_report(public, half, fmt="html", lang=lang, stand=stand or half.end,
                               repo=repo, resolve=resolve)
        page(report_url(half), "site/report.html.j2", half=half,
             body=Markup(_main_of(report.data.decode("utf-8"))))
    page("about.html", "site/about.html.j2")
    out["assets/site.css"] = env.get_template("site/site.css.j2").render().encode("utf-8")
    for target, name in STATIC.items():
        source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
        out[target] = source.encode("utf-8")
    # Search index: JSON assigned to a global, loaded with <script> (works from file://).
    out["assets/search-index.js"] = (
        "window.DOTOOL_SEARCH = " + search_index(public).replace("</", "<\\/") + ";\n"
    ).encode("utf-8")
    out.update(open_data(plan, stand=stand))
    return dict(sorted(out.items()))


def open_data(plan: Plan, *, stand: date | None) -> dict[str, bytes]:
    """The public export (`dotool export --public`, JSON and CSV) and the JSON's schema."""
    from dotool.export.document import export_json
    from dotool.export.tables import export_tables
    from dotool.model.jsonschema import schema_text

    files = {"plan.json": export_json(plan, public=True, data_as_of=stand),
             **export_tables(plan, public=True),
             "export.schema.json": schema_text("export.schema.json").encode("utf-8")}
    return {f"{OPEN_DATA}/{name}": data for name, data in files.items()}


def _main_of(page: str) -> str:
    """The content of the report's `<main>` (its own page skeleton is replaced by the site's)."""
    start, end = page.find("<main>"), page.rfind("</main>")
    if start < 0 or end < start:  # a repository's own report template without <main>
        start, end = page.find("<body"), page.rfind("</body>")
        start = page.find(">", start)
    return page[start + len("<main>") if page.startswith("<main>", start) else start + 1:end]
