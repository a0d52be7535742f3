"""Chương trình (programme): an event's timetable, thời gian | nội dung | người thực hiện."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import Discriminator, Field, Tag

from .body import Column, GroupRow, Table, TopNode
from .common import built, Line, ParagraphText, Text, VanbanModel, field, schema_text
from .document import Document


class Slot(VanbanModel):
    """One line of the timetable."""

    model_config = schema_text("Mục chương trình", "Thời gian, nội dung, người thực hiện.")

    time: Optional[Line] = field(
        "time", "thoi_gian", "Thời gian", "Ví dụ '07:30 - 08:00'; bỏ trống khi việc nối tiếp việc trước.",
        default=None,
    )
    item: Text = field("item", "noi_dung", "Nội dung", "Việc diễn ra trong thời gian đó.")
    by: Optional[Text] = field("by", "thuc_hien", "Người thực hiện", "Người, đơn vị thực hiện.", default=None)


class Day(VanbanModel):
    """A row across the timetable naming the day (or session) of the lines below it."""

    model_config = schema_text("Ngày, buổi", "Một dòng trải hết bề ngang bảng, ví dụ 'Sáng ngày 15/9/2023'.")

    day: Line = field("day", "buoi", "Ngày, buổi", "Ví dụ 'Sáng thứ Sáu, ngày 15/9/2023'.")


def _entry_kind(value: Any) -> str:
    if isinstance(value, Day) or isinstance(value, dict) and {"buoi", "day"} & value.keys():
        return "day"
    return "slot"


Entry = Annotated[Union[Annotated[Day, Tag("day")], Annotated[Slot, Tag("slot")]], Discriminator(_entry_kind)]


class ChuongTrinh(Document):
    """Chương trình: what comes before the timetable, then the timetable (a table vanban builds)."""

    model_config = schema_text(
        "Chương trình",
        "Chương trình một sự kiện: phần mở đầu, nội dung (tùy chọn), bảng thời gian | nội dung | người thực hiện.",
    )

    type_name = "Chương trình"
    type_code = "CTr"

    type: Literal["chuong-trinh"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'chuong-trinh'.", default="chuong-trinh"
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung", "Các mục, đoạn văn trước bảng chương trình (mục đích, thành phần...).",
        default_factory=list,
    )
    caption: Optional[ParagraphText] = field(
        "caption", "ten_bang", "Tên bảng", "Dòng tên đặt trên bảng chương trình, nếu cần.", default=None
    )
    schedule: Annotated[list[Entry], Field(min_length=1)] = field(
        "schedule", "lich", "Lịch",
        "Các dòng của bảng: {thoi_gian, noi_dung, thuc_hien}; {buoi: ...} là một dòng tên ngày, buổi.",
    )
    after: list[TopNode] = field(
        "after", "sau_bang", "Sau bảng", "Các đoạn, mục sau bảng (tổ chức thực hiện, lưu ý).",
        default_factory=list,
    )

    def timetable(self) -> Table:
        slots = [entry for entry in self.schedule if isinstance(entry, Slot)]
        with_by = any(slot.by for slot in slots)
        columns = [built(Column, title="Thời gian"), built(Column, title="Nội dung")]
        if with_by:
            columns.append(built(Column, title="Người thực hiện"))
        rows: list = []
        for entry in self.schedule:
            if isinstance(entry, Day):
                rows.append(built(GroupRow, group=entry.day))
            else:
                rows.append([entry.time, entry.item, *([entry.by] if with_by else [])])  # None: an empty cell
        return built(Table, caption=self.caption, columns=columns, rows=rows)

    def sections(self) -> list:
        return [*self.content, self.timetable(), *self.after]

    def closing_sentence(self) -> Optional[str]:
        """Only the closing the author wrote; without one the programme ends with its last part."""
        return self.closing or None
