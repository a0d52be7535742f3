"""Công văn (official letter): the most common document of all."""

from __future__ import annotations

from typing import Literal, Optional

from .body import TopNode
from .common import RecipientText, field, schema_text
from .document import Document


class CongVan(Document):
    """Công văn: no type name; its trích yếu (V/v ...) stands under the number,
    and its direct addressees follow ``Kính gửi:``."""

    model_config = schema_text(
        "Công văn", "Công văn: trích yếu 'V/v ...' dưới số, Kính gửi, nội dung, Nơi nhận bắt đầu '- Như trên;'."
    )

    type_name = "Công văn"
    type_code = "CV"
    is_letter = True

    type: Literal["cong-van"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'cong-van'.", default="cong-van"
    )
    addressees: list[RecipientText] = field(
        "addressees", "kinh_gui", "Kính gửi",
        "Các nơi nhận trực tiếp, sau 'Kính gửi:'; vanban thêm '- Như trên;' vào Nơi nhận.",
        min_length=1,
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung",
        "Các đoạn văn (chuỗi), ý (y: ...), mục (tieu_de: ...).", min_length=1,
    )

    @classmethod
    def symbol_type(cls, profile: str) -> str:
        """The Union writes CV (Số: 245-CV/TWĐTN-VP); the State none (Số: 12/UBND-VX)."""
        return "" if profile == "nha-nuoc" else cls.type_code

    def sections(self) -> list:
        return list(self.content)

    def closing_sentence(self) -> Optional[str]:
        if self.closing is False:
            return None
        return self.closing or "Trân trọng"
