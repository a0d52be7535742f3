"""Hướng dẫn (guidance)."""

from __future__ import annotations

from typing import Literal, Optional

from .body import Part, TopNode
from .common import field, schema_text
from .planning import PlanningDocument


class HuongDan(PlanningDocument):
    """Hướng dẫn: purposes, target groups, the guided content, evaluation, assignments by level."""

    model_config = schema_text(
        "Hướng dẫn", "Hướng dẫn của tổ chức Đoàn: mục đích, yêu cầu, đối tượng, nội dung, đánh giá, tổ chức thực hiện."
    )

    type_name = "Hướng dẫn"
    type_code = "HD"

    type: Literal["huong-dan"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'huong-dan'.", default="huong-dan"
    )
    target_groups: Optional[Part] = field(
        "target_groups", "doi_tuong", "Đối tượng", "Đối tượng áp dụng hoặc được hỗ trợ.", default=None
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung hướng dẫn",
        "Các mục lớn: mô hình, phương thức, các bước...; lồng nhau tùy ý. Hướng dẫn mở đầu bằng mục "
        "khác (Đối tượng, phạm vi; Quy trình): bỏ các phần cố định, ghi mọi mục ở đây theo thứ tự.",
        default_factory=list,
    )
    evaluation: Optional[Part] = field(
        "evaluation", "danh_gia", "Đánh giá, công nhận",
        "Cách thức, tiêu chí đánh giá và công nhận.", default=None,
    )

    def sections(self) -> list:
        parts = list(self.purposes_section())
        if self.target_groups:
            parts.append(self.target_groups.as_section("Đối tượng"))
        parts += self.content
        if self.evaluation:
            parts.append(self.evaluation.as_section("Đánh giá, công nhận"))
        parts += self.assignments_section()
        return parts
