"""The one public core of rendering: a plan (and a half) in, the bytes of a document out.

Markdown and HTML come from the templates; the PDF is printed from the HTML by WeasyPrint; the
DOCX is built from the same HTML, so every output says the same words from one template set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dotool.model.adoption import Adoption
from dotool.model.dates import Half
from dotool.model.plan import Plan
from dotool.render.markdown import Images, Resolver, no_files

FORMATS = ("md", "html", "pdf", "docx")


@dataclass(frozen=True)
class Rendered:
    """A rendered document and the repository images a Markdown file refers to."""

    data: bytes
    assets: dict[str, bytes] = field(default_factory=dict)  # path under assets/ → bytes


@dataclass(frozen=True)
class Meta:
    """What the PDF and DOCX carry as document properties."""

    title: str
    subject: str
    lang: str
    stand: date


def render_report(plan: Plan, half: Half, *, fmt: str, lang: str, stand: date,
                  internal: bool = False, repo: Path | None = None,
                  resolve: Resolver = no_files) -> Rendered:
    """The half-yearly committee report for `half` in `fmt` (md, html, pdf, docx)."""
    from dotool.render.report_view import build_report_view

    view = build_report_view(plan, half, stand=stand, internal=internal)

    def charts() -> dict[str, Any]:
        from dotool.render.figures import report_charts

        return report_charts(view, lang)

    return _render("report", view, charts, fmt=fmt, lang=lang, source=plan.masterplan.language,
                   repo=repo, resolve=resolve)


def render_masterplan(plan: Plan, *, fmt: str, lang: str, stand: date, internal: bool = False,
                      adoption: Adoption | None = None, repo: Path | None = None,
                      resolve: Resolver = no_files) -> Rendered:
    """The masterplan document in `fmt`; `adoption` when rendered at an adopted version."""
    from dotool.render.plan_view import build_plan_view

    view = build_plan_view(plan, stand=stand, internal=internal, adoption=adoption)

    def charts() -> dict[str, Any]:
        from dotool.render.figures import plan_charts

        return plan_charts(view, lang)

    return _render("masterplan", view, charts, fmt=fmt, lang=lang,
                   source=plan.masterplan.language, repo=repo, resolve=resolve)


def _render(name: str, view: Any, charts: Any, *, fmt: str, lang: str, source: str,
            repo: Path | None, resolve: Resolver) -> Rendered:
    from dotool.render.templates import environment

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    images = Images(resolve)
    if fmt == "md":
        env = environment(lang=lang, repo=repo, images=images, html=False)
        text = env.get_template(f"{name}.md.j2").render(v=view)
        return Rendered(_tidy(text).encode("utf-8"), dict(images.assets))
    env = environment(lang=lang, repo=repo, images=images, html=True, source_lang=source)
    page = env.get_template(f"{name}.html.j2").render(v=view, charts=charts())
    if fmt == "html":
        return Rendered(page.encode("utf-8"))
    meta = _meta(env, view, name)
    if fmt == "pdf":
        from dotool.render.pdf import html_to_pdf

        return Rendered(html_to_pdf(page, meta))
    from dotool.render.docx import html_to_docx

    return Rendered(html_to_docx(page, meta))


def _meta(env: Any, view: Any, name: str) -> Meta:
    # A second run of the template, without charts, for the title it sets. (One run via
    # make_module would do, but Jinja then reports a failing override at another line.)
    module = env.get_template(f"{name}.html.j2").make_module({"v": view, "charts": {}})
    return Meta(title=str(getattr(module, "doc_title", view.header.title)),
                subject=str(getattr(module, "doc_subject", "")),
                lang=str(env.globals["lang"]), stand=view.stand)


def _tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end (templates stay readable)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"
