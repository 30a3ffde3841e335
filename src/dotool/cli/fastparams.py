"""Typer without pydantic for plain options, so a command starts as fast as `dotool --version`.

typer 0.29 coerces every option value — even `--help`'s unset None — through a pydantic
`TypeAdapter` it builds on first use. Importing pydantic and building the adapters costs about
90 ms, which is most of a warm `dotool validate` (`make bench`); and for the types dotool's options
use the coercion does nothing: a flag is a bool, text is a str, and a folder option is a `Path`
that typer's own path check inspects. `PlainGroup` installs that pass-through before options are
parsed. Any other type, or a typer whose internals differ, keeps typer's own coercion: the
shim fails safe — any exception of its own (a renamed or reshaped internal) hands the value to
typer, and only click's own refusals of a value (a folder that does not exist) pass through.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer.core

try:  # typer's internals: when they change, typer simply keeps its own coercion
    from typer._click.exceptions import ClickException
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except Exception:  # pragma: no cover - depends on the installed typer
    _AVAILABLE = False
else:
    _AVAILABLE = True

_PLAIN = (bool, str, Path)

if _AVAILABLE:

    @dataclass(frozen=True)
    class _Plain(RuntimeParam):
        """Coercion of a bool, str or Path value without pydantic; other values go to typer."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self._plain(value, param, ctx)
            except ClickException:  # typer's own refusal of the value: the user's to see
                raise
            except Exception:  # the shim's own failure: typer does it as it always would
                return build_runtime_param(param.type_descriptor)._coerce_value(value, param,
                                                                               ctx)

        def _plain(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = self.annotation
            if kind is str and isinstance(value, str):
                return value
            if kind is bool and isinstance(value, bool):
                return value
            if kind is Path and isinstance(value, str | Path):
                return coerce_cli_path(Path(value), self.parameter_info, path_type=Path,
                                       param=param, ctx=ctx)
            return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)


def _install(params: list[Any]) -> None:
    if not _AVAILABLE:
        return
    try:
        _install_plain(params)
    except Exception:  # typer's internals differ: its own coercion stays in place
        return


def _install_plain(params: list[Any]) -> None:
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is None or getattr(param, "_runtime_param", 0) is not None
                or param.multiple or param.nargs != 1):
            continue
        info = descriptor.parameter_info
        if (descriptor.annotation in _PLAIN and getattr(info, "parser", None) is None
                and getattr(info, "path_type", None) in (None, Path)):
            param._runtime_param = _Plain(parameter_info=info, annotation=descriptor.annotation)


class PlainGroup(typer.core.TyperGroup):
    """The command group: plain options of the group and of every command skip pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _install(self.get_params(ctx))  # with the help option, which exists per context
        return super().parse_args(ctx, args)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            # A command's context inherits the help option names from this one unless the
            # command has settings of its own; only then is its help option unknown here.
            _install(command.params if command.context_settings else command.get_params(ctx))
        return command
