"""The kinds of check: each compares what the reader sees of a part of the page with the
parameters of a rule (:mod:`vanban.rules` names the kind of each rule) and returns the
issues found, as (paragraph or None, expected, found, severity or None for the rule's own)."""

from __future__ import annotations

import re
from typing import Callable, Iterator, Optional

from ._check_parts import AUTHORITY, LABEL, HEADING_LIKE, ISSUER_START, RULE_LINE, Elements, _depth
from ._check_words import _describe, _expect_words, _format_problems, _pt, _size_ok, cm, cm_range, decimal
from ._display import to_roman
from ._docx_read import HINTED_EXAMPLES, DocxView, Look, Para, clean
from ._measure import text_width_mm
from .rules import Rule

Issue = tuple[Optional[Para], str, str, Optional[str]]


def check_text_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        problems = _format_problems(elements.view, para, rule.params)
        if problems:
            issues.append((para, _expect_words(rule.params) or "đúng mẫu", "; ".join(problems), None))
    return issues


def check_number_line(elements: Elements, rule: Rule) -> list[Issue]:
    para = elements[rule.element][0]
    text = para.words
    issues = []
    if not re.match(rule.params["pattern"], text):
        lenient = rule.params.get("lenient")
        severity = "warning" if lenient and re.match(lenient, text) else None
        issues.append((para, "dạng chuẩn, ví dụ " + ("'Số: 114-KH/ĐTN'" if "lenient" in rule.params
                                                     else "'Số: 08/KH-UBND'"), f"«{text}»", severity))
    look = elements.view.look(para)
    if not _size_ok(look, rule.params) or look.italic != {False}:
        issues.append((para, f"cỡ {_pt(rule.params['size'])}, đứng", _describe(look, ["size", "italic"]), None))
    return issues


