"""The one public core of rendering: a plan (and a half) in, the bytes of a document out.

Markdown, HTML and the Typst source of the PDF come from their templates (`*.md.j2`, `*.html.j2`,
`*.typ.j2`), which share the catalogues and the view; the DOCX is built from the HTML, so it
says the same words.
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
from dotool.render.templates import raising_own_errors

FORMATS = ("md", "html", "pdf", "docx")


@dataclass(frozen=True)
class Rendered:
    """A rendered document, the repository images a Markdown file refers to, and the images
    it does not show with the reason (for a note to the user)."""

    data: bytes
    assets: dict[str, bytes] = field(default_factory=dict)  # path under assets/ → bytes
    refused: dict[str, str] = field(default_factory=dict)  # image path → why not shown


@dataclass(frozen=True)
class Meta:
    """What the PDF and DOCX carry as document properties."""

    title: str
    subject: str
    lang: str
    data_date: date
    author: str = ""  # the plan's owner (a role, as the PDF names it), if any


def render_report(plan: Plan, half: Half, *, fmt: str, lang: str, data_date: date,
                  internal: bool = False, repo: Path | None = None,
                  resolve: Resolver = no_files, images: Images | None = None) -> Rendered:
    """The half-yearly committee report for `half` in `fmt` (md, html, pdf, docx).

    `images` shares the image policy of a larger output (the site); else it is made here."""
    from dotool.render.report_view import build_report_view

    view = build_report_view(plan, half, data_date=data_date, internal=internal)

    def charts(png: bool = False) -> dict[str, Any]:
        from dotool.render.figures import report_charts

        return report_charts(view, lang, png=png)

    with raising_own_errors():
        return _render("report", view, charts, fmt=fmt, lang=lang,
                       source=plan.masterplan.language, repo=repo,
                       images=images or _images(fmt, resolve))


def render_masterplan(plan: Plan, *, fmt: str, lang: str, data_date: date, internal: bool = False,
                      adoption: Adoption | None = None, repo: Path | None = None,
                      resolve: Resolver = no_files) -> Rendered:
    """The masterplan document in `fmt`; `adoption` when rendered at an adopted version."""
    from dotool.render.plan_view import build_plan_view

    view = build_plan_view(plan, data_date=data_date, internal=internal, adoption=adoption)

    def charts(png: bool = False) -> dict[str, Any]:
        from dotool.render.figures import plan_charts

        return plan_charts(view, lang, png=png)

    with raising_own_errors():
        return _render("masterplan", view, charts, fmt=fmt, lang=lang,
                       source=plan.masterplan.language, repo=repo, images=_images(fmt, resolve))


def _images(fmt: str, resolve: Resolver) -> Images:
    """The image policy of one document: Markdown copies its images beside it, the HTML file
    embeds each once, Typst gets each as one file beside the source, and the DOCX builder
    takes each from memory (`fetch`), so Word holds it once too."""
    mode = {"md": "copy", "html": "embed", "pdf": "files", "docx": "fetch"}.get(fmt, "embed")
    return Images(resolve, mode)  # type: ignore[arg-type]


#: The name a document's templates know its view by (see templates/README.md).
ROOT = {"report": "report", "masterplan": "plan"}


def roots(name: str, view: Any) -> dict[str, Any]:
    """The view of the document `name` under its own name (`report`, `plan`) and as `doc`, the
    name of the partials that both documents share (page, finances)."""
    return {ROOT[name]: view, "doc": view}


def _render(name: str, view: Any, charts: Any, *, fmt: str, lang: str, source: str,
            repo: Path | None, images: Images) -> Rendered:
    from dotool.render.headings import nest_html, nest_markdown
    from dotool.render.templates import environment

    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "pdf":
        return Rendered(_pdf(name, view, charts(), lang=lang, source=source, repo=repo,
                             images=images), refused=dict(images.refused))
    if fmt == "md":
        env = environment(lang=lang, repo=repo, images=images, html=False)
        text = nest_markdown(env.get_template(f"{name}.md.j2").render(roots(name, view)))
        return Rendered(_tidy(text).encode("utf-8"), images.assets(), dict(images.refused))
    env = environment(lang=lang, repo=repo, images=images, html=True, source_lang=source)
    made = charts(png=fmt == "docx")  # Word gets every chart as a picture
    page, meta = _page(env, view, name, made)
    page = with_defs(nest_html(page), images)
    if fmt == "html":
        return Rendered(page.encode("utf-8"), refused=dict(images.refused))
    from dotool.render.docx import html_to_docx

    return Rendered(html_to_docx(page, meta, {c.name: c for c in every_chart(made)}, images),
                    refused=dict(images.refused))


def _pdf(name: str, view: Any, charts: dict[str, Any], *, lang: str, source: str,
         repo: Path | None, images: Images) -> bytes:
    """The PDF: the Typst template rendered, then compiled with the charts and images. The
    charts are drawn while Typst lays out the text (`pdf.Drawings`)."""
    from dotool.render.headings import nest_typst
    from dotool.render.pdf import Drawings, TypesetError, typeset
    from dotool.render.templates import environment

    env = environment(lang=lang, repo=repo, images=images, html=False, typst=True,
                      source_lang=source)
    text = nest_typst(env.get_template(f"{name}.typ.j2").render(roots(name, view), charts=charts))
    made = {f"charts/{c.name}.svg": c for c in every_chart(charts)}
    drawings = Drawings({path: (c.width, c.height) for path, c in made.items()},
                        lambda: {path: c.svg.encode("utf-8") for path, c in made.items()})
    try:
        return typeset(text, images.assets(), Meta("", "", lang, view.data_date), drawings)
    except TypesetError as exc:
        raise _typeset_failure(exc, name, repo, images) from None


def every_chart(charts: dict[str, Any]) -> list[Any]:
    """The charts of a document, those in lists (the roadmap's parts) included."""
    return [c for value in charts.values() for c in (value if isinstance(value, list) else [value])]


def _typeset_failure(exc: Any, name: str, repo: Path | None, images: Images) -> Exception:
    """What a failed compilation means: a broken image of the plan or a repository template
    override is the content's fault (exit 1); anything else is a bug in dotool's templates."""
    from dotool.errors import ContentError
    from dotool.i18n.terminal import t

    text = " ".join([exc.message, *exc.hints])
    # Typst's own words are English: they follow ours, marked as its own.
    for asset, path in images.sources().items():
        if asset in text:
            return ContentError(t("the PDF cannot show the image {path}. Typst said (in "
                                  "English): {message}", path=path, message=exc.message),
                                path=path, hint=t("replace the image by a valid PNG, JPEG, "
                                                  "GIF, WebP or SVG file, or remove it from "
                                                  "the text"))
    overrides = sorted(p.relative_to(repo).as_posix()
                       for p in (repo / "templates").rglob("*.typ.j2")) \
        if repo is not None and (repo / "templates").is_dir() else []
    if overrides:
        return ContentError(t("the PDF could not be typeset. Typst said (in English): "
                              "{message}", message=exc.message), path=overrides[0],
                            hint=t("a repository template override does not compile; fix it "
                                   "or delete it to use the packaged one"))
    return RuntimeError(f"Typst refused the {name} document: {text}")


def with_defs(page: str, images: Images) -> str:
    """`page` with its embedded images (`Images.defs`) before its last `</body>`."""
    defs = images.defs()
    if not defs:
        return page
    end = page.rfind("</body>")
    return page[:end] + defs + page[end:] if end >= 0 else page + defs


def _page(env: Any, view: Any, name: str, charts: dict[str, Any]) -> tuple[str, Meta]:
    """The HTML page and what it sets as the document's title and subject (for the DOCX), from
    one run of the template: as `Template.render` runs it, so an error in a repository's
    override is reported at its own line, but keeping the context to read the title from."""
    template = env.get_template(f"{name}.html.j2")
    context = template.new_context({**roots(name, view), "charts": charts})
    try:
        page = env.concat(template.root_render_func(context))
    except Exception:  # Jinja's own handling, as in Template.render
        env.handle_exception()
    found = context.get_exported()
    return page, Meta(title=str(found.get("doc_title", view.header.title)),
                      subject=str(found.get("doc_subject", "")),
                      lang=str(env.globals["lang"]), data_date=view.data_date,
                      author=str(view.header.owner or ""))


def _tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end (templates stay readable)."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip() + "\n"
