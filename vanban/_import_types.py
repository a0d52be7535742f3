"""``vanban import``, second step: the body read as an outline, given the fields of its type.

:mod:`vanban._import` reads every document into the outline all types share (``mo_dau``,
``noi_dung``, ``ket_thuc``, Nơi nhận, signer). The types whose page vanban writes from fields
of their own are read back here from the lines vanban writes for them: a Quyết định's Điều and
the article that says who carries it out; a Biên bản's time, place, attendance, chủ tọa, thư
ký, votes and end time; a Giấy mời's sentences; a Chương trình's timetable. Each line is taken
only when vanban would write exactly that line from the value read (a vote whose percentages
are not the ones its counts give stays in the body as it is). A document of one of these
types whose lines do not follow vanban's form cannot be held by its type's fields: it is read
as a Thông báo, its words unchanged, and the YAML says why.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any, Callable, Optional

from pydantic import ValidationError

NOTICE = "thong-bao"


CONTENT_TYPES = {"thong-bao", "to-trinh", "cong-van", "chuong-trinh", "nghi-quyet"}
"""Types whose body is one outline (``noi_dung``): the paragraphs opening it are its first paragraphs."""


def shape(data: dict, reader) -> dict:
    """``data`` (the shared outline) with the fields of its type filled from the body."""
    _archive(data, reader.profile)
    if data.get("loai") in CONTENT_TYPES and data.get("mo_dau"):
        _opening_in_content(data, reader.profile)
    shaper = _SHAPERS.get(data.get("loai"))
    if shaper is None:
        return data
    as_read = copy.deepcopy(data)
    why = shaper(data, reader)
    if why:  # every line back where it was read, under another type's name
        data.clear()
        data.update(as_read)
        _as_notice(data, reader, why)
    return data


def _archive(data: dict, profile: Optional[str]) -> None:
    """NĐ 30's archive line opens with VT, which vanban writes itself: ``Lưu: VT, VP`` is ``luu: VP``;
    ``VT, <đơn vị soạn thảo>`` is what vanban writes when none is named."""
    archive = data.get("luu")
    if profile != "nha-nuoc" or not isinstance(archive, str):
        return
    named = re.sub(r"^VT\s*,\s*", "", archive)
    unit = data.get("don_vi_soan_thao")
    if named == archive:  # "VT" alone stays: without it a document with no other Nơi nhận shows none
        return
    if named == unit:
        del data["luu"]
    else:
        data["luu"] = named


def _opening_in_content(data: dict, profile: Optional[str]) -> None:
    """The paragraphs before the first heading read as the outline's first paragraphs (the page is
    the same); not căn cứ lines in NĐ 30, which vanban sets italic only at the opening."""
    from .rules import leading_bases

    if profile == "nha-nuoc" and leading_bases(data["mo_dau"]):
        return
    data["noi_dung"] = [*data.pop("mo_dau"), *data.get("noi_dung", [])]


def _flat(data: dict) -> list:
    """The body's nodes from the top, the opening paragraphs first."""
    return [*data.pop("mo_dau", []), *data.pop("noi_dung", [])]


def _text(node) -> Optional[str]:
    return node if isinstance(node, str) else None


def _bullet(node) -> Optional[str]:
    return node["y"] if isinstance(node, dict) and set(node) == {"y"} else None


def _as_notice(data: dict, reader, why: str) -> None:
    """A document of a type vanban writes from fields, whose lines do not follow vanban's form:
    kept whole as a Thông báo (its type name the only word that changes)."""
    from ._import import _safe_paragraph

    kind = data["loai"]
    content = [*data.pop("mo_dau", []), *data.pop("noi_dung", [])]
    for key in list(data):
        if key not in _SHARED_KEYS:
            value = data.pop(key)
            if key == "_signatures":
                for titles, name, _ in value:
                    content += [_safe_paragraph(t) for t in titles] + [_safe_paragraph(name)]
    data["loai"] = NOTICE
    data["noi_dung"] = content or ["(văn bản không có nội dung)"]
    data.setdefault("ket_thuc", "khong")
    name = _TYPE_NAMES[kind]
    reader.guess(("loai",), f"{name} này không viết theo các dòng vanban viết cho {name.lower()} ({why}); "
                 "đã nhập thành Thông báo, giữ nguyên từng chữ; sửa các dòng đó theo 'vanban new "
                 f"{kind}' rồi đổi 'loai' thành '{kind}'")
    reader.invented.append(f"{name} không viết theo mẫu của vanban ({why}): vanban ghi tên loại là 'THÔNG BÁO' "
                           "và ký hiệu loại trong số là 'TB'")


