"""Nghị quyết (resolution): a congress's or a committee's, or a State body's (NĐ 30 PL III Mẫu 1.1)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from .body import Article, TopNode
from .common import _error, field, schema_text
from .quyet_dinh import Decision


class NghiQuyet(Decision):
    """Nghị quyết: the issuing authority, căn cứ, ``QUYẾT NGHỊ:``, then Điều 1, Điều 2 ... or the
    numbered points a congress resolves."""

    model_config = schema_text(
        "Nghị quyết",
        "Nghị quyết: thẩm quyền ban hành, căn cứ, 'QUYẾT NGHỊ:', rồi các điều (dieu) hoặc nội dung "
        "(noi_dung) của nghị quyết, điều thi hành.",
    )

    type_name = "Nghị quyết"
    type_code = "NQ"
    operative_word = "QUYẾT NGHỊ:"
    execution_phrase: ClassVar[str] = "chịu trách nhiệm thi hành Nghị quyết này"

    type: Literal["nghi-quyet"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'nghi-quyet'.", default="nghi-quyet"
    )
    articles: list[Article] = field(
        "articles", "dieu", "Các điều",
        "Các điều (Điều 1., Điều 2. do vanban đánh số); hoặc dùng 'noi_dung' cho nghị quyết đại hội.",
        default_factory=list,
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung",
        "Nội dung nghị quyết khi không chia điều: đoạn văn, mục (tieu_de), đoạn đánh số (doan_so, với "
        "danh_so_muc: so).",
        default_factory=list,
    )

    @model_validator(mode="before")
    @classmethod
    def _one_way_of_writing(cls, data):
        if isinstance(data, dict):
            has = lambda *keys: any(data.get(key) for key in keys)  # noqa: E731
            if has("dieu", "articles") and has("noi_dung", "content"):
                raise _error("resolution_body",
                             "Nghị quyết ghi nội dung một trong hai cách: các điều ('dieu') hoặc 'noi_dung', "
                             "không dùng cả hai.")
            if not has("dieu", "articles", "noi_dung", "content"):
                raise _error("resolution_body", "Nghị quyết cần nội dung: các điều ('dieu') hoặc 'noi_dung'.")
        return data

    def sections(self) -> list:
        return [*(self.articles or self.content), *self._closing_articles()]
