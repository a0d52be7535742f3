"""click's English, said in Vietnamese: usage errors, help pages, Ctrl-C.

click words its usage errors in English. vanban's commands are built from
:class:`VanbanGroup` (and the :class:`VanbanCommand` it makes), which catch each
usage error where click raises it and raise a :class:`Misuse` instead: the same
error, worded in Vietnamese from the exception's attributes and the parameter's
type, never from click's English text. Every misuse is shown in one shape on
stderr, and still exits with code 2::

    Lỗi: Thiếu tham số TỆP.
    Cách dùng: vanban render [TÙY CHỌN] TỆP
    Xem thêm: vanban render -h

The same classes write the help pages through click's formatting hooks
(``format_usage``, ``format_options``, ``format_commands``), with Vietnamese
headings, placeholders (:data:`OPTIONS_METAVAR`, :data:`COMMAND_METAVAR`) and
option details, and the usage line of a help page is the one a misuse shows. A
command stopped with Ctrl-C says :data:`STOPPED` instead of click's ``Aborted!``,
still with exit code 1.
"""

from __future__ import annotations

import difflib
import os
import stat
import sys
from typing import IO, Any, NoReturn, Optional, Sequence

import click
from click.formatting import join_options

USAGE = "Cách dùng:"
"""Starts the usage line, on a help page and under a misuse."""
OPTIONS_METAVAR = "[TÙY CHỌN]"
COMMAND_METAVAR = "LỆNH [THAM_SỐ]..."
HELP_HELP = "Hiện trang trợ giúp này rồi thoát."
VERSION_HELP = "Hiện số phiên bản rồi thoát."
STOPPED = "Đã dừng."
"""Said on stderr when the user stops a command (Ctrl-C); the exit code stays 1, as click's."""

# Help shown because a group was given no arguments: click >= 8.2 raises it as a usage error.
_HELP_SHOWN = getattr(click.exceptions, "NoArgsIsHelpError", ())


class Misuse(click.UsageError):
    """A usage error whose message is already Vietnamese (a whole sentence, with its full stop)."""

    def show(self, file: Optional[IO[Any]] = None) -> None:
        lines = [f"Lỗi: {self.message}"]
        ctx = self.ctx
        if ctx is not None:
            usage = " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])
            lines.append(f"{USAGE} {usage}")
            if ctx.command.get_help_option(ctx) is not None:
                help_name = min(ctx.command.get_help_option_names(ctx), key=len)
                lines.append(f"Xem thêm: {ctx.command_path} {help_name}")
        click.echo("\n".join(lines), file=file, err=file is None)


def _param_name(param: click.Parameter) -> str:
    """How the user writes the parameter: ``-o/--output`` for an option, ``FILE`` for an argument."""
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return "/".join(param.opts)


def _expected(kind: click.ParamType) -> Optional[str]:
    """What a value of this type must be, as the end of a Vietnamese sentence; None if unknown."""
    if isinstance(kind, click.Choice):
        return "một trong các giá trị " + ", ".join(str(choice) for choice in kind.choices)
    if isinstance(kind, click.IntRange) and (bounds := _range(kind)):
        return f"một số nguyên {bounds}"
    if isinstance(kind, click.types.IntParamType):
        return "một số nguyên"
    if isinstance(kind, click.types.FloatParamType):
        return "một số"
    if isinstance(kind, click.Path):
        return "đường dẫn tới một " + _path_noun(kind)
    return None


def _range(kind: click.IntRange) -> Optional[str]:
    """'từ 30 đến 600', 'từ 1 trở lên', 'không lớn hơn 9'; None for a range without bounds."""
    low = None if kind.min is None else kind.min + bool(kind.min_open)
    high = None if kind.max is None else kind.max - bool(kind.max_open)
    if low is not None and high is not None:
        return f"từ {low} đến {high}"
    if low is not None:
        return f"từ {low} trở lên"
    if high is not None:
        return f"không lớn hơn {high}"
    return None


def _path_noun(kind: click.Path) -> str:
    if kind.file_okay and not kind.dir_okay:
        return "tệp"
    if kind.dir_okay and not kind.file_okay:
        return "thư mục"
    return "tệp hoặc thư mục"


