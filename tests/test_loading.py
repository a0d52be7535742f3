"""Reading YAML/JSON: Vietnamese aliases, NFC, and clear Vietnamese errors."""

import json
import unicodedata

import pytest

import vanban
from vanban import InputError, KeHoach

from helpers import EXAMPLES

MINIMAL = """\
loai: ke-hoach
co_quan_ban_hanh:
  ten: BCH Đoàn xã Mỹ Long Nam
  ky_hieu: ĐTN
so: 7
dia_danh: Mỹ Long Nam
ngay: 2021-02-03
trich_yeu: Tổ chức Tháng Thanh niên
muc_dich: [Phát huy vai trò xung kích]
noi_dung:
  - tieu_de: Nội dung
    noi_dung: [Đoạn văn.]
to_chuc_thuc_hien:
  - don_vi: Các chi đoàn
    nhiem_vu: [{y: Thực hiện}]
noi_nhan: [Các chi đoàn]
nguoi_ky: {chuc_vu: Bí thư, ho_ten: Nguyễn Văn A}
"""


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
    for name in ("co_quan_ban_hanh", "dia_danh", "ngay", "trich_yeu"):
        assert f"'{name}'" in text
    assert len(error.value.problems) >= 4


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
        ("so: 7", "so: -3", "lớn hơn hoặc bằng 1"),
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


def test_a_document_survives_a_round_trip_through_json():
    plan = vanban.load(EXAMPLES / "ke_hoach_114.yaml")
    assert KeHoach.model_validate_json(plan.model_dump_json()) == plan
    assert vanban.parse(json.loads(plan.model_dump_json(by_alias=False))) == plan


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
    [("? [a, b]\n: 1\n", "tên trường"), ("loai: ke-hoach\n" + "x: " + "[" * 2000, "")],
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
