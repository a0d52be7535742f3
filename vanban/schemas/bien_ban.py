"""Biên bản (minutes): when and where, who attended (counted), chủ tọa and thư ký, what was said,
the votes with their shares computed, the end time, and two signatures side by side."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, Optional

from pydantic import BeforeValidator, Field, WithJsonSchema, model_validator

from .._numbers import format_number, percent_of
from .body import Bullet, Paragraph, TopNode
from .common import (
    built,
    BulletText, DocumentDate, IssueDate, Line, ParagraphText, PersonName, PositionText, Signer,
    VanbanModel, _error, field, schema_text,
)
from .document import Document

_TIME = re.compile(r"^\s*(\d{1,2})\s*(?::|h|giờ)\s*(?:(\d{1,2})\s*(?:phút|p)?)?\s*$", re.IGNORECASE)


def _clock(value: Any) -> Any:
    """``14:00``, ``14h30``, ``14 giờ 30 phút``, ``7 giờ`` -> (hour, minute)."""
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(type(part) is int for part in value):
        hour, minute = value  # as a model built in Python holds it (a list once dumped as JSON)
    else:
        match = _TIME.match(value) if isinstance(value, str) else None
        hour, minute = (int(match.group(1)), int(match.group(2) or 0)) if match else (-1, -1)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise _error(
            "clock",
            "Giờ '{value}' không hợp lệ: viết dạng 14:00, 14h30 hoặc 14 giờ 30 (giờ từ 0 đến 23, phút từ 0 "
            "đến 59), đặt trong ngoặc kép nếu cần.",
            value=str(value),
        )
    return hour, minute


Clock = Annotated[
    tuple[int, int], BeforeValidator(_clock),
    WithJsonSchema({"type": "string", "examples": ["14:00", "7h30", "14 giờ 30"]}),
]


def clock_words(clock: tuple[int, int]) -> str:
    """``14 giờ 00 phút``, ``07 giờ 30 phút``."""
    return f"{clock[0]:02d} giờ {clock[1]:02d} phút"


def day_words(date: IssueDate) -> str:
    """``ngày 05 tháng 3 năm 2023`` (days below 10 and months 1, 2 take a leading zero)."""
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


class Moment(VanbanModel):
    """A time of day and, for the start, its date."""

    model_config = schema_text("Thời điểm", "Giờ (14:00, 14h30, 14 giờ 30) và ngày.")

    clock: Clock = field("clock", "gio", "Giờ", "Ví dụ '14:00', '7h30', '14 giờ 30'.")
    date: Optional[DocumentDate] = field(
        "date", "ngay", "Ngày", "Dạng 2023-09-12 hoặc 12/9/2023; giờ kết thúc cùng ngày thì bỏ trống.",
        default=None,
    )

    @model_validator(mode="after")
    def _whole_date(self) -> "Moment":
        if self.date is not None and not self.date.day:
            raise _error("moment_date", "Ngày của cuộc họp cần đủ ngày, tháng, năm (ví dụ 2023-09-12).")
        return self


class Start(Moment):
    """When the meeting began: the date is needed."""

    model_config = schema_text("Bắt đầu", "Giờ (14:00) và ngày (2023-09-12) bắt đầu.")

    date: DocumentDate = field("date", "ngay", "Ngày", "Dạng 2023-09-12 hoặc 12/9/2023.")


class Person(VanbanModel):
    """Who chaired or kept the minutes."""

    model_config = schema_text("Người", "Họ tên và chức vụ.")

    name: PersonName = field("name", "ho_ten", "Họ tên", "Họ và tên, viết hoa chữ cái đầu mỗi tiếng.")
    position: Optional[PositionText] = field(
        "position", "chuc_vu", "Chức vụ", "Ví dụ 'Bí thư Chi đoàn'.", default=None
    )

    def line(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name


Count = Annotated[int, Field(ge=0, le=1_000_000)]


class Attendance(VanbanModel):
    """How many were called and how many came: vanban writes the absent and the share present."""

    model_config = schema_text(
        "Số lượng tham dự", "Tổng số được triệu tập, số có mặt, số vắng có lý do; vanban tính số vắng và tỷ lệ."
    )

    who: Line = field("who", "doi_tuong", "Đối tượng", "Ví dụ 'đoàn viên', 'đại biểu', 'ủy viên Ban Chấp hành'.")
    total: Annotated[int, Field(ge=1, le=1_000_000)] = field(
        "total", "tong_so", "Tổng số", "Tổng số được triệu tập."
    )
    present: Count = field("present", "co_mat", "Có mặt", "Số có mặt.")
    excused: Optional[Count] = field(
        "excused", "vang_co_ly_do", "Vắng có lý do", "Số vắng có lý do (nếu biết).", default=None
    )

    @model_validator(mode="after")
    def _counts_add_up(self) -> "Attendance":
        if self.present > self.total:
            raise _error("attendance", "Số có mặt ({present}) lớn hơn tổng số ({total}).",
                         present=self.present, total=self.total)
        if self.excused is not None and self.excused > self.total - self.present:
            raise _error("attendance", "Số vắng có lý do ({excused}) lớn hơn số vắng ({absent}).",
                         excused=self.excused, absent=self.total - self.present)
        return self

    def sentence(self) -> str:
        absent = self.total - self.present
        share = format_number(percent_of(self.present, self.total), 2)
        text = (f"Tổng số {self.who}: {self.total} đồng chí; có mặt: {self.present} đồng chí "
                f"(đạt {share}%); vắng mặt: {absent} đồng chí")
        if self.excused is not None and absent:
            text += f" (có lý do: {self.excused}, không lý do: {absent - self.excused})"
        return text + "."


class Vote(VanbanModel):
    """One vote: what was voted on and the counts; the shares are computed by vanban."""

    model_config = schema_text(
        "Biểu quyết", "Nội dung biểu quyết và số phiếu; vanban tính tỷ lệ % (so với số có mặt, hoặc 'tong_so')."
    )

    matter: BulletText = field("matter", "noi_dung", "Nội dung biểu quyết", "Ví dụ 'Thông qua Nghị quyết Đại hội'.")
    yes: Count = field("yes", "tan_thanh", "Tán thành", "Số tán thành.")
    no: Count = field("no", "khong_tan_thanh", "Không tán thành", "Số không tán thành.", default=0)
    other: Count = field(
        "other", "khong_bieu_quyet", "Không biểu quyết", "Số không biểu quyết, ý kiến khác.", default=0
    )
    base: Optional[Annotated[int, Field(ge=1, le=1_000_000)]] = field(
        "base", "tong_so", "Tổng số biểu quyết",
        "Tính tỷ lệ trên số này; bỏ trống: trên số có mặt (so_luong.co_mat).", default=None,
    )

    def counted(self, base: int) -> Bullet:
        def share(count: int) -> str:
            return f"{count}/{base} ({format_number(percent_of(count, base), 2)}%)"

        return built(Bullet, text=f"{self.matter}: tán thành {share(self.yes)}; không tán thành {share(self.no)}; "
                           f"không biểu quyết {share(self.other)}.")


RECIPIENTS_UNDER_MINUTES = frozenset({"nha-nuoc"})
"""Profiles whose form of a Biên bản has a Nơi nhận, under the two signatures on the left (NĐ 30
PL III Mẫu 1.9: "- ......;", "- Lưu: VT, Hồ sơ."); the Union's minutes have none."""


