"""vanban: Vietnamese administrative documents, laid out by the rules, from data.

    from vanban import KeHoach, render
    plan = KeHoach.model_validate(data)      # or vanban.load("ke-hoach.yaml")
    render(plan, "ke-hoach.docx")
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional, Union

from .errors import (
    BatchSourceError,
    ConversionError,
    ConversionTimeout,
    ConverterClosedError,
    ConverterStartError,
    DocxReadError,
    InputError,
    LayoutError,
    LimitSettingError,
    MissingToolError,
    NamePatternError,
    NotADocxError,
    NotFixableError,
    OfficeStartError,
    OutputError,
    OutputExistsError,
    OutputFolderError,
    PageImageError,
    Problem,
    ProfileNotDetectedError,
    ProfileNotFoundError,
    SourceError,
    SourceNotFoundError,
    StarterNotFoundError,
    TemplateError,
    TemplateNotFoundError,
    TooManySectionsError,
    UnknownDocumentTypeError,
    VanbanError,
)
from .profiles import DOAN, NHA_NUOC, Profile, get_profile

# Names imported on first use, so that ``import vanban`` and ``vanban --help`` stay quick:
# pydantic, docxtpl, Jinja, lxml and babel load when a document is first read or rendered.
_LAZY = {
    "load": "._loading",
    "parse": "._loading",
    "document_types": "._registry",
    "get_document_type": "._registry",
    "register": "._registry",
    "Renderer": "._render",
    "PdfConverter": "._pdf",
    "render_pdf": "._pdf",
    "to_pdf": "._pdf",
    "run_batch": "._batch",
    "BatchReport": "._batch",
    "Finding": "._check",
    "import_document": "._import",
    "ImportResult": "._import",
    "fix_document": "._fix",
    "FixResult": "._fix",
    "Report": "._check",
    **dict.fromkeys(
        [
            "Assignment", "BaoCao", "CongVan", "Figure", "HuongDan", "Indicator", "Part", "PlanningDocument",
            "ResultsTable", "Bullet", "Document", "IssueDate", "Issuer", "KeHoach", "Paragraph",
            "Recipient", "Section", "Signer", "TimelineEntry", "Annex", "Column", "DocumentPart", "GroupRow",
            "NumberedList", "NumberedParagraph", "Table", "Article", "QuyetDinh", "BienBan", "Attendance", "Moment",
            "Person", "Start", "Vote", "GiayMoi", "ThongBao", "ToTrinh", "NghiQuyet",
            "ChuongTrinh", "Day", "Slot",
        ],
        ".schemas",
    ),
}

if TYPE_CHECKING:  # what type checkers and editors see
    from ._batch import BatchReport, run_batch
    from ._check import Finding, Report
    from ._fix import FixResult, fix_document
    from ._import import ImportResult, import_document
    from ._pdf import PdfConverter, render_pdf, to_pdf
    from ._loading import load, parse
    from ._registry import document_types, get_document_type, register
    from ._render import Renderer
    from .schemas import (
        Annex,
        Article,
        Assignment,
        Attendance,
        BaoCao,
        BienBan,
        Bullet,
        ChuongTrinh,
        Column,
        CongVan,
        Document,
        Day,
        DocumentPart,
        Figure,
        GiayMoi,
        GroupRow,
        HuongDan,
        Indicator,
        IssueDate,
        Issuer,
        KeHoach,
        Moment,
        NghiQuyet,
        NumberedList,
        NumberedParagraph,
        Paragraph,
        Part,
        Person,
        PlanningDocument,
        QuyetDinh,
        Recipient,
        ResultsTable,
        Section,
        Signer,
        Slot,
        Start,
        Table,
        ThongBao,
        TimelineEntry,
        ToTrinh,
        Vote,
    )


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        if name.startswith("__"):
            raise AttributeError(f"module 'vanban' has no attribute {name!r}")
        try:  # a submodule not imported yet: vanban._display
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'vanban' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_renderer() -> Renderer:
    """The shared Renderer with the package's templates only."""
    from ._render import Renderer

    return Renderer()


def render(document: Document, path: Union[str, Path], *, overwrite: bool = False) -> Path:
    """Write ``document`` as a .docx at ``path`` (atomically; never overwrites unless asked)."""
    return default_renderer().render(document, path, overwrite=overwrite)


def check(source: Union[str, Path, bytes], profile: Optional[str] = None) -> Report:
    """Check a .docx (path or bytes) against the layout rules.

    ``profile`` is ``"doan"`` or ``"nha-nuoc"``; detected from the letterhead when None.
    The :class:`Report` lists every :class:`Finding` (``report.errors`` the errors only).
    Raises :class:`NotADocxError` (:class:`DocxReadError` for a file it will not read),
    :class:`ProfileNotDetectedError` or
    :class:`ProfileNotFoundError` when the document cannot be checked.
    """
    from ._check import check_document

    return check_document(source, profile, name=str(source) if not isinstance(source, bytes) else "")


def render_bytes(document: Document) -> bytes:
    """The .docx of ``document`` as bytes."""
    return default_renderer().render_bytes(document)


__all__ = [
    "Annex",
    "Article",
    "Assignment",
    "Attendance",
    "BaoCao",
    "BatchReport",
    "BatchSourceError",
    "BienBan",
    "Bullet",
    "ChuongTrinh",
    "Column",
    "CongVan",
    "ConversionError",
    "ConversionTimeout",
    "ConverterClosedError",
    "ConverterStartError",
    "DOAN",
    "Day",
    "Document",
    "DocumentPart",
    "DocxReadError",
    "Figure",
    "Finding",
    "FixResult",
    "GiayMoi",
    "GroupRow",
    "HuongDan",
    "ImportResult",
    "Indicator",
    "InputError",
    "IssueDate",
    "Issuer",
    "KeHoach",
    "LayoutError",
    "LimitSettingError",
    "MissingToolError",
    "Moment",
    "NHA_NUOC",
    "NamePatternError",
    "NghiQuyet",
    "NotADocxError",
    "NotFixableError",
    "NumberedList",
    "NumberedParagraph",
    "OfficeStartError",
    "OutputError",
    "OutputExistsError",
    "OutputFolderError",
    "PageImageError",
    "Paragraph",
    "Part",
    "PdfConverter",
    "Person",
    "PlanningDocument",
    "Problem",
    "Profile",
    "ProfileNotDetectedError",
    "ProfileNotFoundError",
    "QuyetDinh",
    "Recipient",
    "Renderer",
    "Report",
    "ResultsTable",
    "Section",
    "Signer",
    "Slot",
    "SourceError",
    "SourceNotFoundError",
    "Start",
    "StarterNotFoundError",
    "Table",
    "TemplateError",
    "TemplateNotFoundError",
    "ThongBao",
    "TimelineEntry",
    "ToTrinh",
    "TooManySectionsError",
    "UnknownDocumentTypeError",
    "VanbanError",
    "Vote",
    "check",
    "default_renderer",
    "document_types",
    "fix_document",
    "get_document_type",
    "get_profile",
    "import_document",
    "load",
    "parse",
    "register",
    "render",
    "render_bytes",
    "render_pdf",
    "run_batch",
    "to_pdf",
]
