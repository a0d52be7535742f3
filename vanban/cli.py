"""The ``vanban`` command. Messages are in Vietnamese; user mistakes never show a traceback.

Exit codes: 0 done; 1 the document could not be made (invalid data, existing
output, write failure); 2 the command itself was misused (unknown option,
missing argument), as click reports it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import click

from . import __version__


def _fail(error: Exception) -> None:
    click.echo(f"Lỗi: {error}", err=True)
    sys.exit(getattr(error, "exit_code", 1))


@click.group(
    help="vanban: soạn văn bản Đoàn, Nhà nước đúng thể thức từ tệp YAML/JSON.",
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "--version", message="vanban %(version)s")
def main() -> None:
    pass


@main.command(help="Tạo tệp .docx từ tệp dữ liệu YAML hoặc JSON.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Tệp .docx cần tạo (mặc định: cùng tên, cùng thư mục với tệp dữ liệu).")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.option("--templates", "template_dirs", multiple=True,
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Thư mục mẫu riêng của đơn vị, được ưu tiên trước mẫu có sẵn.")
def render(file: Path, output: Optional[Path], force: bool, template_dirs: tuple[Path, ...]) -> None:
    from . import Renderer, VanbanError, load

    from ._check import verify
    from ._files import write_atomic

    output = output or file.with_suffix(".docx")
    try:
        document = load(file)
        data = Renderer(template_dirs).render_bytes(document)
        verify(data, document.profile)  # vanban never hands out a document that breaks a MUST rule
        write_atomic(output, data, overwrite=force)
    except VanbanError as error:
        _fail(error)
    click.echo(f"Đã tạo {output}")


def _document_type(name: str):
    from . import VanbanError, get_document_type

    try:
        return get_document_type(name)
    except VanbanError as error:
        _fail(error)


@main.command(help="In ra tệp YAML mẫu có chú thích cho một loại văn bản, ví dụ: vanban new ke-hoach")
@click.argument("kind", metavar="LOAI")
def new(kind: str) -> None:
    from .errors import VanbanError

    try:
        click.echo(_document_type(kind).starter_yaml(), nl=False)
    except VanbanError as error:
        _fail(error)


@main.command(help="In ra JSON Schema của một loại văn bản (cho trình soạn thảo).")
@click.argument("kind", metavar="LOAI")
def schema(kind: str) -> None:
    model = _document_type(kind)
    click.echo(json.dumps(model.json_schema(), ensure_ascii=False, indent=2))


@main.command(help="Liệt kê các loại văn bản vanban soạn được.")
def types() -> None:
    from . import document_types

    for name, model in document_types().items():
        click.echo(f"{name:<12} {model.type_name} ({model.type_code})")


@main.command(help="Kiểm tra thể thức một tệp .docx bất kỳ theo 29-HD (Đoàn) hoặc NĐ 30 (Nhà nước).")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--profile", type=click.Choice(["doan", "nha-nuoc"]),
              help="Thể thức; mặc định tự nhận ra từ tiêu đề văn bản.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Cách in kết quả.")
def check(path: Path, profile: Optional[str], output_format: str) -> None:
    from ._check import check_document
    from .errors import VanbanError

    if not path.is_file():
        _fail(VanbanError(f"Không tìm thấy tệp {path}."))
    try:
        report = check_document(path, profile, name=str(path))
    except VanbanError as error:
        _fail(error)
    click.echo(report.to_json() if output_format == "json" else report.to_text())
    if report.errors:
        sys.exit(1)


@main.group(help="Công cụ cho người bảo trì mẫu Word.")
def template() -> None:
    pass


@template.command("check", help="Kiểm tra một mẫu Word: lỗi cú pháp, giá trị không có, dấu nháy cong, thẻ bị tách.")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--type", "kind", required=True, metavar="LOAI", help="Loại văn bản dùng mẫu này, ví dụ ke-hoach.")
def template_check(path: Path, kind: str) -> None:
    from ._template_check import check_template
    from .errors import VanbanError

    model = _document_type(kind)
    try:
        findings = check_template(path, model)
    except VanbanError as error:
        _fail(error)
    for finding in findings:
        click.echo(str(finding))
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    click.echo(f"{path}: {errors} lỗi, {warnings} cảnh báo.")
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
