"""Where a YAML syntax error really is, and what to change, in Vietnamese.

PyYAML marks where it noticed a problem, which is often not where the mistake is:
a key without its ':' is noticed on the next line, a quote left open at the end of
the file (or at the next quote, lines later), a '-y:' without its space at the next
item. Each kind of error is traced back here to the line at fault, from the error's
problem and context marks, the tokens read before it and the text of the lines
around it. Every message shows that line with a caret under the column.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

import yaml

from .errors import Problem

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # PyYAML's line breaks
SMART_QUOTES = "“”‘’„‟"
SMART_QUOTES_AS_YAML_QUOTES = (
    "dấu ngoặc “ ” hay ‘ ’ của Word không phải dấu ngoặc của YAML, nên dấu ':' trong đoạn văn bị hiểu là "
    "dấu sau tên trường. Hãy gõ lại hai dấu ngoặc bằng dấu ngoặc kép thẳng \"...\" (trong Notepad, hoặc tắt "
    "tự đổi dấu ngoặc của Word).")
_DASH_WITHOUT_SPACE = re.compile(r"-[^\s\-]")
_SHOWN = 76  # characters of a long line shown around the column


class _Refused(yaml.MarkedYAMLError):
    """A YAML file refused by vanban's own rules; ``problem`` is already in Vietnamese."""


