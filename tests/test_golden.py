"""Golden page images (tools/golden.py): the examples look as their committed page
images, and the comparison sees a changed word, forgives a speck, and says when the
images were drawn by another LibreOffice or poppler."""

import warnings

import pytest
from PIL import Image, ImageDraw

import vanban

from helpers import EXAMPLES, tool

golden = tool("golden")

VERSIONS = {"libreoffice": "LibreOffice 7.4.7.2 40(Build:2)", "poppler": "22.12.0"}


def page(*words):
    """A grey A4 page at 50 dpi with black boxes standing for words: (x, y, width)."""
    image = Image.new("L", (413, 585), 255)
    draw = ImageDraw.Draw(image)
    for x, y, width in words:
        draw.rectangle((x, y, x + width, y + 10), fill=20)
    return image


LINES = [(60 + 45 * n, 60 + 20 * row, 38) for row in range(20) for n in range(7)]


@pytest.fixture
def references(tmp_path):
    folder = tmp_path / "golden"
    golden.write_references({"ke_hoach": [page(*LINES), page(*LINES[:40])]}, folder, VERSIONS)
    return folder


def test_the_same_pages_are_no_difference(references, tmp_path):
    result = golden.check({"ke_hoach": [page(*LINES), page(*LINES[:40])]}, references, tmp_path / "diff", VERSIONS)
    assert result.compared == 2 and not result.differences and not result.failed
    assert not (tmp_path / "diff").exists()


def test_one_word_more_is_a_difference_with_a_side_by_side_image_in_red(references, tmp_path):
    changed = page(*LINES[:40], (60, 500, 38))
    result = golden.check({"ke_hoach": [page(*LINES), changed]}, references, tmp_path / "diff", VERSIONS)
    (difference,) = result.differences
    assert (difference.name, difference.page) == ("ke_hoach", 2) and result.failed
    assert difference.image == tmp_path / "diff" / "ke_hoach-2.png"
    with Image.open(difference.image) as image:
        side = image.convert("RGB")
    assert side.size == (3 * 413 + 2 * 8, 585)
    assert side.getpixel((2 * (413 + 8) + 70, 505)) == (220, 0, 0)  # the new word, in the third panel
    assert side.getpixel((70, 505)) == (255, 255, 255)  # not in the reference
    assert str(tmp_path / "diff") in result.to_text()


def test_isolated_specks_are_no_difference(references, tmp_path):
    specked = page(*LINES)
    for n in range(30):
        specked.putpixel((20 + 11 * n, 560), 0)
    result = golden.check({"ke_hoach": [specked, page(*LINES[:40])]}, references, tmp_path / "diff", VERSIONS)
    assert not result.differences


def test_a_page_more_or_a_page_fewer_is_a_difference(references, tmp_path):
    longer = golden.check({"ke_hoach": [page(*LINES), page(*LINES[:40]), page()]}, references, None, VERSIONS)
    assert [(d.page, d.reason) for d in longer.differences] == [(3, "trang mới, chưa có ảnh mẫu")]
    shorter = golden.check({"ke_hoach": [page(*LINES)]}, references, tmp_path / "diff", VERSIONS)
    assert [(d.page, d.reason) for d in shorter.differences] == [(2, "trang này không còn (văn bản ngắn đi)")]


def test_another_libreoffice_turns_differences_into_warnings_naming_both_versions(references, tmp_path):
    other = {**VERSIONS, "libreoffice": "LibreOffice 24.2.7.2"}
    result = golden.check({"ke_hoach": [page(*LINES), page()]}, references, tmp_path / "diff", other)
    assert result.differences and result.versions_differ and not result.failed
    text = result.to_text()
    assert "CẢNH BÁO" in text and "7.4.7.2" in text and "24.2.7.2" in text and "python3 tools/golden.py" in text


def test_another_font_for_times_new_roman_turns_differences_into_warnings_naming_both(tmp_path):
    folder = tmp_path / "golden"
    golden.write_references({"ke_hoach": [page(*LINES)]}, folder, {**VERSIONS, "font": "Liberation Serif 1.07"})
    result = golden.check({"ke_hoach": [page()]}, folder, None, {**VERSIONS, "font": "Liberation Serif 2.10"})
    assert result.differences and result.versions_differ and not result.failed
    assert "Liberation Serif 1.07" in result.to_text() and "Liberation Serif 2.10" in result.to_text()


def test_without_references_the_check_says_how_to_make_them(tmp_path):
    with pytest.raises(vanban.VanbanError, match="tools/golden.py"):
        golden.check({"ke_hoach": [page()]}, tmp_path / "nothing", None, VERSIONS)


def test_the_committed_images_cover_every_example_and_stay_small():
    names = {p.stem for p in EXAMPLES.glob("*.yaml")}
    images = list(golden.GOLDEN.glob("*.png"))
    assert {p.stem.rsplit("-", 1)[0] for p in images} == names
    assert all((golden.GOLDEN / f"{name}-1.png").is_file() for name in names)
    assert sum(p.stat().st_size for p in images) < 2 * 1024 * 1024
    recorded = golden.read_versions(golden.GOLDEN)
    assert recorded["libreoffice"].startswith("LibreOffice ") and recorded["poppler"]


@pytest.mark.libreoffice
def test_the_examples_look_as_their_committed_page_images(example_pdfs, tmp_path):
    pages = {name: golden.page_images(pdf) for name, (_, pdf) in example_pdfs.items()}
    result = golden.check(pages, golden.GOLDEN, tmp_path / "diff")
    if result.versions_differ:
        warnings.warn(result.to_text())
    else:
        assert not result.differences, result.to_text() + "\nIf the change is intended: python3 tools/golden.py"


def test_the_command_refuses_options_it_does_not_know_in_vietnamese(capsys):
    assert golden.main(["--nhanh"]) == 2 and "không hiểu --nhanh" in capsys.readouterr().err
    assert golden.main(["--check", "--diff"]) == 2 and "--diff cần tên thư mục" in capsys.readouterr().err
    assert golden.main(["--diff", "x"]) == 2 and "--diff chỉ dùng cùng --check" in capsys.readouterr().err
