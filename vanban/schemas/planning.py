"""Parts shared by documents that direct work (Kế hoạch, Hướng dẫn): purposes and assignments."""

from __future__ import annotations

from typing import Annotated, Any, Optional, Union

from pydantic import Discriminator, Tag, model_validator
from pydantic_core import PydanticCustomError

from .body import BulletPart, Node, Paragraph, Section
from .common import HeadingText, ParagraphText, Text, VanbanModel, built, field, schema_text
from .document import Document


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
            children.append(built(Paragraph, text=f"Thời hạn hoàn thành: {self.deadline}."))
        return built(Section, title=self.unit, children=children)


_FIGURE_KEYS = {"so_lieu", "figure", "label", "gia_tri", "value"}
"""A figure has a unit (don_vi) too: with these keys it is a figure, not a unit's tasks."""


def _assignment_kind(value: Any) -> str:
    if isinstance(value, Assignment) or isinstance(value, dict) and {"don_vi", "unit"} & value.keys() \
            and not _FIGURE_KEYS & value.keys():
        return "unit"
    return "node"


AssignmentItem = Annotated[
    Union[Annotated[Assignment, Tag("unit")], Annotated[Node, Tag("node")]],
    Discriminator(_assignment_kind),
]


class AssignmentPart(VanbanModel):
    """Tổ chức thực hiện: units and their tasks (numbered 1., 2.), or any content."""

    model_config = schema_text(
        "Tổ chức thực hiện",
        "Danh sách đơn vị (don_vi, nhiem_vu, thoi_han) và/hoặc nội dung bất kỳ; {tieu_de, noi_dung} để đổi tiêu đề.",
    )

    title: Optional[HeadingText] = field(
        "title", "tieu_de", "Tiêu đề", "Bỏ trống để dùng tiêu đề 'Tổ chức thực hiện'.", default=None
    )
    children: list[AssignmentItem] = field(
        "children", "noi_dung", "Nội dung", "Các đơn vị (don_vi, nhiem_vu) hoặc đoạn văn, mục con.", min_length=1
    )

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        return {"noi_dung": data} if isinstance(data, list) else data

    def as_section(self, default_title: str) -> Section:
        children = [item.as_section() if isinstance(item, Assignment) else item for item in self.children]
        return built(Section, title=self.title or default_title, children=children)


class PlanningDocument(Document):
    """A document that sets purposes and requirements and assigns work to units.

    Every part is optional: a real plan may open with another Mục, or have no
    Tổ chức thực hiện; each part given may carry its own title (``tieu_de``)."""

    purposes: Optional[BulletPart] = field(
        "purposes", "muc_dich", "Mục đích",
        "Các ý của phần Mục đích (mỗi chuỗi là một ý '- '; {doan: ...} là một đoạn văn, "
        "{doan_so: ...} một đoạn đánh số); hoặc {tieu_de, noi_dung} để đổi tiêu đề.",
        default=None,
    )
    requirements: Optional[BulletPart] = field(
        "requirements", "yeu_cau", "Yêu cầu",
        "Các ý của phần Yêu cầu, viết như 'muc_dich'.",
        default=None,
    )
    purposes_and_requirements: Optional[BulletPart] = field(
        "purposes_and_requirements", "muc_dich_yeu_cau", "Mục đích, yêu cầu (gộp)",
        "Dùng thay cho muc_dich và yeu_cau khi không tách thành hai khoản (mục I. MỤC ĐÍCH, YÊU CẦU "
        "với các ý, đoạn đánh số 1., 2. hoặc mục con).",
        default=None,
    )
    assignments: Optional[AssignmentPart] = field(
        "assignments", "to_chuc_thuc_hien", "Tổ chức thực hiện",
        "Mỗi đơn vị chịu trách nhiệm và nhiệm vụ của đơn vị đó; hoặc {tieu_de, noi_dung} để đổi tiêu đề.",
        default=None,
    )
    reporting: list[ParagraphText] = field(
        "reporting", "che_do_bao_cao", "Chế độ báo cáo",
        "Các đoạn văn cuối phần Tổ chức thực hiện (báo cáo kết quả, thời hạn, liên hệ).",
        default_factory=list,
    )

    @model_validator(mode="after")
    def _purposes_given_once(self) -> "PlanningDocument":
        if (self.purposes or self.requirements) and self.purposes_and_requirements:
            raise PydanticCustomError(
                "vanban_purposes",
                "Phần Mục đích, yêu cầu ghi một trong hai cách: 'muc_dich' và/hoặc 'yeu_cau', "
                "hoặc 'muc_dich_yeu_cau' (gộp), không dùng cả hai.",
            )
        if self.reporting and not self.assignments:
            raise PydanticCustomError(
                "vanban_reporting",
                "'che_do_bao_cao' là các đoạn cuối phần Tổ chức thực hiện: cần có 'to_chuc_thuc_hien', "
                "hoặc viết các đoạn đó trong 'noi_dung'.",
            )
        return self

    def purposes_section(self) -> list[Section]:
        if self.purposes_and_requirements:
            return [self.purposes_and_requirements.as_section("Mục đích, yêu cầu")]
        given = [(part, title) for part, title in
                 ((self.purposes, "Mục đích"), (self.requirements, "Yêu cầu")) if part]
        if len(given) == 1:
            part, title = given[0]
            return [part.as_section(title)]
        if not given:
            return []
        return [built(Section, title="Mục đích, yêu cầu", children=[part.as_section(title) for part, title in given])]

    def assignments_section(self) -> list[Section]:
        if not self.assignments:
            return []
        section = self.assignments.as_section("Tổ chức thực hiện")
        return [section.model_copy(update={"children": [*section.children, *paragraphs(self.reporting)]})]


def paragraphs(texts: list[str]) -> list[Paragraph]:
    """Paragraphs of texts already validated as paragraph text (``ParagraphText``)."""
    return [built(Paragraph, text=text) for text in texts]
