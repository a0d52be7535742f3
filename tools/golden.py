"""Golden page images: how every example looks, kept beside the tests to compare with.

    python3 tools/golden.py            # render the examples, write tests/golden/<example>-<page>.png
    python3 tools/golden.py --check    # render again and compare with the committed images

Each example (``examples/*.yaml``) is rendered with vanban, converted to PDF with
vanban's own LibreOffice converter, and drawn by poppler's ``pdftoppm`` at 50 dpi in
grey (about 25 KB a page: small enough to commit, large enough to see a line move).
``tests/golden/VERSION`` records the LibreOffice and poppler versions the images were
made with, and the font fontconfig gives LibreOffice for Times New Roman (Liberation
Serif 1.x and 2.x break lines differently: 1.x has no ư, ơ, ạ ... and borrows them).

``--check`` compares page by page. Both images are blurred a little (a 3 × 3 box) so
that a glyph drawn half a pixel aside is no change; a pixel differs when its grey
differs by more than ``PIXEL_THRESHOLD``; a page differs when more than
``PAGE_TOLERANCE`` of its pixels do (0.05 %: about 120 pixels, one short word at this
resolution), or when its size or the number of pages changed. For each page that
differs it writes reference | current | difference (changed pixels in red) side by
side into a folder it names, and exits 1. When the LibreOffice or poppler version is
(or the font) not the recorded one, the same differences are reported as warnings (exit 0): another
version draws glyphs and breaks lines a little differently, and the references are
then refreshed with ``python3 tools/golden.py`` rather than read as a regression.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from vanban.errors import VanbanError  # noqa: E402

EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden"
RESOLUTION = 50
"""Dots per inch of the page images: an A4 page is 413 × 585 pixels."""
PIXEL_THRESHOLD = 64
"""Grey levels (of 255) by which a blurred pixel must change to count as changed."""
PAGE_TOLERANCE = 0.0005
"""Share of a page's pixels that may change before the page is said to differ."""
BLUR = 1
"""Radius of the box blur applied to both images before comparing (3 × 3 pixels)."""
TIMEOUT = 120.0


# --- versions --------------------------------------------------------------------------------


def libreoffice_version() -> str:
    """``soffice --version``: 'LibreOffice 7.4.7.2 40(Build:2)'."""
    from vanban._pdf import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return "không có LibreOffice"
    try:
        result = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=TIMEOUT,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return "không rõ"
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    return lines[-1] if lines else "không rõ"


