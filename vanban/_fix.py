"""``vanban fix``: a correctly laid out copy of a wrongly laid out document.

The document is imported (:mod:`vanban._import`) and rendered again, so every element takes
the layout of its profile; the checker's findings on the original are the report of what was
corrected, each named by its rule, and the copy is checked again: a finding that remains is
said so, never listed as corrected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ._check import PROFILE_NAMES, Finding, Report, check_document, verify
from ._import import ImportResult, import_document, word_bytes
from .errors import NotFixableError

CORRECTED = ("error", "warning")
"""The findings a fix corrects: errors and warnings (info and 'not evaluated' are not faults)."""


@dataclass
class FixResult:
    """The corrected .docx, what was read, and the findings before and after."""

    source: str
    data: bytes
    imported: ImportResult
    before: Report
    after: Report
    corrected: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    def to_text(self) -> str:
        profile = PROFILE_NAMES[self.after.profile]
        lines = []
        if self.imported.converted_from:
            lines.append("Tệp .doc đã được LibreOffice chuyển sang .docx trước khi đọc.")
        if self.corrected:
            lines.append(f"Đã sửa theo thể thức {profile} ({len(self.corrected)} lỗi, cảnh báo của bản gốc):")
            lines += [f"{number}. {finding}" for number, finding in enumerate(self.corrected, start=1)]
        else:
            lines.append(f"Bản gốc không có lỗi hay cảnh báo nào về thể thức {profile}; bản mới được trình bày lại.")
        if self.remaining:
            lines.append(f"Còn lại trong bản mới ({len(self.remaining)}), cần sửa trong nội dung:")
            lines += [f"- {finding}" for finding in self.remaining]
        imported = self.imported.report()
        if imported:
            lines.append(imported)
        return "\n".join(lines)


def fix_document(source: Union[str, Path, bytes], *, profile: Optional[str] = None, name: str = "",
                 renderer=None) -> FixResult:
    """Import ``source`` (.docx or .doc, path or bytes) and render it again; the report compares
    the checker's findings on the original with those on the copy. Raises
    :class:`~vanban.errors.NotFixableError` when the copy would say words the document does not
    (vanban did not find its issuer or trích yếu, or does not write its type)."""
    from . import default_renderer

    shown = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "văn bản")
    docx, converted = word_bytes(source, shown)
    imported = import_document(docx, profile=profile, name=shown)
    imported.converted_from = converted
    if imported.invented:
        raise NotFixableError(shown, imported.invented)
    chosen = imported.document.profile_name
    before = check_document(docx, chosen, name=shown)
    data = (renderer or default_renderer()).render_bytes(imported.document)
    after = verify(data, chosen)
    still = {f.rule_id for f in after.findings if f.severity in CORRECTED}
    faults = [f for f in before.findings if f.severity in CORRECTED]
    return FixResult(shown, data, imported, before, after,
                     corrected=[f for f in faults if f.rule_id not in still],
                     remaining=[f for f in after.findings if f.severity in CORRECTED])
