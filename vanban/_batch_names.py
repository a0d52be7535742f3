"""``vanban batch``'s output names: the name pattern, checked before any work, and each
document's file name from it (or from the row's own ``ten_tep``)."""

from __future__ import annotations

import re
import string
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ._files import EXTENSION
from ._lazy_pattern import lazy_pattern
from .errors import NamePatternError

if TYPE_CHECKING:
    from ._batch_input import Job

DEFAULT_NAME = "{number}-{type}-{issuer_code}.docx"
NAME_FIELDS = {
    "number": "số văn bản, có số 0 đứng trước nếu nhỏ hơn 10 (chưa có số: chua-so)",
    "type": "ký hiệu loại văn bản (KH, HD, BC)",
    "loai": "tên loại trong tệp dữ liệu (ke-hoach)",
    "issuer_code": "ký hiệu cơ quan ban hành (ĐTN)",
    "issuer": "tên cơ quan ban hành (dòng đầu)",
    "place": "địa danh",
    "date": "ngày ban hành, dạng 2021-03-05",
    "year": "năm ban hành",
    "index": "số thứ tự của văn bản trong đợt (1, 2, 3...)",
    "file": "tên tệp dữ liệu (không có phần mở rộng)",
}
"""The values an output name may use, with what each holds."""


def check_name_pattern(pattern: str) -> str:
    """The pattern with ``.docx`` at the end; a clear Vietnamese error for a mistake in it."""
    mistake = _brace_mistake(pattern)
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(pattern) if name is not None]
    except ValueError:  # _brace_mistake finds every mistake Python refuses; this is a safety net
        fields = []
        mistake = mistake or "các dấu ngoặc nhọn { } không đúng cách viết"
    if mistake:
        raise NamePatternError(f"Mẫu tên tệp '{pattern}' không hợp lệ: {mistake}. Mẫu đúng có dạng {DEFAULT_NAME}.", pattern)
    if any(name == "" for name, _ in fields):
        raise NamePatternError(f"Mẫu tên tệp '{pattern}' có {{}} chưa ghi tên giá trị bên trong, ví dụ {{number}}.", pattern)
    unknown = [name for name, _ in fields if name not in NAME_FIELDS]
    if unknown:
        known = ", ".join("{" + n + "}" for n in NAME_FIELDS)
        raise NamePatternError(
            f"Mẫu tên tệp '{pattern}' có giá trị không biết: "
            f"{', '.join('{' + n + '}' for n in unknown)}. Các giá trị dùng được: {known}."
        , pattern)
    for name, spec in fields:
        if not _text_spec_works(spec):
            raise NamePatternError(
                f"Mẫu tên tệp '{pattern}' có cách trình bày '{{{name}:{spec}}}' không dùng được: "
                "các giá trị đều là chữ, chỉ canh lề được (rộng tối đa 255 ký tự), "
                "ví dụ {index:0>3} cho 001, 002..."
            , pattern)
    tail = _literal_tail(pattern)
    extension = other_extension(tail)
    if extension is not None:
        stem = _without_docx(pattern[:-len(extension)])
        raise NamePatternError(_not_docx(f"Mẫu tên tệp '{pattern}'", extension, f"--name '{stem}.docx' --pdf",
                                    "hãy dùng đuôi .docx, hoặc bỏ đuôi để vanban tự thêm .docx"), pattern)
    return pattern if tail.lower().endswith(".docx") else pattern + ".docx"


def other_extension(name: str) -> Optional[str]:
    """The extension ``name`` ends with when it is not .docx (``.pdf``); None if it ends with
    .docx or with no extension (vanban then adds .docx)."""
    found = EXTENSION.search(name)
    if found is None or found.group().lower() == ".docx":
        return None
    return found.group()


def docx_output_mistake(name: str) -> Optional[str]:
    """Why ``name`` cannot be the name of the .docx that ``vanban render`` writes; None if it can."""
    if name.lower().endswith(".docx"):
        return None
    extension = other_extension(name)
    stem = _without_docx(name[:-len(extension)]) if extension else name
    if extension is None:
        return f"Tệp ra {name} phải có đuôi .docx (vanban ghi văn bản Word), ví dụ -o {stem}.docx."
    return _not_docx(f"Tệp ra {name}", extension, f"-o {stem}.docx --pdf", f"hãy dùng -o {stem}.docx")


NAME_MAX_BYTES = 255
"""The longest file name Linux and macOS file systems take, in bytes of UTF-8 (a Vietnamese
letter with its marks takes 2 or 3); Windows counts 255 characters."""


def name_too_long(name: str, instead: str) -> Optional[str]:
    """Why ``name`` (a file name, without its folder) is too long to be written; None if it is not.
    ``instead`` says where a shorter name is given (-o, the ten_tep column...)."""
    size = len(name.encode("utf-8"))
    if size <= NAME_MAX_BYTES:
        return None
    shown = name if len(name) <= 60 else name[:40] + "..." + name[-12:]
    return (f"Tên tệp '{shown}' dài {size} byte, quá giới hạn {NAME_MAX_BYTES} byte của một tên tệp "
            f"(mỗi chữ có dấu chiếm 2 đến 3 byte): hãy đặt tên ngắn hơn ({instead}).")


