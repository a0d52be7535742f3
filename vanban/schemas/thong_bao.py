"""Thông báo (notice): a meeting's conclusions, a schedule, a decision made known."""

from __future__ import annotations

from typing import Literal, Optional

from .body import TopNode
from .common import field, schema_text
from .document import Document


class ThongBao(Document):
    """Thông báo: its content as written; it ends with its last paragraph unless a closing is given."""

    model_config = schema_text(
        "Thông báo",
        "Thông báo (kết luận cuộc họp, lịch, kết quả): nội dung theo thứ tự; văn bản kết thúc ở đoạn cuối "
        "(vanban thêm './.') trừ khi ghi 'ket_thuc'.",
    )

    type_name = "Thông báo"
    type_code = "TB"

    type: Literal["thong-bao"] = field("type", "loai", "Loại văn bản", "Luôn là 'thong-bao'.", default="thong-bao")
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung", "Các đoạn văn, ý (y), mục (tieu_de), bảng (cot) theo thứ tự.",
        min_length=1,
    )

    def sections(self) -> list:
        return list(self.content)

    def closing_sentence(self) -> Optional[str]:
        """Only the closing the author wrote: a notice has no conventional one."""
        return self.closing or None
