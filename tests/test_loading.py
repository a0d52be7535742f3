"""Reading YAML/JSON: Vietnamese aliases, NFC, and clear Vietnamese errors."""

import json
import unicodedata

import pytest

import vanban
from vanban import InputError, KeHoach

from helpers import EXAMPLES, MINIMAL




def write(tmp_path, text, name="doc.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(error):
    return [str(p) for p in error.value.problems]


def test_vietnamese_and_english_field_names_give_the_same_document(tmp_path):
    from_yaml = vanban.load(write(tmp_path, MINIMAL))
    english = KeHoach(
        issuer={"name": "BCH Đoàn xã Mỹ Long Nam", "code": "ĐTN"},
        number=7, place="Mỹ Long Nam", date="2021-02-03", title="Tổ chức Tháng Thanh niên",
        purposes=["Phát huy vai trò xung kích"],
        content=[{"title": "Nội dung", "children": ["Đoạn văn."]}],
        assignments=[{"unit": "Các chi đoàn", "tasks": [{"bullet": "Thực hiện"}]}],
        recipients=["Các chi đoàn"], signer={"position": "Bí thư", "name": "Nguyễn Văn A"},
    )
    assert from_yaml == english


def test_json_input_is_accepted(tmp_path):
    import yaml

    data = yaml.safe_load(MINIMAL)
    data["ngay"] = "2021-02-03"
    path = write(tmp_path, json.dumps(data, ensure_ascii=False), "doc.json")
    assert vanban.load(path).number == 7


def test_all_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", MINIMAL)
    document = vanban.load(write(tmp_path, decomposed))
    assert document.title == "Tổ chức Tháng Thanh niên"
    assert document.issuer.name == ["BCH Đoàn xã Mỹ Long Nam"]


def test_number_with_leading_zero_is_decimal_not_octal(tmp_path):
    document = vanban.load(write(tmp_path, MINIMAL.replace("so: 7", "so: 010")))
    assert document.number == 10


@pytest.mark.parametrize("written", ["x", "'114a'", "0", "true", "-3", "1.5", "[7]"])
def test_a_number_neither_whole_and_positive_nor_khong_is_one_message_naming_both_forms(tmp_path, written):
    """Neither 0 nor true is read as a number or as 'no number line': both are said back."""
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace("so: 7", f"so: {written}")))
    (problem,) = error.value.problems
    assert problem.location.startswith("so, dòng 5")
    assert "số nguyên dương" in problem.message and "'khong'" in problem.message


@pytest.mark.parametrize("written", ["x", "'2a'", "0", "1.5", "-1"])
def test_a_draft_mark_neither_true_false_nor_a_draft_number_is_one_message_naming_both(tmp_path, written):
    """0 is neither 'not a draft' nor a draft number: it is said back, not read as false."""
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace("so: 7", f"so: 7\ndu_thao: {written}")))
    (problem,) = error.value.problems
    assert problem.location.startswith("du_thao, dòng 6, cột 10")
    assert "true" in problem.message and "false" in problem.message and "số nguyên dương" in problem.message


@pytest.mark.parametrize("written, draft", [("true", True), ("false", False), ("2", 2), ("'2'", 2), ("'1'", 1)])
def test_a_draft_mark_is_true_false_or_which_draft(tmp_path, written, draft):
    read = vanban.load(write(tmp_path, MINIMAL.replace("so: 7", f"so: 7\ndu_thao: {written}"))).draft
    assert (read, type(read)) == (draft, type(draft))


def test_a_value_fitting_no_form_of_a_field_with_two_is_one_message_naming_both(tmp_path):
    """kinh_moi takes a text or a list of texts: one place, one problem, both forms named."""
    text = vanban.GiayMoi.starter_yaml()
    line = next(l for l in text.splitlines() if l.startswith("kinh_moi:"))
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text.replace(line, "kinh_moi: {a: 1}")))
    (problem,) = error.value.problems
    assert problem.location.startswith("kinh_moi, dòng")
    assert "(1) cần một đoạn chữ; (2) cần một danh sách" in problem.message