_TYPE_NAMES = {"quyet-dinh": "Quyết định", "nghi-quyet": "Nghị quyết", "bien-ban": "Biên bản",
               "giay-moi": "Giấy mời", "chuong-trinh": "Chương trình"}
_SHARED_KEYS = {"loai", "the_thuc", "du_thao", "do_mat", "do_khan", "co_quan_ban_hanh", "so", "don_vi_soan_thao",
                "dia_danh", "ngay", "trich_yeu", "kinh_gui", "can_cu", "mo_dau", "danh_so_phan", "danh_so_muc",
                "noi_dung", "ket_thuc", "noi_nhan", "luu", "nguoi_ky", "phu_luc"}


# --- Quyết định, Nghị quyết ------------------------------------------------------------------


def _decision(data: dict, reader) -> Optional[str]:
    kind = data["loai"]
    body = data.get("noi_dung", [])
    articles = [n for n in body if isinstance(n, dict) and "dieu" in n]
    if not articles:
        if kind == "nghi-quyet" and (body or data.get("mo_dau")):
            return None  # a congress's resolution: its points as they come (noi_dung)
        return "không thấy Điều 1., Điều 2."
    if any(n not in articles for n in body):
        return "có đoạn nằm ngoài các điều"
    data.pop("noi_dung")
    phrase = "Quyết định" if kind == "quyet-dinh" else "Nghị quyết"
    last = articles[-1]
    execution = re.match(rf"^(?P<who>.+\S) chịu trách nhiệm thi hành {phrase} này$", last["dieu"], re.DOTALL)
    if execution and not last.get("noi_dung") and not re.search(r"[.;,:]$", execution.group("who")):
        data["thi_hanh"] = execution.group("who")
        articles.pop()
        lead = f"Như Điều {len(articles) + 1}"
        recipients = data.get("noi_nhan", [])
        if recipients and recipients[0] == lead:
            recipients.pop(0)
            if not recipients:
                del data["noi_nhan"]
        effect = articles[-1] if len(articles) > 1 else None
        if effect is not None and not effect.get("noi_dung") and "hiệu lực" in effect["dieu"] \
                and "\n" not in effect["dieu"]:
            text = effect["dieu"]
            data["hieu_luc"] = text[:-1] if text.endswith(".") and text[-2:-1] not in tuple(".!?…") else text
            articles.pop()
    elif not last.get("noi_dung") and not last["dieu"].endswith(tuple(".!?…:;")):
        last["dieu"] += "."  # the full stop the end mark took (vanban writes "./." after one)
    data["dieu"] = articles
    return None


# --- Biên bản -----------------------------------------------------------------------------------

_CLOCK = r"(?P<{0}h>\d{{2}}) giờ (?P<{0}m>\d{{2}}) phút"
_LONG_DATE = r"ngày (?P<{0}d>\d{{2}}) tháng (?P<{0}mo>\d{{1,2}}) năm (?P<{0}y>\d{{4}})"
_START = re.compile(rf"^Thời gian bắt đầu: {_CLOCK.format('s')}, {_LONG_DATE.format('s')}\.$")
_END = re.compile(rf"^Biên bản kết thúc lúc {_CLOCK.format('e')} (?:cùng ngày|{_LONG_DATE.format('e')})"
                  r"(?:\. (?P<rest>\S.*))?$", re.DOTALL)
_VENUE = re.compile(r"^Địa điểm: (?P<venue>.+)\.$", re.DOTALL)
_PERSON = re.compile(r"^(?P<role>Chủ tọa|Thư ký): (?P<name>[^,]+?)(?:, (?P<position>.+))?\.$", re.DOTALL)
_ATTENDANCE = re.compile(
    r"^Thành phần tham dự:(?: Tổng số (?P<who>.+?): (?P<total>\d+) đồng chí; có mặt: (?P<present>\d+) đồng chí "
    r"\(đạt [\d,]+%\); vắng mặt: \d+ đồng chí(?: \(có lý do: (?P<excused>\d+), không lý do: \d+\))?\.)?$")
_VOTE = re.compile(
    r"^(?P<matter>.+): tán thành (?P<yes>\d+)/(?P<base>\d+) \([\d,]+%\); không tán thành (?P<no>\d+)/(?P=base) "
    r"\([\d,]+%\); không biểu quyết (?P<other>\d+)/(?P=base) \([\d,]+%\)\.$", re.DOTALL)