def split_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def problem_for(error: yaml.YAMLError, text: str) -> Problem:
    """The :class:`Problem` for a YAML error: the line at fault, the reason, what to do, the line."""
    lines = split_lines(text)
    if isinstance(error, yaml.reader.ReaderError):
        line, column = _line_and_column(text, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return at(lines, line, column,
                  f"Tệp chứa ký tự điều khiển hoặc ký tự không dùng trong văn bản (mã U+{code:04X}); "
                  "hãy xóa ký tự này (thường do dán từ phần mềm khác).")
    if isinstance(error, _Refused):
        mark = error.problem_mark
        return at(lines, mark.line, mark.column, f"{error.problem[0].upper()}{error.problem[1:]}.")
    line, column, reason = _fault(error, lines)
    return at(lines, line, column, f"Lỗi cú pháp YAML: {reason}")


def at(lines: list[str], line: int, column: int, message: str) -> Problem:
    """A problem at 0-based ``line`` and ``column``, its message followed by the line and a caret."""
    return Problem(f"dòng {line + 1}, cột {column + 1}", f"{message}\n{excerpt(lines, line, column)}")


def excerpt(lines: list[str], line: int, column: int) -> str:
    """The line, numbered, and a caret under ``column`` (as wide as the characters before it)."""
    text = (lines[line] if line < len(lines) else "").replace("\t", " ")
    start = 0
    if len(text) > _SHOWN:
        start = max(0, min(column - _SHOWN // 2, len(text) - _SHOWN))
    shown = text[start:start + _SHOWN]
    head = "…" if start > 0 else ""
    tail = "…" if start + _SHOWN < len(text) else ""
    number = str(line + 1)
    offset = len(head) + _width(shown[:max(column - start, 0)])
    return f"    {number} | {head}{shown}{tail}\n    {' ' * len(number)} | {' ' * offset}^"


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def _line_and_column(text: str, position: int) -> tuple[int, int]:
    before = split_lines(text[:position])
    return len(before) - 1, len(before[-1])


# --- tracing an error back to its line ------------------------------------------------------


def _fault(error: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """0-based line and column of the mistake, and what it is and what to change."""
    problem = error.problem or ""
    context = error.context or ""
    mark = error.problem_mark
    start = error.context_mark
    line, column = mark.line, mark.column
    quoted = _quote_left_open(lines, error)
    if quoted:
        return quoted
    if "could not find expected ':'" in problem and "simple key" in context:
        return _missing_colon(lines, start.line, start.column)
    if problem.startswith("mapping values are not allowed here"):
        return _colon_in_the_wrong_place(lines, line, column)
    if problem.startswith("expected <block end>") or "expected '-' indicator" in problem \
            or problem.startswith("did not find expected key"):
        return _block_problem(lines, error)
    if "flow sequence" in context or "flow mapping" in context:
        early = _closed_too_early(lines, line, column)
        if early:
            return early
        closing = "]" if "sequence" in context else "}"
        opened = lines[start.line][start.column:]
        if "<stream end>" in problem or (line > start.line and closing not in opened):
            return (start.line, start.column,
                    f"dấu '{'[' if closing == ']' else '{'}' mở ở đây không có dấu '{closing}' đóng. Hãy thêm "
                    f"'{closing}' ở cuối, hoặc nếu đây là đoạn văn, đặt cả đoạn văn trong ngoặc kép \"...\".")
        return (line, column, f"thiếu dấu ',' giữa hai mục, hoặc thiếu dấu '{closing}' đóng. "
                              "Nếu mục có dấu ',' hay ':' là đoạn văn, hãy đặt nó trong ngoặc kép \"...\".")
    if "alias" in context or "anchor" in context:
        sign = "*" if "alias" in context else "&"
        return (start.line, start.column,
                f"dấu '{sign}' ở đầu đoạn văn có nghĩa riêng trong YAML (tham chiếu). "
                "Hãy đặt cả đoạn văn trong ngoặc kép \"...\".")
    if "that cannot start any token" in problem:
        if "'\\t'" in problem:
            return line, column, "có ký tự Tab. Hãy thụt lề bằng dấu cách, không dùng Tab."
        character = lines[line][column] if column < len(lines[line]) else ""
        return (line, column, f"đoạn văn không được bắt đầu bằng '{character}' trong YAML. "
                              "Hãy đặt cả đoạn văn trong ngoặc kép \"...\".")
    if problem.startswith("found unknown escape character"):
        return (line, column, "trong ngoặc kép \"...\", dấu '\\' bắt đầu một ký tự đặc biệt. Hãy viết nó hai lần "
                              "('\\\\'), hoặc dùng ngoặc đơn '...' cho đoạn văn.")
    if problem.startswith("sequence entries are not allowed here"):
        return (line, column, "gạch đầu dòng '- ' đứng sau tên trường trên cùng một dòng. Hãy xuống dòng, "
                              "thụt lề rồi mới viết '- ', hoặc đặt đoạn văn trong ngoặc kép \"...\".")
    if problem.startswith("mapping keys are not allowed here"):
        return line, column, "dấu '?' có nghĩa riêng trong YAML. Hãy đặt đoạn văn trong ngoặc kép \"...\"."
    if "block scalar" in context:
        return (start.line, start.column, "sau dấu '|' hoặc '>' phải xuống dòng. Hãy viết đoạn văn ở các dòng "
                                          "sau, thụt lề, hoặc đặt cả đoạn văn trong ngoặc kép \"...\".")
    if "another document" in problem or "single document" in context:
        return (line, column, "tệp có nhiều phần ngăn bằng dòng '---'; mỗi tệp chỉ chứa một văn bản. "
                              "Hãy tách thành nhiều tệp, hoặc xóa dòng '---'.")
    if problem.startswith("expected the node content"):
        return line, column, "thiếu giá trị sau tên trường hoặc sau gạch đầu dòng."
    if line >= len(lines) - 1 and start is not None:  # noticed at the end of the file: the start is at fault
        line, column = start.line, start.column
    return (line, column, f"{problem} (thông báo gốc của YAML). Kiểm tra thụt lề (dấu cách, không dùng Tab), "
                          "dấu ':' sau tên trường, và đặt đoạn văn có dấu ':' hoặc '#' trong ngoặc kép.")


def _quote_left_open(lines: list[str], error: yaml.MarkedYAMLError) -> Optional[tuple[int, int, str]]:
    """A quote opened on a line and not closed on it: noticed at the end of the file, or at
    the next quote of the same kind (lines later), where the text after it makes no sense."""
    mark = error.problem_mark
    start = error.context_mark
    if "quoted scalar" in (error.context or "") and "end of stream" in (error.problem or ""):
        return _unclosed(lines, start.line, start.column, None)
    for token in _tokens_before(lines, mark):
        if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                and token.start_mark.line < token.end_mark.line == mark.line:
            return _unclosed(lines, token.start_mark.line, token.start_mark.column, token.end_mark.line)
    return None


def _unclosed(lines: list[str], line: int, column: int, closed_on: Optional[int]) -> tuple[int, int, str]:
    quote = lines[line][column] if column < len(lines[line]) else '"'
    name = "ngoặc kép" if quote == '"' else "nháy đơn"
    where = (f"YAML đọc tiếp đến dấu {quote} ở dòng {closed_on + 1}" if closed_on is not None
             else "YAML đọc tiếp đến hết tệp")
    return (line, column, f"dấu {name} {quote} mở ở đây không được đóng trên dòng này ({where}). "
                          f"Hãy thêm dấu {quote} ở cuối đoạn văn.")


def _tokens_before(lines: list[str], mark) -> list:
    """The tokens PyYAML reads up to ``mark`` (the scanner stops at the error)."""
    text = "\n".join(lines[:mark.line + 1])
    tokens = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _closed_too_early(lines: list[str], line: int, column: int) -> Optional[tuple[int, int, str]]:
    """Text right after a closing quote: a quote inside the quoted text closed it."""
    before = lines[line][:column].rstrip() if line < len(lines) else ""
    if not before.endswith(('"', "'")):
        return None
    quote = before[-1]
    if quote == '"':
        advice = ("Hãy viết \\\" cho mỗi dấu ngoặc kép bên trong, hoặc đặt đoạn văn trong nháy đơn '...' "
                  "(bên trong có ngoặc kép vẫn được).")
    else:
        advice = "Hãy viết hai dấu nháy '' cho mỗi dấu nháy bên trong, hoặc đặt đoạn văn trong ngoặc kép \"...\"."
    return (line, len(before) - 1, f"đoạn văn trong dấu {quote}...{quote} có dấu {quote} ở giữa, và dấu đó đã "
                                   f"đóng đoạn văn (phần sau nó thành thừa). {advice}")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _previous(lines: list[str], line: int) -> Optional[int]:
    """The nearest line above ``line`` with content (not blank, not a comment)."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _first_word_end(text: str, column: int) -> int:
    found = re.compile(r"\S+").match(text, column)
    return found.end() if found else column


def _missing_colon(lines: list[str], line: int, column: int) -> tuple[int, int, str]:
    text = lines[line]
    above = _previous(lines, line)
    if above is not None and _indent(lines[above]) == _indent(text) and lines[above].lstrip().startswith("- "):
        return (line, _indent(text), "dòng này nằm giữa các mục '- ' của một danh sách nhưng không bắt đầu bằng "
                                     "'- '. Hãy thêm '- ' ở đầu dòng, hoặc thêm dấu ':' sau tên trường.")
    end = _first_word_end(text, column)
    word = text[column:end]
    return (line, end, f"thiếu dấu ':' sau tên trường '{word}'. Hãy viết '{word}: ...' "
                       "(dấu hai chấm rồi một dấu cách).")


def _colon_in_the_wrong_place(lines: list[str], line: int, column: int) -> tuple[int, int, str]:
    text = lines[line]
    before = text[_indent(text):column]
    above = _previous(lines, line)
    if ": " not in before and not before.startswith("- ") and above is not None:
        previous = lines[above]
        content = previous.strip()
        if ":" not in content and not content.startswith("- "):
            return _missing_colon(lines, above, _indent(previous))
        if _indent(text) > _indent(previous):
            return (line, _indent(text),
                    f"dòng này thụt lề sâu hơn dòng {above + 1} nên YAML đọc nó là phần viết tiếp của dòng "
                    "đó. Nếu là một trường mới, hãy thụt lề bằng các trường cùng nhóm; nếu là chữ viết tiếp "
                    "có dấu ':', hãy đặt cả đoạn văn trong ngoặc kép \"...\".")
    if any(quote in text for quote in SMART_QUOTES):
        return line, column, SMART_QUOTES_AS_YAML_QUOTES
    key = text[:column].split(": ", 1)[0].strip(" -")
    return (line, column, "đoạn văn có dấu ': ' ở giữa, YAML hiểu nhầm là một tên trường nữa. Hãy đặt cả đoạn "
                          f"văn trong ngoặc kép: {key}: \"...\".")


def _block_problem(lines: list[str], error: yaml.MarkedYAMLError) -> tuple[int, int, str]:
    mark = error.problem_mark
    start = error.context_mark
    line, column = mark.line, mark.column
    text = lines[line] if line < len(lines) else ""
    for suspect in (line, start.line if start is not None else None):
        if suspect is not None and suspect < len(lines) \
                and _DASH_WITHOUT_SPACE.match(lines[suspect], _indent(lines[suspect])):
            dash = _indent(lines[suspect])
            return (suspect, dash + 1, "thiếu dấu cách sau gạch đầu dòng '-'. Hãy viết '- ' "
                                       f"(gạch rồi dấu cách): '{lines[suspect].strip()[0]} {lines[suspect].strip()[1:]}'.")
    if "'<scalar>'" in (error.problem or ""):
        early = _closed_too_early(lines, line, column)
        if early:
            return early
        if text[:column].rstrip().endswith(("]", "}")):
            return (line, column, "đoạn văn bắt đầu bằng '[' hoặc '{' bị YAML hiểu là một danh sách. "
                                  "Hãy đặt cả đoạn văn trong ngoặc kép \"...\".")
    sibling = next((i for i in range(line - 1, -1, -1) if lines[i].strip() and _indent(lines[i]) <= _indent(text)), None)
    owner = next((i for i in range(line - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")
                  and _indent(lines[i]) <= _indent(text)), None)
    key, colon, value = lines[owner].strip().partition(": ") if owner is not None else ("", "", "")
    value = value.split(" #")[0].strip()
    if owner is not None and text.lstrip().startswith("- ") and colon and value and not key.startswith("-"):
        return (line, _indent(text),
                f"mục danh sách '- ' này nằm dưới trường '{key}' ở dòng {owner + 1}, nhưng trường đó đã có chữ "
                f"trên dòng của nó ('{value}'), nên không có chỗ cho một danh sách. Nếu mục này thuộc '{key}', "
                f"hãy để trống phần sau '{key}:' và viết mỗi mục, kể cả '{value}', trên một dòng '- ' riêng, thụt "
                "lề sâu hơn tên trường; nếu không, hãy xóa '- ' hoặc chuyển dòng này tới dưới tên trường của nó.")
    if sibling is not None and _indent(lines[sibling]) == _indent(text) and lines[sibling].lstrip().startswith("- ") \
            and not text.lstrip().startswith("-"):
        inside = _indent(lines[sibling]) + len(lines[sibling].lstrip()) - len(lines[sibling].lstrip()[1:].lstrip())
        return (line, _indent(text),
                f"dòng này thẳng hàng với gạch đầu dòng '- ' của dòng {sibling + 1} nhưng không bắt đầu bằng "
                f"'- '. Nếu nó thuộc mục ở dòng {sibling + 1}, hãy thụt lề {inside} dấu cách cho thẳng với chữ sau "
                "'- '; nếu là một mục mới, hãy thêm '- ' ở đầu dòng.")
    above = _previous(lines, line)
    against = (f" (dòng {above + 1} thụt {_indent(lines[above])} dấu cách)" if above is not None else "")
    return (line, _indent(text),
            f"dòng này thụt lề {_indent(text)} dấu cách, không thẳng hàng với các dòng cùng cấp ở trên{against}. "
            "Hãy thụt lề bằng dấu cách cho thẳng hàng; mỗi mục mới của danh sách bắt đầu bằng '- '.")

