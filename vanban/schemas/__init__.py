"""Pydantic models describing documents as data. Pure: no formatting, no I/O."""

from .common import (
    Bullet,
    IssueDate,
    Issuer,
    Paragraph,
    Recipient,
    Section,
    Signer,
)
from .document import Document
from .ke_hoach import Assignment, KeHoach, TimelineEntry

__all__ = [
    "Assignment",
    "Bullet",
    "Document",
    "IssueDate",
    "Issuer",
    "KeHoach",
    "Paragraph",
    "Recipient",
    "Section",
    "Signer",
    "TimelineEntry",
]