def _suggestion(possibilities: Optional[Sequence[str]]) -> str:
    """' Có phải ý bạn là A, B hay C?' with click's closest match first; empty without any."""
    if not possibilities:
        return ""
    names = list(possibilities)
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " hay " + names[-1]
    return f" Có phải ý bạn là {said}?"


def _option(ctx: Optional[click.Context], name: str) -> Optional[click.Option]:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _message(error: click.UsageError, ctx: Optional[click.Context]) -> str:
    """The Vietnamese for one of click's usage errors."""
    if isinstance(error, click.NoSuchOption):
        return f"Không có tùy chọn {error.option_name}." + _suggestion(error.possibilities)
    if isinstance(error, click.MissingParameter) and error.param is not None:
        if isinstance(error.param, click.Argument):
            return f"Thiếu tham số {_param_name(error.param)}."
        return f"Thiếu tùy chọn bắt buộc {_param_name(error.param)}."
    if isinstance(error, click.BadParameter) and error.param is not None:
        name = _param_name(error.param)
        expected = _expected(error.param.type)
        return f"{name} phải là {expected}." if expected else f"Giá trị của {name} không hợp lệ."
    if isinstance(error, click.BadOptionUsage):
        # click's parser raises this for exactly two mistakes: a value missing after an
        # option that takes one, and a value given (--flag=x) to an option that takes none.
        option = _option(ctx, error.option_name)
        if option is not None and (option.is_flag or option.count):
            return f"Tùy chọn {error.option_name} không nhận giá trị: chỉ ghi {error.option_name}."
        expected = (_expected(option.type) if option is not None else None) or "một giá trị"
        return f"Tùy chọn {error.option_name} cần đi kèm {expected}."
    return "Lệnh được gọi chưa đúng cách."


def _metavar(option: click.Option) -> str:
    """What the help page writes after an option that takes a value: its own metavar, or
    a Vietnamese noun for its type (click's would be PATH, DIRECTORY, INTEGER RANGE, TEXT)."""
    if option.metavar is not None:
        return option.metavar
    kind = option.type
    if isinstance(kind, click.Choice):
        noun = "[" + "|".join(str(choice) for choice in kind.choices) + "]"
    elif isinstance(kind, click.Path):
        noun = {"tệp": "TỆP", "thư mục": "THƯ_MỤC"}.get(_path_noun(kind), "ĐƯỜNG_DẪN")
    elif isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        noun = "SỐ"
    else:
        noun = "GIÁ_TRỊ"
    return noun + "..." if option.nargs > 1 else noun


def _help_notes(option: click.Option, ctx: click.Context) -> list[str]:
    """The bracketed notes after an option's help: its default, its range, whether it is required."""
    notes = []
    show = option.show_default if option.show_default is not None else ctx.show_default
    default = option.default
    if isinstance(show, str):
        notes.append(f"mặc định: {show}")
    elif show and not option.is_flag and not callable(default):
        if isinstance(default, (list, tuple)):
            default = ", ".join(str(value) for value in default)
        if isinstance(default, (str, int, float)) and default != "":
            notes.append(f"mặc định: {default}")
    if isinstance(option.type, click.IntRange) and (bounds := _range(option.type)):
        notes.append(bounds)
    if option.required:
        notes.append("bắt buộc")
    return notes


def _help_record(param: click.Parameter, ctx: click.Context) -> Optional[tuple[str, str]]:
    """One row of the options table: ``-o, --output TỆP`` and its help, with Vietnamese notes."""
    if not isinstance(param, click.Option):
        return param.get_help_record(ctx)
    if param.hidden:
        return None
    names = []
    any_slash = False
    for opts in (param.opts, param.secondary_opts):
        if opts:
            joined, slash = join_options(opts)
            any_slash = any_slash or slash
            if not param.is_flag and not param.count:
                joined += " " + _metavar(param)
            names.append(joined)
    text = param.help or ""
    notes = _help_notes(param, ctx)
    if notes:
        text = f"{text}  [{'; '.join(notes)}]" if text else f"[{'; '.join(notes)}]"
    return ("; " if any_slash else " / ").join(names), text


