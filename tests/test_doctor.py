"""``vanban doctor`` and what happens when LibreOffice or pdftoppm is missing."""

import shutil

from click.testing import CliRunner

from vanban.cli import main

from helpers import EXAMPLES


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_doctor_names_every_tool_and_how_to_install_a_missing_one(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "khong-co-soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no pdftoppm, no fc-match
    result = run("doctor")
    assert result.exit_code == 1
    out = result.output
    for name in ("LibreOffice", "Python có mô-đun uno", "Phông chữ", "pdftoppm"):
        assert name in out
    assert "[thiếu] LibreOffice" in out and "apt-get install libreoffice-writer" in out
    assert "[thiếu] pdftoppm" in out and "poppler-utils" in out
    assert "Tệp .docx vẫn tạo được bình thường" in out


def test_doctor_on_a_machine_with_everything_exits_0():
    from vanban._doctor import diagnose

    findings = diagnose()
    result = run("doctor")
    assert result.exit_code == (0 if all(f.ok for f in findings) else 1)
    for finding in findings:
        assert ("[có]   " if finding.ok else "[thiếu]") + f" {finding.name}" in result.output


def test_fonts_are_found_through_fontconfig():
    from vanban._doctor import check_fonts

    finding = check_fonts()
    if shutil.which("fc-match") and finding.ok:
        assert "Times New Roman" in finding.detail or "Liberation Serif" in finding.detail


def test_a_stand_in_font_without_vietnamese_letters_is_missing_and_says_to_install_version_2(monkeypatch):
    import vanban._doctor as doctor

    monkeypatch.setattr(doctor.shutil, "which", lambda name, *a, **k: f"/usr/bin/{name}")
    asked = []

    def fontconfig(args, timeout=60):
        asked.append(args)
        if args[0] == "fc-match":
            return "Liberation Serif"
        return "" if "charset=" in args[1] else "Liberation Serif"  # Liberation Serif 1.x: no ư, ạ, ệ

    monkeypatch.setattr(doctor, "_run", fontconfig)
    finding = doctor.check_fonts()
    assert not finding.ok and "thiếu chữ Việt có dấu" in finding.detail
    assert "fonts-liberation2" in finding.install
    assert any("charset=" in args[1] and "1af" in args[1] for args in asked if args[0] == "fc-list")
    monkeypatch.setattr(doctor, "_run", lambda args, timeout=60: "Liberation Serif")
    assert doctor.check_fonts().ok


def test_render_pdf_without_libreoffice_explains_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "khong-co-soffice"))
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", tmp_path / "kh.docx", "--pdf")
    assert result.exit_code == 1
    assert "Chưa cài LibreOffice" in result.output and "vanban doctor" in result.output
    assert list(tmp_path.iterdir()) == []


def test_batch_pdf_without_libreoffice_explains_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_SOFFICE", str(tmp_path / "khong-co-soffice"))
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    batch = EXAMPLES / "batch"
    result = run("batch", batch / "danh-sach.csv", "--base", batch / "mau-chung.yaml", "-o", tmp_path / "ra", "--pdf")
    assert result.exit_code == 1 and "Chưa cài LibreOffice" in result.output
    assert not (tmp_path / "ra").exists()


def test_png_without_pdftoppm_explains_and_writes_nothing(tmp_path, monkeypatch):
    import vanban._pdf as pdf

    monkeypatch.setattr(pdf, "find_pdftoppm", lambda: None)
    result = run("render", EXAMPLES / "ke_hoach_114.yaml", "-o", tmp_path / "kh.docx", "--png")
    assert result.exit_code == 1
    assert "Chưa cài pdftoppm" in result.output and "poppler-utils" in result.output
    assert list(tmp_path.iterdir()) == []
