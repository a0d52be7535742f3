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
from decimal import Decimal
from typing import Any, Callable, Optional

from pydantic import ValidationError

from ._import import sentence

NOTICE = "thong-bao"


CONTENT_TYPES = {"thong-bao", "to-trinh", "cong-van", "chuong-trinh"}
"""Types whose body is one outline (``noi_dung``): the paragraphs opening it are its first paragraphs
(a Nghị quyết's opening stands above its QUYẾT NGHỊ: line, apart from its body)."""


def shape(data: dict, reader) -> dict:
    """``data`` (the shared outline) with the fields of its type filled from the body."""
    _archive(data, reader.profile)
    _computed_nodes(data, reader, figures=data.get("loai") == "bao-cao")
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


def _leading_bullets(nodes: list) -> list[str]:
    """The bullets ('- ...') at the head of ``nodes``, taken off it."""
    bullets = []
    while nodes and _bullet(nodes[0]) is not None:
        bullets.append(nodes.pop(0)["y"])
    return bullets


def _as_notice(data: dict, reader, why: str) -> None:
    """A document of a type vanban writes from fields, whose lines do not follow vanban's form:
    kept whole as a Thông báo (its type name the only word that changes)."""
    from ._import import _safe_paragraph

    from ._import import plain

    kind = data["loai"]
    content = []
    number = 0
    # a decision's lines above its Điều, as the page shows them: the authority, the opening, QUYẾT ĐỊNH:
    authority = [data.pop("tham_quyen_ban_hanh")] if data.get("tham_quyen_ban_hanh") else []
    operative = [plain(p.text) for p in reader.part("operative") if p.index in reader.used] \
        if kind in ("quyet-dinh", "nghi-quyet") else []
    for node in [*authority, *data.pop("mo_dau", []), *operative, *data.pop("noi_dung", [])]:
        if isinstance(node, dict) and "dieu" in node:  # a Thông báo has no Điều: its words, numbered as shown
            number += 1
            content += [_safe_paragraph(f"**Điều {number}.** {node['dieu']}"), *node.get("noi_dung", [])]
        else:
            content.append(node)
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
    """Điều 1, Điều 2 ... (``dieu``); the last two, when they are the ones vanban writes, its
    effect (``hieu_luc``) and who carries it out (``thi_hanh``); a Nghị quyết's points as they
    come (``noi_dung``) when it has no Điều of its own."""
    kind = data["loai"]
    if not data.get("tham_quyen_ban_hanh"):
        return "không thấy dòng thẩm quyền ban hành, IN HOA, trên các căn cứ và dòng QUYẾT ĐỊNH:"
    body = data.pop("noi_dung", [])
    phrase = "Quyết định" if kind == "quyet-dinh" else "Nghị quyết"
    closing: dict = {}

    def article(node) -> bool:
        return isinstance(node, dict) and "dieu" in node

    last = body[-1] if body else None
    execution = re.match(rf"^(?P<who>.+\S) chịu trách nhiệm thi hành {phrase} này\.?$", last["dieu"], re.DOTALL) \
        if article(last) and not last.get("noi_dung") else None
    if execution and not re.search(r"[.;,:]$", execution.group("who")):
        closing["thi_hanh"] = execution.group("who")
        body.pop()
        effect = body[-1] if body else None
        # after a resolution's points (noi_dung), its one Điều before the execution is its effect
        alone = kind == "nghi-quyet" and len(body) > 1 and not any(article(n) for n in body[:-1])
        if article(effect) and not effect.get("noi_dung") and (alone or "hiệu lực" in effect["dieu"]
                                                              and "\n" not in effect["dieu"] and len(body) > 1):
            text = effect["dieu"]
            closing["hieu_luc"] = text[:-1] if text.endswith(".") and text[-2:-1] not in tuple(".!?…") else text
            body.pop()
    elif kind == "nghi-quyet" and article(last) and not last.get("noi_dung") and len(body) > 1 \
            and not any(article(n) for n in body[:-1]):
        # a resolution's points with one Điều after them: the effect vanban writes as an article
        text = body.pop()["dieu"]
        closing["hieu_luc"] = text[:-1] if text.endswith(".") and text[-2:-1] not in tuple(".!?…") else text
    elif article(last) and not last.get("noi_dung") and not last["dieu"].endswith(tuple(".!?…:;")) \
            and data.get("ket_thuc") != "khong":
        last["dieu"] = sentence(last["dieu"])  # the full stop the end mark took (vanban writes "./." after one)
    if body and all(article(n) for n in body):
        data["dieu"] = body
    elif kind == "nghi-quyet" and not any(article(n) for n in body) and (body or data.get("mo_dau")):
        if body:
            data["noi_dung"] = body  # a congress's resolution: its points as they come
    elif not body:
        return "không thấy Điều 1., Điều 2."
    else:
        return "có đoạn nằm ngoài các điều"
    data.update(closing)
    if "thi_hanh" in closing:
        number = len(data.get("dieu", [])) + (1 if "hieu_luc" in closing else 0) + 1  # the last Điều's
        recipients = data.get("noi_nhan", [])
        if recipients and recipients[0] == f"Như Điều {number}":
            recipients.pop(0)
            if not recipients:
                del data["noi_nhan"]
    return None