def poppler_version() -> str:
    """``pdftoppm -v`` says 'pdftoppm version 22.12.0' on standard error."""
    try:
        result = subprocess.run(["pdftoppm", "-v"], capture_output=True, text=True, timeout=TIMEOUT,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return "không rõ"
    found = re.search(r"version\s+(\S+)", result.stderr + result.stdout)
    return found.group(1) if found else "không rõ"


def font_version() -> str:
    """The font LibreOffice draws Times New Roman with, and its version: 'Liberation Serif 2.10'."""
    try:
        result = subprocess.run(["fc-match", "-f", "%{family[0]}|%{fontversion}", "Times New Roman"],
                                capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return "không rõ"
    family, _, version = result.stdout.strip().partition("|")
    if not family:
        return "không rõ"
    return f"{family} {int(version) / 65536:.2f}" if version.isdigit() else family


def current_versions() -> dict[str, str]:
    return {"libreoffice": libreoffice_version(), "poppler": poppler_version(), "font": font_version()}


def write_versions(folder: Path, versions: dict[str, str]) -> None:
    (folder / "VERSION").write_text(
        f"libreoffice: {versions['libreoffice']}\npoppler: {versions['poppler']}\n"
        + (f"font: {versions['font']}\n" if versions.get("font") else "") +
        f"images: pdftoppm -r {RESOLUTION} -gray -png\n", encoding="utf-8")


def read_versions(folder: Path) -> dict[str, str]:
    path = folder / "VERSION"
    if not path.is_file():
        return {}
    pairs = (line.split(":", 1) for line in path.read_text(encoding="utf-8").splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


# --- rendering ---------------------------------------------------------------------------------


def example_names() -> list[str]:
    return sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


def render_examples(converter) -> dict[str, bytes]:
    """The PDF of every example, as vanban renders and converts it."""
    import vanban

    return {name: converter.convert_bytes(vanban.render_bytes(vanban.load(EXAMPLES / f"{name}.yaml")),
                                          f"{name}.docx")
            for name in example_names()}


def page_images(pdf: bytes):
    """Each page of ``pdf`` as a grey Pillow image at ``RESOLUTION`` dpi."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="vanban-golden-") as folder:
        source = Path(folder) / "van-ban.pdf"
        source.write_bytes(pdf)
        try:
            result = subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-gray", "-png", str(source),
                                     str(Path(folder) / "trang")],
                                    capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except FileNotFoundError:
            raise VanbanError("Chưa cài pdftoppm (poppler-utils): sudo apt-get install poppler-utils.") from None
        except subprocess.TimeoutExpired:
            raise VanbanError(f"pdftoppm không xong sau {TIMEOUT:g} giây.") from None
        if result.returncode != 0:
            raise VanbanError(f"pdftoppm không vẽ được trang: {result.stderr.decode('utf-8', 'replace').strip()}.")
        pages = sorted(Path(folder).glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        images = []
        for page in pages:
            with Image.open(page) as image:
                images.append(image.convert("L"))
        return images


def reference_path(folder: Path, name: str, page: int) -> Path:
    return folder / f"{name}-{page}.png"


def write_references(pages: dict[str, list], folder: Path = GOLDEN, versions: Optional[dict] = None) -> list[Path]:
    """Write every page image, remove those of pages and examples that are gone, and
    record the versions."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, images in pages.items():
        for number, image in enumerate(images, start=1):
            path = reference_path(folder, name, number)
            image.save(path, format="PNG", optimize=True)
            written.append(path)
    for stale in folder.glob("*.png"):
        if stale not in written:
            stale.unlink()
    write_versions(folder, versions or current_versions())
    return written


# --- comparing ---------------------------------------------------------------------------------


@dataclass
class PageDifference:
    name: str
    page: int
    reason: str
    image: Optional[Path] = None

    def __str__(self) -> str:
        where = f" — ảnh so sánh: {self.image}" if self.image else ""
        return f"{self.name}, trang {self.page}: {self.reason}{where}"


@dataclass
class CheckResult:
    differences: list[PageDifference] = field(default_factory=list)
    recorded: dict[str, str] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)
    compared: int = 0
    diff_folder: Optional[Path] = None

    @property
    def versions_differ(self) -> bool:
        return any(self.recorded.get(tool) != self.current.get(tool) for tool in ("libreoffice", "poppler", "font"))

    @property
    def failed(self) -> bool:
        return bool(self.differences) and not self.versions_differ

    def to_text(self) -> str:
        lines = []
        if self.versions_differ:
            lines.append("CẢNH BÁO: ảnh mẫu được vẽ bằng LibreOffice "
                         f"{self.recorded.get('libreoffice', '(không ghi)')}, poppler {self.recorded.get('poppler', '(không ghi)')}; "
                         f"máy này có {self.current.get('libreoffice')}, poppler {self.current.get('poppler')}"
                         + (f"; phông {self.recorded.get('font', '(không ghi)')}, máy này có {self.current.get('font')}"
                            if self.recorded.get("font") != self.current.get("font") else "") + ". "
                         "Các khác biệt dưới đây chỉ là cảnh báo; cập nhật ảnh mẫu bằng: python3 tools/golden.py")
        label = "CẢNH BÁO" if self.versions_differ else "KHÁC"
        lines += [f"{label}: {difference}" for difference in self.differences]
        if self.differences:
            lines.append(f"{len(self.differences)} trang khác ảnh mẫu (trong {self.compared} trang); "
                         f"ảnh so sánh (mẫu | hiện tại | khác biệt màu đỏ) ở {self.diff_folder}.")
        else:
            lines.append(f"{self.compared} trang giống ảnh mẫu.")
        return "\n".join(lines)


def changed_share(reference, current) -> float:
    """The share of pixels whose grey changed by more than ``PIXEL_THRESHOLD`` after a blur."""
    from PIL import ImageChops, ImageFilter

    difference = ImageChops.difference(reference.filter(ImageFilter.BoxBlur(BLUR)),
                                       current.filter(ImageFilter.BoxBlur(BLUR)))
    histogram = difference.histogram()
    return sum(histogram[PIXEL_THRESHOLD + 1:]) / (reference.width * reference.height)


def side_by_side(reference, current):
    """Reference | current | difference: the current page in pale grey, changed pixels red."""
    from PIL import Image, ImageChops, ImageFilter

    width = max(image.width for image in (reference, current) if image is not None)
    height = max(image.height for image in (reference, current) if image is not None)
    blank = Image.new("L", (width, height), 255)

    def fitted(image):
        canvas = blank.copy()
        if image is not None:
            canvas.paste(image, (0, 0))
        return canvas

    reference, current = fitted(reference), fitted(current)
    changed = ImageChops.difference(reference.filter(ImageFilter.BoxBlur(BLUR)),
                                    current.filter(ImageFilter.BoxBlur(BLUR))).point(
        lambda value: 255 if value > PIXEL_THRESHOLD else 0)
    pale = current.point(lambda value: 255 - (255 - value) // 4).convert("RGB")
    red = Image.new("RGB", (width, height), (220, 0, 0))
    marked = Image.composite(red, pale, changed)
    gap = 8
    out = Image.new("RGB", (3 * width + 2 * gap, height), (128, 128, 128))
    for position, image in enumerate((reference.convert("RGB"), current.convert("RGB"), marked)):
        out.paste(image, (position * (width + gap), 0))
    return out


def check(pages: dict[str, list], folder: Path = GOLDEN, diff_folder: Optional[Path] = None,
          versions: Optional[dict] = None) -> CheckResult:
    """Compare the current page images of each example with the references in ``folder``;
    write a side-by-side image of each page that differs into ``diff_folder`` (made when
    first needed: a new temporary folder unless one is given)."""
    from PIL import Image

    result = CheckResult(recorded=read_versions(folder), current=versions or current_versions())
    if not result.recorded:
        raise VanbanError(f"Chưa có ảnh mẫu trong {folder} (thiếu tệp VERSION): chạy python3 tools/golden.py")

    def record(name: str, page: int, reason: str, reference, current) -> None:
        nonlocal diff_folder
        if diff_folder is None:
            diff_folder = Path(tempfile.mkdtemp(prefix="vanban-golden-diff-"))
        diff_folder.mkdir(parents=True, exist_ok=True)
        image = diff_folder / f"{name}-{page}.png"
        side_by_side(reference, current).save(image, format="PNG", optimize=True)
        result.differences.append(PageDifference(name, page, reason, image))
        result.diff_folder = diff_folder

    names = set(pages) | {p.stem.rsplit("-", 1)[0] for p in folder.glob("*.png")}
    for name in sorted(names):
        current = pages.get(name, [])
        number = 1
        while True:
            path = reference_path(folder, name, number)
            reference = None
            if path.is_file():
                with Image.open(path) as opened:
                    reference = opened.convert("L")
            now = current[number - 1] if number <= len(current) else None
            if reference is None and now is None:
                break
            result.compared += 1
            if reference is None:
                record(name, number, "trang mới, chưa có ảnh mẫu", None, now)
            elif now is None:
                record(name, number, "trang này không còn (văn bản ngắn đi)", reference, None)
            elif reference.size != now.size:
                record(name, number, f"khổ trang khác: {reference.size} thành {now.size} điểm ảnh", reference, now)
            else:
                share = changed_share(reference, now)
                if share > PAGE_TOLERANCE:
                    record(name, number, f"{share:.2%} điểm ảnh khác (cho phép {PAGE_TOLERANCE:.2%})",
                           reference, now)
            number += 1
    return result


# --- command line ------------------------------------------------------------------------------


USAGE = """Cách dùng: python3 tools/golden.py [--check [--diff THƯ_MỤC]]

Không tùy chọn: vẽ lại ảnh mẫu các trang của mọi văn bản mẫu (examples/*.yaml) vào
tests/golden và ghi phiên bản LibreOffice, poppler vào tests/golden/VERSION.
--check: vẽ lại và so sánh với ảnh mẫu; ghi ảnh so sánh (mẫu | hiện tại | khác biệt màu đỏ)
của mỗi trang khác vào THƯ_MỤC (mặc định: một thư mục tạm mới). Mã thoát: 0 giống (hoặc chỉ
cảnh báo khi phiên bản LibreOffice, poppler khác), 1 có trang khác, 2 không chạy được."""


def main(argv: Optional[list[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if any(arg in ("-h", "--help") for arg in args):
        print(USAGE)
        return 0
    checking = "--check" in args
    diff = None
    if "--diff" in args:
        place = args.index("--diff")
        if place + 1 >= len(args):
            print(f"Lỗi: --diff cần tên thư mục.\n\n{USAGE}", file=sys.stderr)
            return 2
        diff = Path(args.pop(place + 1))
        args.pop(place)
    unknown = [arg for arg in args if arg != "--check"]
    if unknown or (diff is not None and not checking):
        problem = f"không hiểu {unknown[0]}" if unknown else "--diff chỉ dùng cùng --check"
        print(f"Lỗi: {problem}.\n\n{USAGE}", file=sys.stderr)
        return 2
    from vanban._pdf import PdfConverter

    try:
        with PdfConverter() as converter:
            pdfs = render_examples(converter)
        pages = {name: page_images(pdf) for name, pdf in pdfs.items()}
        if checking:
            result = check(pages, GOLDEN, diff)
            print(result.to_text())
            return 1 if result.failed else 0
        written = write_references(pages)
    except VanbanError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    size = sum(path.stat().st_size for path in written)
    print(f"Đã ghi {len(written)} ảnh trang ({size // 1024} KB) vào {GOLDEN}; phiên bản ghi ở {GOLDEN / 'VERSION'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