def test_two_mistakes_in_one_place_stay_two_problems(tmp_path):
    text = MINIMAL.replace("so: 7", "so: 7\ndu_thao: x").replace("ngay: 2021-02-03", "ngay: 2021-02-31")
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text))
    assert sorted(p.location.split(",")[0] for p in error.value.problems) == ["du_thao", "ngay"]


@pytest.mark.parametrize("written, number", [("'114'", 114), ("khong", False), ("không", False), ("", None)])
def test_a_number_as_text_khong_or_nothing_is_read(tmp_path, written, number):
    read = vanban.load(write(tmp_path, MINIMAL.replace("so: 7", f"so: {written}"))).number
    assert (read, type(read)) == (number, type(number))


def test_yes_and_no_stay_text(tmp_path):
    document = vanban.load(write(tmp_path, MINIMAL.replace("dia_danh: Mỹ Long Nam", "dia_danh: yes")))
    assert document.place == "yes"


def test_yaml_syntax_error_names_line_and_column(tmp_path):
    broken = MINIMAL.replace("so: 7", "so: 7\n  bad: [")
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, broken))
    assert "dòng 6" in str(error.value) and "cột" in str(error.value)
    assert "YAML" in str(error.value)


def test_duplicate_keys_are_an_error_not_silently_dropped(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL + "so: 8\n"))
    assert "hai lần" in str(error.value)


def test_all_missing_fields_are_reported_at_once(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, "loai: ke-hoach\n"))
    text = str(error.value)
    for name in ("co_quan_ban_hanh", "trich_yeu"):
        assert f"'{name}'" in text
    assert len(error.value.problems) >= 2


@pytest.mark.parametrize("typo, suggestion", [("noi_nhnan", "noi_nhan"), ("recipent", "recipients")])
def test_unknown_field_suggests_the_closest_name(tmp_path, typo, suggestion):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL + f"{typo}: [x]\n"))
    assert f"'{suggestion}'" in str(error.value)


def test_errors_name_the_field_path_and_line(tmp_path):
    bad = MINIMAL.replace("noi_dung: [Đoạn văn.]", "noi_dung: [{y: '- Gạch tay'}]")
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, bad))
    (problem,) = error.value.problems
    assert problem.location.startswith("noi_dung[0].noi_dung[0].y, dòng 12")
    assert "gạch đầu dòng" in problem.message


@pytest.mark.parametrize(
    "old, new, words",
    [
        ("so: 7", "so: -3", "số nguyên dương"),
        ("so: 7", "so: abc", "số nguyên"),
        ("ngay: 2021-02-03", "ngay: 31/02/2021", "31/02/2021"),
        ("ngay: 2021-02-03", "ngay: 2021-13-01", "2021-13-01"),
        ("trich_yeu: Tổ chức Tháng Thanh niên", "trich_yeu: ''", "Không được để trống"),
        ("nguoi_ky: {chuc_vu", "nguoi_ky: {tham_quyen: TUQ, thay_mat: X, chuc_vu", "TM., KT., TL., Q."),
        ("tieu_de: Nội dung", "tieu_de: II. Nội dung", "tự đánh số"),
        ("noi_nhan: [Các chi đoàn]", "noi_nhan: [Các chi đoàn;]", "';'"),
        ("ky_hieu: ĐTN", "ky_hieu: Đtn", "IN HOA"),
    ],
)
def test_bad_values_get_a_vietnamese_message(tmp_path, old, new, words):
    assert old in MINIMAL
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace(old, new)))
    assert words in str(error.value)


def test_control_characters_are_refused_with_the_field_named(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.parse({**__import__("yaml").safe_load(MINIMAL), "trich_yeu": "Tổ chức\x07"})
    assert "trich_yeu" in str(error.value) and "U+0007" in str(error.value)


def test_missing_type_says_how_to_add_it(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace("loai: ke-hoach\n", "")))
    assert "loai: ke-hoach" in str(error.value)


