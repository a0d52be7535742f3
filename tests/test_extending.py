"""A template maintainer adds a document type from outside the package, and checks a template."""

import textwrap

import docx
import pytest
from click.testing import CliRunner

import vanban
from vanban import _registry
from vanban._template_check import check_template
from vanban.cli import main

from helpers import open_docx, text_lines

THONG_TRI = '''
from pathlib import Path
from typing import ClassVar, Literal

from vanban import Document, Section
from vanban.schemas import BulletText, Text, field


class ThongTri(Document):
    """Thông tri (a type vanban does not ship), with its own body template next to this module."""

    type_name = "Thông tri"
    type_code = "TT"
    body_template: ClassVar = Path(__file__).with_name("thong-tri.docx")

    type: Literal["thong-tri"] = field("type", "loai", "Loại", "thong-tri", default="thong-tri")
    summary: Text = field("summary", "tom_tat", "Tóm tắt", "Nội dung chính.")
    items: list[BulletText] = field("items", "cac_y", "Các ý", "Các ý thông báo.", default_factory=list)

    def sections(self) -> list[Section]:
        return []
'''

SAMPLE = {
    "loai": "thong-tri",
    "co_quan_ban_hanh": {"cap_tren": "Tỉnh đoàn Trà Vinh", "ten": "BCH Đoàn xã Long Hòa", "ky_hieu": "ĐTN"},
    "so": 3, "dia_danh": "Long Hòa", "ngay": "2021-04-02",
    "trich_yeu": "Lịch sinh hoạt chi đoàn tháng 4/2021",
    "tom_tat": "Ban Chấp hành thông báo lịch sinh hoạt <tháng 4> & phân công.",
    "cac_y": ["Chi đoàn ấp 1: ngày 10/4/2021", "Chi đoàn ấp 2: ngày 11/4/2021"],
    "noi_nhan": ["Các chi đoàn"],
    "nguoi_ky": {"tham_quyen": "TM.", "thay_mat": "Ban Chấp hành", "chuc_vu": "Bí thư", "ho_ten": "Lê Văn C"},
}


def body_template(path, lines):
    """A body-only template made the way the guide says: from the frame, keeping its styles."""
    frame = vanban.default_renderer().template_bytes("doan/van-ban.docx")
    import io

    document = docx.Document(io.BytesIO(frame))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    for style, text in lines:
        document.add_paragraph(text, style=style)
    document.save(path)
    return path


@pytest.fixture
def plugin_folder(tmp_path, monkeypatch):
    (tmp_path / "thong_tri_plugin.py").write_text(THONG_TRI, encoding="utf-8")
    body_template(tmp_path / "thong-tri.docx", [
        ("VB Body", "{{ document.summary }}"),
        ("Normal", "{%p for item in document.items %}"),
        ("VB Bullet", "- {{ item }}"),
        ("Normal", "{%p endfor %}"),
    ])
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    _registry._TYPES.pop("thong-tri", None)


def test_a_type_registered_from_outside_renders_inside_the_profile_frame(plugin_folder):
    from thong_tri_plugin import ThongTri

    vanban.register(ThongTri)
    notice = vanban.parse(SAMPLE)
    lines = text_lines(open_docx(vanban.render_bytes(notice)))
    assert lines[:7] == [
        "TỈNH ĐOÀN TRÀ VINH", "BCH ĐOÀN XÃ LONG HÒA", "***", "ĐOÀN TNCS HỒ CHÍ MINH",
        "Số: 03-TT/ĐTN", "Long Hòa, ngày 02 tháng 4 năm 2021", "THÔNG TRI",
    ]
    body = lines[lines.index("Lịch sinh hoạt chi đoàn tháng 4/2021") + 2:lines.index("TM. BAN CHẤP HÀNH")]
    assert body == [
        "Ban Chấp hành thông báo lịch sinh hoạt <tháng 4> & phân công.",
        "- Chi đoàn ấp 1: ngày 10/4/2021",
        "- Chi đoàn ấp 2: ngày 11/4/2021",
        "Trên đây là Thông tri lịch sinh hoạt chi đoàn tháng 4/2021./.",
    ]
    assert lines[-4:] == ["- Các chi đoàn;", "- Lưu VP.", "BÍ THƯ", "Lê Văn C"]


def test_a_type_published_through_an_entry_point_is_found(plugin_folder, monkeypatch):
    info = plugin_folder / "thong_tri_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: thong-tri-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[vanban.document_types]\nthong-tri = thong_tri_plugin:ThongTri\n"
    )
    monkeypatch.setattr(_registry, "_plugins_loaded", False)
    assert "thong-tri" in vanban.document_types()
    result = CliRunner().invoke(main, ["types"])
    assert "thong-tri" in result.output and "Thông tri (TT)" in result.output