def _taker(nodes: list) -> Callable[[re.Pattern], Optional[re.Match]]:
    """A reader of the lines a form writes in order: the first node, taken off if it matches."""
    def take(pattern: re.Pattern) -> Optional[re.Match]:
        found = pattern.match(_text(nodes[0])) if nodes and _text(nodes[0]) else None
        if found:
            nodes.pop(0)
        return found

    return take


# --- Biên bản -----------------------------------------------------------------------------------

_CLOCK = r"(?P<{0}h>\d{{2}}) giờ (?P<{0}m>\d{{2}}) phút"
_LONG_DATE = r"ngày (?P<{0}d>\d{{2}}) tháng (?P<{0}mo>\d{{1,2}}) năm (?P<{0}y>\d{{4}})"
_START = re.compile(rf"^Thời gian bắt đầu: {_CLOCK.format('s')}, {_LONG_DATE.format('s')}\.$")
_END = re.compile(rf"^(?P<meeting>[^\n]+?) kết thúc (?:lúc {_CLOCK.format('e')} (?:cùng ngày|{_LONG_DATE.format('e')})"
                  rf"|vào {_CLOCK.format('f')}, {_LONG_DATE.format('f')})"
                  r"(?:\. (?P<rest>\S.*))?$", re.DOTALL)
_VENUE = re.compile(r"^Địa điểm: (?P<venue>.+)\.$", re.DOTALL)
_PERSON = re.compile(r"^(?P<role>Chủ tọa|Thư ký): (?P<name>(?:(?!, ).)+?)(?:, (?P<position>.+))?\.$", re.DOTALL)
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

    take = _taker(nodes)

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
        participants = _leading_bullets(nodes)
        if participants:
            fields["thanh_phan"] = participants
    signatures = data.get("_signatures")
    signed = {"Thư ký": signatures[0][1], "Chủ tọa": signatures[1][1]} if signatures else {}
    for role, key in (("Chủ tọa", "chu_toa"), ("Thư ký", "thu_ky")):
        person = take(_PERSON)
        if not person or person.group("role") != role:
            return f"không thấy dòng '{role}: họ tên, chức vụ.'"
        entry = {"ho_ten": person.group("name")}
        if person.group("position"):
            entry["chuc_vu"] = person.group("position")
        named = _signed_name(person.group(0)[len(role) + 2:-1], signed.get(role))
        if named is not None:  # the name under the signature tells where it ends ("Nguyễn Văn A, B")
            entry = {"ho_ten": named[0], **({"chuc_vu": named[1]} if named[1] else {})}
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
    state = reader.profile == "nha-nuoc"
    if not end or bool(end.group("fh")) != state:
        return ("không thấy câu 'Cuộc họp kết thúc vào ... giờ ... phút, ngày ...'" if state
                else "không thấy câu 'Biên bản kết thúc lúc ... giờ ... phút ...'")
    key = "f" if state else "e"
    fields["ket_thuc_luc"] = {"gio": _clock(end, key)}
    ended = _long_date(end, key)
    if ended and not (state and ended == fields.get("bat_dau", {}).get("ngay")):
        fields["ket_thuc_luc"]["ngay"] = ended
    if end.group("meeting") != ("Cuộc họp" if state else "Biên bản"):
        fields["cuoc_hop"] = end.group("meeting")
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
    from .schemas.bien_ban import RECIPIENTS_UNDER_MINUTES

    if (data.get("noi_nhan") or data.get("luu")) and reader.profile not in RECIPIENTS_UNDER_MINUTES:
        return "biên bản theo thể thức Đoàn có Nơi nhận"
    if not nodes:
        return "không có nội dung sau dòng 'Nội dung:'"
    data.pop("_signatures", None)
    data.pop("ket_thuc")
    data.update(fields)
    if end.group("rest"):
        data["ket_thuc"] = end.group("rest")
    data["noi_dung"] = nodes
    return None