def test_unknown_type_lists_the_known_ones(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace("loai: ke-hoach", "loai: ke-hoach-x")))
    assert "ke-hoach" in str(error.value) and "vanban types" in str(error.value)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(tmp_path / "khong-co.yaml")
    assert "không tìm thấy tệp" in str(error.value)


def test_json_schema_speaks_vietnamese_in_keys_titles_and_descriptions():
    schema = KeHoach.json_schema()
    assert schema["properties"]["noi_nhan"]["title"] == "Nơi nhận"
    assert "vanban" in schema["properties"]["noi_nhan"]["description"]
    assert schema["$defs"]["Signer"]["properties"]["tham_quyen"]["title"] == "Thẩm quyền ký"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_is_valid_against_its_json_schema(path):
    import jsonschema
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=vanban._loading._StrictLoader)
    model = vanban.get_document_type(data["loai"])
    jsonschema.validate(data, model.json_schema())


def test_the_json_schema_rejects_what_vanban_rejects():
    import jsonschema
    import yaml

    data = yaml.load((EXAMPLES / "ke_hoach_114.yaml").read_text(encoding="utf-8"),
                     Loader=vanban._loading._StrictLoader)
    data["noi_nhnan"] = data.pop("noi_nhan")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, KeHoach.json_schema())


def test_flagship_example_loads():
    plan = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    assert plan.number == 114 and len(plan.recipients) == 8


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_example_survives_a_round_trip_through_json(path):
    document = vanban.load(path)
    assert type(document).model_validate_json(document.model_dump_json()) == document
    assert vanban.parse(json.loads(document.model_dump_json(by_alias=False))) == document


def test_decimal_amounts_survive_a_round_trip_through_json_in_the_form_staff_type():
    text = MINIMAL.replace("    noi_dung: [Đoạn văn.]", """    noi_dung:
      - cot: [Nội dung, {ten: Tỷ lệ, kieu: so, cong: true}]
        dong_tong: Cộng
        dong: [[Một, "12,5"], [Hai, 1200000], [Ba, "0,0625"]]""")
    plan = vanban.parse(__import__("yaml").safe_load(text))
    dumped = plan.model_dump_json()
    assert '"12,5"' in dumped and "1200000" in dumped and "12.5" not in dumped
    assert KeHoach.model_validate_json(dumped) == plan


def test_a_hash_inside_text_is_not_silently_taken_as_a_comment(tmp_path):
    text = MINIMAL.replace("trich_yeu: Tổ chức Tháng Thanh niên", "trich_yeu: Phấn đấu đạt giải #1 toàn tỉnh")
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text))
    assert "'#1 toàn tỉnh'" in str(error.value) and "ngoặc kép" in str(error.value)
    assert vanban.load(write(tmp_path, MINIMAL.replace("so: 7", "so: 7  # ghi chú"))).number == 7


def test_decimal_looking_text_is_kept_as_typed(tmp_path):
    document = vanban.load(write(tmp_path, MINIMAL.replace("dia_danh: Mỹ Long Nam", "dia_danh: 15.10")))
    assert document.place == "15.10"


@pytest.mark.parametrize(
    "text, words",
    [("? [a, b]\n: 1\n", "Tên trường phải là một chữ"), ("loai: ke-hoach\n" + "x: " + "[" * 2000, "")],
)
def test_odd_yaml_is_an_input_error_not_a_crash(tmp_path, text, words):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text))
    assert words in str(error.value)


def test_a_folder_instead_of_a_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(tmp_path)
    assert "thư mục" in str(error.value)


def test_deep_nesting_is_refused_with_a_message(tmp_path):
    deep = "loai: ke-hoach\nnoi_dung:\n" + "".join(
        "  " * i + "- tieu_de: a\n" + "  " * i + "  noi_dung:\n" for i in range(1, 600)
    )
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, deep))
    assert "quá sâu" in str(error.value)


