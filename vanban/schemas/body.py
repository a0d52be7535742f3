"""The body of a document as a tree: sections holding paragraphs, bullets, figures and tables.

The user never types numbers or bullets: a :class:`Section`'s depth decides its
label (``I.``, ``1.``, ``1.1.`` ...), a :class:`Bullet` gets ``- `` and its
children ``+ ``. In YAML a child is told apart by its key: ``tieu_de`` (section),
``y`` (bullet), ``so_lieu`` (figure), ``bang`` (table); a plain string is a paragraph.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Optional, Union

from pydantic import BaseModel, Discriminator, Field, Tag, model_validator

from .common import _error, BulletText, HeadingText, ParagraphText, Text, VanbanModel, field, schema_text, string_shorthand

# Bounded so that every percentage of two amounts fits decimal's 28 significant digits
# (babel formats through it): 16 whole digits (a million tỷ đồng, 10^15, has 16) and 4 decimals.
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=20, decimal_places=4)]


class Paragraph(VanbanModel):
    """A body paragraph (đoạn văn). A plain string in a list is a paragraph."""

    model_config = schema_text("Đoạn văn", "Một đoạn văn; trong danh sách có thể viết thẳng chuỗi.")

    text: ParagraphText = field("text", "doan", "Đoạn văn", "Một đoạn văn của phần nội dung.")

    _from_string = string_shorthand("text")


class Bullet(VanbanModel):
    """A "- " item, with optional "+ " sub-items."""

    model_config = schema_text("Ý", "Một ý gạch đầu dòng (y), có thể có các ý nhỏ (y_con).")

    text: BulletText = field(
        "bullet", "y", "Ý (gạch đầu dòng)", "Nội dung một ý, vanban thêm '- ' ở đầu."
    )
    children: list[BulletText] = field(
        "children", "y_con", "Ý nhỏ", "Các ý nhỏ của ý này, vanban thêm '+ '.",
        default_factory=list,
    )


class Figure(VanbanModel):
    """A labelled figure written as a bullet: ``- Tổng kinh phí: 1.200.000.000 đồng (...)``."""

    model_config = schema_text(
        "Số liệu", "Một số liệu có tên: vanban viết số theo kiểu Việt Nam (1.234.567) và bằng chữ nếu cần."
    )

    label: BulletText = field("figure", "so_lieu", "Tên số liệu", "Ví dụ 'Tổng kinh phí huy động'.")
    value: Amount = field("value", "gia_tri", "Giá trị", "Số, không có dấu chấm phân cách: 1200000000.")
    unit: Optional[Text] = field(
        "unit", "don_vi", "Đơn vị", "Ví dụ 'đồng', 'mô hình', 'người'.", default=None
    )
    in_words: bool = field(
        "in_words", "bang_chu", "Viết bằng chữ",
        "true để thêm số bằng chữ trong ngoặc: (Một tỷ hai trăm triệu đồng); chỉ với số nguyên.",
        default=False,
    )

    @model_validator(mode="after")
    def _words_for_whole_numbers(self) -> "Figure":
        if self.in_words and self.value != self.value.to_integral_value():
            raise _error(
                "in_words",
                "'bang_chu' chỉ dùng cho số nguyên; {value} có phần thập phân. Hãy bỏ 'bang_chu: true' "
                "hoặc làm tròn số.",
                value=str(self.value),
            )
        return self


class Indicator(VanbanModel):
    """One row of a results table: target, achieved, and the same period last time."""

    model_config = schema_text("Chỉ tiêu", "Một dòng của bảng kết quả.")

    name: Text = field("name", "chi_tieu", "Chỉ tiêu", "Tên chỉ tiêu.")
    unit: Optional[Text] = field("unit", "don_vi_tinh", "Đơn vị tính", "Ví dụ 'mô hình'.", default=None)
    target: Optional[Amount] = field("target", "ke_hoach", "Kế hoạch", "Chỉ tiêu kế hoạch.", default=None)
    achieved: Optional[Amount] = field("achieved", "thuc_hien", "Thực hiện", "Kết quả đạt được.", default=None)
    same_period: Optional[Amount] = field(
        "same_period", "cung_ky", "Cùng kỳ", "Kết quả cùng kỳ (năm trước), để so sánh.", default=None
    )


class ResultsTable(VanbanModel):
    """A table of indicators; percentages are computed by vanban, never typed."""

    model_config = schema_text(
        "Bảng kết quả", "Bảng chỉ tiêu: kế hoạch, thực hiện; vanban tự tính tỷ lệ % và so với cùng kỳ."
    )

    caption: Optional[ParagraphText] = field(
        "caption", "tieu_de_bang", "Tên bảng", "Dòng tên bảng đặt trên bảng.", default=None
    )
    rows: list[Indicator] = field("rows", "bang", "Các chỉ tiêu", "Các dòng của bảng.", min_length=1)


_KINDS = {
    "section": ("title", "tieu_de"),
    "table": ("rows", "bang"),
    # "label", and "children" without a title: a figure and a bullet as model_dump() writes them
    "figure": ("figure", "so_lieu", "label"),
    "bullet": ("bullet", "y", "children", "y_con"),
}


def _node_kind(value: Any) -> str:
    if isinstance(value, BaseModel):
        return _MODEL_KINDS.get(type(value), "paragraph")
    if isinstance(value, dict):
        for kind, keys in _KINDS.items():
            if set(keys) & value.keys():
                return kind
    return "paragraph"


class Section(VanbanModel):
    """A numbered section: Mục ``I.``, khoản ``1.``, điểm ``1.1.`` ... by depth."""

    model_config = schema_text("Mục", "Một mục có tiêu đề; vanban tự đánh số I., 1., 1.1. theo cấp.")

    title: HeadingText = field(
        "title", "tieu_de", "Tiêu đề", "Tiêu đề mục, không gõ số thứ tự: vanban tự đánh số."
    )
    children: list["Node"] = field(
        "children", "noi_dung", "Nội dung",
        "Các đoạn văn (chuỗi), ý (y), số liệu (so_lieu), bảng (bang) và mục con (tieu_de) theo thứ tự.",
        default_factory=list,
    )


Node = Annotated[
    Union[
        Annotated[Section, Tag("section")],
        Annotated[Bullet, Tag("bullet")],
        Annotated[Figure, Tag("figure")],
        Annotated[ResultsTable, Tag("table")],
        Annotated[Paragraph, Tag("paragraph")],
    ],
    Discriminator(_node_kind),
]

_MODEL_KINDS = {Section: "section", Bullet: "bullet", Figure: "figure", ResultsTable: "table"}
NODE_TAGS = frozenset({"section", "bullet", "figure", "table", "paragraph"})

Section.model_rebuild()


class Part(VanbanModel):
    """A fixed part of a document type (Đối tượng, Đánh giá ...): its own title is optional."""

    model_config = schema_text(
        "Phần", "Nội dung một phần; 'tieu_de' thay tiêu đề mặc định nếu cần. Có thể viết thẳng danh sách."
    )

    title: Optional[HeadingText] = field(
        "title", "tieu_de", "Tiêu đề", "Bỏ trống để dùng tiêu đề mặc định.", default=None
    )
    children: list[Node] = field(
        "children", "noi_dung", "Nội dung", "Đoạn văn, ý, số liệu, bảng, mục con.", min_length=1
    )

    @model_validator(mode="before")
    @classmethod
    def _from_list(cls, data: Any) -> Any:
        return {"children": data} if isinstance(data, list) else data

    def as_section(self, default_title: str) -> Section:
        return Section(title=self.title or default_title, children=self.children)