def _signed_name(line: str, signed: Optional[str]) -> Optional[tuple]:
    """(name, position) of a "Chủ tọa: ..." line's words (``line``) where the name is the one
    ``signed`` under the signature: a name may hold ", " as a position follows one."""
    if signed is None:
        return None
    if _unescaped(line) == signed:
        return line, None
    for cut in (m.start() for m in re.finditer(", ", line)):
        if _unescaped(line[:cut]) == signed:
            return line[:cut], line[cut + 2:]
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

_INVITATION = re.compile(r"^(?P<host>.+?) trân trọng kính mời:(?: \*\*(?P<who>.+?)\*\*(?P<tail>(?:\\\*)*))?$",
                         re.DOTALL)
"""The invitation sentence; the one invited in bold, as vanban writes it ("**<kinh_moi>**": an
asterisk ending the name stands after the bold)."""
_EVENT = re.compile(r"^Tới dự (?P<event>.+)$", re.DOTALL)
_CHAIR = re.compile(r"^Chủ trì: (?P<chair>.+)\.$", re.DOTALL)
_WHEN = re.compile(rf"^Thời gian: {_CLOCK.format('s')}, (?P<weekday>thứ \w+|Chủ nhật), ngày (?P<sd>\d{{2}})/"
                   r"(?P<smo>\d{1,2})/(?P<sy>\d{4})(?: đến (?P<until>.+))?\.$", re.DOTALL)
BRING_LINE = "Đề nghị mang theo:"


def _invitation(data: dict, reader) -> Optional[str]:
    from .schemas.giay_moi import WEEKDAYS

    nodes = _flat(data)
    data["noi_dung"] = nodes

    take = _taker(nodes)

    _opening_before(data, nodes, _INVITATION)
    invitation = take(_INVITATION)
    if not invitation:
        return "không thấy câu '... trân trọng kính mời: ...'"
    fields: dict = {"ben_moi": invitation.group("host")}
    if invitation.group("who"):
        fields["kinh_moi"] = _unescaped(invitation.group("who") + invitation.group("tail"))
    else:
        invited = _leading_bullets(nodes)
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
        bring = _leading_bullets(nodes)
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
    path = _last_path(nodes, _is_timetable)
    if path is None:
        return "không thấy bảng Thời gian | Nội dung | Người thực hiện"
    container, index = path[-1]
    table = container[index]
    # what follows the timetable, in the order of the page: it may have been read under the last
    # heading before the table; it comes back to the top (sau_bang), unless it holds headings,
    # which would be numbered at another level there
    after = []
    for depth, (holder, position) in reversed(list(enumerate(path))):
        following = holder[position + 1:]
        if depth and any(isinstance(n, dict) and {"tieu_de", "doan_so", "phan"} & n.keys() for n in following):
            return "bảng chương trình nằm trong một mục có mục con sau nó"
        after += following
        del holder[position + 1:]
    del container[index]
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


def _last_path(nodes: list, test: Callable[[Any], bool]) -> Optional[list]:
    """Where the last node passing ``test`` stands, in the order of the page: the (list, index) of
    it and of each node holding it, from the top."""
    for index in range(len(nodes) - 1, -1, -1):
        node = nodes[index]
        if test(node):
            return [(nodes, index)]
        if isinstance(node, dict) and isinstance(node.get("noi_dung"), list):
            inner = _last_path(node["noi_dung"], test)
            if inner is not None:
                return [(nodes, index), *inner]
    return None


# --- what vanban computes inside the body: results tables, figures --------------------------------------