# --- YAML syntax errors: the line at fault, the column, and what to change --------------------


def with_line(number: int, new: str, text: str = MINIMAL) -> str:
    """``text`` with its line ``number`` (1-based) replaced by ``new`` (which may be several lines)."""
    lines = text.splitlines()
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


SIXTY_FOUR_LINES = (MINIMAL + "".join(f"# ghi chú {n}\n" for n in range(18, 27)) + 'ghi_chu: "chưa đóng\n'
                    + "".join(f"# ghi chú {n}\n" for n in range(28, 65)))

# (case, input, line and column at fault, words of the advice). PyYAML notices many of these
# later than the mistake: a missing ':' on the next line, a quote left open at the end of the
# file or at the next quote, '-y:' at the next item, a quote inside quotes as an indentation.
YAML_MISTAKES = [
    ("colon-missing-before-a-list", with_line(10, "noi_dung"), (10, 9), ["'noi_dung'", "'noi_dung: ...'"]),
    ("colon-missing-before-a-value", with_line(6, "dia_danh Mỹ Long Nam"), (6, 9), ["'dia_danh: ...'"]),
    ("colon-missing-in-a-group", with_line(3, "  ten BCH Đoàn xã Mỹ Long Nam"), (3, 6), ["'ten: ...'"]),
    ("colon-missing-on-the-last-line", with_line(17, "nguoi_ky Nguyễn Văn A"), (17, 9), ["'nguoi_ky: ...'"]),
    ("quote-left-open-in-a-64-line-file", SIXTY_FOUR_LINES, (27, 10), ["không được đóng", "hết tệp"]),
    ("quote-left-open-until-the-next-quote",
     with_line(16, 'noi_nhan: ["Các chi đoàn"]', with_line(8, 'trich_yeu: "Tổ chức Tháng Thanh niên')),
     (8, 12), ["không được đóng", "dòng 16"]),
    ("single-quote-left-open", with_line(8, "trich_yeu: 'Tổ chức Tháng Thanh niên"), (8, 12), ["nháy đơn"]),
    ("dash-without-space-first-item",
     with_line(15, "    nhiem_vu:\n      -y: Thực hiện\n      - y: Báo cáo"), (16, 8), ["thiếu dấu cách", "'- y: Thực hiện'"]),
    ("dash-without-space-last-item",
     with_line(15, "    nhiem_vu:\n      - y: Thực hiện\n      -y: Báo cáo"), (17, 8), ["thiếu dấu cách", "'- y: Báo cáo'"]),
    ("dash-without-space-only-item", with_line(15, "    nhiem_vu:\n      -y: Thực hiện"), (16, 7), ["'- y'"]),
    ("quotes-inside-double-quotes", with_line(8, 'trich_yeu: "Về việc "Tháng Thanh niên" năm 2021"'), (8, 21),
     ['\\"', "nháy đơn"]),
    ("quotes-inside-single-quotes", with_line(8, "trich_yeu: 'Về việc 'Tháng' năm 2021'"), (8, 21), ["''"]),
    ("quotes-inside-quotes-in-a-list", with_line(16, 'noi_nhan: ["Chi đoàn "12A1"", VP]'), (16, 22), ['\\"']),
    ("word-smart-quotes", with_line(8, "trich_yeu: “Kế hoạch: Tháng Thanh niên”"), (8, 21),
     ["“ ”", "ngoặc kép thẳng"]),
    ("colon-inside-text", with_line(8, "trich_yeu: Kế hoạch: Tháng Thanh niên"), (8, 20), ['trich_yeu: "..."']),
    ("indented-too-deep", with_line(4, "    ky_hieu: ĐTN"), (4, 5), ["sâu hơn dòng 3"]),
    ("indented-too-little", with_line(4, " ky_hieu: ĐTN"), (4, 2), ["thụt lề 1 dấu cách", "dòng 3 thụt 2"]),
    ("tab-indent", with_line(4, "\tky_hieu: ĐTN"), (4, 1), ["Tab", "dấu cách"]),
    ("list-item-without-its-dash", with_line(9, "muc_dich:\n  - Phát huy vai trò\n  Tham gia\n  - Học tập"),
     (11, 3), ["không bắt đầu bằng '- '"]),
    ("field-aligned-with-the-dash", with_line(12, "  noi_dung: [Đoạn văn.]"), (12, 3),
     ["thẳng hàng với gạch đầu dòng", "4 dấu cách"]),
    ("bracket-left-open", with_line(16, "noi_nhan: [Các chi đoàn"), (16, 11), ["'['", "']'"]),
    ("text-starting-with-a-bracket", with_line(8, "trich_yeu: [Dự thảo] Kế hoạch"), (8, 22), ["ngoặc kép"]),
    ("text-starting-with-at", with_line(8, "trich_yeu: @Tổ chức"), (8, 12), ["'@'", "ngoặc kép"]),
    ("text-starting-with-a-star", with_line(8, "trich_yeu: *Tổ chức"), (8, 12), ["'*'", "ngoặc kép"]),
    ("a-dash-after-a-key", with_line(9, "muc_dich: - Phát huy"), (9, 11), ["xuống dòng"]),
    ("key-written-twice", MINIMAL + "so: 8\n", (18, 1), ["'so'", "lần đầu ở dòng 5"]),
    ("list-item-under-a-field-with-its-text", with_line(6, "dia_danh: Mỹ Long Nam\n- Xã Long Hòa"), (7, 1),
     ["'dia_danh' ở dòng 6", "để trống phần sau 'dia_danh:'", "kể cả 'Mỹ Long Nam'"]),
    ("list-item-joined-to-the-text-above", with_line(6, "dia_danh: Mỹ Long Nam\n  - Xã Long Hòa"), (7, 3),
     ["nối nó vào chữ 'Mỹ Long Nam' ở dòng 6", "kể cả 'Mỹ Long Nam'", "ngoặc kép"]),
    ("list-item-under-a-field-with-its-text-and-a-comment",
     with_line(6, "dia_danh: Mỹ Long Nam  # xã\n  - Xã Long Hòa"), (7, 3),
     ["'dia_danh' ở dòng 6", "để trống phần sau 'dia_danh:'", "kể cả 'Mỹ Long Nam'"]),
    ("word-smart-quotes-around-a-list-item", with_line(9, "muc_dich:\n  - “Phát huy: vai trò”"), (10, 14),
     ["“ ”", "ngoặc kép thẳng"]),
    ("hash-eating-the-rest", with_line(8, "trich_yeu: Đạt giải #1 toàn tỉnh"), (8, 21), ["'#1 toàn tỉnh'", "ngoặc kép"]),
]


