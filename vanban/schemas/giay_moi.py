"""Giấy mời (invitation): who invites whom, to what, who chairs, when, where, what to bring."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional, Union

from pydantic import Field, model_validator

from .bien_ban import Start, clock_words
from .body import Bullet, Paragraph
from .common import built, BulletText, Line, ParagraphText, Text, _error, field, schema_text
from .document import Document

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
"""Weekdays as NĐ 30 PL II (V.8) writes them: ``thứ Hai`` ... ``Chủ nhật``."""


class GiayMoi(Document):
    """Giấy mời: NĐ 30 PL III Mẫu 1.7, and the Union's invitations to meetings and events."""

    model_config = schema_text(
        "Giấy mời",
        "Giấy mời: bên mời 'trân trọng kính mời' người được mời tới dự ..., chủ trì, thời gian (vanban ghi "
        "thứ trong tuần), địa điểm, những điều cần lưu ý, mang theo.",
    )

    type_name = "Giấy mời"
    type_code = "GM"
    body_closes = True

    type: Literal["giay-moi"] = field("type", "loai", "Loại văn bản", "Luôn là 'giay-moi'.", default="giay-moi")
    host: Line = field(
        "host", "ben_moi", "Bên mời",
        "Tập thể mời, viết như trong câu: 'Ban Thường vụ Huyện đoàn Cầu Ngang' (vanban viết '... trân trọng "
        "kính mời:').",
    )
    invitee: Union[Text, Annotated[list[BulletText], Field(min_length=1)]] = field(
        "invitee", "kinh_moi", "Người được mời",
        "Họ tên, chức vụ, đơn vị của người (cơ quan) được mời, in đậm; hoặc một danh sách thành phần mời "
        "(mỗi dòng một ý '- '). Mỗi người một giấy: dùng 'vanban batch' với một cột kinh_moi.",
    )
    event: Text = field("event", "toi_du", "Tới dự", "Tên cuộc họp, hội nghị: vanban viết 'Tới dự <...>.'.")
    chair: Optional[Line] = field(
        "chair", "chu_tri", "Chủ trì", "Người chủ trì, ví dụ 'Đồng chí Nguyễn Văn A, Bí thư Huyện đoàn'.",
        default=None,
    )
    start: Start = field(
        "start", "thoi_gian", "Thời gian",
        "Giờ và ngày: {gio: '07:30', ngay: 2023-09-15}; vanban viết '07 giờ 30 phút, thứ Sáu, ngày 15/9/2023'.",
    )
    until: Optional[Line] = field(
        "until", "den", "Đến", "Thời điểm kết thúc nếu cần, ví dụ '11 giờ 00 phút' hoặc 'hết ngày'.",
        default=None,
    )
    venue: Line = field("venue", "dia_diem", "Địa điểm", "Nơi tổ chức.")
    bring: list[BulletText] = field(
        "bring", "mang_theo", "Mang theo", "Những gì người được mời mang theo, mỗi dòng một ý '- '.",
        default_factory=list,
    )
    notes: list[ParagraphText] = field(
        "notes", "luu_y", "Lưu ý", "Các đoạn cần lưu ý (đăng ký, liên hệ, trang phục...).", default_factory=list,
    )

    @model_validator(mode="after")
    def _no_closing_sentence(self) -> "GiayMoi":
        if self.closing:
            raise _error(
                "closing",
                "Giấy mời không có câu kết: văn bản kết thúc ở dòng cuối (vanban thêm './.'). Hãy bỏ "
                "'ket_thuc', hoặc ghi câu đó vào 'luu_y'.",
            )
        return self

    @model_validator(mode="after")
    def _invitee_not_ending_in_a_backslash(self) -> "GiayMoi":
        # vanban writes the one invited in bold, "**<kinh_moi>**": a "\\" before the closing "**"
        # would make it a literal asterisk, and the page would show neither the bold nor the "\\"
        if isinstance(self.invitee, str) and self.invitee.endswith("\\"):
            raise _error(
                "invitee",
                "Người được mời ('kinh_moi') kết thúc bằng dấu '\\': vanban in đậm người được mời ('**...**'), dấu '\\' "
                "đứng ngay trước dấu in đậm sẽ làm hỏng chữ in đậm. Hãy bỏ dấu '\\' ở cuối.",
            )
        return self

    def when(self) -> str:
        date = self.start.date
        weekday = WEEKDAYS[dt.date(date.year, date.month, date.day).weekday()]
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
        text = f"{clock_words(self.start.clock)}, {weekday}, ngày {date.day:02d}/{month}/{date.year}"
        return f"{text} đến {self.until}" if self.until else text

    def sections(self) -> list:
        if isinstance(self.invitee, list):  # a list of those invited, under the sentence
            body: list = [built(Paragraph, text=f"{self.host} trân trọng kính mời:"),
                          *(built(Bullet, text=item) for item in self.invitee)]
        else:
            body = [built(Paragraph, text=f"{self.host} trân trọng kính mời: **{self.invitee}**")]
        body += [
            built(Paragraph, text=f"Tới dự {self.event}" + ("" if self.event.rstrip()[-1:] in ".!?" else ".")),
        ]
        if self.chair:
            body.append(built(Paragraph, text=f"Chủ trì: {self.chair}."))
        body.append(built(Paragraph, text=f"Thời gian: {self.when()}."))
        body.append(built(Paragraph, text=f"Địa điểm: {self.venue}."))
        if self.bring:
            body.append(built(Paragraph, text="Đề nghị mang theo:"))
            body += [built(Bullet, text=item) for item in self.bring]
        body += [built(Paragraph, text=note) for note in self.notes]
        return body

