"""Kế hoạch (plan)."""

from __future__ import annotations

from typing import Literal

from .body import Bullet, Section, TopNode
from .common import BulletText, ParagraphText, Text, VanbanModel, built, field, schema_text
from .planning import Assignment, PlanningDocument, paragraphs

__all__ = ["Assignment", "KeHoach", "TimelineEntry"]


class TimelineEntry(VanbanModel):
    """One line of the schedule: when, and what happens."""

    model_config = schema_text("Tiến độ", "Thời gian và công việc.")

    # the start of a "- " line: no bullet of its own
    time: BulletText = field("time", "thoi_gian", "Thời gian", "Ví dụ 'Tháng 3/2021', 'Trước 15/4/2021'.")
    task: Text = field("task", "cong_viec", "Công việc", "Việc thực hiện trong thời gian đó.")


class KeHoach(PlanningDocument):
    """Kế hoạch: purposes and requirements, content, schedule, budget, assignments."""

    model_config = schema_text("Kế hoạch", "Kế hoạch của tổ chức Đoàn: mục đích, yêu cầu, nội dung, tổ chức thực hiện.")

    type_name = "Kế hoạch"
    type_code = "KH"

    type: Literal["ke-hoach"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'ke-hoach'.", default="ke-hoach"
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung",
        "Các mục lớn của kế hoạch (ví dụ 'Nội dung, giải pháp'), đánh số La Mã tiếp sau phần Mục đích, "
        "yêu cầu; hoặc cả văn bản theo thứ tự của nó (mục, đoạn văn, bảng, phần).",
        default_factory=list,
    )
    timeline: list[TimelineEntry] = field(
        "timeline", "tien_do", "Tiến độ thực hiện", "Thời gian và công việc.",
        default_factory=list,
    )
    budget: list[ParagraphText] = field(
        "budget", "kinh_phi", "Kinh phí", "Các đoạn văn về kinh phí.", default_factory=list
    )

    def sections(self) -> list:
        optional = []
        if self.timeline:
            optional.append(built(
                Section, title="Tiến độ thực hiện",
                children=[built(Bullet, text=f"{e.time}: {e.task}") for e in self.timeline],
            ))
        if self.budget:
            optional.append(built(Section, title="Kinh phí", children=paragraphs(self.budget)))
        return [*self.purposes_section(), *self.content, *optional, *self.assignments_section()]