def check_agency_lines(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    lines = elements[rule.element]
    bolds = []
    for para in lines:
        look = elements.view.look(para)
        text = para.words
        if text != text.upper() and look.caps != {True}:
            issues.append((para, "IN HOA", "có chữ thường", None))
        if not _size_ok(look, {"sizes": rule.params["sizes"]}):
            issues.append((para, f"cỡ {_pt(rule.params['sizes'][0])}-{_pt(rule.params['sizes'][1])}",
                           _describe(look, ["size"]), None))
        bolds.append(look.bold == {True})
    # Where the issuing body's name starts: at a line like "BCH ĐOÀN ..." (the parent may
    # start so too: "BCH ĐOÀN TRƯỜNG" above "BCH CHI ĐOÀN 12A1", so the start that fits the
    # page best is taken), or at the first bold line below every such line (a one-level name
    # is all bold).
    starts = [i for i, p in enumerate(lines) if ISSUER_START.match(p.words)]
    first_bold = bolds.index(True) if True in bolds else len(bolds) - 1
    if not starts or first_bold > starts[-1]:  # "BCH ..." may also end a parent's name
        starts.append(first_bold)

    def misplaced(first_issuer: int) -> list[Issue]:
        found = []
        for position, (para, bold) in enumerate(zip(lines, bolds)):
            if position < first_issuer and bold:
                found.append((para, "tên cơ quan cấp trên không đậm", "đậm", None))
            elif position >= first_issuer and not bold:
                found.append((para, "tên cơ quan ban hành đậm", "không đậm", None))
        return found

    return issues + min((misplaced(start) for start in starts), key=len)


def check_page(elements: Elements, rule: Rule) -> list[Issue]:
    page = elements.view.page_setup()
    issues = []
    width, height = rule.params["size_mm"]
    if not page.declared:
        return [(None, f"A4 {width}×{height} mm và lề theo quy định",
                 "văn bản không khai báo khổ giấy và lề (không có w:sectPr): "
                 "mỗi máy in theo khổ và lề mặc định của mình", None)]
    if page.width is None or page.height is None:
        issues.append((None, f"A4 {width}×{height} mm", "không khai báo khổ giấy (w:pgSz)", None))
    elif abs(page.width / 56.693 - width) > 1 or abs(page.height / 56.693 - height) > 1:
        issues.append((None, f"A4 {width}×{height} mm", f"{decimal(page.width / 56.693, 0)}×{decimal(page.height / 56.693, 0)} mm", None))
    if page.orientation != "portrait":
        issues.append((None, "khổ đứng", "khổ ngang", None))
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for side, expected in rule.params["margins_mm"].items():
        low, high = expected if isinstance(expected, tuple) else (expected, expected)
        want = f"{decimal(low)}-{decimal(high)}" if low != high else decimal(low)
        if getattr(page, side) is None:
            issues.append((None, f"lề {names[side]} {want} mm", "không khai báo (w:pgMar)", None))
            continue
        actual = getattr(page, side) / 56.693
        if not low - 0.03 <= actual <= high + 0.03:
            seen = decimal(actual, 1)
            if seen in (decimal(low), decimal(high)):  # 29,97 mm is not "30 mm": say the difference
                seen = decimal(actual, 2)
            issues.append((None, f"lề {names[side]} {want} mm", f"{seen} mm", None))
    return issues


def check_page_numbers(elements: Elements, rule: Rule) -> list[Issue]:
    view = elements.view
    page = view.page_setup()
    issues = []
    if not view.header_has_page_field("default"):
        return [(None, "số trang ở đầu trang từ trang 2", "không có trường số trang (PAGE)", None)]
    if not page.title_page or view.header_has_page_field("first"):
        issues.append((None, "trang 1 không có số trang", "trang 1 có số trang", None))
    for look in view.page_field_looks("default"):
        low, high = rule.params["sizes"]
        if look.align != "center" or not all(low <= s <= high for s in look.sizes) or True in look.italic:
            issues.append((None, f"căn giữa, cỡ {_pt(low)}-{_pt(high)}, đứng",
                           _describe(look, ["align", "size", "italic"]), None))
    return issues


def _each_look(view: DocxView) -> Iterator[tuple[Para, Look]]:
    """The first paragraph with words of each look, and its look: most paragraphs share a few
    looks. A list's number alone is set in its level's look, so its words are those after it."""
    seen = set()
    for para in view.paragraphs:
        if para.words if not para.label else clean(para.text[len(para.label):]):
            look = view.look(para)
            if id(look) not in seen:
                seen.add(id(look))
                yield para, look


def check_font(elements: Elements, rule: Rule) -> list[Issue]:
    allowed = set(rule.params["fonts"])
    for para, look in _each_look(elements.view):
        fonts = look.fonts - {None}
        if fonts - allowed:
            found_ = ", ".join(sorted(fonts - allowed))
            if look.east_asian_font in fonts - allowed:
                shown = ", ".join(HINTED_EXAMPLES[kind] for kind in look.east_asian_kinds)
                found_ += (f" (một số chữ, như {shown}, hiện bằng phông Đông Á «{look.east_asian_font}»: "
                           "phông của đoạn có gợi ý Đông Á (w:hint), như WPS ghi; hãy chọn Times New Roman cho cả "
                           "phần chữ châu Á trong hộp thoại Font)")
            return [(para, " / ".join(sorted(allowed)), found_, None)]
    return []


def _limited(issues: list[Issue], limit: int = 5) -> list[Issue]:
    if len(issues) <= limit:
        return issues
    para, expected, found_, severity = issues[limit - 1]
    return issues[:limit - 1] + [(para, expected, f"{found_} (và {len(issues) - limit} đoạn khác)", severity)]


def check_body_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    low, high = rule.params["first_line"]
    for para in elements[rule.element]:
        look = elements.view.look(para)
        problems = []
        if not _size_ok(look, rule.params):
            problems.append(_describe(look, ["size"]))
        # a heading may be set flush left (a wrapped heading is then not stretched)
        heading = look.align == "left" and HEADING_LIKE.match(para.words)
        if look.align != rule.params["align"] and not heading:
            problems.append(_describe(look, ["align"]))
        indent = look.first_line
        if not low <= indent <= high:
            problems.append(f"thụt đầu dòng {cm(indent)}" if indent >= 0 else f"thụt treo {cm(-indent)}")
        if problems:
            issues.append((para, _expect_words(rule.params) + f", thụt đầu dòng {cm_range(low, high)}",
                           "; ".join(problems), None))
    return _limited(issues)


def check_line_spacing(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    low, high = rule.params["lines"]
    for para in elements[rule.element]:
        look = elements.view.look(para)
        if look.line_rule == "auto":
            lines = look.line / 240
        else:  # exact or at least, in twentieths: compare with a single line of the font
            lines = look.line / (max(look.sizes) * 20 * 1.15)
        if not low - 0.01 <= lines <= high + 0.01:
            found_ = f"giãn dòng {decimal(lines)}"
            if look.grid_pitch:
                found_ += (f" (dòng chữ bám theo lưới dòng của trang, mỗi ô {_pt(look.grid_pitch / 20)} pt: "
                           "bỏ chọn 'Snap to grid when document grid is defined' trong Paragraph, "
                           "hoặc bỏ lưới dòng trong Page Setup)")
            issues.append((para, f"giãn dòng {decimal(low)}-{decimal(high)}", found_, None))
    return _limited(issues)


def check_paragraph_spacing(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        look = elements.view.look(para)
        total = look.before + look.after
        if "max" in rule.params and total > rule.params["max"]:
            issues.append((para, f"tối đa {_pt(rule.params['max'] / 20)} pt", f"{_pt(total / 20)} pt", None))
        if "min" in rule.params and total < rule.params["min"]:
            issues.append((para, f"tối thiểu {_pt(rule.params['min'] / 20)} pt", f"{_pt(total / 20)} pt", None))
    return _limited(issues)


def check_label_format(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    for para in elements[rule.element]:
        bold, _ = elements.view.label_look(para)
        if bold != rule.params["bold"]:
            label = rule.params.get("label", "số khoản")
            issues.append((para, f"{label} đậm", f"{label} không đậm", None))
    return issues


def check_diem_format(elements: Elements, rule: Rule) -> list[Issue]:
    expected = {2: (True, True), 3: (None, True)}  # 1.1. bold italic; 1.1.1. italic
    issues = []
    for para in elements[rule.element]:
        bold, italic = elements.view.label_look(para)
        want_bold, want_italic = expected[_depth(para)]
        if italic != want_italic or (want_bold is not None and bold != want_bold):
            words = "đậm nghiêng" if want_bold else "nghiêng"
            found_ = ("đậm" if bold else "không đậm") + ", " + ("nghiêng" if italic else "đứng")
            issues.append((para, words, found_, None))
    return issues


def check_numbering(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    romans = 0
    path: list[int] = []
    parts = {p.index for p in elements["parts"]}  # the Mục restart at I. in each part
    for para in sorted(elements[rule.element] + elements["parts"], key=lambda p: p.index):
        if para.index in parts:
            romans, path = 0, []
            continue
        match = LABEL.match(para.words)
        if match.group(1):
            expected = to_roman(romans + 1)
            if match.group(1) != expected:
                issues.append((para, f"mục {expected}.", f"mục {match.group(1)}.", None))
            romans += 1
            path = []
            continue
        numbers = [int(n) for n in match.group(2).split(".") if n]
        depth = len(numbers)
        following = path[depth - 1] + 1 if len(path) >= depth else 1
        expected_numbers = path[:depth - 1] + [following]
        if numbers != expected_numbers:
            issues.append((para, ".".join(map(str, expected_numbers)) + ".", match.group(2), None))
        path = numbers
    return issues


def _entries(paragraphs: list[Para]) -> list[tuple[Para, str]]:
    """Recipient entries; a line not starting with '-' continues the entry above."""
    entries: list[tuple[Para, str]] = []
    for para in paragraphs:
        text = para.words
        if entries and not text.startswith("-"):
            entries[-1] = (entries[-1][0], entries[-1][1] + " " + text)
        else:
            entries.append((para, text))
    return entries


def check_recipient_list(elements: Elements, rule: Rule) -> list[Issue]:
    issues = []
    paragraphs = elements[rule.element]
    for para in paragraphs:
        look = elements.view.look(para)
        if look.sizes != {rule.params["size"]}:
            issues.append((para, f"cỡ {_pt(rule.params['size'])}", _describe(look, ["size"]), None))
    entries = _entries(paragraphs)
    for position, (para, text) in enumerate(entries):
        last = position == len(entries) - 1
        if not text.startswith("- "):
            issues.append((para, "bắt đầu bằng '- '", f"«{text[:40]}»", None))
        if last and not text.endswith("."):
            issues.append((para, "nơi cuối kết thúc bằng '.'", f"«{text[-30:]}»", None))
        if not last and not text.endswith(";"):
            issues.append((para, "kết thúc bằng ';'", f"«{text[-30:]}»", None))
    return issues


def check_archive_line(elements: Elements, rule: Rule) -> list[Issue]:
    entries = _entries(elements[rule.element])
    para, text = entries[-1]
    if not re.match(rule.params["pattern"], text):
        return [(para, "dòng Lưu cuối cùng", f"«{text[:60]}»", None)]
    return []


def _is_rule(view: DocxView, para: Optional[Para]) -> bool:
    if para is None:
        return False
    drawing = para.has_drawing
    drawn = not para.words and view.look(para).border_bottom  # an empty paragraph's border
    return drawing or drawn or bool(RULE_LINE.match(para.words)) and "_" in para.text or "─" in para.text


def check_rule_below(elements: Elements, rule: Rule) -> list[Issue]:
    last = elements[rule.element][-1]
    view = elements.view
    look = view.look(last)
    if look.border_bottom or _is_rule(view, last):
        return []
    nearby = [p for p in view.paragraphs if p.index > last.index and p.place == last.place][:2]
    line = next((p for p in nearby if _is_rule(view, p)), None)
    if line is None:
        return [(last, "đường kẻ ngang nét liền bên dưới", "không thấy đường kẻ", None)]
    if "share" not in rule.params:
        return []
    length, width = _rule_length(view, line), _lines_width(view, elements[rule.element])
    if not length or not width:
        return []
    low, high = rule.params["share"]
    share = length / width
    if low - 0.02 <= share <= high + 0.02:
        return []
    return [(line, f"đường kẻ dài từ {_fraction(low)} đến {_fraction(high)} dòng chữ trên nó",
             f"dài {decimal(share)} dòng chữ ({decimal(length / 567, 1)} cm so với {decimal(width / 567, 1)} cm)", None)]


def _fraction(value: float) -> str:
    return {1 / 3: "1/3", 1 / 2: "1/2", 2 / 3: "2/3"}.get(value, decimal(value))


def _rule_length(view: DocxView, para: Para) -> Optional[float]:
    """How long a drawn rule is, in twips: a shape's extent, an empty paragraph's border (as
    wide as the paragraph's lines), or a line of underscores."""
    drawn = view.drawn_length(para)
    if drawn:
        return drawn
    look = view.look(para)
    if not para.words and look.border_bottom:
        return view.line_width(para)
    if para.words:
        return text_width_mm(para.words, max(look.sizes), True in look.bold, True in look.italic) * 56.693
    return None


def _lines_width(view: DocxView, paragraphs: list[Para]) -> Optional[float]:
    """The length in twips of the longest line of ``paragraphs`` (lines broken by the writer; a
    line longer than its column counts as the column)."""
    widths = []
    for para in paragraphs:
        look = view.look(para)
        column = view.line_width(para)
        for line in para.text.split("\n"):
            if clean(line):
                width = text_width_mm(clean(line), max(look.sizes), True in look.bold, True in look.italic) * 56.693
                widths.append(min(width, column) if column else width)
    return max(widths, default=None)


def check_title_words(elements: Elements, rule: Rule) -> list[Issue]:
    """A trích yếu in sentence case, in words ("và", not "&"), without a full stop."""
    lines = elements[rule.element]
    text = clean(" ".join(p.text for p in lines))
    # one word in capitals is an abbreviation ("TNCS") or a name, not a title in capitals
    worded = [word for word in text.split() if any(c.isalpha() for c in word)]
    issues = []
    shouted = len(worded) > 1 and (text == text.upper() or all(elements.view.look(p).caps == {True} for p in lines))
    if shouted:
        issues.append((lines[0], "viết thường, chỉ hoa chữ cái đầu và tên riêng", "viết IN HOA toàn bộ", None))
    if "&" in text:
        issues.append((lines[0], "viết bằng chữ: 'và'", "dùng ký hiệu '&'", "warning"))
    if text.endswith(".") and not text.endswith("..."):
        issues.append((lines[-1], "không có dấu chấm cuối trích yếu", "kết thúc bằng dấu '.'", "warning"))
    return issues


def check_labels(elements: Elements, rule: Rule) -> list[Issue]:
    """Labels of a form the regime does not use: each one, its words and the form expected."""
    issues = [(p, rule.params["expected"], f"«{p.words.split()[0]}»", None) for p in elements[rule.element]]
    return _limited(issues)


def check_authority_line(elements: Elements, rule: Rule) -> list[Issue]:
    """TM./KT./TL./Q. and the authority on one line, the position on the next: not both on one."""
    first = elements[rule.element][0]
    titles = elements["signature_titles"]
    text = first.words
    if AUTHORITY.match(text) and [p.index for p in titles] == [first.index]:
        return [(first, "quyền hạn (TM./KT./TL./Q. ...) trên một dòng, chức vụ người ký ở dòng dưới",
                 f"cả hai trên một dòng: «{text}»", None)]
    return []


def check_space_below_number(elements: Elements, rule: Rule) -> list[Issue]:
    """The V/v stands a given space below the number line (the space after the one and before
    the other, as Word adds them)."""
    subject = elements[rule.element][0]
    number = elements["number"][0] if elements["number"] else None
    if number is None or number.index == subject.index:
        return []
    view = elements.view
    gap = (view.look(number).after + view.look(subject).before) / 20
    low = rule.params["min_pt"]
    if gap < low - 0.5:
        return [(subject, f"cách dòng số, ký hiệu {_pt(low)} pt", f"cách {_pt(gap)} pt", None)]
    return []


def check_language(elements: Elements, rule: Rule) -> list[Issue]:
    """Text marked as Vietnamese, so that Word checks its spelling and breaks its lines as
    Vietnamese: the first paragraph that is not, and what it is marked as."""
    for para, look in _each_look(elements.view):
        other = {lang for lang in look.languages if not (lang or "").lower().startswith("vi")}
        if other:
            said = ", ".join(sorted(lang for lang in other if lang)) or "không khai báo ngôn ngữ"
            if None in other and len(other) > 1:
                said += ", có đoạn không khai báo"
            return [(para, "ngôn ngữ tiếng Việt (vi-VN)", said, None)]
    return []


def check_fits_column(elements: Elements, rule: Rule) -> list[Issue]:
    """Each line of the name fits its column: a line too long wraps where nobody broke it."""
    issues = []
    for para in elements[rule.element]:
        cell = elements.view.cell_width(para)
        look = elements.view.look(para)
        if not cell or not look.sizes:
            continue
        column_mm = cell / 56.693 - (look.left + max(look.first_line, 0)) / 56.693
        length = text_width_mm(para.words, max(look.sizes), True in look.bold, True in look.italic)
        if length > column_mm:
            issues.append((para, f"nằm trên một dòng (cột rộng {_mm(column_mm)} mm)",
                           f"dài khoảng {_mm(length)} mm nên sẽ xuống dòng giữa chừng; {rule.params['advice']}",
                           None))
    return issues


def _mm(value: float) -> str:
    return f"{value:.0f}"


def check_absent(elements: Elements, rule: Rule) -> list[Issue]:
    """Something that does not belong in the document is there: the Quốc hiệu of a state
    document on a Union one."""
    para = elements[rule.element][0]
    return [(para, "tiêu đề 'ĐOÀN TNCS HỒ CHÍ MINH' ở góc phải",
             f"văn bản của Đoàn nhưng dùng Quốc hiệu «{para.words}» và Tiêu ngữ của văn bản Nhà nước; "
             "hãy thay bằng 'ĐOÀN TNCS HỒ CHÍ MINH' (cỡ 15, đậm, có gạch dưới)", None)]


CHECKS: dict[str, Callable[[Elements, Rule], list[Issue]]] = {
    "title_words": check_title_words,
    "labels": check_labels,
    "authority_line": check_authority_line,
    "space_below_number": check_space_below_number,
    "language": check_language,
    "absent": check_absent,
    "fits_column": check_fits_column,
    "text_format": check_text_format,
    "number_line": check_number_line,
    "agency_lines": check_agency_lines,
    "page": check_page,
    "page_numbers": check_page_numbers,
    "font": check_font,
    "body_format": check_body_format,
    "line_spacing": check_line_spacing,
    "paragraph_spacing": check_paragraph_spacing,
    "label_format": check_label_format,
    "diem_format": check_diem_format,
    "numbering": check_numbering,
    "recipient_list": check_recipient_list,
    "archive_line": check_archive_line,
    "rule_below": check_rule_below,
}