VOTES_LINE = "Kết quả biểu quyết:"


def _clock(match: re.Match, key: str) -> str:
    return f"{match.group(key + 'h')}:{match.group(key + 'm')}"


def _long_date(match: re.Match, key: str) -> Optional[str]:
    if not match.group(key + "y"):
        return None
    return f"{match.group(key + 'y')}-{int(match.group(key + 'mo')):02d}-{match.group(key + 'd')}"


def _minutes(data: dict, reader) -> Optional[str]:
    from .schemas.bien_ban import Attendance, Person, Vote

    nodes = _flat(data)
    data["noi_dung"] = nodes  # what _as_notice keeps if a line is not vanban's

    def take(pattern: re.Pattern) -> Optional[re.Match]:
        found = pattern.match(_text(nodes[0])) if nodes and _text(nodes[0]) else None
        if found:
            nodes.pop(0)
        return found

    _opening_before(data, nodes, _START)
    start = take(_START)
    if not start:
        return "không thấy dòng 'Thời gian bắt đầu: ... giờ ... phút, ngày ... tháng ... năm ...'"
    venue = take(_VENUE)
    if not venue:
        return "không thấy dòng 'Địa điểm: ...' sau thời gian bắt đầu"
    fields: dict = {"bat_dau": {"gio": _clock(start, "s"), "ngay": _long_date(start, "s")},
                    "dia_diem": venue.group("venue")}
    attendance = take(_ATTENDANCE)
    if attendance:
        if attendance.group("who"):
            counted = {"doi_tuong": attendance.group("who"), "tong_so": int(attendance.group("total")),
                       "co_mat": int(attendance.group("present"))}
            if attendance.group("excused"):
                counted["vang_co_ly_do"] = int(attendance.group("excused"))
            model = _model(Attendance, counted)
            if model is None or "Thành phần tham dự: " + model.sentence() != attendance.group(0):
                return "số lượng tham dự không khớp với tỷ lệ đã ghi"
            fields["so_luong"] = counted
        participants = []
        while nodes and _bullet(nodes[0]) is not None:
            participants.append(nodes.pop(0)["y"])
        if participants:
            fields["thanh_phan"] = participants
    for role, key in (("Chủ tọa", "chu_toa"), ("Thư ký", "thu_ky")):
        person = take(_PERSON)
        if not person or person.group("role") != role:
            return f"không thấy dòng '{role}: họ tên, chức vụ.'"
        entry = {"ho_ten": person.group("name")}
        if person.group("position"):
            entry["chuc_vu"] = person.group("position")
        if _model(Person, entry) is None:
            return f"dòng '{role}' không đọc được họ tên"
        fields[key] = entry
    if not (nodes and nodes[0] == "Nội dung:"):
        return "không thấy dòng 'Nội dung:'"
    nodes.pop(0)
    votes_at = _tail_index(nodes, lambda n: n == VOTES_LINE)
    if votes_at is not None:
        container, index = votes_at
        tail = container[index + 1:]
        votes = []
        present = fields.get("so_luong", {}).get("co_mat")
        for node in tail:
            found = _VOTE.match(_bullet(node) or "")
            if not found:
                votes = None
                break
            vote = {"noi_dung": found.group("matter"), "tan_thanh": int(found.group("yes")),
                    "khong_tan_thanh": int(found.group("no")), "khong_bieu_quyet": int(found.group("other"))}
            base = int(found.group("base"))
            if base != present:
                vote["tong_so"] = base
            model = _model(Vote, vote)
            if model is None or model.counted(base).text != found.group(0):
                votes = None
                break
            votes.append(vote)
        if votes:
            del container[index:]
            fields["bieu_quyet"] = votes
        else:
            reader.guess(("noi_dung",), "kết quả biểu quyết có tỷ lệ không khớp với số phiếu (hoặc không viết "
                         "theo dòng vanban viết): giữ nguyên trong nội dung")
    closing = data.get("ket_thuc")
    end = _END.match(closing) if isinstance(closing, str) else None
    if not end:
        return "không thấy câu 'Biên bản kết thúc lúc ... giờ ... phút ...'"
    fields["ket_thuc_luc"] = {"gio": _clock(end, "e")}
    if _long_date(end, "e"):
        fields["ket_thuc_luc"]["ngay"] = _long_date(end, "e")
    signatures = data.get("_signatures")
    if signatures:
        (left_titles, left_name, _), (right_titles, right_name, _) = signatures
        # a name is read from the body line with its asterisks escaped (\\*) and from the signature as it shows
        if [t.upper() for t in left_titles] != ["THƯ KÝ"] or [t.upper() for t in right_titles] != ["CHỦ TỌA"] \
                or left_name != _unescaped(fields["thu_ky"]["ho_ten"]) \
                or right_name != _unescaped(fields["chu_toa"]["ho_ten"]):
            return "hai chữ ký không phải THƯ KÝ (bên trái) và CHỦ TỌA (bên phải) có tên như các dòng Thư ký, Chủ tọa"
        fields["thu_ky"]["ho_ten"], fields["chu_toa"]["ho_ten"] = left_name, right_name
    elif data.get("nguoi_ky"):
        return "biên bản có một chữ ký, không phải hai chữ ký THƯ KÝ và CHỦ TỌA"
    if data.get("noi_nhan") or data.get("luu"):
        return "biên bản có Nơi nhận"
    if not nodes:
        return "không có nội dung sau dòng 'Nội dung:'"
    data.pop("_signatures", None)
    data.pop("ket_thuc")
    data.pop("noi_nhan", None)
    data.update(fields)
    if end.group("rest"):
        data["ket_thuc"] = end.group("rest")
    data["noi_dung"] = nodes
    return None


