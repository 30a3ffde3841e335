"""The Jinja environment: where templates come from, and the filters they format with.

Templates are looked up in the plan repository's own `templates/` first, then in the packaged
ones, so a municipality overrides a single file without copying the rest.
"""

from __future__ import annotations

from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dotool.i18n import Formatter, translations
from dotool.model.dates import Half
from dotool.model.vocab import label
from dotool.render import markdown
from dotool.render.markdown import Images

if TYPE_CHECKING:
    from jinja2 import Environment

#: The repository's top-level templates/, used when running from a source checkout.
_SOURCE_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
#: Ampel as a coloured sign for Markdown, where there is no CSS (the label says it in words).
RAG_SIGN = {"green": "🟢", "amber": "🟡", "red": "🔴", "none": "⚪"}


def packaged_templates() -> Path:
    """The templates shipped with dotool: `dotool/templates` in a wheel, else the source tree."""
    installed = Path(str(resources.files("dotool"))) / "templates"
    return installed if installed.is_dir() else _SOURCE_TEMPLATES


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(".html.j2")


def environment(*, lang: str, repo: Path | None, images: Images, html: bool) -> Environment:
    """A Jinja environment for one rendering in `lang`; `html` picks the Markdown filters."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    search: list[Any] = []
    if repo is not None and (repo / "templates").is_dir():
        search.append(FileSystemLoader(repo / "templates"))
    search.append(FileSystemLoader(packaged_templates()))
    env = Environment(
        loader=ChoiceLoader(search),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    catalogue = translations(lang)
    env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    fmt = Formatter(lang)
    env.filters.update(
        date=fmt.date, num=fmt.number, money=fmt.money, pct=fmt.percent, signed=fmt.signed,
        label=lambda key, vocabulary: label(vocabulary, key, lang),
        half=partial(half_name, gettext=catalogue.gettext),
        sign=lambda rag: RAG_SIGN.get(rag or "none", ""),
        cell=markdown.cell, inline=markdown.inline,
        md=partial(markdown.to_html, images=images) if html
        else partial(markdown.to_markdown, images=images),
    )
    env.globals.update(lang=lang)
    return env


def half_name(half: Half, *, gettext: Any) -> str:
    """"2. Halbjahr 2020" / "2nd half of 2020"."""
    text = gettext("1st half of %(year)s") if half.number == 1 else gettext("2nd half of %(year)s")
    return str(text) % {"year": half.year}