def _computed_nodes(value, reader, figures: bool) -> Any:
    """Tables of indicators and a report's figures, read back into the values vanban computes
    their words from (in place)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _computed_nodes(item, reader, figures)
        return value
    if not isinstance(value, dict):
        return value
    if "cot" in value and "dong" in value:
        return _results_table(value, reader) or value
    if figures and set(value) == {"y"}:
        return _figure(value["y"]) or value
    for key, item in value.items():
        if isinstance(item, (list, dict)):
            value[key] = _computed_nodes(item, reader, figures)
    return value


def _results_table(table: dict, reader) -> Optional[dict]:
    """vanban's table of indicators (TT, Chỉ tiêu, Đơn vị tính, Kế hoạch, Thực hiện, Tỷ lệ so
    với kế hoạch, So với cùng kỳ), when the page holds every value of it: the same-period figure
    is not written (only its ratio), so a table that shows one stays a table of its words."""
    from ._tables import RESULTS_HEADER, _cell_percent

    if not (table.get("stt") and table.get("ten_cot_stt") == RESULTS_HEADER[0]
            and [c if isinstance(c, str) else c.get("ten") for c in table["cot"]] == list(RESULTS_HEADER[1:])
            and set(table) <= {"cot", "dong", "stt", "ten_cot_stt", "ten_bang"}):
        return None
    rows = []
    for row in table["dong"]:
        if not isinstance(row, list):
            return None
        name, unit, target, achieved, ratio, same = [_cell(c) if not isinstance(c, Decimal) else c for c in row]
        if any(v is False for v in (name, unit, ratio, same)) or name is None \
                or any(v is not None and not isinstance(v, Decimal) for v in (target, achieved)):
            return None
        if same is not None:
            reader.guess(("noi_dung",), "bảng chỉ tiêu có cột 'So với cùng kỳ': trang chỉ ghi tỷ lệ, không ghi số "
                         "cùng kỳ, nên bảng được ghi thành bảng thường (cot, dong) với đúng các chữ của nó")
            return None
        if (ratio or "") != _cell_percent(achieved, target):
            return None
        indicator = {"chi_tieu": name, "don_vi_tinh": unit, "ke_hoach": target, "thuc_hien": achieved}
        rows.append({k: v for k, v in indicator.items() if v is not None})
    out = {"bang": rows}
    if table.get("ten_bang"):
        out = {"tieu_de_bang": table["ten_bang"], **out}
    return out if rows else None


_FIGURE = re.compile(r"^(?P<label>.+): (?P<number>\d{1,3}(?:\.\d{3})*)(?: (?P<unit>[^()]+?))?"
                     r"(?: \((?P<words>[^()]+)\))?\.$", re.DOTALL)


def _figure(text: str) -> Optional[dict]:
    """A report's figure ("Tổng kinh phí: 1.200.000.000 đồng (Một tỷ hai trăm triệu đồng).") when
    vanban would write exactly that line from it."""
    from ._display import figure_text
    from .schemas.body import Figure

    found = _FIGURE.match(text)
    if not found:
        return None
    figure = {"so_lieu": found.group("label"), "gia_tri": Decimal(found.group("number").replace(".", ""))}
    if found.group("unit"):
        figure["don_vi"] = found.group("unit")
    if found.group("words"):
        figure["bang_chu"] = True
    model = _model(Figure, figure)
    return figure if model is not None and figure_text(model) == text else None


# --- Kế hoạch, Hướng dẫn, Báo cáo: their named parts, under the headings vanban gives them ----------------
# A part comes back only under the heading vanban writes for it, where vanban puts it; a part
# given its own title (tieu_de) reads as a heading of the outline, which is the same page.


def _heading(node, *titles: str) -> bool:
    return isinstance(node, dict) and "tieu_de" in node and node["tieu_de"] in titles


def _children(node) -> list:
    return list(node.get("noi_dung", []))


def _bullet_part(children: list) -> list:
    """A Mục đích's items as written: a "- " item a string, a paragraph {doan: ...}."""
    out = []
    for child in children:
        if isinstance(child, dict) and set(child) == {"y"}:
            out.append(child["y"])
        elif isinstance(child, str):
            out.append({"doan": child})
        else:
            out.append(child)
    return out


