"""The Jinja environment: where templates come from, and the filters they format with.

Templates are looked up in the plan repository's own `templates/` first, then in the packaged
ones, so a municipality overrides a single file without copying the rest.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.i18n import Formatter, translations
from dotool.i18n.terminal import t
from dotool.model.dates import Half
from dotool.model.vocab import KEYS, label
from dotool.palette import css_properties, typst_definitions
from dotool.render import markdown, typst_markup
from dotool.render.markdown import Images
from dotool.text import has_control, shown

if TYPE_CHECKING:
    from jinja2 import Environment

#: Ampel as a coloured sign for Markdown, where there is no CSS (the label says it in words).
RAG_SIGN = {"green": "🟢", "amber": "🟡", "red": "🔴", "none": "⚪"}


def packaged_templates() -> Path:
    """The templates shipped with dotool, `dotool/templates/` beside its modules.

    dotool is installed as files (never run from a zip), so the resource is a folder that
    Jinja's `FileSystemLoader` reads and `template_failure` tells from a repository override.
    """
    return Path(str(resources.files("dotool") / "templates"))


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith((".html.j2", ".typ.j2"))


def environment(*, lang: str, repo: Path | None, images: Images, html: bool,
                source_lang: str | None = None, typst: bool = False) -> Environment:
    """A Jinja environment for one rendering in `lang`; `html` picks the Markdown filters,
    `typst` the escaping and filters of Typst markup (`dotool.render.typst_markup`).

    `source_lang` is the language the plan is written in (masterplan.yaml `language`). When an
    HTML page is rendered in another language, the plan's own text is marked with it (WCAG
    3.1.2, language of parts): `md` wraps its HTML in `<div lang=…>`, `authored` wraps plain
    text in `<span lang=…>`, and `authored_lang` is the attribute for elements that cannot hold
    a span (`<option>`). In the same language, or in Markdown, all three change nothing.
    """
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    search: list[Any] = []
    if repo is not None and os.path.lexists(repo / "templates"):
        search.append(_repo_loader(repo))
    search.append(FileSystemLoader(packaged_templates()))
    env = Environment(
        loader=ChoiceLoader(search),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # In Typst every printed value is escaped (and what is Typst already kept as it is);
        # elsewhere every printed value has its control characters shown escaped.
        finalize=typst_markup.markup_inline if typst else _finalize,
    )
    catalogue = translations(lang)
    if typst:
        env.install_gettext_callables(  # type: ignore[attr-defined]
            typst_markup.gettext(catalogue.gettext), typst_markup.ngettext(catalogue.ngettext),
            newstyle=False, pgettext=typst_markup.pgettext(catalogue.pgettext))
    else:
        env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    fmt = Formatter(lang)
    own = source_lang if (html or typst) and source_lang and source_lang != lang else None
    env.filters.update(
        date=fmt.date, num=fmt.number, money=fmt.money, pct=fmt.percent, signed=fmt.signed,
        label=lambda key, vocabulary: label(vocabulary, key, lang),
        half=partial(half_name, gettext=catalogue.gettext),
        half_short=partial(half_short, gettext=catalogue.gettext),
        sign=lambda rag: RAG_SIGN.get(rag or "none", ""),
        cell=markdown.cell, inline=markdown.inline,
        md=partial(markdown.to_html, images=images, lang=own) if html
        else partial(markdown.to_markdown, images=images),
        authored=partial(authored, lang=own), nobreak=nobreak, capfirst=capfirst,
        # A message held as data (the rules of the figures): translated, never %-formatted.
        translated=catalogue.gettext,
    )
    from markupsafe import Markup

    # The colours of dotool.palette, for the stylesheet and the Typst page (code, not text).
    env.globals.update(lang=lang, authored_lang=authored_attribute(own),
                       palette_css=Markup(css_properties()),
                       palette_typst=Markup(typst_definitions()))
    if typst:
        env.filters.update(
            md=partial(typst_markup.to_typst, images=images, lang=own),
            authored=partial(typst_markup.authored, lang=own),
            str=typst_markup.string, e=typst_markup.markup_inline,
            escape=typst_markup.markup_inline, id_shapes=typst_markup.id_shapes)
        # Every label of a vocabulary, for a column as wide as the widest of them (`fit`).
        env.globals.update(
            vocabulary=lambda name: [label(name, key, lang) for key in KEYS[name]])
    return env


def _finalize(value: Any) -> Any:
    """Every value a template prints, with control characters shown escaped
    (`dotool.text.shown`): no output — HTML, the PDF and DOCX made from it, Markdown on a
    terminal — carries a character that a terminal obeys or that XML cannot hold."""
    if isinstance(value, str) and has_control(value):
        from markupsafe import Markup

        text = shown(value, lines=True)
        return Markup(text) if isinstance(value, Markup) else text
    return value


#: The largest template override read (a template is code, not data: a few kilobytes).
MAX_TEMPLATE_BYTES = 1024 * 1024


def _repo_loader(repo: Path) -> Any:
    """The loader of a repository's `templates/` overrides, reading each file by the one rule
    for files (`dotool.store.reading`): an override that links out of the repository or into
    `.git/` or the plan's data (a non-public measure), loops, is a FIFO or device, or is larger
    than `MAX_TEMPLATE_BYTES` is a located error naming it, never read — it would otherwise
    print that file into a public document.
    """
    from jinja2 import BaseLoader, TemplateNotFound, TemplateSyntaxError
    from jinja2.loaders import split_template_path

    from dotool.store.assets import PLAN_FOLDERS
    from dotool.store.reading import Unreadable, read_inside, resolved

    base = resolved(repo)

    class RepoLoader(BaseLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            rel = "/".join(["templates", *split_template_path(template)])
            path = base / rel
            if not os.path.lexists(path):
                raise TemplateNotFound(template)
            try:
                data = read_inside(base, rel, limit=MAX_TEMPLATE_BYTES, exclude=PLAN_FOLDERS)
            except Unreadable as exc:
                if exc.reason.startswith("is a folder"):  # `templates/site` as a folder
                    raise TemplateNotFound(template) from None
                raise TemplateSyntaxError(str(t("the template override {reason}",
                                                reason=exc.message)), 1, template,
                                          str(path)) from None
            if len(data) > MAX_TEMPLATE_BYTES:
                raise TemplateSyntaxError(f"the template override is larger than "
                                          f"{MAX_TEMPLATE_BYTES:,} bytes", 1, template, str(path))
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = data[:exc.start].count(b"\n") + 1
                raise TemplateSyntaxError(
                    f"the template is not UTF-8: byte 0x{data[exc.start]:02X} cannot be "
                    "decoded", line, template, str(path)) from None
            return source, str(path), lambda: False

    return RepoLoader()


def template_failure(exc: BaseException) -> Any:
    """A `ContentError` naming the repository template (file and line) that `exc` came from.

    A plan repository's `templates/` overrides are trusted code (they are reviewed like any
    other change), but a broken one is the repository's fault, not a bug in dotool: a syntax
    error, an undefined variable or any exception raised while such a template runs is reported
    as invalid content (exit 1) at its file and line. None when `exc` did not come from a
    repository template (a fault in a packaged template is a bug and stays an internal error).
    """
    from jinja2 import TemplateSyntaxError

    from dotool.errors import ContentError

    packaged = packaged_templates().resolve()

    def ours(filename: str | None) -> bool:
        # realpath, not resolve: an override that is a link loop must still be named.
        return filename is not None and filename.endswith(".j2") and \
            not Path(os.path.realpath(filename)).is_relative_to(packaged)

    if isinstance(exc, TemplateSyntaxError) and ours(exc.filename):
        # Jinja's own words are English: they follow ours, marked as its own.
        return ContentError(t("the template override has a syntax error. Jinja said (in "
                              "English): {message}", message=exc.message or ""),
                            path=_shown(exc.filename), line=exc.lineno, hint=_FIX)
    # Jinja rewrites the traceback so that template code appears as frames of the template
    # file at its own line numbers; the innermost frame of a repository template is the culprit.
    tb, culprit = exc.__traceback__, None
    while tb is not None:
        if ours(tb.tb_frame.f_code.co_filename):
            culprit = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    if culprit is None:
        return None
    from jinja2 import UndefinedError

    message = getattr(exc, "message", None) or str(exc)
    hint = t("the variables a template can use are those of the packaged template it overrides "
             "(see dotool/templates/README.md in the installed package)") \
        if isinstance(exc, UndefinedError) else _FIX
    return ContentError(t("the template override failed. Python said (in English): {kind}: "
                          "{message}", kind=type(exc).__name__, message=message),
                        path=_shown(culprit[0]), line=culprit[1], hint=hint)


_FIX = t("fix the repository's template override, or delete it to use the packaged one")


@contextmanager
def raising_own_errors() -> Iterator[None]:
    """Render inside this block: an exception that came from a repository template override
    leaves it as the `ContentError` `template_failure` makes of it (file and line, exit 1), so
    callers only ever see dotool's own errors; any other exception passes unchanged."""
    from dotool.errors import DotoolError

    try:
        yield
    except DotoolError:
        raise
    except Exception as exc:
        found = template_failure(exc)
        if found is None:
            raise
        raise found from exc


