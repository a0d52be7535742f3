"""Every error vanban raises: one tree under :class:`VanbanError`, each with a Vietnamese message.

``str(error)`` is the message for the user; the class says what went wrong, for a
program that wants to tell one failure from another, and its attributes say where
(``path``, ``problems``, ``report``...). The command line reports any of them the
same way, at one place (``vanban.cli``), and exits with the error's ``exit_code``.

    VanbanError
    ├── InputError                 the document data: YAML/JSON syntax, fields, values
    ├── TooManySectionsError       more top-level sections than Roman numerals can number
    ├── SourceError                a file or folder given to vanban cannot be used
    │   ├── SourceNotFoundError
    │   ├── NotADocxError          the .docx to check, or a template, is not a Word file
    │   ├── NotFixableError        ``vanban fix`` would have to write words the document does not have
    │   └── BatchSourceError       a batch's folder or list cannot be read
    ├── NamePatternError           ``vanban batch --name`` is mistyped
    ├── OutputExistsError          the output exists and overwriting was not asked for
    ├── OutputError                the output cannot be written
    │   └── OutputFolderError
    ├── UnknownDocumentTypeError   ``loai`` names no registered type
    ├── StarterNotFoundError       a registered type has no starter YAML for ``vanban new``
    ├── ProfileNotFoundError       no such profile (``doan``, ``nha-nuoc``)
    ├── ProfileNotDetectedError    ``vanban check`` cannot tell the profile of a document
    ├── TemplateNotFoundError
    ├── TemplateError              a template is broken or failed while rendering
    ├── LayoutError                vanban wrote a document that breaks a rule (a bug)
    ├── MissingToolError           LibreOffice, pdftoppm... is not installed
    ├── ConverterStartError        LibreOffice is installed but does not start
    ├── ConverterClosedError       a closed PdfConverter was used again
    ├── ConversionError            one document could not be converted to PDF
    │   └── ConversionTimeout
    └── PageImageError             pdftoppm could not draw the pages of a PDF
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Sequence, Union

if TYPE_CHECKING:
    from ._check import Report

PathLike = Union[str, Path]


class VanbanError(Exception):
    """Root of every vanban error. ``str(error)`` is a message for the user, in Vietnamese."""

    exit_code = 1
    """The command line's exit code for this error."""


# --- the document data ----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (field path or line/column) and what to do."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(VanbanError):
    """The document data is invalid: YAML/JSON syntax, missing or wrong fields."""

    def __init__(self, problems: Sequence[Problem], source: Optional[Path] = None):
        self.problems = list(problems)
        self.source = source
        where = f" trong {source}" if source else ""
        lines = [f"Dữ liệu văn bản{where} có {len(self.problems)} lỗi:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class TooManySectionsError(VanbanError):
    """A document has more top-level sections than Roman numerals can number (3,999)."""

    def __init__(self, count: int):
        self.count = count
        super().__init__(
            f"Văn bản có {count} mục lớn: số La Mã chỉ viết được đến 3999 (MMMCMXCIX); "
            "hãy gộp bớt các mục."
        )


# --- files and folders vanban is given ---------------------------------------------------


class SourceError(VanbanError):
    """A file or folder given to vanban cannot be used; ``path`` is the file, when known."""

    def __init__(self, message: str, path: Optional[PathLike] = None):
        self.path = Path(path) if path is not None else None
        super().__init__(message)


class SourceNotFoundError(SourceError):
    def __init__(self, path: PathLike, noun: str = ""):
        super().__init__(f"Không tìm thấy {noun + ' ' if noun else ''}{path}.", path)


class NotADocxError(SourceError):
    """The .docx given to ``vanban check``, or a template, cannot be read as a Word document."""


class NotFixableError(SourceError):
    """``vanban fix`` cannot rewrite the document word for word: vanban would have to invent a
    part it does not find (the issuer, the trích yếu) or write another type's name."""

    def __init__(self, path: PathLike, missing: Sequence[str]):
        self.missing = list(missing)
        super().__init__(
            f"Không sửa được {path} mà giữ nguyên từng chữ: " + "; ".join(self.missing) + ". "
            "Hãy dùng 'vanban import' để có tệp YAML, bổ sung phần còn thiếu, rồi 'vanban render'.",
            path,
        )


class BatchSourceError(SourceError):
    """The folder or list of a batch cannot be read: empty, unreadable, of the wrong kind,
    beyond a limit."""


class LimitSettingError(VanbanError):
    """An environment variable that raises one of vanban's limits holds no valid value."""


class NamePatternError(VanbanError):
    """The file name pattern of a batch (``--name``) is mistyped; the command line says it as
    a misuse of the command (exit code 2)."""

    exit_code = 2

    def __init__(self, message: str, pattern: str = ""):
        self.pattern = pattern
        super().__init__(message)


# --- files vanban writes --------------------------------------------------------------


class OutputExistsError(VanbanError):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"Tệp {path} đã tồn tại, vanban không ghi đè. "
            "Hãy chọn tên khác (-o) hoặc thêm --force để ghi đè."
        )