def _vietnamese(error: click.UsageError, ctx: Optional[click.Context]) -> click.UsageError:
    """The Vietnamese :class:`Misuse` for a click usage error (a Misuse, or help shown because
    no arguments were given, is returned as it is)."""
    if isinstance(error, (Misuse, _HELP_SHOWN)):
        return error
    ctx = error.ctx or ctx
    return Misuse(_message(error, ctx), ctx)


class VanbanCommand(click.Command):
    """A click command whose usage errors are Vietnamese :class:`Misuse` errors, and whose
    help page is Vietnamese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> Optional[click.Option]:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_HELP
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=f"{USAGE} ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [row for row in (_help_record(param, ctx) for param in self.get_params(ctx)) if row]
        if rows:
            with formatter.section("Tùy chọn"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # click reports extra arguments with an English sentence only; let it keep them
        # instead, and report them here.
        allow_extra = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as error:
            raise _vietnamese(error, ctx) from None
        finally:
            ctx.allow_extra_args = allow_extra
        if rest and not allow_extra and not ctx.resilient_parsing:
            raise Misuse(f"Thừa tham số: {' '.join(rest)}.", ctx)
        return rest


class VanbanGroup(VanbanCommand, click.Group):
    """A click group whose usage errors and help pages, and its commands' and subgroups',
    are Vietnamese.

    The group runs even without a command (``invoke_without_command``), so that a missing
    command (``vanban --``) is reported here rather than in click's English; with no
    arguments at all the group still shows its help. A command stopped with Ctrl-C (or
    :class:`click.Abort`) is reported here too, before click would say ``Aborted!``.
    """

    command_class = VanbanCommand
    group_class = type  # subgroups are VanbanGroups too

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("invoke_without_command", True)
        kwargs.setdefault("no_args_is_help", True)
        kwargs.setdefault("subcommand_metavar", COMMAND_METAVAR)
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        VanbanCommand.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command))
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Lệnh"):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in commands])

    def resolve_command(self, ctx: click.Context, args: list[str]):
        try:
            return super().resolve_command(ctx, args)
        except Misuse:
            raise
        except click.UsageError as error:
            # Here click only ever refuses a command it does not have. Its closest matches
            # come with the error from click 8.4 (NoSuchCommand.possibilities); before, find them.
            name = args[0]
            close = getattr(error, "possibilities", None)
            if close is None:
                close = difflib.get_close_matches(name, self.list_commands(ctx))
            raise Misuse(f"Không có lệnh {name}." + _suggestion(close), ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
        except (KeyboardInterrupt, EOFError):
            click.echo(file=sys.stderr)  # as click does: the next line starts after the ^C
            _stopped(ctx)
        except click.Abort:
            _stopped(ctx)
        if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
            raise Misuse("Thiếu tên lệnh.", ctx)
        return result


def _stopped(ctx: click.Context) -> NoReturn:
    """Say, instead of click's ``Aborted!``, that the command was stopped; exit code 1."""
    click.echo(STOPPED, file=sys.stderr)
    ctx.exit(1)


class CheckedPath(click.Path):
    """:class:`click.Path` that says in Vietnamese which path is wrong and why.

    click still decides which paths pass; when it refuses one, the reason is found
    by looking at the path itself, and the message names it.
    """

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            reason = self._reason(value, param, ctx)
        raise Misuse(reason, ctx)

    def _reason(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> str:
        shown = click.format_filename(value)
        where = _param_name(param) if param is not None else None
        suffix = f" ({where})." if where else "."
        try:
            mode = os.stat(value).st_mode
        except OSError:
            return f"Không tìm thấy {_path_noun(self)} {shown}{suffix}"
        if not self.file_okay and stat.S_ISREG(mode):
            return f"Cần một thư mục, nhưng {shown} là một tệp{suffix}"
        if not self.dir_okay and stat.S_ISDIR(mode):
            return f"Cần một tệp, nhưng {shown} là một thư mục{suffix}"
        if self.readable and not os.access(value, os.R_OK):
            return f"Không có quyền đọc {shown}{suffix}"
        if self.writable and not os.access(value, os.W_OK):
            return f"Không có quyền ghi vào {shown}{suffix}"
        return f"Không dùng được {shown}{suffix}"