def _unescaped(text: str) -> str:
    return re.sub(r"\\([\\*])", r"\1", text)


def _opening_before(data: dict, nodes: list, first_line: re.Pattern) -> None:
    """The paragraphs above the first line vanban writes for the type (the occasion of an
    invitation, a preamble to minutes) are the document's opening (``mo_dau``), as typed."""
    first = next((i for i, n in enumerate(nodes) if _text(n) and first_line.match(n)), None)
    if first and all(isinstance(n, str) for n in nodes[:first]):
        data["mo_dau"] = nodes[:first]
        del nodes[:first]


def _tail_index(nodes: list, test: Callable[[Any], bool]):
    """Where the last node passing ``test`` stands on the body's last branch (the tree's right
    edge, where what follows the last heading is read): (its list, its index), or None."""
    for index in range(len(nodes) - 1, -1, -1):
        if test(nodes[index]):
            return nodes, index
        if index == len(nodes) - 1 and isinstance(nodes[index], dict) and isinstance(nodes[index].get("noi_dung"),
                                                                                     list):
            found = _tail_index(nodes[index]["noi_dung"], test)
            if found is not None:
                return found
    return None


def _model(model, value: dict):
    try:
        return model.model_validate(value)
    except (ValidationError, ValueError):
        return None


# --- Giấy mời -----------------------------------------------------------------------------------

_INVITATION = re.compile(r"^(?P<host>.+?) trân trọng kính mời:(?: \*\*(?P<who>(?:(?!\*\*).)+)\*\*)?$", re.DOTALL)
_EVENT = re.compile(r"^Tới dự (?P<event>.+)$", re.DOTALL)
_CHAIR = re.compile(r"^Chủ trì: (?P<chair>.+)\.$", re.DOTALL)
_WHEN = re.compile(rf"^Thời gian: {_CLOCK.format('s')}, (?P<weekday>thứ \w+|Chủ nhật), ngày (?P<sd>\d{{2}})/"
                   r"(?P<smo>\d{1,2})/(?P<sy>\d{4})(?: đến (?P<until>.+))?\.$", re.DOTALL)
BRING_LINE = "Đề nghị mang theo:"


