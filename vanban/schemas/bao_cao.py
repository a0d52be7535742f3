"""Báo cáo (report)."""

from __future__ import annotations

from typing import Literal, Optional

from .body import Part, Section, TopNode
from .common import Line, built, field, schema_text
from .document import Document


def _part(name: str, alias: str, title: str, description: str):
    return field(name, alias, title, description + " Một danh sách, hoặc {tieu_de, noi_dung} để đổi tiêu đề.",
                 default=None)


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
    situation: Optional[Part] = _part("situation", "dac_diem_tinh_hinh", "Đặc điểm tình hình", "Tình hình chung.")
    advantages: Optional[Part] = _part("advantages", "thuan_loi", "Thuận lợi", "Các thuận lợi.")
    difficulties: Optional[Part] = _part("difficulties", "kho_khan", "Khó khăn", "Các khó khăn.")
    results: Optional[Part] = _part(
        "results", "ket_qua", "Kết quả thực hiện",
        "Kết quả theo từng lĩnh vực (mục con), số liệu (so_lieu), bảng chỉ tiêu (bang), bảng (cot).",
    )
    content: list[TopNode] = field(
        "content", "noi_dung", "Các mục khác",
        "Các mục lớn khác, đặt sau phần Kết quả; hoặc cả báo cáo theo thứ tự của nó (mục, đoạn văn, "
        "bảng, phần PHẦN THỨ NHẤT / A.) khi không dùng các phần cố định.",
        default_factory=list,
    )
    strengths: Optional[Part] = _part("strengths", "uu_diem", "Ưu điểm", "Ưu điểm.")
    limitations: Optional[Part] = _part("limitations", "han_che", "Hạn chế, tồn tại", "Hạn chế, tồn tại.")
    objective_causes: Optional[Part] = _part(
        "objective_causes", "nguyen_nhan_khach_quan", "Nguyên nhân khách quan", "Nguyên nhân khách quan."
    )
    subjective_causes: Optional[Part] = _part(
        "subjective_causes", "nguyen_nhan_chu_quan", "Nguyên nhân chủ quan", "Nguyên nhân chủ quan."
    )
    lessons: Optional[Part] = _part("lessons", "bai_hoc", "Bài học kinh nghiệm", "Bài học kinh nghiệm.")
    directions: Optional[Part] = _part(
        "directions", "phuong_huong", "Phương hướng, nhiệm vụ", "Phương hướng, nhiệm vụ kỳ tới."
    )
    proposals: Optional[Part] = _part("proposals", "de_xuat", "Đề xuất, kiến nghị", "Đề xuất, kiến nghị.")

    def sections(self) -> list:
        def titled(title: str, suffix: Optional[str] = None) -> str:
            return f"{title} {suffix}" if suffix else title

        parts = []
        situation = _subsections(("Thuận lợi", self.advantages), ("Khó khăn", self.difficulties))
        if self.situation or situation:
            own = self.situation.as_section("Đặc điểm tình hình") if self.situation \
                else built(Section, title="Đặc điểm tình hình")
            parts.append(own.model_copy(update={"children": [*own.children, *situation]}))
        if self.results:
            parts.append(self.results.as_section(titled("Kết quả thực hiện", self.period)))
        parts += self.content
        causes = _subsections(
            ("Nguyên nhân khách quan", self.objective_causes),
            ("Nguyên nhân chủ quan", self.subjective_causes),
        )
        causes_part = built(Part, children=causes) if causes else None
        assessment = _subsections(
            ("Ưu điểm", self.strengths),
            ("Hạn chế, tồn tại", self.limitations),
            ("Nguyên nhân", causes_part),
            ("Bài học kinh nghiệm", self.lessons),
        )
        if assessment:
            parts.append(built(Section, title="Đánh giá chung", children=assessment))
        if self.directions:
            parts.append(self.directions.as_section(titled("Phương hướng, nhiệm vụ", self.next_period)))
        if self.proposals:
            parts.append(self.proposals.as_section("Đề xuất, kiến nghị"))
        return parts


def _subsections(*parts: tuple[str, Optional[Part]]) -> list[Section]:
    """A numbered sub-section for each part that has content, under its own title if it has one."""
    return [part.as_section(title) for title, part in parts if part]
