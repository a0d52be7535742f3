"""Document types by name: ``ke-hoach`` -> :class:`~vanban.schemas.KeHoach`."""

from __future__ import annotations

from .errors import UnknownDocumentTypeError
from .schemas import KeHoach
from .schemas.document import Document

DOCUMENT_TYPES: dict[str, type[Document]] = {
    "ke-hoach": KeHoach,
}


def register(name: str, model: type[Document]) -> None:
    """Make ``model`` available as ``loai: <name>`` in YAML and in the CLI."""
    DOCUMENT_TYPES[name] = model


def get_document_type(name: str) -> type[Document]:
    try:
        return DOCUMENT_TYPES[name]
    except KeyError:
        raise UnknownDocumentTypeError(name, sorted(DOCUMENT_TYPES)) from None
