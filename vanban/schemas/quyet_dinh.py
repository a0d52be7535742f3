"""Quyết định (decision): căn cứ, ``QUYẾT ĐỊNH:``, Điều 1, Điều 2 ... and who carries it out."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal, Optional

from pydantic import AfterValidator, model_validator

from .body import Article
from .common import built, ParagraphText, Text, _error, field, schema_text
from .document import Document

_EXECUTION_WORDS = re.compile(r"thi hành\s+(quyết định|nghị quyết)", re.IGNORECASE)


def _who_carries_out(value: str) -> str:
    """Only who: vanban writes the rest of the sentence, so a typed one would come out twice."""
    if _EXECUTION_WORDS.search(value) or value.rstrip()[-1:] in ".;,:":
        raise _error(
            "execution",
            "'thi_hanh' chỉ ghi những đơn vị, cá nhân thi hành, không có dấu câu ở cuối (ví dụ 'Văn phòng "
            "Huyện đoàn, các cơ sở Đoàn và các đồng chí có tên tại Điều 1'); vanban viết tiếp 'chịu trách "
            "nhiệm thi hành Quyết định này./.'. Muốn điều cuối viết khác, bỏ 'thi_hanh' và ghi điều đó "
            "trong 'dieu'.",
        )
    return value


def _named(value: str) -> str:
    """Each line names a body or a title: the checker and ``vanban import`` tell the authority
    line by its capitals, which a line without a letter has none of."""
    if any(not any(c.isalpha() for c in line) for line in value.split("\n")):
        raise _error(
            "authority",
            "Mỗi dòng thẩm quyền ban hành là tên tập thể hoặc chức danh, phải có chữ (ví dụ 'Ban Thường vụ "
            "Huyện đoàn Cầu Ngang'); hãy sửa dòng chỉ có số hoặc ký hiệu.",
        )
    return value


class Decision(Document):
    """What a Quyết định and a Nghị quyết share: the issuing authority above the căn cứ, the
    operative line, the Điều, and a last Điều saying who carries the document out."""

    body_closes = True
    execution_phrase: ClassVar[str] = "chịu trách nhiệm thi hành Quyết định này"

    authority: Annotated[Text, AfterValidator(_named)] = field(
        "authority", "tham_quyen_ban_hanh", "Thẩm quyền ban hành",
        "Dòng IN HOA trên các căn cứ: tập thể hoặc chức danh ban hành (ví dụ 'Ban Thường vụ Huyện đoàn "
        "Cầu Ngang', 'Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh'); viết thường, vanban viết IN HOA. Có thể "
        "hai dòng (Hội đồng nhân dân: tên, rồi khóa và kỳ họp).",
    )
    articles: list[Article] = field(
        "articles", "dieu", "Các điều",
        "Các điều theo thứ tự, vanban đánh số Điều 1., Điều 2.: mỗi điều là {dieu: câu của điều, "
        "noi_dung: [...]}.",
        min_length=1,
    )
    effect: Optional[ParagraphText] = field(
        "effect", "hieu_luc", "Hiệu lực",
        "Câu về hiệu lực, thành một điều riêng trước điều thi hành, ví dụ 'Quyết định có hiệu lực kể từ "
        "ngày ký'.",
        default=None,
    )
    execution: Optional[Annotated[Text, AfterValidator(_who_carries_out)]] = field(
        "execution", "thi_hanh", "Thi hành",
        "Những đơn vị, cá nhân thi hành; vanban viết điều cuối '<thi_hanh> chịu trách nhiệm thi hành "
        "Quyết định này./.' và dòng '- Như Điều <số>;' đầu Nơi nhận.",
        default=None,
    )

    @model_validator(mode="after")
    def _no_closing_sentence(self) -> "Decision":
        if self.closing:
            raise _error(
                "closing",
                "{type} không có câu kết: văn bản kết thúc ở điều cuối (vanban thêm './.'). Hãy bỏ "
                "'ket_thuc', hoặc đưa câu đó vào điều cuối.",
                type=self.type_name,
            )
        return self

    def _closing_articles(self) -> list[Article]:
        out = []
        if self.effect:  # a sentence: its full stop, unless typed
            out.append(built(Article, article=self.effect if self.effect.rstrip()[-1] in ".!?…" else f"{self.effect}."))
        if self.execution:
            out.append(built(Article, article=f"{self.execution} {self.execution_phrase}"))
        return out

    def sections(self) -> list:
        return [*self.articles, *self._closing_articles()]

    def issuing_authority(self) -> Optional[str]:
        return self.authority

    def recipients_lead(self) -> Optional[str]:
        """``Như Điều 3`` for those the last Điều charges (NĐ 30 PL III Mẫu 1.2)."""
        if self.execution:  # the number of the last Điều: a resolution's points (noi_dung) are not Điều
            return f"Như Điều {sum(isinstance(section, Article) for section in self.sections())}"
        return super().recipients_lead()


class QuyetDinh(Decision):
    """Quyết định: a Union body's or a State body's decision (29-HD; NĐ 30 PL III Mẫu 1.2, 1.3)."""

    model_config = schema_text(
        "Quyết định",
        "Quyết định: thẩm quyền ban hành, căn cứ, 'QUYẾT ĐỊNH:', Điều 1, Điều 2..., điều thi hành, "
        "Nơi nhận '- Như Điều ...;', phụ lục kèm theo.",
    )

    type_name = "Quyết định"
    type_code = "QĐ"
    operative_word = "QUYẾT ĐỊNH:"

    type: Literal["quyet-dinh"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'quyet-dinh'.", default="quyet-dinh"
    )

