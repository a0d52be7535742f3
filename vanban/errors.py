"""Exceptions. Every error vanban raises is a :class:`VanbanError` with a Vietnamese message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence


class VanbanError(Exception):
    """Root of every vanban error. ``str(error)`` is a message for the user, in Vietnamese."""

    exit_code = 1


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


class OutputExistsError(VanbanError):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"Tệp {path} đã tồn tại, vanban không ghi đè. "
            "Hãy chọn tên khác (-o) hoặc thêm --force để ghi đè."
        )


class OutputError(VanbanError):
    def __init__(self, path: Path, reason: str):
        self.path = path
        super().__init__(f"Không ghi được tệp {path}: {reason}. Không có tệp nào bị ghi dở.")


class TemplateNotFoundError(VanbanError):
    def __init__(self, name: str, searched: Sequence[str]):
        self.name = name
        places = ", ".join(searched)
        super().__init__(f"Không tìm thấy mẫu '{name}' (đã tìm trong: {places}).")


class ProfileNotFoundError(VanbanError):
    def __init__(self, name: str, known: Sequence[str]):
        self.name = name
        super().__init__(
            f"Không có thể thức '{name}'. Các thể thức có sẵn: {', '.join(known)}."
        )


class UnknownDocumentTypeError(VanbanError):
    def __init__(self, name: str, known: Sequence[str]):
        self.name = name
        super().__init__(
            f"Không có loại văn bản '{name}'. Các loại có sẵn: {', '.join(known)} "
            "(xem 'vanban types')."
        )


class TemplateError(VanbanError):
    """A template is broken (Jinja syntax, a variable the document does not provide)."""

    def __init__(self, name: str, detail: str):
        self.name = name
        super().__init__(f"Mẫu '{name}' bị lỗi: {detail}")


class LayoutError(VanbanError):
    """vanban wrote a document that breaks a layout rule: a bug in vanban or in a template."""

    def __init__(self, report):
        self.report = report
        findings = "\n".join(str(f) for f in report.errors)
        super().__init__(
            "Văn bản vừa tạo sai thể thức (đây là lỗi của vanban hoặc của mẫu Word, xin báo lại "
            f"cho người bảo trì); tệp không được ghi:\n{findings}"
        )


class OfficeStartError(VanbanError):
    """LibreOffice could not be started (no room in the temporary folder, a broken install)."""


class DocxReadError(VanbanError):
    """A .docx vanban cannot or will not read: not a Word file, password-protected, broken,
    beyond a size limit, or with XML features no Word file uses (a DOCTYPE)."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"Không đọc được {name}: {reason}")
