"""The fields every document type has: letterhead, number, date, title, Nơi nhận, signer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import BeforeValidator, Field, model_validator

from .body import Annex, Article, Bullet, DocumentPart, NumberedList, NumberedParagraph, Paragraph, Section
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


def _none_written(value: Any) -> Any:
    """``khong`` (or ``false``): the document has no such part at all (a number line, a closing)."""
    if value is False or isinstance(value, str) and value.strip().lower() in ("khong", "không"):
        return False
    return value


def _whole_number(value: Any) -> Any:
    """A whole number typed as text ("114") or read from a spreadsheet (114.0) as the int it
    is; anything else as it came."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


MAX_DOCUMENT_NUMBER = 999_999


def _document_number(value: Any) -> Any:
    """``so``: a positive whole number (``114``, or ``"114"``), ``khong`` for a document without
    a number line, or nothing for a number not yet issued. Anything else is refused in one
    message naming both forms (``0`` and ``true`` too: neither is read as a number or as khong)."""
    value = _none_written(value)
    if value is None or value is False:
        return value
    value = _whole_number(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_DOCUMENT_NUMBER:
        return value
    raise _error(
        "document_number",
        "Số văn bản ghi một số nguyên dương (ví dụ so: 114, tối đa {most}), hoặc 'khong' nếu văn bản "
        "không có dòng số; bỏ trống 'so' nếu chưa cấp số để điền tay. Đang ghi: {given}.",
        most=MAX_DOCUMENT_NUMBER, given=repr(value) if isinstance(value, str) else str(value).lower(),
    )


def _draft_mark(value: Any) -> Any:
    """``du_thao``: true or false, or which draft (``2``, or ``"2"``: DỰ THẢO LẦN THỨ 2). Anything
    else is refused in one message naming both forms: ``0`` is neither "not a draft" nor a draft
    number, and ``"1"`` is draft 1, not true."""
    if isinstance(value, bool):
        return value
    value = _whole_number(value)
    if isinstance(value, int) and value >= 1:
        return value
    raise _error(
        "draft",
        "'du_thao' ghi true (có dấu DỰ THẢO), false (không phải dự thảo) hoặc lần dự thảo là một số "
        "nguyên dương (ví dụ du_thao: 2 cho DỰ THẢO LẦN THỨ 2). Đang ghi: {given}.",
        given=repr(value) if isinstance(value, str) else str(value).lower(),
    )


_SHORTHANDS = {
    "Paragraph": {"type": "string"},
    "Recipient": {"type": "string"},
    "Column": {"type": "string"},
}
_LIST_PARTS = ("Part", "BulletPart", "AssignmentPart")
"""Parts that may be written as a bare list of their content."""


def _lists_are_introduced(top: list, lead: Optional[str]) -> None:
    """A numbered list's "1." reads as a khoản unless a sentence ending ':' leads into it or a
    khoản already stands in its Mục (how ``vanban check`` and a reader tell them apart); a list
    that neither introduces is refused, as only its author can say which it is."""
    khoan = 0

    def walk(nodes: list, depth: int, previous: Any) -> Any:
        nonlocal khoan
        for node in nodes:
            if isinstance(node, DocumentPart):
                khoan = 0
                previous = walk(node.children, 1, None)
            elif isinstance(node, (Section, NumberedParagraph)):
                if depth == 1:
                    khoan = 0
                elif depth == 2:
                    khoan += 1
                previous = walk(node.children, depth + 1, None)
            elif isinstance(node, Article):  # its khoản count from 1; its words may lead into a list
                khoan = 0
                previous = walk(node.children, 2, node.article)
            elif isinstance(node, NumberedList):
                lead_in = isinstance(previous, str) and previous.rstrip().endswith(":")
                if not lead_in and not khoan:
                    raise _error(
                        "list_lead_in",
                        "Danh sách đánh số (danh_sach_so) bắt đầu '{first}' đọc như khoản 1., 2. vì không có "
                        "câu dẫn ngay trước: hãy thêm một đoạn văn kết thúc bằng ':' ngay trước danh sách "
                        "(ví dụ 'Gồm các đồng chí:'), hoặc viết các dòng thành mục (tieu_de) hay đoạn đánh số "
                        "(doan_so).",
                        first=node.items[0],
                    )
                previous = node
            else:
                previous = node.text if isinstance(node, Paragraph) else \
                    (node.children or [node.text])[-1] if isinstance(node, Bullet) else node
        return previous

    walk(top, 1, lead)


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
    number: Annotated[
        Optional[Union[Literal[False], Annotated[int, Field(ge=1, le=MAX_DOCUMENT_NUMBER)]]],
        BeforeValidator(_document_number)
    ] = field(
        "number", "so", "Số văn bản",
        "Số thứ tự văn bản (số nguyên dương); bỏ trống nếu chưa cấp số để điền tay; "
        "'khong' nếu văn bản không có dòng số (ví dụ báo cáo của chi đoàn).",
        default=None,
    )
    drafting_unit: Optional[Code] = field(
        "drafting_unit", "don_vi_soan_thao", "Đơn vị soạn thảo",
        "Chữ viết tắt của ban/đơn vị soạn thảo, thêm sau ký hiệu cơ quan, ví dụ VP, BTC.",
        default=None,
    )
    place: Optional[PlaceName] = field(
        "place", "dia_danh", "Địa danh",
        "Địa danh ghi trước ngày tháng, ví dụ 'Trà Vinh'. Bỏ cả 'dia_danh' và 'ngay' chỉ khi bản "
        "văn bản không có dòng ngày tháng (vanban check sẽ cảnh báo).",
        default=None,
    )
    date: Optional[DocumentDate] = field(
        "date", "ngay", "Ngày ban hành",
        "Ngày ký, dạng 2021-03-05 hoặc 05/03/2021; chưa biết ngày: 2021-03 hoặc 2021.",
        default=None,
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
    closing: Annotated[Optional[Union[Literal[False], ParagraphText]], BeforeValidator(_none_written)] = field(
        "closing", "ket_thuc", "Câu kết",
        "Câu kết ('Trên đây là ...'); vanban thêm './.' ở cuối. Bỏ trống: vanban viết câu kết thường "
        "dùng; 'khong': văn bản không có câu kết.",
        default=None,
    )
    recipients: list[Recipient] = field(
        "recipients", "noi_nhan", "Nơi nhận",
        "Danh sách nơi nhận; vanban thêm '- ', ';', '.' và dòng Lưu. Văn bản không có Nơi nhận: "
        "bỏ trống cả 'noi_nhan' và 'luu'.",
        default_factory=list,
    )
    archive: Optional[ArchiveText] = field(
        "archive", "luu", "Lưu",
        "Nơi lưu văn bản, dòng cuối Nơi nhận. Mặc định: 'VP' (Đoàn), 'VT, <đơn vị soạn thảo>' "
        "(Nhà nước; thể thức Nhà nước luôn mở đầu bằng 'VT, ').",
        default=None,
    )
    signer: Optional[Signer] = field(
        "signer", "nguoi_ky", "Người ký",
        "Thể thức đề ký, chức vụ, họ tên. Bỏ trống chỉ khi bản văn bản không có phần chữ ký "
        "(vanban check sẽ cảnh báo).",
        default=None,
    )
    secrecy: Annotated[Optional[Secrecy], BeforeValidator(upper_mark)] = field(
        "secrecy", "do_mat", "Độ mật", "'MẬT' nếu văn bản mật.", default=None
    )
    urgency: Annotated[Optional[Urgency], BeforeValidator(upper_mark)] = field(
        "urgency", "do_khan", "Độ khẩn", "KHẨN, THƯỢNG KHẨN hoặc HỎA TỐC.", default=None
    )
    draft: Annotated[Union[bool, Annotated[int, Field(ge=1)]], BeforeValidator(_draft_mark)] = field(
        "draft", "du_thao", "Dự thảo",
        "true để đánh dấu DỰ THẢO; một số (2) để ghi DỰ THẢO LẦN THỨ 2.",
        default=False,
    )

    section_numbering: Literal["la-ma", "so"] = field(
        "section_numbering", "danh_so_muc", "Cách đánh số mục lớn",
        "'la-ma': các mục lớn I., II. (mặc định); 'so': văn bản không có cấp La Mã, các mục lớn "
        "đánh 1., 2. (mục con 1.1., 1.2.).",
        default="la-ma",
    )
    part_numbering: Literal["phan-la-ma", "phan-thu", "chu-cai"] = field(
        "part_numbering", "danh_so_phan", "Cách đánh số phần",
        "Khi nội dung chia thành phần (phan): 'phan-la-ma' (Phần I, Phần II: như 29-HD), "
        "'phan-thu' (PHẦN THỨ NHẤT, PHẦN THỨ HAI) hoặc 'chu-cai' (A., B.).",
        default="phan-la-ma",
    )
    annexes: list[Annex] = field(
        "annexes", "phu_luc", "Phụ lục",
        "Các phụ lục sau chữ ký, mỗi phụ lục một trang mới: tieu_de, huong (doc/ngang), noi_dung.",
        default_factory=list,
    )

    is_letter: ClassVar[bool] = False
    """A công văn: no type name; its trích yếu stands under the number as ``V/v ...``."""

    operative_word: ClassVar[Optional[str]] = None
    """The line that stands alone, centred, between the căn cứ and the body of a Quyết định
    (``QUYẾT ĐỊNH:``) or a Nghị quyết (``QUYẾT NGHỊ:``); None for the other types."""
    body_closes: ClassVar[bool] = False
    """The type has no closing sentence: the body's last paragraph ends the document and takes
    the end mark ``./.`` (a Quyết định ends with its last Điều, a Giấy mời with its last line).
    A type whose :meth:`closing_sentence` is None (none written) ends the same way."""

    def issuing_authority(self) -> Optional[str]:
        """The issuing authority written above the căn cứ (NĐ 30 PL III: ``BỘ TRƯỞNG BỘ NỘI VỤ``;
        a Union decision: ``BAN THƯỜNG VỤ TỈNH ĐOÀN ...``), or None."""
        return None

    def recipients_lead(self) -> Optional[str]:
        """The first Nơi nhận entry vanban writes: ``Như trên`` after Kính gửi addressees;
        a Quyết định writes ``Như Điều 3`` for those its last Điều charges."""
        return "Như trên" if self.addressees else None

    def signature(self) -> Optional[Signer]:
        """The signature on the right: the signer the user named (a Biên bản's is its chủ tọa)."""
        return self.signer

    def second_signer(self) -> Optional[Signer]:
        """A second signature, on the left (a Biên bản: THƯ KÝ on the left, CHỦ TỌA on the right;
        a Nơi nhận, where the form has one, stands under it), or None."""
        return None

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
        if self.signer and self.signer.authority and self.signer.authority not in profile.authorities:
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
        if (self.place is None) != (self.date is None):
            raise _error(
                "date_line",
                "Dòng địa danh, ngày tháng cần cả 'dia_danh' và 'ngay' (ví dụ dia_danh: Trà Vinh, "
                "ngay: 2021-03-05); bỏ cả hai chỉ khi bản văn bản không có dòng này.",
            )
        if self.number is not False and not self.issuer.code:
            raise _error(
                "code",
                "Cần 'ky_hieu' của cơ quan ban hành để ghi số ký hiệu (ví dụ ĐTN trong Số: 114-KH/ĐTN); "
                "văn bản không có dòng số thì ghi 'so: khong'.",
            )
        if self.number is not False and not self.symbol_type(profile.name) and not self.drafting_unit:
            raise _error(
                "drafting_unit",
                "Công văn theo thể thức Nhà nước cần 'don_vi_soan_thao' để ghi số ký hiệu "
                "(ví dụ Số: 12/UBND-VX).",
            )
        return self

    @model_validator(mode="after")
    def _body_holds_together(self) -> "Document":
        top = self.sections()
        if not top and not self.opening and self.body_template is None:
            raise _error(
                "empty_body",
                "Văn bản chưa có nội dung: ghi ít nhất một mục (tieu_de), đoạn văn hoặc bảng trong 'noi_dung'.",
            )
        parts = [node for node in top if isinstance(node, DocumentPart)]
        # a numbered paragraph takes the number of its depth: at the top, a Mục's I., II., which
        # reads as a Mục heading; it belongs under a Mục (with top sections numbered 1., 2. it
        # reads as a numbered paragraph and may stand there)
        tops = [("noi_dung", node) for node in top if not isinstance(node, DocumentPart)]
        tops += [("noi_dung của phần '{}'".format(part.part), node) for part in parts for node in part.children]
        tops += [("phu_luc[{}].noi_dung".format(index), node) for index, annex in enumerate(self.annexes)
                 for node in annex.children]
        for place, node in tops:
            if isinstance(node, NumberedParagraph) and self.section_numbering == "la-ma":
                raise _error(
                    "numbered_top",
                    "Đoạn đánh số (doan_so) '{text}' đứng ngay trong {place} nên sẽ mang số mục La Mã (I., II.) "
                    "như một tiêu đề mục: hãy đặt nó vào 'noi_dung' của một mục (tieu_de), hoặc viết nó "
                    "thành mục hay đoạn văn thường.",
                    text=node.numbered, place=place,
                )
        _lists_are_introduced(top, self.opening[-1] if self.opening else None)
        stray = [node for node in top if isinstance(node, Section)]
        if parts and stray:
            raise _error(
                "parts",
                "Văn bản chia thành phần (phan) thì mọi mục phải nằm trong một phần; mục '{title}' đang "
                "đứng ngoài. Hãy chuyển nó (và các phần cố định như muc_dich, to_chuc_thuc_hien) vào "
                "'noi_dung' của phần chứa nó.",
                title=stray[0].title,
            )
        return self

    def sections(self) -> list:
        """The body outline in document order: top-level sections get Roman numbers,
        parts (:class:`DocumentPart`) stand above them."""
        raise NotImplementedError

    @classmethod
    def json_schema(cls) -> dict:
        """JSON Schema of the YAML/JSON input, with the Vietnamese keys and the
        shorthands people write (a string for a paragraph or a recipient, a list
        for a part, one string for a one-line name)."""
        schema = cls.model_json_schema()
        definitions = schema.get("$defs", {})
        shorthands = dict(_SHORTHANDS)
        for name in _LIST_PARTS:
            if name in definitions:
                items = definitions[name]["properties"]["noi_dung"]["items"]
                if name == "BulletPart":  # a plain string there is a "- " item
                    items = {"anyOf": [{"type": "string"}, items]}
                shorthands[name] = {"type": "array", "items": items}
        for name, shorthand in shorthands.items():
            if name in definitions:
                full = definitions[name]
                definitions[name] = {
                    "title": full.get("title"), "description": full.get("description"),
                    "anyOf": [shorthand, {k: v for k, v in full.items() if k not in ("title", "description")}],
                }
        for key in ("so", "ket_thuc"):  # 'khong': the document has no such part
            written = schema.get("properties", {}).get(key, {})
            if "anyOf" in written:
                written["anyOf"].append({"type": "string", "enum": ["khong", "không"]})
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

    def closing_sentence(self) -> Optional[str]:
        """The closing sentence the user wrote, the conventional one, or None (``ket_thuc: khong``)."""
        if self.closing is False:
            return None
        if self.closing:
            return self.closing
        title = " ".join(self.title.split())  # a line break in the trích yếu is not one here
        first_word = title.split()[0]
        if first_word[1:] == first_word[1:].lower():  # "Tổ chức" -> "tổ chức", but "BCH" stays
            title = title[:1].lower() + title[1:]
        return f"Trên đây là {self.type_name} {title}"
