"""Tờ trình (submission): to the upper level, what is proposed and why."""

from __future__ import annotations

from typing import Literal, Optional

from .body import TopNode
from .common import RecipientText, field, schema_text
from .document import Document


class ToTrinh(Document):
    """Tờ trình: Kính gửi the body that decides, the reasons, the proposal; Nơi nhận opens '- Như trên;'."""

    model_config = schema_text(
        "Tờ trình",
        "Tờ trình gửi cấp trên: Kính gửi, sự cần thiết, nội dung đề nghị; câu kết 'Kính trình ... xem xét, "
        "quyết định' (ket_thuc).",
    )

    type_name = "Tờ trình"
    type_code = "TTr"

    type: Literal["to-trinh"] = field("type", "loai", "Loại văn bản", "Luôn là 'to-trinh'.", default="to-trinh")
    addressees: list[RecipientText] = field(
        "addressees", "kinh_gui", "Kính gửi",
        "Cơ quan, người có thẩm quyền xem xét (sau 'Kính gửi:'); vanban thêm '- Như trên;' vào Nơi nhận.",
        min_length=1,
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung",
        "Sự cần thiết, căn cứ, nội dung đề nghị: đoạn văn, ý, mục (tieu_de), bảng theo thứ tự.", min_length=1,
    )

    def sections(self) -> list:
        return list(self.content)

    def closing_sentence(self) -> Optional[str]:
        """The author's ``Kính trình ... xem xét, quyết định``; without one the last paragraph ends it."""
        return self.closing or None
