"""Parts shared by documents that direct work (Kế hoạch, Hướng dẫn): purposes and assignments."""

from __future__ import annotations

from typing import Optional, Union

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from .body import Bullet, Node, Paragraph, Section
from .common import BulletText, HeadingText, ParagraphText, Text, VanbanModel, field, schema_text
from .document import Document


PurposeItem = Union[BulletText, Paragraph]
"""In purposes and requirements a string is a bullet, as the lists are usually written."""


class Assignment(VanbanModel):
    """The tasks of one responsible unit (Tổ chức thực hiện)."""

    model_config = schema_text("Nhiệm vụ của đơn vị", "Một đơn vị chịu trách nhiệm, các nhiệm vụ và thời hạn.")

    unit: HeadingText = field("unit", "don_vi", "Đơn vị", "Đơn vị chịu trách nhiệm.")
    tasks: list[Node] = field(
        "tasks", "nhiem_vu", "Nhiệm vụ",
        "Các nhiệm vụ: đoạn văn (chuỗi), ý (y: ...) hoặc mục con (tieu_de: ...).",
        min_length=1,
    )
    deadline: Optional[Text] = field(
        "deadline", "thoi_han", "Thời hạn", "Thời hạn hoàn thành, nếu có.", default=None
    )

    def as_section(self) -> Section:
        children = list(self.tasks)
        if self.deadline:
            children.append(Paragraph(text=f"Thời hạn hoàn thành: {self.deadline}."))
        return Section(title=self.unit, children=children)


class PlanningDocument(Document):
    """A document that sets purposes and requirements and assigns work to units."""

    purposes: list[PurposeItem] = field(
        "purposes", "muc_dich", "Mục đích",
        "Các ý của phần Mục đích (mỗi chuỗi là một ý '- '; {doan: ...} là một đoạn văn).",
        default_factory=list,
    )
    requirements: list[PurposeItem] = field(
        "requirements", "yeu_cau", "Yêu cầu",
        "Các ý của phần Yêu cầu (mỗi chuỗi là một ý '- '; {doan: ...} là một đoạn văn).",
        default_factory=list,
    )
    purposes_and_requirements: list[PurposeItem] = field(
        "purposes_and_requirements", "muc_dich_yeu_cau", "Mục đích, yêu cầu (gộp)",
        "Dùng thay cho muc_dich và yeu_cau khi không tách thành hai khoản.",
        default_factory=list,
    )
    assignments: list[Assignment] = field(
        "assignments", "to_chuc_thuc_hien", "Tổ chức thực hiện",
        "Mỗi đơn vị chịu trách nhiệm và nhiệm vụ của đơn vị đó.",
        min_length=1,
    )
    reporting: list[ParagraphText] = field(
        "reporting", "che_do_bao_cao", "Chế độ báo cáo",
        "Các đoạn văn cuối phần Tổ chức thực hiện (báo cáo kết quả, thời hạn, liên hệ).",
        default_factory=list,
    )

    @model_validator(mode="after")
    def _purposes_given_once(self) -> "PlanningDocument":
        split = bool(self.purposes or self.requirements)
        if split == bool(self.purposes_and_requirements):
            raise PydanticCustomError(
                "vanban_purposes",
                "Cần ghi phần Mục đích, yêu cầu: hoặc 'muc_dich' và/hoặc 'yeu_cau', "
                "hoặc 'muc_dich_yeu_cau' (gộp), không dùng cả hai cách.",
            )
        return self

    def purposes_section(self) -> Section:
        if self.purposes_and_requirements:
            return Section(title="Mục đích, yêu cầu", children=bullets(self.purposes_and_requirements))
        given = [(title, items) for title, items in
                 (("Mục đích", self.purposes), ("Yêu cầu", self.requirements)) if items]
        if len(given) == 1:
            title, items = given[0]
            return Section(title=title, children=bullets(items))
        return Section(
            title="Mục đích, yêu cầu",
            children=[Section(title=title, children=bullets(items)) for title, items in given],
        )

    def assignments_section(self) -> Section:
        return Section(
            title="Tổ chức thực hiện",
            children=[*(a.as_section() for a in self.assignments), *paragraphs(self.reporting)],
        )


def bullets(items: list) -> list[Union[Bullet, Paragraph]]:
    """Strings become "- " bullets; paragraphs stay paragraphs."""
    return [Bullet(text=item) if isinstance(item, str) else item for item in items]


def paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(text=text) for text in texts]
