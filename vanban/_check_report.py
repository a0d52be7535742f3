"""What ``vanban check`` found, and how it tells it: one :class:`Finding` per broken rule,
gathered in a :class:`Report` that reads as text (Vietnamese) or as JSON (for programs)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Optional

PROFILE_NAMES = {"doan": "Đoàn (29-HD/TWĐTN-VP)", "nha-nuoc": "Nhà nước (NĐ 30/2020/NĐ-CP)"}
SEVERITY_WORDS = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "THÔNG TIN", "not_evaluated": "CHƯA KIỂM TRA"}
ELEMENT_WORDS = {
    "page": "trang", "page_numbers": "số trang (đầu trang)", "all_text": "toàn văn bản",
    "union_title": "tiêu đề góc phải", "national_name": "quốc hiệu", "national_motto": "tiêu ngữ",
    "agency": "tên cơ quan", "agency_mark": "dấu *** dưới tên cơ quan", "number": "số, ký hiệu",
    "date": "địa danh, ngày tháng", "type_name": "tên loại văn bản", "title": "trích yếu",
    "title_rule": "đường gạch dưới trích yếu", "body": "nội dung", "headings": "các tiêu đề mục",
    "headings_roman": "mục I., II.", "headings_khoan": "khoản 1., 2.", "headings_diem": "điểm 1.1., 1.1.1.",
    "closing": "câu kết", "recipients_label": "chữ 'Nơi nhận:'", "recipients": "các nơi nhận",
    "signature_first": "dòng đầu khối chữ ký", "signature_position": "dòng chức vụ",
    "signature_name": "họ tên người ký", "signature_titles": "quyền hạn, chức vụ người ký",
    "subject": "trích yếu công văn (V/v)", "addressees": "Kính gửi",
}


@dataclass
class Finding:
    rule_id: str
    severity: str  # error, warning, info, not_evaluated
    rule: str
    source: str
    element: str
    paragraph: Optional[int] = None
    excerpt: str = ""
    expected: str = ""
    found: str = ""

    def __str__(self) -> str:
        where = ELEMENT_WORDS.get(self.element, self.element)
        if self.paragraph:
            where += f", đoạn {self.paragraph}: «{self.excerpt}»"
        lines = [f"[{SEVERITY_WORDS[self.severity]}] {self.rule_id} — {self.rule} ({self.source})",
                 f"    Vị trí: {where}"]
        if self.expected or self.found:
            lines.append(f"    Cần: {self.expected} — Thấy: {self.found}")
        return "\n".join(lines)


@dataclass
class Report:
    path: str
    profile: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def to_json(self) -> str:
        return json.dumps(
            {"path": self.path, "profile": self.profile,
             "summary": {s: self.count(s) for s in SEVERITY_WORDS},
             "findings": [asdict(f) for f in self.findings]},
            ensure_ascii=False, indent=2,
        )

    def to_text(self) -> str:
        lines = [str(f) for f in self.findings]
        lines.append(
            f"{self.path} (thể thức {PROFILE_NAMES[self.profile]}): {self.count('error')} lỗi, "
            f"{self.count('warning')} cảnh báo, {self.count('info')} thông tin, "
            f"{self.count('not_evaluated')} chưa kiểm tra."
        )
        return "\n".join(lines)