class BienBan(Document):
    """Biên bản: Mẫu 1.9 of NĐ 30 PL III, and the Union's minutes of meetings and congresses."""

    model_config = schema_text(
        "Biên bản",
        "Biên bản cuộc họp, đại hội: thời gian, địa điểm, thành phần (đếm), chủ tọa, thư ký, nội dung, "
        "biểu quyết (vanban tính tỷ lệ), giờ kết thúc; chữ ký THƯ KÝ bên trái, CHỦ TỌA bên phải.",
    )

    type_name = "Biên bản"
    type_code = "BB"

    type: Literal["bien-ban"] = field("type", "loai", "Loại văn bản", "Luôn là 'bien-ban'.", default="bien-ban")
    start: Start = field("start", "bat_dau", "Bắt đầu", "Giờ và ngày bắt đầu: {gio: '14:00', ngay: 2023-09-12}.")
    end: Moment = field(
        "end", "ket_thuc_luc", "Kết thúc lúc",
        "Giờ kết thúc ({gio: '16:30'}); thêm 'ngay' nếu khác ngày bắt đầu. vanban viết 'Biên bản kết thúc "
        "lúc ... cùng ngày'.",
    )
    venue: Line = field("venue", "dia_diem", "Địa điểm", "Nơi họp.")
    attendance: Optional[Attendance] = field(
        "attendance", "so_luong", "Số lượng tham dự", "{doi_tuong, tong_so, co_mat, vang_co_ly_do}.",
        default=None,
    )
    participants: list[BulletText] = field(
        "participants", "thanh_phan", "Thành phần tham dự",
        "Đại biểu, khách mời, thành phần dự họp: mỗi dòng một ý '- '.", default_factory=list,
    )
    chair: Person = field("chair", "chu_toa", "Chủ tọa", "Người chủ trì: {ho_ten, chuc_vu}; ký bên phải.")
    secretary: Person = field("secretary", "thu_ky", "Thư ký", "Người ghi biên bản: {ho_ten, chuc_vu}; ký bên trái.")
    content: list[TopNode] = field(
        "content", "noi_dung", "Nội dung",
        "Diễn biến cuộc họp: đoạn văn, ý, mục (tieu_de), bảng.", min_length=1,
    )
    votes: list[Vote] = field(
        "votes", "bieu_quyet", "Biểu quyết",
        "Các lần biểu quyết: {noi_dung, tan_thanh, khong_tan_thanh, khong_bieu_quyet}; vanban tính tỷ lệ.",
        default_factory=list,
    )
    closing: Optional[ParagraphText] = field(  # type: ignore[assignment]
        "closing", "ket_thuc", "Câu cuối",
        "Câu thêm sau 'Biên bản kết thúc lúc ...', ví dụ 'Biên bản đã được thông qua trước Đại hội'.",
        default=None,
    )

    @model_validator(mode="after")
    def _minutes_hold_together(self) -> "BienBan":
        if self.signer is not None:
            raise _error(
                "minutes_signers",
                "Biên bản do thư ký và chủ tọa ký (thu_ky, chu_toa), không có 'nguoi_ky': hãy bỏ 'nguoi_ky'.",
            )
        if (self.recipients or self.archive) and self.profile_name not in RECIPIENTS_UNDER_MINUTES:
            raise _error(
                "minutes_recipients",
                "Biên bản theo thể thức Đoàn không có Nơi nhận, chỉ có hai chữ ký (thu_ky bên trái, chu_toa "
                "bên phải): hãy bỏ 'noi_nhan' và 'luu'. Chỉ biên bản của cơ quan Nhà nước (the_thuc: nha-nuoc, "
                "Mẫu 1.9 Phụ lục III Nghị định 30/2020/NĐ-CP) có Nơi nhận dưới chữ ký thư ký.",
            )
        end_date = self.end.date or self.start.date
        if (str(end_date), self.end.clock) <= (str(self.start.date), self.start.clock):
            raise _error("end", "Giờ kết thúc phải sau giờ bắt đầu.")
        for vote in self.votes:
            base = self._base(vote)
            if base is None:
                raise _error(
                    "vote_base",
                    "Biểu quyết '{matter}': cần số có mặt (so_luong.co_mat) hoặc 'tong_so' của lần biểu quyết "
                    "để tính tỷ lệ.", matter=vote.matter,
                )
            if vote.yes + vote.no + vote.other > base:
                raise _error(
                    "vote_counts",
                    "Biểu quyết '{matter}': {sum} phiếu nhưng chỉ có {base} người biểu quyết.",
                    matter=vote.matter, sum=vote.yes + vote.no + vote.other, base=base,
                )
        return self

    def _base(self, vote: Vote) -> Optional[int]:
        """Whom a vote's shares are of: its own total, else those present."""
        return vote.base or (self.attendance.present if self.attendance and self.attendance.present else None)

    def sections(self) -> list:
        start = f"Thời gian bắt đầu: {clock_words(self.start.clock)}, {day_words(self.start.date)}."
        opening: list = [built(Paragraph, text=start), built(Paragraph, text=f"Địa điểm: {self.venue}.")]
        if self.attendance or self.participants:
            counted = f" {self.attendance.sentence()}" if self.attendance else ""
            opening.append(built(Paragraph, text=f"Thành phần tham dự:{counted}"))
            opening += [built(Bullet, text=item) for item in self.participants]
        opening.append(built(Paragraph, text=f"Chủ tọa: {self.chair.line()}."))
        opening.append(built(Paragraph, text=f"Thư ký: {self.secretary.line()}."))
        votes: list = []
        if self.votes:
            votes.append(built(Paragraph, text="Kết quả biểu quyết:"))
            for vote in self.votes:  # without a base the model is refused (_minutes_hold_together)
                base = self._base(vote)
                votes.append(vote.counted(base) if base else built(Bullet, text=vote.matter))
        return [*opening, built(Paragraph, text="Nội dung:"), *self.content, *votes]

    def closing_sentence(self) -> Optional[str]:
        end_date = self.end.date or self.start.date
        when = "cùng ngày" if str(end_date) == str(self.start.date) else day_words(end_date)
        sentence = f"Biên bản kết thúc lúc {clock_words(self.end.clock)} {when}"
        return f"{sentence}. {self.closing}" if self.closing else sentence

    def signature(self) -> Optional[Signer]:
        return built(Signer, position="Chủ tọa", name=self.chair.name)

    def second_signer(self) -> Optional[Signer]:
        return built(Signer, position="Thư ký", name=self.secretary.name)
