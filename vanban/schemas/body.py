"""The body of a document as a tree: sections holding paragraphs, bullets, figures and tables.

The user never types numbers or bullets: a :class:`Section`'s depth decides its
label (``I.``, ``1.``, ``1.1.`` ...), a :class:`NumberedParagraph` takes the next
number at its depth but reads as running text, a :class:`NumberedList` numbers its
own entries from 1, a :class:`Bullet` gets ``- `` and its children ``+ ``. In YAML a
child is told apart by its key: ``tieu_de`` (section), ``doan_so`` (numbered
paragraph), ``danh_sach_so`` (numbered list), ``y`` (bullet), ``so_lieu`` (figure),
``cot`` (table), ``bang`` (results table); a plain string is a paragraph. Above the
Mục, a document may be split into :class:`DocumentPart` (``phan``: PHẦN THỨ NHẤT, A.).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, Discriminator, Field, PlainSerializer, Tag, model_validator

from .._lazy_pattern import lazy_pattern

from .common import (
    _error, ArticleText, BulletText, HeadingText, Line, ListText, NumberedText, ParagraphText, Text, VanbanModel,
    built, field,
    schema_text, string_shorthand,
)

# Bounded so that every percentage of two amounts fits decimal's 28 significant digits
# (babel formats through it): 16 whole digits (a million tỷ đồng, 10^15, has 16) and 4 decimals.
_VIETNAMESE_NUMBER = lazy_pattern(r"^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,4})?$")
"""A number as staff write one: points between thousands, a comma before the decimals
("1.234,5", "12,5", "1200000"). "12.5" is not one: to a Vietnamese reader a point groups thousands."""


def vietnamese_number(text: str) -> Optional[Decimal]:
    """``text`` (a number column's cell typed as text) as its number, or None if it is not one."""
    text = text.strip()
    if not _VIETNAMESE_NUMBER.match(text) or len(text.replace(".", "").split(",")[0]) > 16:
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


def _as_typed(value: Decimal) -> Union[int, str]:
    """JSON's form of an amount, one that reads back as the same amount: a whole number as a
    number, a fraction as staff type it ("12,5"), never "12.5" (to a Vietnamese reader, 125)."""
    if value == value.to_integral_value():
        return int(value)
    return format(value, "f").replace(".", ",")


_AMOUNT = Annotated[Decimal, Field(ge=0, allow_inf_nan=False, max_digits=20, decimal_places=4),
                    PlainSerializer(_as_typed, when_used="json")]


def _decimal_comma(value: Any) -> Any:
    """A figure typed as staff write it, with a decimal comma ("85,5", "1.234,5"), is that number."""
    if isinstance(value, str) and "," in value:
        number = vietnamese_number(value)
        if number is not None:
            return number
    return value


Amount = Annotated[_AMOUNT, BeforeValidator(_decimal_comma)]


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


def _number_not_text(value: Any) -> Any:
    if isinstance(value, str) or isinstance(value, bool):
        raise ValueError("text")  # "10.000" is ten thousand to a Vietnamese reader: never parsed
    return value


Cell = Annotated[
    Union[Annotated[_AMOUNT, BeforeValidator(_number_not_text)], Text, Annotated[list[Text], Field(min_length=1)], None],
    Field(union_mode="left_to_right"),
]
"""A table cell: a number as YAML reads one (written the Vietnamese way), text, a list of
texts (the cell's paragraphs, one under another), or empty. A line break in a text also
starts a new paragraph of the cell."""


class Column(VanbanModel):
    """A column of a table; with ``cot`` it is a header cell over its sub-columns (merged)."""

    model_config = schema_text(
        "Cột", "Tên cột (chuỗi) hoặc {ten, kieu, cong, cot}: 'cot' là các cột con dưới một ô tiêu đề gộp."
    )

    title: Text = field("title", "ten", "Tên cột", "Chữ trong ô tiêu đề, ví dụ 'Họ và tên', 'Kết quả'.")
    kind: Literal["chu", "so"] = field(
        "kind", "kieu", "Kiểu cột",
        "'chu' (chữ, căn trái) hoặc 'so' (số: vanban viết 1.234.567 và căn phải).", default="chu",
    )
    total: bool = field(
        "total", "cong", "Cộng ở dòng tổng", "true để vanban cộng cột số này ở dòng tổng.", default=False
    )
    unit: Optional[Line] = field(
        "unit", "don_vi", "Đơn vị", "Đơn vị của số trong cột, dùng khi viết tổng bằng chữ, ví dụ 'đồng'.",
        default=None,
    )
    columns: list["Column"] = field(
        "columns", "cot", "Cột con", "Các cột con dưới ô tiêu đề này (ô tiêu đề gộp).", default_factory=list,
    )

    _from_string = string_shorthand("title")

    @model_validator(mode="after")
    def _totals_are_numbers(self) -> "Column":
        if self.total and self.kind != "so":
            raise _error("column_total", "Chỉ cộng được cột số: thêm 'kieu: so' cho cột '{title}' hoặc bỏ 'cong'.",
                         title=self.title)
        if self.columns and (self.total or self.kind != "chu" or self.unit):
            raise _error("column_group",
                         "Cột '{title}' có cột con nên chỉ là ô tiêu đề gộp: ghi 'kieu', 'cong', 'don_vi' "
                         "ở từng cột con.", title=self.title)
        return self

    def leaves(self) -> list["Column"]:
        """The columns that hold cells, left to right."""
        return [leaf for child in self.columns for leaf in child.leaves()] if self.columns else [self]

    def depth(self) -> int:
        return 1 + max((child.depth() for child in self.columns), default=0)


Column.model_rebuild()


class GroupRow(VanbanModel):
    """A row across the whole table naming the group of rows below it (``Khối cơ quan``)."""

    model_config = schema_text("Dòng nhóm", "Một dòng chữ đậm trải hết bề ngang bảng, đặt tên nhóm các dòng dưới.")

    group: Text = field("group", "nhom", "Tên nhóm", "Ví dụ 'Khối các cơ quan'.")


Row = Union[GroupRow, list[Cell]]


class Table(VanbanModel):
    """A table of the body: columns (merged header cells allowed), rows, optional STT and total row.

    Numbers are written by vanban the Vietnamese way (1.234.567,5), STT is numbered by
    vanban, and the total row is computed, never typed."""

    model_config = schema_text(
        "Bảng", "Bảng: các cột (cot), các dòng (dong); vanban đánh STT, viết số, tính dòng tổng."
    )

    caption: Optional[ParagraphText] = field(
        "caption", "ten_bang", "Tên bảng", "Dòng tên bảng đặt trên bảng.", default=None
    )
    columns: list[Column] = field("columns", "cot", "Các cột", "Tên các cột, từ trái sang phải.", min_length=1)
    rows: list[Row] = field(
        "rows", "dong", "Các dòng",
        "Mỗi dòng là một danh sách ô theo thứ tự cột: [Nguyễn Văn A, Bí thư, 2000000]; "
        "{nhom: ...} là một dòng tên nhóm.",
        min_length=1,
    )
    numbered: bool = field(
        "numbered", "stt", "Cột STT", "true để vanban thêm cột STT và đánh số 1, 2, 3...", default=False
    )
    index_title: Optional[Line] = field(
        "index_title", "ten_cot_stt", "Tên cột STT",
        "Chữ trong ô tiêu đề của cột STT khi 'stt: true', ví dụ 'TT' (mặc định 'STT').", default=None,
    )
    total_label: Optional[Line] = field(
        "total_label", "dong_tong", "Dòng tổng",
        "Chữ đầu dòng tổng, ví dụ 'Tổng cộng': vanban cộng các cột có 'cong: true'.", default=None,
    )
    total_in_words: bool = field(
        "total_in_words", "tong_bang_chu", "Tổng bằng chữ",
        "true để viết tổng (của cột được cộng) bằng chữ dưới bảng: (Bằng chữ: ...).", default=False,
    )

    @model_validator(mode="after")
    def _rows_fit_the_columns(self) -> "Table":
        if self.index_title and not self.numbered:
            raise _error("table_index", "'ten_cot_stt' là tên cột STT, mà bảng chưa có cột đó: thêm 'stt: true' "
                         "để vanban thêm cột '{title}' và đánh số 1, 2, 3..., hoặc bỏ 'ten_cot_stt'.",
                         title=self.index_title)
        leaves = [leaf for column in self.columns for leaf in column.leaves()]
        for index, row in enumerate(self.rows, start=1):
            if isinstance(row, GroupRow):
                continue
            if len(row) != len(leaves):
                raise _error(
                    "table_row",
                    "Dòng {index} của bảng có {count} ô nhưng bảng có {columns} cột ({names}); "
                    "mỗi dòng ghi đủ các ô theo thứ tự cột, ô trống ghi ''.",
                    index=index, count=len(row), columns=len(leaves),
                    names=", ".join(leaf.title for leaf in leaves),
                )
            for position, (column, cell) in enumerate(zip(leaves, row)):
                if column.kind == "so" and isinstance(cell, str) and vietnamese_number(cell) is not None:
                    row[position] = vietnamese_number(cell)  # "12,5", "1.234,5": as staff type them
                elif column.kind == "so" and isinstance(cell, (str, list)):
                    raise _error(
                        "table_number",
                        "Dòng {index}, cột '{title}' là cột số nhưng ô ghi '{cell}': ghi số như 1200000, "
                        "1.200.000 hoặc 12,5 (dấu phẩy trước phần thập phân, tối đa 4 chữ số sau dấu phẩy), "
                        "hoặc đổi cột thành 'kieu: chu'.",
                        index=index, title=column.title, cell=cell,
                    )
        summed = [leaf for leaf in leaves if leaf.total]
        if summed and not self.total_label:
            raise _error("table_total", "Có cột 'cong: true' thì ghi 'dong_tong' (ví dụ 'Tổng cộng').")
        if self.total_label and not summed:
            raise _error("table_total", "Có 'dong_tong' thì đánh dấu 'cong: true' ở các cột số cần cộng.")
        if self.total_label and leaves[0].total and not self.numbered:
            raise _error("table_total",
                         "Cột đầu tiên được cộng nên dòng tổng không có chỗ ghi '{label}': thêm 'stt: true' "
                         "hoặc đặt một cột chữ trước.", label=self.total_label)
        if self.total_in_words and len(summed) != 1:
            raise _error("table_words", "'tong_bang_chu' cần đúng một cột được cộng (cong: true).")
        return self

    def leaf_columns(self) -> list[Column]:
        return [leaf for column in self.columns for leaf in column.leaves()]

    def index_header(self) -> str:
        """The words over the STT column."""
        return self.index_title or "STT"


class NumberedList(VanbanModel):
    """Entries numbered 1., 2., 3. of their own, as running text (a list of people, of units)."""

    model_config = schema_text(
        "Danh sách đánh số", "Các dòng đánh số 1., 2., 3. riêng (không theo số mục), ví dụ danh sách đại biểu."
    )

    items: list[ListText] = field(
        "items", "danh_sach_so", "Các dòng", "Mỗi dòng một mục, không gõ số: vanban tự đánh 1., 2., 3.",
        min_length=1,
    )


_KINDS = {
    "section": ("title", "tieu_de"),
    # before "numbered": a table dumped by its Python names has "numbered" (its STT column)
    "table": ("columns", "cot"),
    "numbered": ("numbered", "doan_so"),
    "list": ("items", "danh_sach_so"),
    "results": ("rows", "bang"),
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
        "Các đoạn văn (chuỗi), ý (y), đoạn đánh số (doan_so), số liệu (so_lieu), bảng (cot) và "
        "mục con (tieu_de) theo thứ tự.",
        default_factory=list,
    )


class NumberedParagraph(VanbanModel):
    """A paragraph that takes the next number at its depth (``1. Hưởng ứng ...``) but is
    running text, not a heading: plain weight, justified, the number part of it."""

    model_config = schema_text(
        "Đoạn đánh số",
        "Một đoạn văn mang số thứ tự như một khoản (1., 2. hoặc 1.1.) nhưng viết như câu văn, không đậm.",
    )

    numbered: NumberedText = field(
        "numbered", "doan_so", "Đoạn văn đánh số", "Nội dung đoạn, không gõ số: vanban tự đánh số theo cấp."
    )
    children: list["Node"] = field(
        "children", "noi_dung", "Nội dung", "Các đoạn, ý hoặc mục con dưới đoạn này.", default_factory=list,
    )


Node = Annotated[
    Union[
        Annotated[Section, Tag("section")],
        Annotated[NumberedParagraph, Tag("numbered")],
        Annotated[NumberedList, Tag("list")],
        Annotated[Bullet, Tag("bullet")],
        Annotated[Figure, Tag("figure")],
        Annotated[Table, Tag("table")],
        Annotated[ResultsTable, Tag("results")],
        Annotated[Paragraph, Tag("paragraph")],
    ],
    Discriminator(_node_kind),
]

_MODEL_KINDS = {
    Section: "section", NumberedParagraph: "numbered", NumberedList: "list", Bullet: "bullet",
    Figure: "figure", Table: "table", ResultsTable: "results",
}
NODE_TAGS = frozenset({"section", "numbered", "list", "bullet", "figure", "table", "results", "paragraph"})

Section.model_rebuild()
NumberedParagraph.model_rebuild()


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
        return {"noi_dung": data} if isinstance(data, list) else data

    def as_section(self, default_title: str) -> Section:
        return built(Section, title=self.title or default_title, children=self.children)


def _strings_as_bullets(data: Any) -> Any:
    """In lists of purposes and requirements a plain string is a "- " item, as they are written."""
    def convert(items: Any) -> Any:
        return [{"bullet": item} if isinstance(item, str) else item for item in items] \
            if isinstance(items, list) else items

    if isinstance(data, list):
        return convert(data)
    if isinstance(data, dict):
        return {key: convert(value) if key in ("noi_dung", "children") else value for key, value in data.items()}
    return data


class BulletPart(Part):
    """A fixed part whose plain strings are "- " items (Mục đích, Yêu cầu)."""

    model_config = schema_text(
        "Phần (ý gạch đầu dòng)",
        "Nội dung một phần; mỗi chuỗi là một ý '- '; 'tieu_de' thay tiêu đề mặc định nếu cần.",
    )

    @model_validator(mode="before")
    @classmethod
    def _bullets(cls, data: Any) -> Any:
        return _strings_as_bullets(data)


class DocumentPart(VanbanModel):
    """A part above the Mục (PHẦN THỨ NHẤT, A.): Mục numbering restarts in each part."""

    model_config = schema_text(
        "Phần lớn",
        "Phần trên các mục La Mã (PHẦN THỨ NHẤT, Phần I hoặc A.); số mục I., II. bắt đầu lại trong mỗi phần.",
    )

    # not "title": a part dumped by its Python names must not read back as a Section
    part: HeadingText = field("part", "phan", "Tên phần", "Ví dụ 'Kết quả thực hiện nhiệm kỳ 2017 - 2022'.")
    children: list[Node] = field(
        "children", "noi_dung", "Nội dung", "Các mục (tieu_de) và đoạn văn của phần.", min_length=1
    )


class Article(VanbanModel):
    """An Điều of a Quyết định or Nghị quyết: ``Điều 1.`` (label bold, numbered by vanban) and
    its words; khoản ``1.`` and điểm below it come from its content, numbered from 1 in each."""

    model_config = schema_text(
        "Điều",
        "Một điều (Điều 1., Điều 2. do vanban đánh số): nội dung điều, và các khoản, ý, danh sách bên dưới.",
    )

    # not "title": an article dumped by its Python names must not read back as a Section
    article: ArticleText = field(
        "article", "dieu", "Nội dung điều",
        "Câu của điều, không gõ 'Điều 1.': vanban tự đánh số. Ví dụ 'Thành lập Ban Tổ chức ... gồm "
        "các đồng chí có tên sau:'.",
    )
    children: list[Node] = field(
        "children", "noi_dung", "Nội dung",
        "Các đoạn văn, ý (y), danh sách (danh_sach_so), khoản (doan_so, tieu_de), bảng dưới điều này.",
        default_factory=list,
    )


def _top_kind(value: Any) -> str:
    if isinstance(value, DocumentPart) or isinstance(value, dict) and {"phan", "part"} & value.keys():
        return "part"
    return "node"


TopNode = Annotated[
    Union[Annotated[DocumentPart, Tag("part")], Annotated[Node, Tag("node")]],
    Discriminator(_top_kind),
]
"""What the top of a body may hold: the nodes of a section, and parts above the Mục."""


class Annex(VanbanModel):
    """A Phụ lục after the signature block: its own page (upright or landscape), a heading
    and a "(Kèm theo ...)" line that vanban writes from the document's number, date and issuer."""

    model_config = schema_text(
        "Phụ lục",
        "Phụ lục sau chữ ký: trang mới (đứng hoặc ngang), dòng 'Phụ lục I', tên phụ lục, dòng '(Kèm theo ...)'.",
    )

    title: Optional[Line] = field(
        "title", "tieu_de", "Tên phụ lục", "Ví dụ 'Danh sách đại biểu'; vanban viết IN HOA.", default=None
    )
    orientation: Literal["doc", "ngang"] = field(
        "orientation", "huong", "Hướng trang", "'doc' (đứng) hoặc 'ngang' (cho bảng rộng).", default="doc"
    )
    reference: Optional[Line] = field(
        "reference", "kem_theo", "Dòng kèm theo",
        "Bỏ trống để vanban viết '(Kèm theo Kế hoạch số ... ngày ... của ...)' từ số, ngày, cơ quan; "
        "ghi để thay (không gõ ngoặc).",
        default=None,
    )
    children: list[Node] = field(
        "children", "noi_dung", "Nội dung", "Bảng (cot), đoạn văn, mục... của phụ lục.", min_length=1
    )
