"""Báo cáo (report)."""

from __future__ import annotations

from typing import Literal, Optional

from .body import Node, Section
from .common import Line, field, schema_text
from .document import Document


def _nodes(name: str, alias: str, title: str, description: str, **kwargs):
    return field(name, alias, title, description, default_factory=list, **kwargs)


class BaoCao(Document):
    """Báo cáo: situation, results with figures, assessment, directions, proposals (standards §6)."""

    model_config = schema_text(
        "Báo cáo", "Báo cáo: đặc điểm tình hình, kết quả, đánh giá chung, phương hướng, đề xuất."
    )

    type_name = "Báo cáo"
    type_code = "BC"

    type: Literal["bao-cao"] = field(
        "type", "loai", "Loại văn bản", "Luôn là 'bao-cao'.", default="bao-cao"
    )
    period: Optional[Line] = field(
        "period", "ky_bao_cao", "Kỳ báo cáo", "Ví dụ 'năm 2019', '6 tháng đầu năm 2021'.", default=None
    )
    next_period: Optional[Line] = field(
        "next_period", "ky_toi", "Kỳ tới", "Ví dụ 'năm 2020', dùng trong tiêu đề phương hướng.", default=None
    )
    situation: list[Node] = _nodes("situation", "dac_diem_tinh_hinh", "Đặc điểm tình hình", "Tình hình chung.")
    advantages: list[Node] = _nodes("advantages", "thuan_loi", "Thuận lợi", "Các thuận lợi.")
    difficulties: list[Node] = _nodes("difficulties", "kho_khan", "Khó khăn", "Các khó khăn.")
    results: list[Node] = field(  # required: the one part every report has
        "results", "ket_qua", "Kết quả thực hiện",
        "Kết quả theo từng lĩnh vực (mục con), số liệu (so_lieu), bảng chỉ tiêu (bang).",
        min_length=1,
    )
    strengths: list[Node] = _nodes("strengths", "uu_diem", "Ưu điểm", "Ưu điểm.")
    limitations: list[Node] = _nodes("limitations", "han_che", "Hạn chế, tồn tại", "Hạn chế, tồn tại.")
    objective_causes: list[Node] = _nodes(
        "objective_causes", "nguyen_nhan_khach_quan", "Nguyên nhân khách quan", "Nguyên nhân khách quan."
    )
    subjective_causes: list[Node] = _nodes(
        "subjective_causes", "nguyen_nhan_chu_quan", "Nguyên nhân chủ quan", "Nguyên nhân chủ quan."
    )
    lessons: list[Node] = _nodes("lessons", "bai_hoc", "Bài học kinh nghiệm", "Bài học kinh nghiệm.")
    directions: list[Node] = _nodes(
        "directions", "phuong_huong", "Phương hướng, nhiệm vụ", "Phương hướng, nhiệm vụ kỳ tới."
    )
    proposals: list[Node] = _nodes("proposals", "de_xuat", "Đề xuất, kiến nghị", "Đề xuất, kiến nghị.")

    def sections(self) -> list[Section]:
        def titled(title: str, suffix: Optional[str] = None) -> str:
            return f"{title} {suffix}" if suffix else title

        parts = []
        situation = list(self.situation) + _subsections(
            ("Thuận lợi", self.advantages), ("Khó khăn", self.difficulties)
        )
        if situation:
            parts.append(Section(title="Đặc điểm tình hình", children=situation))
        parts.append(Section(title=titled("Kết quả thực hiện", self.period), children=self.results))
        causes = _subsections(
            ("Nguyên nhân khách quan", self.objective_causes),
            ("Nguyên nhân chủ quan", self.subjective_causes),
        )
        assessment = _subsections(
            ("Ưu điểm", self.strengths),
            ("Hạn chế, tồn tại", self.limitations),
            ("Nguyên nhân", causes),
            ("Bài học kinh nghiệm", self.lessons),
        )
        if assessment:
            parts.append(Section(title="Đánh giá chung", children=assessment))
        if self.directions:
            parts.append(Section(title=titled("Phương hướng, nhiệm vụ", self.next_period),
                                 children=self.directions))
        if self.proposals:
            parts.append(Section(title="Đề xuất, kiến nghị", children=self.proposals))
        return parts


def _subsections(*parts: tuple[str, list]) -> list[Section]:
    """A numbered sub-section for each part that has content."""
    return [Section(title=title, children=children) for title, children in parts if children]