def _purposes(data: dict, nodes: list) -> None:
    if not nodes or not _heading(nodes[0], "MỤC ĐÍCH, YÊU CẦU", "MỤC ĐÍCH", "YÊU CẦU") or not _children(nodes[0]):
        return
    first = nodes.pop(0)
    children = _children(first)
    if first["tieu_de"] == "MỤC ĐÍCH":
        data["muc_dich"] = _bullet_part(children)
    elif first["tieu_de"] == "YÊU CẦU":
        data["yeu_cau"] = _bullet_part(children)
    elif len(children) == 2 and _heading(children[0], "Mục đích") and _heading(children[1], "Yêu cầu") \
            and _children(children[0]) and _children(children[1]):
        data["muc_dich"] = _bullet_part(_children(children[0]))
        data["yeu_cau"] = _bullet_part(_children(children[1]))
    else:
        data["muc_dich_yeu_cau"] = _bullet_part(children)


_DEADLINE = re.compile(r"^Thời hạn hoàn thành: (?P<deadline>.+)\.$", re.DOTALL)


def _assignments(data: dict, nodes: list) -> None:
    """Tổ chức thực hiện: each sub-heading a unit and its tasks (its last line "Thời hạn hoàn
    thành: ..." the deadline), the paragraphs after the last unit's deadline the reporting."""
    if not nodes or not _heading(nodes[-1], "TỔ CHỨC THỰC HIỆN") or not _children(nodes[-1]):
        return
    children = _children(nodes.pop())
    items, reporting = [], []
    for position, child in enumerate(children):
        if not (isinstance(child, dict) and "tieu_de" in child and _children(child)):
            items.append(child)
            continue
        tasks = _children(child)
        unit: dict = {"don_vi": child["tieu_de"]}
        deadline = next((i for i, t in enumerate(tasks) if isinstance(t, str) and _DEADLINE.match(t)), None)
        if deadline is not None and deadline > 0 and all(isinstance(t, str) for t in tasks[deadline + 1:]) \
                and (deadline == len(tasks) - 1 or position == len(children) - 1):
            unit["thoi_han"] = _DEADLINE.match(tasks[deadline]).group("deadline")
            reporting = tasks[deadline + 1:]
            tasks = tasks[:deadline]
        unit["nhiem_vu"] = tasks
        items.append(unit)
    data["to_chuc_thuc_hien"] = items
    if reporting:
        data["che_do_bao_cao"] = reporting


def _timeline_and_budget(data: dict, nodes: list) -> None:
    if nodes and _heading(nodes[-1], "KINH PHÍ") and _children(nodes[-1]) \
            and all(isinstance(c, str) for c in _children(nodes[-1])):
        data["kinh_phi"] = _children(nodes.pop())
    if nodes and _heading(nodes[-1], "TIẾN ĐỘ THỰC HIỆN") and _children(nodes[-1]) \
            and all(_bullet(c) and ": " in c["y"] for c in _children(nodes[-1])):
        data["tien_do"] = [dict(zip(("thoi_gian", "cong_viec"), c["y"].split(": ", 1)))
                           for c in _children(nodes.pop())]


def _planning(data: dict, reader) -> Optional[str]:
    nodes = data.get("noi_dung", [])
    if any(isinstance(n, dict) and "phan" in n for n in nodes):
        return None  # a document in parts: its outline as it is
    _purposes(data, nodes)
    if data["loai"] == "huong-dan" and nodes and _heading(nodes[0], "ĐỐI TƯỢNG") and _children(nodes[0]):
        data["doi_tuong"] = _children(nodes.pop(0))
    _assignments(data, nodes)
    if data["loai"] == "ke-hoach":
        _timeline_and_budget(data, nodes)
    if data["loai"] == "huong-dan" and nodes and _heading(nodes[-1], "ĐÁNH GIÁ, CÔNG NHẬN") and _children(nodes[-1]):
        data["danh_gia"] = _children(nodes.pop())
    _written_closing(data)
    return None


def _period(words: str, data: dict) -> str:
    """A report's period, written in capitals in its heading: as the title spells it, else in small
    letters (a Roman numeral, "khóa XI", stays)."""
    title = " ".join(str(data.get("trich_yeu", "")).split())
    at = title.upper().find(words)
    if at >= 0 and len(title.upper()) == len(title):
        return title[at:at + len(words)]
    return " ".join(w if re.fullmatch(r"[IVXLC]+", w) else w.lower() for w in words.split(" "))