def _without_docx(stem: str) -> str:
    return stem[:-5] if stem.lower().endswith(".docx") else stem


def _not_docx(what: str, extension: str, pdf_instead: str, docx_instead: str) -> str:
    if extension.lower() == ".pdf":
        return (f"{what} có đuôi .pdf, nhưng vanban ghi văn bản Word (.docx) vào tên này. "
                f"Muốn có PDF, dùng {pdf_instead}: tệp PDF cùng tên được ghi bên cạnh tệp .docx.")
    return f"{what} có đuôi {extension}, nhưng vanban chỉ ghi văn bản Word (.docx): {docx_instead}."


def _literal_tail(pattern: str) -> str:
    """The text of a pattern after its last value: where the extension is written."""
    pieces = list(string.Formatter().parse(pattern))
    last = pieces[-1] if pieces else ("", None, None, None)
    return last[0] if last[1] is None else ""


def _text_spec_works(spec: str) -> bool:
    """Whether a value's format spec (after ``:``) works on text, as every value of a name
    is, and keeps within a file name's length."""
    if any(int(digits) > 255 for digits in re.findall(r"\d+", spec)):
        return False
    try:
        format("", spec)
    except ValueError:
        return False
    return True


def _brace_mistake(pattern: str) -> Optional[str]:
    """What is wrong with the braces of a name pattern, in Vietnamese; None if nothing.

    Read as :meth:`str.format` reads it: ``{{`` and ``}}`` are the braces themselves, and a
    value is a ``{`` up to its matching ``}``.
    """
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char in "{}" and pattern.startswith(char * 2, i):
            i += 2
            continue
        if char == "}":
            return (f"dấu }} ở ký tự thứ {i + 1} không có dấu {{ mở trước nó "
                    "(muốn có chính dấu } trong tên tệp thì viết }})")
        if char == "{":
            depth, end = 0, i
            nested = False
            while end < len(pattern):
                depth += {"{": 1, "}": -1}.get(pattern[end], 0)
                nested = nested or depth > 1
                if depth == 0:
                    break
                end += 1
            if depth:
                return (f"dấu {{ ở ký tự thứ {i + 1} không được đóng bằng dấu }} "
                        "(muốn có chính dấu { trong tên tệp thì viết {{)")
            field = pattern[i:end + 1]
            if nested:
                return f"{field} có dấu ngoặc nhọn lồng bên trong; mỗi giá trị là một tên trong một cặp {{ }}"
            if "!" in field.split(":")[0]:  # after the name, ! starts a conversion (!r)
                return f"{field} có dấu !; trong {{ }} chỉ ghi tên giá trị"
            i = end + 1
            continue
        i += 1
    return None


_UNSAFE = lazy_pattern(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str) -> str:
    """A file name that works on Windows, macOS and Linux: no / \\ : * ? " < > |."""
    name = unicodedata.normalize("NFC", name)
    name = _UNSAFE.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    return name


def output_name(pattern: str, document, job: Job, own_name: Optional[str] = None) -> str:
    """The file name of ``document`` from ``pattern`` (or the row's own ``ten_tep``)."""
    from ._batch_input import NAME_KEY, _Skip  # the batch's reader: not loaded by ``vanban render``

    if own_name:
        extension = other_extension(own_name)
        if extension is not None:
            stem = _without_docx(own_name[:-len(extension)])
            raise _Skip(_not_docx(f"Tên tệp '{own_name}' (cột {NAME_KEY})", extension,
                                  f"'{stem}.docx' trong cột {NAME_KEY} và --pdf",
                                  f"hãy ghi '{stem}.docx', hoặc '{stem}' để vanban tự thêm .docx"))
        name = own_name if own_name.lower().endswith(".docx") else own_name + ".docx"
    else:
        date = document.date
        values = {
            "number": "khong-so" if document.number is False else
                      f"{document.number:02d}" if document.number is not None else "chua-so",
            "type": document.type_code,
            "loai": document.type_key(),
            "issuer_code": document.issuer.code or "",
            "issuer": document.issuer.name[0] if document.issuer.name else "",
            "place": document.place or "",
            "date": "-".join(f"{part:02d}" for part in (date.year, date.month, date.day) if part) if date else "",
            "year": str(date.year) if date else "",
            "index": str(job.index),
            "file": Path(job.path).stem if job.path else Path(job.label.split(",")[0]).stem,
        }
        name = pattern.format(**values)
    stem = safe_file_name(name[:-5])
    if not stem:
        raise _Skip(f"Tên tệp '{name}' rỗng sau khi bỏ các ký tự không dùng được trong tên tệp.")
    too_long = name_too_long(stem + ".docx", f"cột {NAME_KEY}" if own_name else "--name với ít giá trị hơn")
    if too_long:
        raise _Skip(too_long)
    return stem + ".docx"
