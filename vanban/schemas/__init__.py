"""Pydantic models describing documents as data. Pure: no formatting, no I/O."""

from .body import (
    Annex, Article, Bullet, BulletPart, Column, DocumentPart, Figure, GroupRow, Indicator, Node, NumberedList,
    NumberedParagraph, Paragraph, Part, ResultsTable, Section, Table, TopNode,
)
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