def _shown(filename: str | None) -> str:
    """`filename` relative to the working folder when it is below it, else as it is (its
    links are not followed: the message names the file as the repository has it)."""
    path = Path(os.path.abspath(filename or "?"))
    try:
        return path.relative_to(os.path.abspath(Path.cwd())).as_posix()
    except (OSError, ValueError):
        return str(path)


def authored(text: Any, *, lang: str | None) -> Any:
    """Text of the plan, as `<span lang="…">` when `lang` (the plan's, differing from the page's).

    Empty and missing values stay as they are, so `{% if %}` and `or "–"` work as before.
    """
    if not lang or text is None or text == "":
        return text
    from markupsafe import Markup

    return Markup('<span lang="{}">{}</span>').format(lang, text)


def capfirst(text: Any) -> Any:
    """A label as a heading or caption: its first letter upper-case ("verwaltungsintern" →
    "Verwaltungsintern"), the rest as it is."""
    return text[:1].upper() + text[1:] if isinstance(text, str) else text


def nobreak(text: Any) -> Any:
    """A name printed as a title, kept on one line: its spaces as no-break spaces, so that
    "Winsen (Luhe)" never breaks before "(Luhe)" (the plan's text itself is unchanged)."""
    return text.replace(" ", "\u00a0") if isinstance(text, str) else text


def authored_attribute(lang: str | None) -> Any:
    """` lang="…"` for an element holding only text of the plan, or nothing."""
    from markupsafe import Markup

    return Markup(' lang="{}"').format(lang) if lang else Markup("")


def half_short(half: Half, *, gettext: Any) -> str:
    """"2. Hj. 2020" / "H2 2020": a half on a chart's axis or in a table's header."""
    return str(gettext("H%(number)s %(year)s")) % {"number": half.number, "year": half.year}


def half_name(half: Half, *, gettext: Any) -> str:
    """"2. Halbjahr 2020" / "2nd half of 2020"."""
    text = gettext("1st half of %(year)s") if half.number == 1 else gettext("2nd half of %(year)s")
    return str(text) % {"year": half.year}