@pytest.mark.parametrize("text, place, words", [c[1:] for c in YAML_MISTAKES], ids=[c[0] for c in YAML_MISTAKES])
def test_a_yaml_mistake_is_shown_on_its_own_line_with_a_caret_and_what_to_change(tmp_path, text, place, words):
    line, column = place
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text))
    (problem,) = error.value.problems
    assert problem.location == f"dòng {line}, cột {column}", str(problem)
    for word in words:
        assert word in problem.message, (word, str(problem))
    assert "thông báo gốc" not in problem.message
    shown, caret = problem.message.splitlines()[-2:]
    number, _, shown_text = shown.strip().partition(" | ")
    assert number == str(line)
    assert shown_text == text.splitlines()[line - 1].replace("\t", " ")
    assert caret.index("^") - (shown.index(" | ") + 3) == column - 1


def test_a_field_that_should_not_be_there_is_named_on_its_own_line_not_where_its_value_starts(tmp_path):
    text = MINIMAL + "kem_thep:\n  - Danh sách\n"
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, text))
    (problem,) = error.value.problems
    assert problem.location == "kem_thep, dòng 18, cột 1"


def test_a_mistyped_key_of_a_body_item_is_the_one_problem_said(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, MINIMAL.replace("noi_dung: [Đoạn văn.]", "noi_dung: [{yy: Thực hiện}]")))
    (problem,) = error.value.problems
    assert problem.location.startswith("noi_dung[0].noi_dung[0].yy, dòng 12")
    assert "Có phải ý bạn là 'y'?" in problem.message


