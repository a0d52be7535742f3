"""Kế hoạch (plan)."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .common import (
    Bullet,
    BulletText,
    Node,
    Paragraph,
    Section,
    Text,
    VanbanModel,
    field,
    schema_text,
)
from .document import Document


class TimelineEntry(VanbanModel):
    """One line of the schedule: when, and what happens."""

    model_config = schema_text("Tiến độ", "Thời gian và công việc.")

    time: Text = field("time", "thoi_gian", "Thời gian", "Ví dụ 'Tháng 3/2021', 'Trước 15/4/2021'.")
    task: Text = field("task", "cong_viec", "Công việc", "Việc thực hiện trong thời gian đó.")


class Assignment(VanbanModel):
    """The tasks of one responsible unit (Tổ chức thực hiện)."""

    model_config = schema_text("Nhiệm vụ của đơn vị", "Một đơn vị chịu trách nhiệm, các nhiệm vụ và thời hạn.")

    unit: Text = field("unit", "don_vi", "Đơn vị", "Đơn vị chịu trách nhiệm.")
    tasks: list[Node] = field(
        "tasks", "nhiem_vu", "Nhiệm vụ",
        "Các nhiệm vụ: đoạn văn (chuỗi), ý (y: ...) hoặc mục con (tieu_de: ...).",
        min_length=1,
    )
    deadline: Optional[Text] = field(
        "deadline", "thoi_han", "Thời hạn", "Thời hạn hoàn thành, nếu có.", default=None
    )


class KeHoach(Document):
    """Kế hoạch: purposes and requirements, content, schedule, budget, assignments."""

    model_config = schema_text("Kế hoạch", "Kế hoạch của tổ chức Đoàn: mục đích, yêu cầu, nội dung, tổ chức thực hiện.")

    type_name = "Kế hoạch"
    type_code = "KH"

    type: Literal["ke-hoach"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'ke-hoach'.", default="ke-hoach"
    )
    purposes: list[BulletText] = field(
        "purposes", "muc_dich", "Mục đích", "Các ý của phần Mục đích.", default_factory=list
    )
    requirements: list[BulletText] = field(
        "requirements", "yeu_cau", "Yêu cầu", "Các ý của phần Yêu cầu.", default_factory=list
    )
    purposes_and_requirements: list[BulletText] = field(
        "purposes_and_requirements", "muc_dich_yeu_cau", "Mục đích, yêu cầu (gộp)",
        "Dùng thay cho muc_dich và yeu_cau khi không tách thành hai khoản.",
        default_factory=list,
    )
    content: list[Section] = field(
        "content", "noi_dung", "Nội dung",
        "Các mục lớn của kế hoạch (ví dụ 'Nội dung, giải pháp'), đánh số La Mã sau mục I.",
        min_length=1,
    )
    timeline: list[TimelineEntry] = field(
        "timeline", "tien_do", "Tiến độ thực hiện", "Thời gian và công việc.",
        default_factory=list,
    )
    budget: list[Text] = field(
        "budget", "kinh_phi", "Kinh phí", "Các đoạn văn về kinh phí.", default_factory=list
    )
    assignments: list[Assignment] = field(
        "assignments", "to_chuc_thuc_hien", "Tổ chức thực hiện",
        "Mỗi đơn vị chịu trách nhiệm và nhiệm vụ của đơn vị đó.",
        min_length=1,
    )
    reporting: list[Text] = field(
        "reporting", "che_do_bao_cao", "Chế độ báo cáo",
        "Các đoạn văn cuối phần Tổ chức thực hiện (báo cáo kết quả, thời hạn).",
        default_factory=list,
    )

    @model_validator(mode="after")
    def _purposes_given_once(self) -> "KeHoach":
        split = bool(self.purposes or self.requirements)
        if split == bool(self.purposes_and_requirements):
            raise PydanticCustomError(
                "vanban_purposes",
                "Cần ghi phần Mục đích, yêu cầu: hoặc 'muc_dich' và/hoặc 'yeu_cau', "
                "hoặc 'muc_dich_yeu_cau' (gộp), không dùng cả hai cách.",
            )
        return self

    def sections(self) -> list[Section]:
        return [
            self._purposes_section(),
            *self.content,
            *self._optional_sections(),
            Section(
                title="Tổ chức thực hiện",
                children=[
                    *map(self._assignment_section, self.assignments),
                    *_paragraphs(self.reporting),
                ],
            ),
        ]

    def _purposes_section(self) -> Section:
        if self.purposes_and_requirements:
            return Section(title="Mục đích, yêu cầu", children=_bullets(self.purposes_and_requirements))
        parts = [
            ("Mục đích", self.purposes),
            ("Yêu cầu", self.requirements),
        ]
        given = [(title, items) for title, items in parts if items]
        if len(given) == 1:
            title, items = given[0]
            return Section(title=title, children=_bullets(items))
        return Section(
            title="Mục đích, yêu cầu",
            children=[Section(title=title, children=_bullets(items)) for title, items in given],
        )

    def _optional_sections(self) -> list[Section]:
        sections = []
        if self.timeline:
            sections.append(
                Section(
                    title="Tiến độ thực hiện",
                    children=[Bullet(text=f"{e.time}: {e.task}") for e in self.timeline],
                )
            )
        if self.budget:
            sections.append(Section(title="Kinh phí", children=_paragraphs(self.budget)))
        return sections

    @staticmethod
    def _assignment_section(assignment: Assignment) -> Section:
        children = list(assignment.tasks)
        if assignment.deadline:
            children.append(Paragraph(text=f"Thời hạn hoàn thành: {assignment.deadline}."))
        return Section(title=assignment.unit, children=children)


def _bullets(items: list[str]) -> list[Bullet]:
    return [Bullet(text=item) for item in items]


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(text=text) for text in texts]