def test_a_published_type_never_replaces_a_built_in_one(plugin_folder, monkeypatch):
    info = plugin_folder / "thong_tri_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: thong-tri-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[vanban.document_types]\nke-hoach = thong_tri_plugin:ThongTri\n")
    monkeypatch.setattr(_registry, "_plugins_loaded", False)
    assert vanban.get_document_type("ke-hoach") is vanban.KeHoach
    assert not _registry._plugins_loaded  # a built-in type is found without reading other packages
    with pytest.warns(UserWarning, match="ke-hoach"):
        assert vanban.document_types()["ke-hoach"] is vanban.KeHoach


def test_the_package_frame_template_is_clean():
    path = vanban.default_renderer().loaders[-1].folder if False else None
    from importlib import resources

    for profile in vanban.profiles.PROFILES:
        frame = resources.files("vanban").joinpath("templates", profile, "van-ban.docx")
        for model in vanban.document_types().values():
            assert check_template(frame, model) == []


@pytest.fixture
def checked(tmp_path, plugin_folder):
    from thong_tri_plugin import ThongTri

    def run(lines):
        path = body_template(tmp_path / "mau.docx", lines)
        return [str(f) for f in check_template(path, ThongTri)], path

    return run


def test_check_reports_jinja_syntax_errors_with_their_paragraph(checked):
    findings, _ = checked([("VB Body", "Đoạn một."), ("VB Body", "{% if document.summary %}chưa đóng")])
    assert any("đoạn 2" in f and "cú pháp Jinja" in f for f in findings)


def test_check_reports_values_vanban_does_not_provide(checked):
    findings, _ = checked([("VB Body", "{{ document.summary }} {{ khong_co }}"), ("VB Body", "{{ document.cac_y }}")])
    assert any("'khong_co'" in f and "đoạn 1" in f and f.startswith("[lỗi]") for f in findings)
    assert any("document.cac_y" in f for f in findings)


def test_check_warns_about_fields_the_template_never_uses(checked):
    findings, _ = checked([("VB Body", "{{ document.summary }}")])
    assert any(f.startswith("[cảnh báo]") and "'items'" in f for f in findings)


def test_check_reports_word_smart_quotes_inside_tags(checked):
    findings, _ = checked([("VB Body", "{{ document.summary }}{% if document.items == “” %}x{% endif %}"),
                           ("VB Body", "{{ document.items }}")])
    assert any("nháy cong" in f and "đoạn 1" in f for f in findings)


def test_check_warns_about_tags_split_across_runs(tmp_path, checked):
    _, path = checked([("VB Body", "{{ document.items }}")])
    document = docx.Document(path)
    paragraph = document.add_paragraph(style="VB Body")
    paragraph.add_run("{{ document.")
    paragraph.add_run("summary }}").bold = True
    document.save(path)
    from thong_tri_plugin import ThongTri

    findings = [str(f) for f in check_template(path, ThongTri)]
    assert any("bị Word tách" in f and "đoạn 2" in f for f in findings)


def test_check_command_exits_1_on_errors_and_0_on_a_clean_template(tmp_path, checked):
    _, bad = checked([("VB Body", "{{ khong_co }}")])
    result = CliRunner().invoke(main, ["template", "check", str(bad), "--type", "ke-hoach"])
    assert result.exit_code == 1 and "1 lỗi" in result.output
    from importlib import resources

    frame = resources.files("vanban").joinpath("templates", "doan", "van-ban.docx")
    result = CliRunner().invoke(main, ["template", "check", str(frame), "--type", "bao-cao"])
    assert result.exit_code == 0 and "0 lỗi, 0 cảnh báo" in result.output


def test_each_built_in_type_is_found_under_its_own_name_and_imported_only_when_asked_for():
    import subprocess
    import sys
    from pathlib import Path

    from vanban._registry import _BUILT_IN

    for name, model in vanban.document_types().items():
        if name in _BUILT_IN:
            assert model.type_key() == name
    probe = ("import sys, vanban\nvanban.load('examples/ke_hoach_114.yaml')\n"
             "print(sorted(m for m in sys.modules if m.startswith('vanban.schemas.')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parent.parent)
    loaded = result.stdout.strip().splitlines()[-1]
    assert "vanban.schemas.ke_hoach" in loaded and "vanban.schemas.bien_ban" not in loaded
