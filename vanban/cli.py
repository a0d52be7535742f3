"""The ``vanban`` command. Messages are in Vietnamese; user mistakes never show a traceback.

Exit codes: 0 done; 1 the document could not be made (invalid data, existing
output, write failure); 2 the command itself was misused (unknown option,
missing argument): click finds the mistake, vanban says it in Vietnamese
(see ``_cli_errors``); 70 a fault of vanban itself; 141 whatever read the output stopped
reading (``| head``), said as a shell says it. The commands raise vanban's errors as the library does;
:class:`_Command` is the one place that turns them into a message and an exit code.

The command's process starts at :func:`run` (the ``vanban`` console script and
``python -m vanban``), which sets what only a process of its own may set: pydantic's
observability plugins are turned off (``PYDANTIC_DISABLE_PLUGINS=__all__``) unless the
environment already says otherwise, and so is the cyclic garbage collector (but for
``vanban batch``); the process ends without the interpreter's teardown (:func:`_leave`).
Importing vanban, or calling :data:`main` from a program (click's ``CliRunner``), changes no
setting of the process.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import signal
import sys
from pathlib import Path
from typing import NoReturn, Optional

import click

from . import __version__
from ._batch_names import DEFAULT_NAME, NAME_FIELDS
from ._cli_errors import VERSION_HELP, CheckedPath, Misuse, VanbanCommand, VanbanGroup
from .errors import NamePatternError, SourceNotFoundError, VanbanError


class _Command(VanbanCommand):
    """A vanban command: the one place where vanban's errors reach the user.

    Whatever a command raises that is a :class:`VanbanError` is said as ``Lỗi: <message>``
    on stderr, and the command exits with the error's ``exit_code``; a mistyped batch name
    pattern is said as a misuse of the command, with its usage line (exit code 2). Anything
    else is a fault of vanban, not of the user's input: it is said as such, in one line, with
    how to see the traceback (``VANBAN_DEBUG=1``) to report it (exit code 70, EX_SOFTWARE).
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NamePatternError as error:
            raise Misuse(str(error), ctx) from None
        except VanbanError as error:
            click.echo(f"Lỗi: {error}", err=True)
            ctx.exit(error.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # what reads the output stopped reading (`vanban new ke-hoach | head`): nothing is wrong,
            # and nothing more can be said there; the rest of the output goes nowhere, quietly
            _drop_standard_output()
            ctx.exit(128 + getattr(signal, "SIGPIPE", 13))
        except Exception as error:
            if os.environ.get("VANBAN_DEBUG"):
                raise
            click.echo(
                f"Lỗi của vanban (không phải lỗi trong dữ liệu của bạn): {type(error).__name__}: {error}\n"
                "Hãy chạy lại với biến môi trường VANBAN_DEBUG=1 để xem "
                "chi tiết kỹ thuật, rồi báo lỗi kèm chi tiết đó và tệp dữ liệu.",
                err=True,
            )
            ctx.exit(70)


def _drop_standard_output() -> None:
    """Point standard output at the null device, so that flushing it at exit raises nothing."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # not a real file (a test's)
        pass


class _Group(VanbanGroup):
    command_class = _Command


@contextlib.contextmanager
def _handling(handlers: dict):
    """``handlers`` (signal name: handler) installed for the ``with`` block only, and the
    previous ones given back after it, however it ends: code that runs after the command in the
    same process (a test run, a program calling vanban's commands) keeps its own handlers.
    Signals this system lacks (SIGHUP on Windows) are left out."""
    previous = {}
    try:
        for name, handler in handlers.items():
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(number, handler)
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _exit_on_sigterm():
    """A terminated vanban still runs its cleanup (LibreOffice stopped, temporary files removed)."""
    return _handling({"SIGTERM": lambda signum, frame: sys.exit(128 + signum)})


@click.group(
    cls=_Group,
    help="vanban: soạn văn bản Đoàn, Nhà nước đúng thể thức từ tệp YAML/JSON.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", message="vanban %(version)s", help=VERSION_HELP)
def main() -> None:
    pass


@main.command(help="Tạo tệp .docx từ tệp dữ liệu YAML hoặc JSON.")
@click.argument("file", metavar="TỆP", type=CheckedPath(path_type=Path))
@click.option("-o", "--output", metavar="TỆP", type=CheckedPath(path_type=Path),
              help="Tệp .docx cần tạo (mặc định: cùng tên, cùng thư mục với tệp dữ liệu).")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.option("--templates", "template_dirs", multiple=True,
              type=CheckedPath(path_type=Path, file_okay=False, exists=True),
              help="Thư mục mẫu riêng của đơn vị, được ưu tiên trước mẫu có sẵn.")
@click.option("--pdf", is_flag=True, help="Tạo thêm tệp PDF cùng tên, bên cạnh tệp .docx (cần LibreOffice).")
@click.option("--png", is_flag=True,
              help="Tạo thêm ảnh từng trang: TEN-1.png, TEN-2.png... (cần LibreOffice và pdftoppm).")
@click.option("--dpi", type=click.IntRange(30, 600), default=100, show_default=True,
              help="Độ phân giải ảnh trang (điểm ảnh mỗi inch).")
def render(file: Path, output: Optional[Path], force: bool, template_dirs: tuple[Path, ...],
           pdf: bool, png: bool, dpi: int) -> None:
    from . import Renderer, load

    from ._batch_names import docx_output_mistake, name_too_long

    if output is not None and docx_output_mistake(str(output)):
        raise Misuse(docx_output_mistake(str(output)), click.get_current_context())  # exit code 2
    output = output or file.with_suffix(".docx")
    for name in [output.name] + ([output.stem + "-999.png"] if png else []):  # page images: longer names
        if name_too_long(name, "-o"):
            raise Misuse(name_too_long(name, "-o"), click.get_current_context())
    document = load(file)
    # never hand out a document that breaks a MUST rule: checked on the tree the render built
    data, report = Renderer(template_dirs).render_checked(document)
    outputs = [(output, data), *_previews(data, output, pdf=pdf, png=png, dpi=dpi, force=force)]
    written = _write_all(outputs, force)
    for path in written:
        click.echo(f"Đã tạo {path}")
    for finding in report.findings:
        if finding.severity == "warning":
            click.echo(f"Lưu ý: {finding}", err=True)


def _previews(data: bytes, output: Path, *, pdf: bool, png: bool, dpi: int, force: bool) -> list:
    """The PDF and page images of a rendered .docx, in memory: (path, bytes) pairs."""
    if not (pdf or png):
        return []
    from ._files import check_output
    from ._pdf import PdfConverter, find_pdftoppm, pdf_to_png, png_paths
    from .errors import MissingToolError

    pdf_path = output.with_suffix(".pdf")
    for target in [output] + ([pdf_path] if pdf else []):
        check_output(target, overwrite=force)  # before LibreOffice spends its seconds
    if png and find_pdftoppm() is None:
        raise MissingToolError("pdftoppm", "tạo được ảnh trang")
    from ._fonts import require_document_fonts, require_times

    require_times()
    with _exit_on_sigterm(), PdfConverter() as converter:
        pdf_bytes = converter.convert_bytes(data, output.name)
    require_document_fonts(pdf_bytes, pdf_path.name)
    outputs = [(pdf_path, pdf_bytes)] if pdf else []
    if png:
        images = pdf_to_png(pdf_bytes, dpi=dpi)
        outputs += list(zip(png_paths(output.with_suffix(""), len(images)), images))
    return outputs


def _write_all(outputs: list, force: bool) -> list[Path]:
    """Write every file or none: existing files are checked first, and a failed write
    removes the files this command had already written."""
    from ._files import check_output, write_atomic

    for path, _ in outputs:
        check_output(path, overwrite=force)
    written: list[Path] = []
    try:
        for path, data in outputs:
            written.append(write_atomic(path, data, overwrite=force))
    except VanbanError:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    pages = [path for path, _ in outputs if path.suffix == ".png"]
    if pages and force:
        from ._pdf import remove_stale_pages  # LibreOffice's module: only when pages were made

        remove_stale_pages(outputs[0][0].with_suffix(""), len(pages))
    return written


@main.command(help="In ra tệp YAML mẫu có chú thích cho một loại văn bản, ví dụ: vanban new ke-hoach")
@click.argument("kind", metavar="LOẠI")
def new(kind: str) -> None:
    from . import get_document_type

    click.echo(get_document_type(kind).starter_yaml(), nl=False)


@main.command(help="In ra JSON Schema của một loại văn bản (cho trình soạn thảo).")
@click.argument("kind", metavar="LOẠI")
def schema(kind: str) -> None:
    from . import get_document_type

    model = get_document_type(kind)
    click.echo(json.dumps(model.json_schema(), ensure_ascii=False, indent=2))


@main.command(help="Liệt kê các loại văn bản vanban soạn được.")
def types() -> None:
    from . import document_types

    for name, model in document_types().items():
        click.echo(f"{name:<12} {model.type_name} ({model.type_code})")


@main.command(help="Kiểm tra thể thức một tệp .docx bất kỳ theo 29-HD (Đoàn) hoặc NĐ 30 (Nhà nước).")
@click.argument("path", metavar="TỆP", type=CheckedPath(path_type=Path, dir_okay=False))
@click.option("--profile", type=click.Choice(["doan", "nha-nuoc"]),
              help="Thể thức; mặc định tự nhận ra từ tiêu đề văn bản.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Cách in kết quả.")
@click.option("--png", "png_dir", is_flag=False, flag_value="", default=None, metavar="[THƯ_MỤC]",
              help="Tạo thêm ảnh từng trang, mỗi lỗi được khoanh và đánh số như trong danh sách: "
                   "TEN-kiem-tra-1.png... trong THƯ_MỤC (mặc định: thư mục của tệp). Đặt sau TỆP. "
                   "Cần LibreOffice và poppler (pdftoppm, pdftotext).")
@click.option("--dpi", type=click.IntRange(30, 600), default=100, show_default=True,
              help="Độ phân giải ảnh trang (với --png).")
@click.option("--force", is_flag=True, help="Ghi đè ảnh trang nếu đã có (với --png).")
def check(path: Path, profile: Optional[str], output_format: str, png_dir: Optional[str], dpi: int,
          force: bool) -> None:
    from ._check import check_document

    _require_existing(path)
    report = check_document(path, profile, name=str(path))
    if png_dir is None:
        click.echo(report.to_json() if output_format == "json" else report.to_text())
    else:
        written, marks = _marked_page_files(path, report, Path(png_dir) if png_dir else path.parent, dpi, force)
        if output_format == "json":
            click.echo(report.to_json())
        else:
            lines = [f"{mark.number}. {finding}" + ("" if mark.box or not finding.paragraph else
                                                      "\n    (không tìm thấy đoạn này trên trang để khoanh)")
                     for mark, finding in zip(marks, report.findings)]
            click.echo("\n".join(lines + [report.to_text().splitlines()[-1]]))
        for page in written:
            click.echo(f"Đã tạo {page}", err=output_format == "json")
    if report.errors:
        sys.exit(1)


def _marked_page_files(path: Path, report, folder: Path, dpi: int, force: bool):
    """Write the page images with the findings marked: every file or none."""
    from ._files import check_output
    from ._import import word_bytes
    from ._marked_pages import marked_pages
    from ._pdf import PdfConverter, png_paths

    prefix = folder / f"{path.stem}-kiem-tra"
    first = png_paths(prefix, 1)[0]
    check_output(first, overwrite=force)  # said before LibreOffice spends its seconds
    docx, _ = word_bytes(path)
    _exit_on_sigterm()
    with PdfConverter() as converter:
        data = docx if isinstance(docx, bytes) else docx.read_bytes()
        images, marks = marked_pages(data, report, name=path.with_suffix(".docx").name, dpi=dpi,
                                     converter=converter)
    return _write_all(list(zip(png_paths(prefix, len(images)), images)), force), marks


@main.command("import", help="Đọc một văn bản Word (.docx hoặc .doc) thành tệp dữ liệu YAML của vanban, "
                             "để sửa rồi tạo lại bằng 'vanban render'.")
@click.argument("path", metavar="TỆP", type=CheckedPath(path_type=Path, dir_okay=False))
@click.option("-o", "--output", metavar="TỆP", type=CheckedPath(path_type=Path),
              help="Tệp YAML cần tạo (mặc định: cùng tên, đuôi .yaml, cùng thư mục).")
@click.option("--profile", type=click.Choice(["doan", "nha-nuoc"]),
              help="Thể thức; mặc định tự nhận ra từ tiêu đề văn bản.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def import_(path: Path, output: Optional[Path], profile: Optional[str], force: bool) -> None:
    from ._files import check_output, write_atomic
    from ._import import import_document

    _require_existing(path)
    output = output or path.with_suffix(".yaml")
    if output.suffix.lower() not in (".yaml", ".yml"):
        raise Misuse(f"Tệp ra '{output}' phải có đuôi .yaml hoặc .yml (vanban import ghi dữ liệu YAML).",
                     click.get_current_context())
    check_output(output, overwrite=force)
    result = import_document(path, profile=profile, name=str(path))
    written = write_atomic(output, result.to_yaml().encode("utf-8"), overwrite=force)
    click.echo(f"Đã tạo {written}")
    if result.report():
        click.echo(result.report(), err=True)


@main.command(help="Tạo bản trình bày đúng thể thức của một văn bản Word (.docx hoặc .doc) trình bày sai: "
                   "đọc nội dung rồi tạo lại, giữ nguyên từng chữ, và liệt kê các lỗi đã sửa.")
@click.argument("path", metavar="TỆP", type=CheckedPath(path_type=Path, dir_okay=False))
@click.option("-o", "--output", metavar="TỆP", type=CheckedPath(path_type=Path),
              help="Tệp .docx cần tạo (mặc định: TEN-da-sua.docx, cùng thư mục).")
@click.option("--profile", type=click.Choice(["doan", "nha-nuoc"]),
              help="Thể thức; mặc định tự nhận ra từ tiêu đề văn bản.")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp ra đã có.")
def fix(path: Path, output: Optional[Path], profile: Optional[str], force: bool) -> None:
    from ._batch_names import docx_output_mistake
    from ._files import check_output
    from ._fix import fix_document

    _require_existing(path)
    if output is not None and docx_output_mistake(str(output)):
        raise Misuse(docx_output_mistake(str(output)), click.get_current_context())
    output = output or path.with_name(f"{path.stem}-da-sua.docx")
    if output.resolve() == path.resolve():
        raise Misuse(f"Tệp ra '{output}' là chính tệp gốc: hãy ghi bản đã sửa ra một tệp khác (-o).",
                     click.get_current_context())
    check_output(output, overwrite=force)
    result = fix_document(path, profile=profile, name=str(path))
    written = _write_all([(output, result.data)], force)
    click.echo(result.to_text())
    for file in written:
        click.echo(f"Đã tạo {file}")


_NAME_HELP = "Mẫu tên tệp ra. Các giá trị: " + "; ".join(
    "{" + name + "} " + meaning for name, meaning in NAME_FIELDS.items()
) + "."


@main.command(help="Tạo nhiều văn bản một lần. ĐẦU_VÀO là một thư mục tệp YAML/JSON (mỗi tệp một văn bản), "
                   "hoặc một tệp danh sách .yaml, .csv, .xlsx: mỗi dòng một văn bản, điền vào tệp mẫu "
                   "chung (--base). Một dòng lỗi không làm dừng các dòng khác.")
@click.argument("input_path", metavar="ĐẦU_VÀO", type=CheckedPath(path_type=Path, exists=True))
@click.option("-o", "--output", "out_dir", required=True, metavar="THƯ_MỤC", type=CheckedPath(path_type=Path),
              help="Thư mục ghi các văn bản (tạo mới nếu chưa có).")
@click.option("--base", type=CheckedPath(path_type=Path, dir_okay=False, exists=True),
              help="Tệp YAML mẫu chung: phần giống nhau của mọi văn bản; mỗi dòng ghi đè hoặc thêm vào.")
@click.option("--pdf", is_flag=True, help="Tạo thêm tệp PDF cho mỗi văn bản (cần LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Số văn bản làm song song (mặc định: số nhân CPU).")
@click.option("--name", "name_pattern", metavar="MẪU", default=DEFAULT_NAME, show_default=True, help=_NAME_HELP)
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.option("--templates", "template_dirs", multiple=True,
              type=CheckedPath(path_type=Path, file_okay=False, exists=True),
              help="Thư mục mẫu riêng của đơn vị, được ưu tiên trước mẫu có sẵn.")
@click.option("--no-check", is_flag=True,
              help="Không tự kiểm tra thể thức từng văn bản vừa tạo (nhanh hơn nhiều).")
@click.option("--max-rows", type=click.IntRange(min=1), metavar="SỐ",
              help="Số văn bản tối đa một lần chạy (mặc định 100.000, hoặc biến môi trường VANBAN_MAX_ROWS).")
@click.option("--pdf-timeout", type=click.IntRange(min=1), default=120, show_default=True, metavar="GIÂY",
              help="Thời gian tối đa LibreOffice chuyển một văn bản sang PDF; quá thì LibreOffice đó bị dừng, "
                   "mở lại cho văn bản sau, văn bản đó báo lỗi.")
@click.option("--cluster", metavar="ĐỊA_CHỈ",
              help="Tạo văn bản trên các máy của một cụm Dask (địa chỉ bộ điều phối, ví dụ tcp://may-chu:8786); "
                   "cần pip install 'vanban[cluster]'. Tệp vẫn được ghi ở máy này.")
def batch(input_path: Path, out_dir: Path, base: Optional[Path], pdf: bool, jobs: Optional[int],
          name_pattern: str, force: bool, template_dirs: tuple[Path, ...], no_check: bool,
          max_rows: Optional[int], pdf_timeout: int, cluster: Optional[str]) -> None:
    gc.enable()  # off for the one-document commands (run), not for a run of many
    from ._batch import check_name_pattern, run_batch
    from ._batch_input import Limits

    check_name_pattern(name_pattern)  # a mistyped pattern is a misuse of the command (exit code 2)
    bar = _Progress(sys.stderr.isatty())  # drawn on a terminal only: logs stay clean
    try:
        with _stop_on_termination():
            report = run_batch(
                input_path, out_dir, base=base, pdf=pdf, jobs=jobs, name_pattern=name_pattern,
                overwrite=force, template_dirs=template_dirs, check=not no_check, progress=bar,
                limits=Limits.from_environment(rows=max_rows), pdf_timeout=pdf_timeout, cluster=cluster,
            )
    except KeyboardInterrupt:
        bar.close()
        whole = bar.made - bar.without_pdf
        said = [f"Đã tạo xong {whole} văn bản trước khi dừng"] if whole else []
        if bar.without_pdf:
            said.append(f"{bar.without_pdf} văn bản {'khác ' if whole else ''}đã có tệp .docx nhưng chưa có PDF")
        if said:
            click.echo(f"{'; '.join(said)}. Các tệp này được giữ trong {out_dir}.", err=True)
        raise
    finally:
        bar.close()
    click.echo(report.summary())
    if report.failed or report.stopped:
        sys.exit(1)


def _stop_on_termination():
    """While the batch runs, SIGTERM (a service manager, kill) and SIGHUP (the terminal closed)
    stop it as Ctrl-C does: finished documents are kept, nothing half-made is left, LibreOffice
    is stopped. The previous handlers are back once the batch is over."""
    return _handling({"SIGTERM": signal.default_int_handler, "SIGHUP": signal.default_int_handler})


class _Progress:
    """Counts the documents made; on a terminal, one line rewritten as documents are finished:
    how many, of how many once every row has been read (before that the total is not known),
    and how many failed."""

    def __init__(self, shown: bool):
        self.shown = shown
        self.made = 0
        self.without_pdf = 0
        self.failed = 0
        self.drawn = 0.0
        self.width = 0

    def __call__(self, result, done: int, total: Optional[int]) -> None:
        import time

        self.made += result.output is not None
        self.without_pdf += result.output is not None and result.pdf is None and not result.ok
        self.failed += not result.ok
        now = time.monotonic()
        if not self.shown or (now - self.drawn < 0.1 and done != total):  # ten lines a second at most
            return
        self.drawn = now
        count = f"{done}/{total}" if total is not None else f"{done} (đang đọc tiếp dữ liệu)"
        line = f"Đang tạo văn bản: {count}" + (f", {self.failed} lỗi" if self.failed else "")
        click.echo("\r" + line.ljust(self.width), nl=False, err=True)
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            click.echo(err=True)
            self.width = 0


@main.command(help="Kiểm tra máy đã có những gì để tạo PDF và ảnh trang (LibreOffice, phông chữ, "
                   "pdftoppm) và cách cài phần còn thiếu.")
def doctor() -> None:
    from ._doctor import diagnose, report

    findings = diagnose()
    click.echo(report(findings))
    if not all(finding.ok for finding in findings):
        sys.exit(1)


@main.group(help="Công cụ cho người bảo trì mẫu Word.")
def template() -> None:
    pass


@template.command("check", help="Kiểm tra một mẫu Word: lỗi cú pháp, giá trị không có, dấu nháy cong, thẻ bị tách.")
@click.argument("path", metavar="TỆP", type=CheckedPath(path_type=Path, exists=True, dir_okay=False))
@click.option("--type", "kind", required=True, metavar="LOẠI", help="Loại văn bản dùng mẫu này, ví dụ ke-hoach.")
def template_check(path: Path, kind: str) -> None:
    from . import get_document_type
    from ._template_check import check_template

    model = get_document_type(kind)
    findings = check_template(path, model)
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    click.echo(f"{path}: {errors} lỗi, {warnings} cảnh báo.")
    if errors:
        sys.exit(1)


def _require_existing(path: Path) -> None:
    """The file a command reads must exist; what exists but is no file (a folder, a device, a
    FIFO) the reader names itself."""
    if not path.exists():
        raise SourceNotFoundError(path, "tệp")


PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"
"""pydantic reads it each time it builds a validator; ``__all__`` turns every plugin off."""


def run() -> None:
    """The ``vanban`` command as a process of its own: the console script and ``python -m vanban``.

    pydantic looks for observability plugins the first time it builds a validator, by reading
    the entry points of every installed package (1.6% of the instructions of ``vanban render``
    with 133 packages installed, in a command that builds one validator and exits). A command has nothing to report to such a
    plugin, so they are turned off for this process and the ones it starts (``vanban batch``'s
    workers), unless ``PYDANTIC_DISABLE_PLUGINS`` is already set: a user who sets it, to any
    value, keeps that value. vanban imported as a library leaves plugins to its host program.

    The cyclic garbage collector is off too: a command reads one document, and what it builds
    is long-lived (modules, classes, schemas) or freed by reference counting, so the collector
    only walks the same young objects over and over while the libraries load (2.4% of the
    instructions of ``vanban render``; its peak memory 0.4 MB higher without it). ``vanban batch``,
    which runs as long as its rows last, turns it back on (:func:`batch`).
    """
    os.environ.setdefault(PLUGINS_VARIABLE, "__all__")
    gc.disable()
    try:
        main()  # click's standalone mode ends every command with SystemExit
    except SystemExit as done:
        _leave(done)


def _leave(done: SystemExit) -> NoReturn:
    """End the command's process as Python ends it (exit handlers run, the standard streams
    flushed, the same exit status), without taking the interpreter apart object by object.

    Freeing every module, class and schema one by one, and the collection Python runs at exit
    whether the collector is on or not, were 5% of the instructions of ``vanban render``,
    for memory the system takes back at once. Whatever is not plain is left to Python's own
    exit: another thread still running, an exit status that is not a number, a standard
    stream that cannot be flushed (Python then says so, with its status 120), ``python -i``.
    """
    import atexit
    import threading

    code = 0 if done.code is None else done.code
    if threading.active_count() > 1 or not isinstance(code, int) or sys.flags.inspect:  # python -i: its prompt
        raise done
    atexit._run_exitfuncs()  # what Python runs at exit (weakref.finalize's clean-ups among them)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            raise done from None
    os._exit(code)


if __name__ == "__main__":
    run()