def test_a_list_written_in_place_of_text_is_still_read_as_a_list(tmp_path):
    block = vanban.load(write(tmp_path, with_line(9, "muc_dich:\n  - Phát huy vai trò\n  - Học tập")))
    flow = vanban.load(write(tmp_path, with_line(9, "muc_dich: [Phát huy vai trò, Học tập]"), "flow.yaml"))
    assert block == flow


def test_a_long_line_is_shown_around_the_column_with_the_caret_under_it(tmp_path):
    text = "Đoàn viên thanh niên " * 10 + "ghi: chú " + "tích cực " * 10
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, with_line(8, f"trich_yeu: {text}")))
    shown, caret = error.value.problems[0].message.splitlines()[-2:]
    assert shown.count("…") == 2 and len(shown) < 100
    assert shown[caret.index("^")] == ":"


def test_the_caret_stands_under_wide_characters_as_a_terminal_shows_them(tmp_path):
    with pytest.raises(InputError) as error:
        vanban.load(write(tmp_path, with_line(8, "trich_yeu: 中文中文: x")))
    shown, caret = error.value.problems[0].message.splitlines()[-2:]
    assert caret.index("^") == shown.rindex(":") + 4  # four characters two columns wide before it


def test_the_command_prints_the_line_and_the_caret_under_the_message(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import main

    source = write(tmp_path, with_line(6, "dia_danh Mỹ Long Nam"))
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "kh.docx")])
    assert result.exit_code == 1
    assert "dòng 6, cột 9: Lỗi cú pháp YAML: thiếu dấu ':' sau tên trường 'dia_danh'" in result.output
    assert "    6 | dia_danh Mỹ Long Nam\n      |         ^" in result.output


# --- libyaml and the Python loader: the same data, the same places -----------------------------

from vanban import _loading  # noqa: E402
from helpers import billion_laughs  # noqa: E402

needs_libyaml = pytest.mark.skipif(_loading._CStrictLoader is None, reason="PyYAML without libyaml")

ODD_BUT_VALID = [
    "a: Hồ Chí 😀 x # ghi chú\nb: [1, 2, {c: d}]\n",
    "a: b\r\nc: 'x\r\n  y'\r\n",
    "c: |\n  dòng một\n  dòng hai\nd: >-\n  gấp\n  lại\n",
    "a: x\x85b: y\n",
    "'😀😀': \"é\\u00e9\\t\"\n? khóa\n: giá trị\n",
    "- a\n-  b: c\n   d: 😀 e\n-\n- - x\n  - y\n",
    "so: 010\nco: yes\nkhong: No\nthap_phan: 15.10\nngay: 2021-13-01\nthat: true\nrong:\n",
    "a: &x [Phát huy]\nb: *x\nc: &y {k: v}\nd: *y\n",
]


def node_places(node) -> list:
    """Every node of a tree with its kind, tag, value, style and start and end line and column."""
    out, stack = [], [node]
    while stack:
        current = stack.pop()
        value = current.value if isinstance(current.value, str) else None
        out.append((type(current).__name__, current.tag, value, getattr(current, "style", None) or None,
                    current.start_mark.line, current.start_mark.column,
                    current.end_mark.line, current.end_mark.column))
        if isinstance(current.value, list):
            stack.extend(part for item in current.value
                         for part in (item if isinstance(item, tuple) else (item,)))
    return out


def yaml_texts() -> list:
    files = sorted(EXAMPLES.glob("**/*.yaml")) + sorted((EXAMPLES.parent / "vanban" / "starters").glob("*.yaml"))
    return [path.read_text(encoding="utf-8") for path in files] + [MINIMAL] + ODD_BUT_VALID


