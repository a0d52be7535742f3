"""Pydantic models describing documents as data. Pure: no formatting, no I/O.

Each model is imported from its module when it is first asked for (PEP 562): reading one
document defines the classes of its own type, not those of every type (``vanban render``
starts faster; ``from vanban.schemas import KeHoach`` works as before)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_MODULES = {
    "Annex": "body",
    "Article": "body",
    "Bullet": "body",
    "BulletPart": "body",
    "Column": "body",
    "DocumentPart": "body",
    "Figure": "body",
    "GroupRow": "body",
    "Indicator": "body",
    "Node": "body",
    "NumberedList": "body",
    "NumberedParagraph": "body",
    "Paragraph": "body",
    "Part": "body",
    "ResultsTable": "body",
    "Section": "body",
    "Table": "body",
    "TopNode": "body",
    "BulletText": "common",
    "HeadingText": "common",
    "IssueDate": "common",
    "Issuer": "common",
    "Line": "common",
    "Recipient": "common",
    "Signer": "common",
    "Text": "common",
    "field": "common",
    "schema_text": "common",
    "Document": "document",
    "BaoCao": "bao_cao",
    "CongVan": "cong_van",
    "HuongDan": "huong_dan",
    "KeHoach": "ke_hoach",
    "TimelineEntry": "ke_hoach",
    "Decision": "quyet_dinh",
    "QuyetDinh": "quyet_dinh",
    "Attendance": "bien_ban",
    "BienBan": "bien_ban",
    "Moment": "bien_ban",
    "Person": "bien_ban",
    "Start": "bien_ban",
    "Vote": "bien_ban",
    "GiayMoi": "giay_moi",
    "ThongBao": "thong_bao",
    "ToTrinh": "to_trinh",
    "NghiQuyet": "nghi_quyet",
    "ChuongTrinh": "chuong_trinh",
    "Day": "chuong_trinh",
    "Slot": "chuong_trinh",
    "Assignment": "planning",
    "AssignmentPart": "planning",
    "PlanningDocument": "planning",
}
"""Each public name and the module of this package that defines it."""

if TYPE_CHECKING:
    from .body import Annex, Article, Bullet, BulletPart, Column, DocumentPart, Figure, GroupRow, Indicator, Node, NumberedList, NumberedParagraph, Paragraph, Part, ResultsTable, Section, Table, TopNode
    from .common import BulletText, HeadingText, IssueDate, Issuer, Line, Recipient, Signer, Text, field, schema_text
    from .document import Document
    from .bao_cao import BaoCao
    from .cong_van import CongVan
    from .huong_dan import HuongDan
    from .ke_hoach import KeHoach, TimelineEntry
    from .quyet_dinh import Decision, QuyetDinh
    from .bien_ban import Attendance, BienBan, Moment, Person, Start, Vote
    from .giay_moi import GiayMoi
    from .thong_bao import ThongBao
    from .to_trinh import ToTrinh
    from .nghi_quyet import NghiQuyet
    from .chuong_trinh import ChuongTrinh, Day, Slot
    from .planning import Assignment, AssignmentPart, PlanningDocument


__all__ = [
    "Annex",
    "Article",
    "Assignment",
    "AssignmentPart",
    "Attendance",
    "BaoCao",
    "BienBan",
    "Bullet",
    "BulletPart",
    "BulletText",
    "ChuongTrinh",
    "Column",
    "CongVan",
    "Day",
    "Decision",
    "Document",
    "DocumentPart",
    "Figure",
    "GiayMoi",
    "GroupRow",
    "HeadingText",
    "HuongDan",
    "Indicator",
    "IssueDate",
    "Issuer",
    "KeHoach",
    "Line",
    "Moment",
    "NghiQuyet",
    "Node",
    "NumberedList",
    "NumberedParagraph",
    "Paragraph",
    "Part",
    "Person",
    "PlanningDocument",
    "QuyetDinh",
    "Recipient",
    "ResultsTable",
    "Section",
    "Signer",
    "Slot",
    "Start",
    "Table",
    "Text",
    "ThongBao",
    "TimelineEntry",
    "ToTrinh",
    "TopNode",
    "Vote",
    "field",
    "schema_text",
]


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