class OutputError(VanbanError):
    """A file could not be written; nothing is left half-written."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"Không ghi được tệp {path}: {reason}. Không có tệp nào bị ghi dở.")


class OutputFolderError(OutputError):
    """The output folder of a batch is a file."""

    def __init__(self, path: Path):
        self.path = path
        self.reason = "đây là một tệp, không phải thư mục"
        VanbanError.__init__(
            self, f"{path} là một tệp, không phải thư mục: hãy chọn một thư mục cho -o."
        )


# --- document types, profiles, templates ----------------------------------------------


class UnknownDocumentTypeError(VanbanError):
    def __init__(self, name: str, known: Sequence[str]):
        self.name = name
        super().__init__(
            f"Không có loại văn bản '{name}'. Các loại có sẵn: {', '.join(known)} "
            "(xem 'vanban types')."
        )


class StarterNotFoundError(VanbanError):
    """A registered document type has no starter YAML (``vanban new``): its author's to write."""

    def __init__(self, type_key: str):
        self.type_key = type_key
        super().__init__(
            f"Loại văn bản '{type_key}' chưa có tệp mẫu; người tạo loại này cần "
            "viết phương thức starter_yaml() (xem docs/adding-a-document-type.md)."
        )


class ProfileNotFoundError(VanbanError):
    def __init__(self, name: str, known: Sequence[str]):
        self.name = name
        super().__init__(
            f"Không có thể thức '{name}'. Các thể thức có sẵn: {', '.join(known)}."
        )


class ProfileNotDetectedError(VanbanError):
    """``vanban check`` found neither the Union's title nor the national name at the top."""

    def __init__(self) -> None:
        super().__init__(
            "Không nhận ra thể thức: không thấy 'ĐOÀN TNCS HỒ CHÍ MINH' hay Quốc hiệu ở đầu văn bản. "
            "Hãy chọn --profile doan hoặc --profile nha-nuoc."
        )


class TemplateNotFoundError(VanbanError):
    def __init__(self, name: str, searched: Sequence[str]):
        self.name = name
        places = ", ".join(searched)
        super().__init__(f"Không tìm thấy mẫu '{name}' (đã tìm trong: {places}).")


class TemplateError(VanbanError):
    """A template is broken (Jinja syntax, a variable the document does not provide)."""

    def __init__(self, name: str, detail: str):
        self.name = name
        super().__init__(f"Mẫu '{name}' bị lỗi: {detail}")


class LayoutError(VanbanError):
    """vanban wrote a document that breaks a layout rule: a bug in vanban or in a template.
    ``report`` holds the findings."""

    def __init__(self, report: Report):
        self.report = report
        findings = "\n".join(str(f) for f in report.errors)
        super().__init__(
            "Văn bản vừa tạo sai thể thức (đây là lỗi của vanban hoặc của mẫu Word, xin báo lại "
            f"cho người bảo trì); tệp không được ghi:\n{findings}"
        )


# --- PDF and page images --------------------------------------------------------------


class MissingToolError(VanbanError):
    """A program vanban needs for PDF or images is not installed.

    ``tool`` is a key of ``vanban._pdf.INSTALL`` (``libreoffice``, ``pdftoppm``...), whose
    instructions the message gives, or any name with its own ``install`` instructions.
    """

    def __init__(self, tool: str, purpose: str, install: Optional[str] = None):
        self.tool = tool
        label = {"libreoffice": "LibreOffice"}.get(tool, tool)
        known = install is None
        if known:
            from ._pdf import INSTALL  # the instructions live with the code that finds the tools

            install = INSTALL[tool]
        doctor = " Chạy 'vanban doctor' để kiểm tra." if known else ""
        super().__init__(f"Chưa cài {label} nên không {purpose}. Cách cài: {install}.{doctor}")


class ConverterStartError(VanbanError):
    """LibreOffice is installed but did not start (or stopped answering as it started)."""


class ConverterClosedError(VanbanError):
    """A :class:`~vanban.PdfConverter` was used after it was closed."""

    def __init__(self) -> None:
        super().__init__("Bộ chuyển PDF đã đóng; hãy tạo một PdfConverter mới.")


class ConversionError(VanbanError):
    """One document could not be converted; the converter goes on with the next one."""

    def __init__(self, source: PathLike, reason: str):
        self.source = Path(source)
        self.reason = reason
        super().__init__(f"Không chuyển được {source} sang PDF: {reason}.")


class ConversionTimeout(ConversionError):
    def __init__(self, source: PathLike, seconds: float):
        self.seconds = seconds
        super().__init__(
            source,
            f"LibreOffice không xong sau {seconds:g} giây; đã dừng LibreOffice, "
            "văn bản sau sẽ dùng một LibreOffice mới",
        )


class PageImageError(VanbanError):
    """pdftoppm could not draw the pages of a PDF (it failed, or took too long)."""


class OfficeStartError(ConverterStartError):
    """LibreOffice could not be started (no room in the temporary folder, a broken install)."""


class DocxReadError(NotADocxError):
    """A .docx vanban cannot or will not read: not a Word file, password-protected, broken,
    beyond a size limit, or with XML features no Word file uses (a DOCTYPE)."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"Không đọc được {name}: {reason}", name or None)