@needs_libyaml
def test_libyaml_and_the_python_loader_read_the_same_data_with_nodes_at_the_same_places(tmp_path):
    for text in yaml_texts():
        fast = _loading._read_with_libyaml(text)
        assert fast is not None, text[:60]
        data, node = _loading._read_with_python(text, tmp_path / "a.yaml")
        assert fast[0] == data and type(fast[0]) is type(data)
        assert node_places(fast[1]) == node_places(node)


def load_problems(path) -> list:
    with pytest.raises(InputError) as error:
        vanban.load(path)
    return [(p.location, p.message) for p in error.value.problems]


MORE_MISTAKES = [
    MINIMAL.replace("noi_nhan: [Các chi đoàn]", "noi_nhan: [&n Các chi đoàn" + ", *n" * 101 + "]"),
    MINIMAL + "lap: &a [1, *a]\n",
    MINIMAL.replace("muc_dich: [Phát huy vai trò xung kích]\n", "") + billion_laughs(),
    MINIMAL.replace("so: 7", "so: 7\x07"),
    MINIMAL.replace("so: 7", "so: 7\n---\nso: 8"),
    "loai: ke-hoach\nnoi_dung:\n" + "".join("  " * i + "- tieu_de: a\n" + "  " * i + "  noi_dung:\n"
                                            for i in range(1, 150)),
]


@needs_libyaml
def test_libyaml_reads_no_mistake_differently_from_the_python_loader(tmp_path):
    # a text libyaml reads is read as the Python loader reads it (the mistakes found after
    # reading, such as a '#' eating words, are found at the same places); any other is read
    # by the Python loader itself, whose errors vanban explains
    for text in [text for _, text, _, _ in YAML_MISTAKES] + MORE_MISTAKES:
        fast = _loading._read_with_libyaml(text)
        if fast is not None:
            data, node = _loading._read_with_python(text, tmp_path / "a.yaml")
            assert fast[0] == data and node_places(fast[1]) == node_places(node)


@needs_libyaml
def test_a_mistake_found_after_reading_is_told_the_same_with_and_without_libyaml(tmp_path, monkeypatch):
    texts = [with_line(8, "trich_yeu: Đạt giải #1 toàn tỉnh"), MINIMAL.replace("so: 7", "so: bảy"),
             MORE_MISTAKES[0]]
    paths = [write(tmp_path, text, f"{number}.yaml") for number, text in enumerate(texts)]
    told = [load_problems(path) for path in paths]
    monkeypatch.setattr(_loading, "_CStrictLoader", None)
    assert [load_problems(path) for path in paths] == told


def test_without_libyaml_documents_are_read_by_the_python_loader(tmp_path, monkeypatch):
    monkeypatch.setattr(_loading, "_CStrictLoader", None)
    assert vanban.load(EXAMPLES / "ke_hoach_114.yaml").number == 114
    assert _loading._read_with_libyaml(MINIMAL) is None


@needs_libyaml
def test_libyaml_is_never_given_nesting_deep_enough_to_overflow_its_stack():
    text = "loai: ke-hoach\nx: " + "[" * 20_000 + "]" * 20_000 + "\n"
    assert _loading._read_with_libyaml(text) is None  # libyaml itself crashes the process at 200,000


def test_a_value_fitting_no_member_of_a_union_of_plain_types_is_one_problem():
    """A plug-in's field of plain types (true/false or a number) is named once, as typed, not
    once per type with pydantic's type names in the place ('lan.bool', 'lan.int')."""
    from typing import Annotated, Union

    import pydantic

    from vanban._loading import translate

    class Form(pydantic.BaseModel):
        lan: Union[bool, Annotated[int, pydantic.Field(ge=1)]]

    with pytest.raises(pydantic.ValidationError) as raised:
        Form.model_validate({"lan": "x"})
    (problem,) = translate(raised.value).problems
    assert problem.location == "lan"
    assert problem.message.startswith("Không hợp với dạng nào: (1) cần true hoặc false; (2) ")
