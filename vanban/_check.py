"""``vanban check``: find the parts of any .docx and test them against the rules.

Three steps, each a module. :mod:`vanban._check_parts` finds the elements (letterhead
lines, number, date, type name, trích yếu, body, headings, Nơi nhận, signature) by their
words and positions. Each rule of :mod:`vanban.rules` names an element and a check kind;
:data:`vanban._check_kinds.CHECKS` maps a kind to the function that compares what the
reader sees (``_docx_read.Look``) with the rule's parameters. This module runs the rules
over the parts and gathers the findings in a :class:`~vanban._check_report.Report`. An
element that cannot be found gives a NOT_EVALUATED finding, never a silent pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from ._check_kinds import CHECKS
from ._check_parts import TWO_SIGNATURES, detect_profile, document_kind, has_letterhead, locate, read_layout_frame
from ._check_report import ELEMENT_WORDS, PROFILE_NAMES, SEVERITY_WORDS, Finding, Report
from ._doc_convert import doc_to_docx, is_old_word
from ._docx_read import DocxView
from .errors import DocxReadError, LayoutError, ProfileNotDetectedError, ProfileNotFoundError
from .rules import rules_for

__all__ = ["ELEMENT_WORDS", "PROFILE_NAMES", "SEVERITY_WORDS", "Finding", "Report", "check_document", "verify"]

JUST_RENDERED = "văn bản vừa tạo"
"""How a report names the document vanban has just rendered and checks (``verify``)."""
_WHOLE_DOCUMENT = {"page", "page_numbers", "all_text"}
_OPTIONAL = {"headings", "headings_roman", "headings_khoan", "headings_diem", "signature_position", "bases",
             "point_labels", "slash_labels", "articles", "issuing_authority", "signature_left_name"}
_OPTIONAL_FOR = {kind: {"number", "date", "recipients_label", "recipients"} for kind in TWO_SIGNATURES}
"""Parts a type may lack without a finding: minutes are filed, not sent (no number, no Nơi nhận)."""


def check_document(source: Union[str, Path, bytes], profile: Optional[str] = None,
                   name: str = "") -> Report:
    """Check a .docx (path or bytes) against the rules of ``profile`` (detected when None).
    An old Word file (.doc) is converted to .docx by LibreOffice first, the report says so."""
    notes = []
    shown = name or str(source if not isinstance(source, (bytes, bytearray)) else "văn bản")
    if is_old_word(source):
        source = doc_to_docx(source, shown)
        notes.append("tệp Word cũ (.doc) đã được LibreOffice chuyển sang .docx để kiểm tra; vị trí và định dạng "
                     "là của bản chuyển, thường giống bản gốc khi mở trong Word.")
        name = shown
    try:
        view = DocxView(source, name)
    except DocxReadError:
        raise
    except MemoryError:
        raise DocxReadError(name or str(source), "không đủ bộ nhớ để đọc tệp. Hãy đóng bớt chương trình khác, "
                            "hoặc giảm giới hạn VANBAN_MAX_DOCX_MB để vanban từ chối sớm hơn.") from None
    except Exception as error:  # a case the reader does not foresee: say it is vanban's, not the file's
        raise DocxReadError(name or str(source), f"vanban gặp lỗi khi đọc tệp ({type(error).__name__}: {error}); "
                            "xin báo lại cho người bảo trì, kèm tệp nếu được.") from None
    return check_view(view, profile, shown, notes)


def check_view(view: DocxView, profile: Optional[str], shown: str, notes: Optional[list] = None) -> Report:
    """Check a document already read (:class:`DocxView`) against the rules of ``profile``
    (detected when None); ``shown`` names it in the report."""
    notes = notes if notes is not None else []
    if not has_letterhead(view) and view.include_first_page_header():
        notes.append("phần đầu văn bản (tên cơ quan, số, ngày tháng) nằm ở đầu trang (header) của trang 1; "
                     "vanban đọc đầu trang như phần trên cùng của trang.")
    if read_layout_frame(view):
        notes.append("cả văn bản được trình bày trong một bảng (phần đầu, nội dung, chữ ký nằm trong các ô): "
                     "vanban đọc hàng trải hết bề ngang bảng như thân văn bản, các hàng chia ô như bảng tiêu đề, "
                     "bảng chữ ký.")
    profile = profile or detect_profile(view)
    if profile is None:
        raise ProfileNotDetectedError()
    if profile not in PROFILE_NAMES:
        raise ProfileNotFoundError(profile, list(PROFILE_NAMES))
    elements = locate(view)
    report = Report(shown, profile, notes=notes)
    if elements.annex is not None:
        report.notes.append(f"văn bản là một phụ lục đứng riêng {elements.annex}: chỉ kiểm tra khổ giấy, lề, "
                            "số trang, phông chữ và ngôn ngữ; phần đầu, chữ ký và nơi nhận là của văn bản chính.")
    letter = bool(elements["subject"]) and not elements["type_name"]
    kind = document_kind(elements)
    for rule in rules_for(profile):
        if rule.scope == ("typed" if letter else "letter"):
            continue
        if rule.kinds and kind not in rule.kinds or kind in rule.not_kinds:
            continue
        if elements.annex is not None and rule.element not in _WHOLE_DOCUMENT:
            continue
        if rule.element not in _WHOLE_DOCUMENT and not elements[rule.element]:
            if rule.params.get("absent") or rule.params.get("if_present"):
                continue  # a rule on something that should not be there, or on how a line sits if it is
            base = _base(rule)
            if rule.params.get("required"):
                report.findings.append(Finding(severity=rule.severity, expected="có", found="không thấy", **base))
            elif rule.element not in _OPTIONAL | _OPTIONAL_FOR.get(kind, set()):
                report.findings.append(Finding(severity="not_evaluated", found="không tìm thấy phần này", **base))
            continue
        for para, expected, found_, severity in CHECKS[rule.check](elements, rule):
            severity = severity or rule.severity
            base = _base(rule)
            report.findings.append(Finding(
                severity=severity, paragraph=para.index if para else None,
                excerpt=para.excerpt if para else "", expected=expected, found=found_, **base))
    return report


def _base(rule) -> dict:
    """What every finding of ``rule`` says of the rule."""
    return {"rule_id": rule.id, "rule": rule.text, "source": rule.source, "element": rule.element}


def verify(data: bytes, profile: str, view: Optional[DocxView] = None) -> Report:
    """Raise :class:`LayoutError` if a document vanban just rendered breaks a rule it must keep;
    else the report, whose warnings (a missing number, a name that wraps) the user should see.
    ``view``: the same document as the render holds it (``Renderer.render_checked``), read
    instead of ``data``."""
    shown = JUST_RENDERED
    report = check_document(data, profile, name=shown) if view is None else check_view(view, profile, shown)
    if report.errors:
        raise LayoutError(report)
    return report
