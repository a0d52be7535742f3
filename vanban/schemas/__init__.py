"""Pydantic models describing documents as data. Pure: no formatting, no I/O."""

from .body import Bullet, Figure, Indicator, Node, Paragraph, Part, ResultsTable, Section
from .common import BulletText, HeadingText, IssueDate, Issuer, Line, Recipient, Signer, Text, field, schema_text
from .document import Document
from .bao_cao import BaoCao
from .cong_van import CongVan
from .huong_dan import HuongDan
from .ke_hoach import KeHoach, TimelineEntry
from .planning import Assignment, PlanningDocument

__all__ = [
    "BulletText",
    "HeadingText",
    "Line",
    "Node",
    "Text",
    "field",
    "schema_text",
    "Assignment",
    "BaoCao",
    "CongVan",
    "Bullet",
    "Document",
    "Figure",
    "HuongDan",
    "Indicator",
    "IssueDate",
    "Issuer",
    "KeHoach",
    "Paragraph",
    "Part",
    "PlanningDocument",
    "Recipient",
    "ResultsTable",
    "Section",
    "Signer",
    "TimelineEntry",
]
