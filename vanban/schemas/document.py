"""The fields every document type has: letterhead, number, date, title, Nơi nhận, signer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Optional, Union

from pydantic import BeforeValidator, Field, model_validator

from .body import Node
from .common import (
    Code,
    DocumentDate,
    Issuer,
    Recipient,
    ArchiveText,
    BasisText,
    RecipientText,
    _error,
    Secrecy,
    Signer,
    ParagraphText,
    PlaceName,
    Text,
    Urgency,
    VanbanModel,
    upper_mark,
    field,
)


_SHORTHANDS = {
    "Paragraph": {"type": "string"},
    "Recipient": {"type": "string"},
}


class Document(VanbanModel):
    """Base of every document type (Kế hoạch, Hướng dẫn, Báo cáo ...).

    A subclass sets the class variables and implements :meth:`sections`, which
    arranges its own fields into the numbered outline of the body.
    """

    type_name: ClassVar[str]
    """Tên loại as written in running text, e.g. ``Kế hoạch``."""
    type_code: ClassVar[str]
    """Ký hiệu loại văn bản in the number, e.g. ``KH``."""
    body_template: ClassVar[Optional[Union[str, Path]]] = None
    """A Word file holding only this type's body, spliced into the profile's frame
    (letterhead, title, closing block) in place of the generic numbered outline.
    A name is looked up as ``<profile>/<name>.docx`` in the template folders; a
    :class:`~pathlib.Path` is used as it is. None: the generic outline of :meth:`sections`."""

    profile: Optional[str] = field(
        "profile", "the_thuc", "Thể thức",
        "Bộ quy tắc trình bày: 'doan' (Hướng dẫn 29-HD/TWĐTN-VP) hoặc 'nha-nuoc' "
        "(Nghị định 30/2020/NĐ-CP). Bỏ trống: theo cơ quan ban hành, mặc định 'doan'.",
        default=None,
    )
    issuer: Issuer = field(
        "issuer", "co_quan_ban_hanh", "Cơ quan ban hành", "Cơ quan ban hành và cơ quan cấp trên."
    )
    number: Optional[Annotated[int, Field(ge=1, le=999_999)]] = field(
        "number", "so", "Số văn bản",
        "Số thứ tự văn bản (số nguyên dương); bỏ trống nếu chưa cấp số để điền tay.",
        default=None,
    )
    drafting_unit: Optional[Code] = field(
        "drafting_unit", "don_vi_soan_thao", "Đơn vị soạn thảo",
        "Chữ viết tắt của ban/đơn vị soạn thảo, thêm sau ký hiệu cơ quan, ví dụ VP, BTC.",
        default=None,
    )
    place: PlaceName = field(
        "place", "dia_danh", "Địa danh", "Địa danh ghi trước ngày tháng, ví dụ 'Trà Vinh'."
    )
    date: DocumentDate = field(
        "date", "ngay", "Ngày ban hành",
        "Ngày ký, dạng 2021-03-05 hoặc 05/03/2021; chưa biết ngày: 2021-03 hoặc 2021.",
    )
    title: Text = field(
        "title", "trich_yeu", "Trích yếu", "Trích yếu nội dung, viết như câu thường."
    )
    bases: list[BasisText] = field(
        "bases", "can_cu", "Căn cứ",
        "Các căn cứ, mỗi căn cứ một dòng; vanban thêm ';' và dấu cuối ('.' hoặc ',').",
        default_factory=list,
    )
    addressees: list[RecipientText] = field(
        "addressees", "kinh_gui", "Kính gửi",
        "Nơi nhận trực tiếp (công văn, báo cáo gửi cấp trên); vanban thêm '- Như trên;' vào Nơi nhận.",
        default_factory=list,
    )
    opening: list[ParagraphText] = field(
        "opening", "mo_dau", "Phần mở đầu",
        "Các đoạn căn cứ / thực hiện ..., đoạn cuối thường kết thúc 'cụ thể như sau:'.",
        default_factory=list,
    )
    closing: Optional[ParagraphText] = field(
        "closing", "ket_thuc", "Câu kết",
        "Câu kết ('Trên đây là ...'); vanban thêm './.' ở cuối.",
        default=None,
    )
    recipients: list[Recipient] = field(
        "recipients", "noi_nhan", "Nơi nhận",
        "Danh sách nơi nhận; vanban thêm '- ', ';', '.' và dòng Lưu.",
        min_length=1,
    )
    archive: Optional[ArchiveText] = field(
        "archive", "luu", "Lưu",
        "Nơi lưu văn bản, dòng cuối Nơi nhận. Mặc định: 'VP' (Đoàn), 'VT, <đơn vị soạn thảo>' "
        "(Nhà nước; thể thức Nhà nước luôn mở đầu bằng 'VT, ').",
        default=None,
    )
    signer: Signer = field("signer", "nguoi_ky", "Người ký", "Thể thức đề ký, chức vụ, họ tên.")
    secrecy: Annotated[Optional[Secrecy], BeforeValidator(upper_mark)] = field(
        "secrecy", "do_mat", "Độ mật", "'MẬT' nếu văn bản mật.", default=None
    )
    urgency: Annotated[Optional[Urgency], BeforeValidator(upper_mark)] = field(
        "urgency", "do_khan", "Độ khẩn", "KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC.", default=None
    )
    draft: Union[bool, Annotated[int, Field(ge=1)]] = field(
        "draft", "du_thao", "Dự thảo",
        "true để đánh dấu DỰ THẢO; một số (2) để ghi DỰ THẢO LẦN THỨ 2.",
        default=False,
    )

    is_letter: ClassVar[bool] = False
    """A công văn: no type name; its trích yếu stands under the number as ``V/v ...``."""

    @property
    def profile_name(self) -> str:
        """The layout rules: the document's own choice, else its issuer's, else Đoàn."""
        return self.profile or self.issuer.profile or "doan"

    @classmethod
    def symbol_type(cls, profile: str) -> str:
        """The type's code in the number (``KH``); empty where the regime gives it none."""
        return cls.type_code

    @model_validator(mode="after")
    def _fits_the_profile(self) -> "Document":
        from ..profiles import PROFILES

        profile = PROFILES.get(self.profile_name)
        if profile is None:
            raise _error(
                "profile",
                "Không có thể thức '{name}'; chọn 'doan' hoặc 'nha-nuoc'.",
                name=self.profile_name,
            )
        if self.signer.authority and self.signer.authority not in profile.authorities:
            raise _error(
                "authority",
                "Thể thức {label} không dùng '{authority}'; chọn một trong: {allowed}.",
                label=profile.label, authority=self.signer.authority,
                allowed=", ".join(profile.authorities),
            )
        marks = sorted(set(self.drafting_unit or "") & set(".&") - set(profile.unit_code_marks))
        if marks:
            raise _error(
                "drafting_unit",
                "Thể thức {label}: ký hiệu đơn vị soạn thảo 'don_vi_soan_thao' ('{unit}') chỉ gồm "
                "chữ IN HOA và chữ số, không có {marks}; ví dụ VX, TH, VP.",
                label=profile.label, unit=self.drafting_unit,
                marks=" hay ".join(f"'{mark}'" for mark in marks),
            )
        if not self.symbol_type(profile.name) and not self.drafting_unit:
            raise _error(
                "drafting_unit",
                "Công văn theo thể thức Nhà nước cần 'don_vi_soan_thao' để ghi số ký hiệu "
                "(ví dụ Số: 12/UBND-VX).",
            )
        return self

    def sections(self) -> list[Node]:
        """The body outline in document order: top-level sections get Roman numbers."""
        raise NotImplementedError

    @classmethod
    def json_schema(cls) -> dict:
        """JSON Schema of the YAML/JSON input, with the Vietnamese keys and the
        shorthands people write (a string for a paragraph or a recipient, a list
        for a part, one string for a one-line name)."""
        schema = cls.model_json_schema()
        definitions = schema.get("$defs", {})
        shorthands = dict(_SHORTHANDS)
        if "Part" in definitions:
            nodes = definitions["Part"]["properties"]["noi_dung"]["items"]
            shorthands["Part"] = {"type": "array", "items": nodes}
        for name, shorthand in shorthands.items():
            if name in definitions:
                full = definitions[name]
                definitions[name] = {
                    "title": full.get("title"), "description": full.get("description"),
                    "anyOf": [shorthand, {k: v for k, v in full.items() if k not in ("title", "description")}],
                }
        issuer = definitions.get("Issuer", {}).get("properties", {})
        for key in ("cap_tren", "ten"):
            if key in issuer:
                lines = issuer[key]
                issuer[key] = {"title": lines.pop("title", None), "description": lines.pop("description", None),
                               "anyOf": [{"type": "string"}, lines]}
        return schema

    @classmethod
    def type_key(cls) -> str:
        """The name of the type in YAML (``loai: ke-hoach``): the default of its ``type`` field."""
        return cls.model_fields["type"].default

    @classmethod
    def starter_yaml(cls) -> str:
        """A commented starter file (``vanban new``), also the type's sample in the tests.

        Built-in types ship ``vanban/starters/<type>.yaml``; a type from another
        package overrides this method.
        """
        from importlib import resources

        from ..errors import StarterNotFoundError

        starter = resources.files("vanban").joinpath("starters", f"{cls.type_key()}.yaml")
        if not starter.is_file():
            raise StarterNotFoundError(cls.type_key())
        return starter.read_text(encoding="utf-8")

    def closing_sentence(self) -> str:
        """The closing sentence the user wrote, or the conventional one."""
        if self.closing:
            return self.closing
        title = " ".join(self.title.split())  # a line break in the trích yếu is not one here
        first_word = title.split()[0]
        if first_word[1:] == first_word[1:].lower():  # "Tổ chức" -> "tổ chức", but "BCH" stays
            title = title[:1].lower() + title[1:]
        return f"Trên đây là {self.type_name} {title}"