def _report(data: dict, reader) -> Optional[str]:
    nodes = data.get("noi_dung", [])
    if any(isinstance(n, dict) and "phan" in n for n in nodes):
        return None
    if nodes and _heading(nodes[0], "ĐẶC ĐIỂM TÌNH HÌNH"):
        children = _children(nodes[0])
        found = {}
        for title, key in (("Khó khăn", "kho_khan"), ("Thuận lợi", "thuan_loi")):
            if children and _heading(children[-1], title) and _children(children[-1]):
                found[key] = _children(children.pop())
        if children or found:
            nodes.pop(0)
            data.update(found)
            if children:
                data["dac_diem_tinh_hinh"] = children
    if nodes and isinstance(nodes[0], dict) and str(nodes[0].get("tieu_de", "")).startswith("KẾT QUẢ THỰC HIỆN") \
            and _children(nodes[0]):
        suffix = nodes[0]["tieu_de"][len("KẾT QUẢ THỰC HIỆN"):]
        if suffix == "" or suffix.startswith(" "):
            if suffix:
                data["ky_bao_cao"] = _period(suffix.strip(), data)
            data["ket_qua"] = _children(nodes.pop(0))
    if nodes and _heading(nodes[-1], "ĐỀ XUẤT, KIẾN NGHỊ") and _children(nodes[-1]):
        data["de_xuat"] = _children(nodes.pop())
    if nodes and isinstance(nodes[-1], dict) and str(nodes[-1].get("tieu_de", "")).startswith("PHƯƠNG HƯỚNG, NHIỆM VỤ") \
            and _children(nodes[-1]):
        suffix = nodes[-1]["tieu_de"][len("PHƯƠNG HƯỚNG, NHIỆM VỤ"):]
        if suffix == "" or suffix.startswith(" "):
            if suffix:
                data["ky_toi"] = _period(suffix.strip(), data)
            data["phuong_huong"] = _children(nodes.pop())
    if nodes and _heading(nodes[-1], "ĐÁNH GIÁ CHUNG") and _children(nodes[-1]):
        assessment = _assessment(_children(nodes[-1]))
        if assessment is not None:
            nodes.pop()
            data.update(assessment)
    if not nodes:
        data.pop("noi_dung", None)
    _written_closing(data)
    return None


def _assessment(children: list) -> Optional[dict]:
    """Đánh giá chung: only its named sub-parts, in their order."""
    out: dict = {}
    order = [("Ưu điểm", "uu_diem"), ("Hạn chế, tồn tại", "han_che"), ("Nguyên nhân", None),
             ("Bài học kinh nghiệm", "bai_hoc")]
    position = 0
    for child in children:
        while position < len(order) and not _heading(child, order[position][0]):
            position += 1
        if position == len(order) or not _children(child):
            return None
        title, key = order[position]
        position += 1
        if key:
            out[key] = _children(child)
            continue
        causes = _children(child)
        for cause_title, cause_key in (("Nguyên nhân khách quan", "nguyen_nhan_khach_quan"),
                                       ("Nguyên nhân chủ quan", "nguyen_nhan_chu_quan")):
            if causes and _heading(causes[0], cause_title) and _children(causes[0]):
                out[cause_key] = _children(causes.pop(0))
        if causes:
            return None
    return out


def _written_closing(data: dict) -> None:
    """The closing sentence vanban writes when none is given ("Trên đây là Kế hoạch ..."): none given."""
    closing = data.get("ket_thuc")
    if not isinstance(closing, str) or closing == "khong":
        return
    title = " ".join(str(data.get("trich_yeu", "")).split())
    if not title:
        return
    first = title.split()[0]
    if first[1:] == first[1:].lower():
        title = title[:1].lower() + title[1:]
    if closing == f"Trên đây là {_PLANNING_NAMES[data['loai']]} {title}":
        del data["ket_thuc"]


_PLANNING_NAMES = {"ke-hoach": "Kế hoạch", "huong-dan": "Hướng dẫn", "bao-cao": "Báo cáo"}


# --- Thông báo, Tờ trình: the shared outline is their own ---------------------------------------------

_SHAPERS: dict[str, Callable[[dict, Any], Optional[str]]] = {
    "quyet-dinh": _decision, "nghi-quyet": _decision, "bien-ban": _minutes, "giay-moi": _invitation,
    "chuong-trinh": _programme, "ke-hoach": _planning, "huong-dan": _planning, "bao-cao": _report,
}