def _invitation(data: dict, reader) -> Optional[str]:
    from .schemas.giay_moi import WEEKDAYS

    nodes = _flat(data)
    data["noi_dung"] = nodes

    def take(pattern: re.Pattern) -> Optional[re.Match]:
        found = pattern.match(_text(nodes[0])) if nodes and _text(nodes[0]) else None
        if found:
            nodes.pop(0)
        return found

    _opening_before(data, nodes, _INVITATION)
    invitation = take(_INVITATION)
    if not invitation:
        return "không thấy câu '... trân trọng kính mời: ...'"
    fields: dict = {"ben_moi": invitation.group("host")}
    if invitation.group("who"):
        fields["kinh_moi"] = invitation.group("who")
    else:
        invited = []
        while nodes and _bullet(nodes[0]) is not None:
            invited.append(nodes.pop(0)["y"])
        if not invited:
            return "không thấy người được mời sau 'trân trọng kính mời:'"
        fields["kinh_moi"] = invited
    event = take(_EVENT)
    if not event:
        return "không thấy dòng 'Tới dự ...'"
    text = event.group("event")
    # vanban closes the event with a full stop unless it ends with one (or ! ?): one typed is not told apart
    fields["toi_du"] = text[:-1] if text.endswith(".") and text[-2:-1] not in tuple(".!?") else text
    chair = take(_CHAIR)
    if chair:
        fields["chu_tri"] = chair.group("chair")
    when = take(_WHEN)
    if not when:
        return "không thấy dòng 'Thời gian: ... giờ ... phút, thứ ..., ngày .../.../...'"
    try:
        day = dt.date(int(when.group("sy")), int(when.group("smo")), int(when.group("sd")))
    except ValueError:
        return "ngày trong dòng 'Thời gian' không có thật"
    if WEEKDAYS[day.weekday()] != when.group("weekday"):
        return f"ngày {day.day}/{day.month}/{day.year} là {WEEKDAYS[day.weekday()]}, không phải {when.group('weekday')}"
    if when.group("smo") != (f"{day.month:02d}" if day.month <= 2 else str(day.month)):
        return "tháng trong dòng 'Thời gian' không viết như vanban viết"
    fields["thoi_gian"] = {"gio": _clock(when, "s"), "ngay": day.isoformat()}
    if when.group("until"):
        fields["den"] = when.group("until")
    venue = take(_VENUE)
    if not venue:
        return "không thấy dòng 'Địa điểm: ...'"
    fields["dia_diem"] = venue.group("venue")
    if nodes and nodes[0] == BRING_LINE:
        nodes.pop(0)
        bring = []
        while nodes and _bullet(nodes[0]) is not None:
            bring.append(nodes.pop(0)["y"])
        if not bring:
            return "không thấy những gì cần mang theo sau 'Đề nghị mang theo:'"
        fields["mang_theo"] = bring
    if not all(isinstance(n, str) for n in nodes):
        return "sau dòng địa điểm có mục, ý hay bảng (giấy mời chỉ có các đoạn lưu ý)"
    if nodes:
        fields["luu_y"] = nodes
    data.pop("noi_dung")
    data.update(fields)
    return None


# --- Chương trình -----------------------------------------------------------------------------------

_TIMETABLE = (["Thời gian", "Nội dung"], ["Thời gian", "Nội dung", "Người thực hiện"])


def _is_timetable(node) -> bool:
    if not (isinstance(node, dict) and "cot" in node and "dong" in node):
        return False
    if set(node) - {"cot", "dong", "ten_bang"} or not all(isinstance(c, str) for c in node["cot"]):
        return False
    return node["cot"] in _TIMETABLE


def _programme(data: dict, reader) -> Optional[str]:
    nodes = _flat(data)
    data["noi_dung"] = nodes
    found = _last_table(nodes)
    if found is None:
        return "không thấy bảng Thời gian | Nội dung | Người thực hiện"
    container, index = found
    table = container[index]
    after = container[index + 1:]
    if container is not nodes and any(isinstance(n, dict) and ({"tieu_de", "doan_so", "phan"} & n.keys())
                                      for n in after):
        return "bảng chương trình nằm trong một mục có mục con sau nó"
    del container[index:]
    schedule = []
    for row in table["dong"]:
        if isinstance(row, dict):
            schedule.append({"buoi": row["nhom"]})
            continue
        cells = [_cell(c) for c in row]
        if any(c is False for c in cells) or cells[1] is None:
            return "một dòng của bảng chương trình không có nội dung"
        slot = {"thoi_gian": cells[0], "noi_dung": cells[1]}
        if len(cells) > 2:
            slot["thuc_hien"] = cells[2]
        schedule.append({k: v for k, v in slot.items() if v is not None})
    if len(table["cot"]) == 3 and not any(s.get("thuc_hien") for s in schedule if "buoi" not in s):
        return "cột 'Người thực hiện' để trống"
    data["lich"] = schedule
    if table.get("ten_bang"):
        data["ten_bang"] = table["ten_bang"]
    if after:
        data["sau_bang"] = after
    if not data["noi_dung"]:
        del data["noi_dung"]
    return None


def _cell(value):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):  # a cell of several paragraphs: a text with line breaks
        return "\n".join(value)
    return False


def _last_table(nodes: list):
    """The timetable: the last table on the body's right edge."""
    return _tail_index(nodes, _is_timetable)


# --- Thông báo, Tờ trình: the shared outline is their own ---------------------------------------------

_SHAPERS: dict[str, Callable[[dict, Any], Optional[str]]] = {
    "quyet-dinh": _decision, "nghi-quyet": _decision, "bien-ban": _minutes, "giay-moi": _invitation,
    "chuong-trinh": _programme,
}
