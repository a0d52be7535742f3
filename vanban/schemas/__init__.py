"""Pydantic models describing documents as data. Pure: no formatting, no I/O."""

from .body import Bullet, Figure, Indicator, Paragraph, Part, ResultsTable, Section
from .common import IssueDate, Issuer, Recipient, Signer
from .document import Document
from .bao_cao import BaoCao
from .huong_dan import HuongDan
from .ke_hoach import KeHoach, TimelineEntry
from .planning import Assignment, PlanningDocument

__all__ = [
    "Assignment",
    "BaoCao",
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
