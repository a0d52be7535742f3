"""Document types by name: ``ke-hoach`` -> :class:`~vanban.schemas.KeHoach`.

The built-in types are registered here. Other packages add theirs with
:func:`register`, or without any call through the ``vanban.document_types``
entry point group (``thong-bao = my_package.thong_bao:ThongBao``), loaded the
first time the registry is read.
"""

from __future__ import annotations

import importlib
import threading
import warnings
from typing import TYPE_CHECKING, Optional

from .errors import UnknownDocumentTypeError

if TYPE_CHECKING:
    from .schemas.document import Document

ENTRY_POINT_GROUP = "vanban.document_types"

_TYPES: dict[str, type[Document]] = {}
_plugins_loaded = False
_lock = threading.Lock()


def register(model: type[Document], name: Optional[str] = None) -> type[Document]:
    """Make ``model`` available as ``loai: <name>`` in YAML, in the CLI and to the renderer.

    ``name`` defaults to the default of the model's ``type`` field. Returns the
    model, so it can be used as a class decorator.
    """
    from .schemas.document import Document

    if not (isinstance(model, type) and issubclass(model, Document)):
        raise TypeError(f"{model!r} is not a vanban Document subclass")
    _TYPES[name or model.type_key()] = model
    return model


def _load_plugins() -> None:
    """Register the types other packages publish. A published type named as a built-in one
    is not taken: installing a package never changes how a built-in type is written, and a
    built-in type is found without looking through the installed packages."""
    global _plugins_loaded
    with _lock:
        if _plugins_loaded:
            return
        _plugins_loaded = True
        from importlib.metadata import entry_points  # reads every installed package's metadata

        for entry in entry_points(group=ENTRY_POINT_GROUP):
            if entry.name in _BUILT_IN:
                warnings.warn(
                    f"Bỏ qua loại văn bản '{entry.name}' từ gói mở rộng ({entry.value}): "
                    "trùng tên một loại có sẵn của vanban.",
                    stacklevel=2,
                )
                continue
            try:
                register(entry.load(), entry.name)
            except Exception as error:  # a broken plug-in must not break the other types
                warnings.warn(
                    f"Không nạp được loại văn bản '{entry.name}' từ gói mở rộng "
                    f"({entry.value}): {error}",
                    stacklevel=2,
                )


def document_types() -> dict[str, type[Document]]:
    """Every registered type, built-in and from entry points, by name."""
    for name in _BUILT_IN:
        _built_in(name)
    _load_plugins()
    return dict(sorted(_TYPES.items()))


def _built_in(name: str) -> type[Document]:
    """The type registered as ``name`` (a built-in name): register() may have replaced the
    built-in type; if not, it is imported now, the first time it is asked for."""
    model = _TYPES.get(name)
    if model is None:
        module, class_name = _BUILT_IN[name]
        model = getattr(importlib.import_module(f".schemas.{module}", __package__), class_name)
        model = _TYPES.setdefault(name, model)  # atomic: two threads keep the same class
    return model


def get_document_type(name: str) -> type[Document]:
    if name in _BUILT_IN:  # no plug-in replaces it (register() may: that is in _TYPES)
        return _built_in(name)
    types = document_types()
    try:
        return types[name]
    except KeyError:
        raise UnknownDocumentTypeError(name, list(types)) from None


_BUILT_IN = {
    "ke-hoach": ("ke_hoach", "KeHoach"),
    "huong-dan": ("huong_dan", "HuongDan"),
    "bao-cao": ("bao_cao", "BaoCao"),
    "cong-van": ("cong_van", "CongVan"),
    "quyet-dinh": ("quyet_dinh", "QuyetDinh"),
    "bien-ban": ("bien_ban", "BienBan"),
    "giay-moi": ("giay_moi", "GiayMoi"),
    "thong-bao": ("thong_bao", "ThongBao"),
    "to-trinh": ("to_trinh", "ToTrinh"),
    "nghi-quyet": ("nghi_quyet", "NghiQuyet"),
    "chuong-trinh": ("chuong_trinh", "ChuongTrinh"),
}
"""The built-in types: name -> (module of vanban.schemas, class), imported when first asked
for (reading one document defines its own type's classes only). Each class's ``type_key()``
is its name here (``tests/test_extending.py``)."""
