"""A batch row's document validated over a base validated once (``vanban._batch_validation``):
the same document, or the same message, as validating the merged document whole.

The property test generates rows over every example as a base (valid and invalid: wrong types,
unknown fields, a field under two names, values breaking the rules between fields), each row
through one validator per base, as a worker keeps it. Default run: a few hundred derandomised
rows; long run (``pytest -m fuzz``, or ``VANBAN_FUZZ=1``): thousands, random.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import vanban
from vanban._batch import run_batch
from vanban._batch_input import NAME_KEY, _Skip, merge, read_base, read_jobs, written_fields
from vanban._batch_validation import RowValidator, _Plan
from vanban._loading import parse
from vanban._registry import document_types
from vanban.errors import VanbanError

from helpers import EXAMPLES

BATCH = EXAMPLES / "batch"
BASES = {path.name: read_base(path) for path in
         [BATCH / "mau-chung.yaml", BATCH / "giay-moi.yaml", BATCH / "quyet-dinh-ket-nap.yaml",
          *sorted(EXAMPLES.glob("*.yaml"))]}
VALIDATORS = {name: RowValidator(base) for name, base in BASES.items()}
"""One per base for the whole run, as a worker keeps one: the base's fields validated once."""
LONG = bool(os.environ.get("VANBAN_FUZZ"))


def outcome(make):
    """What validating gives, in a form two ways of validating can be compared by."""
    try:
        document = make()
    except VanbanError as error:
        return "refused", type(error).__name__, str(error)
    return ("made", type(document).__name__, document.model_dump_json(), sorted(document.model_fields_set),
            document.__pydantic_extra__, document.__pydantic_private__)


def both_ways(base_name: str, row: dict):
    """(the row's document validated over its base validated once, validated whole)."""
    data, _ = merge(BASES[base_name], row)
    data_again, _ = merge(BASES[base_name], row)  # the shortcut is given its own copy: nothing shared
    return (outcome(lambda: VALIDATORS[base_name].document(data, written_fields(row))),
            outcome(lambda: parse(data_again)))


# --- rows as people write them, and as they get them wrong -----------------------------------

TEXTS = [
    "Trà Vinh", "BCH Huyện đoàn Càng Long", "Nguyễn Văn An", "Thường trực Huyện ủy (để b/c)", "để b/c",
    "Bí thư", "Ban Thường vụ", "VP", "ĐTN", "TĐTN", "HĐTN", "V.P", "CTĐ&TTN", "đtn", "", "   ",
    "1. Mục đầu", "I. Mục", "- ý gạch", "Lưu VP", "Phòng Nội vụ;", "hai\ndòng", "chữ\x01lạ", "Cầu, Ngang",
    "Trà: Vinh", "nguyễn văn an", "(Đã ký)", "TM.", "KT.", "TL.", "TUQ.", "Q.", "tm", "khong", "không",
    "MẬT", "khẩn", "HỎA TỐC", "2021-03-05", "05/03/2021", "2021-13-01", "2021", "nha-nuoc", "doan",
    "the-thuc-la", "la-ma", "so", "chu-cai", "ke-hoach", "giay-moi", "loai-la", "Chủ tịch", "Hµ Néi",
    "**đậm** và *nghiêng*", "Gồm các đồng chí:", "Điều 1. Kết nạp", "14:00", "true",
]
SCALARS = st.one_of(
    st.sampled_from(TEXTS),
    st.sampled_from([0, 1, 2, 12, 114, -3, 999_999, 1_000_000, 2.5, 3.0, True, False, None]),
    st.text(max_size=12),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.fixed_dictionaries({}, optional={key: SCALARS for key in (
        "ten", "muc_dich_gui", "ho_ten", "chuc_vu", "tham_quyen", "y", "tieu_de", "noi_dung", "dieu", "la")}),
)
"""Any value, as a list of rows in YAML may hold."""
WELL_WRITTEN = {
    "so": st.integers(1, 999_999),
    "co_quan_ban_hanh.ten": st.sampled_from(["BCH Huyện đoàn Càng Long", "BCH Đoàn xã số 7", "Đoàn trường THPT Cầu Kè"]),
    "dia_danh": st.sampled_from(["Càng Long", "Cầu Kè", "Trà Vinh"]),
    "ngay": st.sampled_from(["2021-03-15", "05/04/2021", "2021-05", 2022]),
    "nguoi_ky.ho_ten": st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Thạch Sa Rin"]),
    "nguoi_ky.chuc_vu": st.sampled_from(["Phó Bí thư", "Bí thư"]),
    "+noi_nhan": st.sampled_from(["Thường trực Huyện ủy Càng Long (để b/c)", "UBND huyện\nPhòng Nội vụ"]),
    "noi_nhan": st.lists(st.sampled_from(["Huyện ủy", "Phòng Nội vụ"]), min_size=1, max_size=2),
    "trich_yeu": st.sampled_from(["Tổ chức Tháng Thanh niên năm 2021", "Về việc kết nạp đoàn viên"]),
    "luu": st.sampled_from(["VP", "VT, TH"]),
    "du_thao": st.sampled_from([True, False, 2]),
    "do_khan": st.sampled_from(["KHẨN", "khẩn"]),
    NAME_KEY: st.sampled_from(["van-ban-1", "ke hoach"]),
    "kinh_moi": st.sampled_from(["Đồng chí Nguyễn Văn An, Bí thư Đoàn xã", "Ban Thường vụ các xã"]),
    "dieu.1.dieu": st.sampled_from(["Kết nạp vào Đoàn đối với thanh niên Lê Thị Mai."]),
}
"""Columns as a batch's rows have them, each with values the schemas accept."""


def keys_of(base: dict) -> list[str]:
    """Every column a row over ``base`` could have: the base's fields and their parts, each
    type's fields (a field the base lacks, or another type's), English names, and unknown ones."""
    keys = {NAME_KEY, "xyz", "so_van_ban", "nguoi_ky.chuc_danh", "co_quan_ban_hanh.ten.x", "number",
            "issuer.name", "signer", "recipients", "+recipients", "dieu.1.dieu", "dieu.3.dieu", "dieu.x",
            "loai", "type", " so ", "+ noi_nhan", "a..b"}
    for model in document_types().values():
        for name, info in model.model_fields.items():
            keys.update(choice for choice in getattr(info.validation_alias, "choices", [name]) if isinstance(choice, str))
    for key, value in base.items():
        keys.add(str(key))
        if isinstance(value, dict):
            keys.update(f"{key}.{inner}" for inner in value)
        if isinstance(value, list):
            keys.update({f"+{key}", f"{key}.1"})
            for number, item in enumerate(value[:2], start=1):
                if isinstance(item, dict):
                    keys.update(f"{key}.{number}.{inner}" for inner in item)
    return sorted(keys)


WILD = {name: st.dictionaries(st.sampled_from(keys_of(base)), VALUES, max_size=3) for name, base in BASES.items()}


@st.composite
def rows(draw):
    """A base, and a row of well-written columns; half the rows also have columns of any value."""
    name = draw(st.sampled_from(sorted(BASES)))
    row = draw(st.fixed_dictionaries({}, optional=WELL_WRITTEN))
    if draw(st.booleans()):
        row.update(draw(WILD[name]))
    return name, row


@settings(max_examples=5_000 if LONG else 200, deadline=None, derandomize=not LONG,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows())
def run_rows(case):
    name, row = case
    try:
        fast, whole = both_ways(name, row)
    except _Skip:  # the row cannot be merged: refused before any validation, either way
        event("not merged")
        return
    event(f"{fast[0]}")
    assert fast == whole


def test_a_row_over_a_base_validated_once_gives_the_document_or_the_message_of_validating_it_whole():
    run_rows()


@pytest.mark.fuzz
def test_long_run_many_random_rows_over_every_example(request):
    if not (LONG or "fuzz" in (request.config.getoption("markexpr") or "")):
        pytest.skip("the long run: pytest -m fuzz, or VANBAN_FUZZ=1")
    run_rows()


# --- cases the generator may miss, named ------------------------------------------------------

NAMED = {"co_quan_ban_hanh.ten": "BCH Huyện đoàn Cầu Kè", "nguoi_ky.ho_ten": "Trần Thị Bình"}
"""What a row over mau-chung.yaml must write (its base leaves them out)."""


@pytest.mark.parametrize("base_name, row", [
    ("mau-chung.yaml", {**NAMED, "so": 8, "dia_danh": "Cầu Kè", "+noi_nhan": "Huyện ủy Cầu Kè (để b/c)"}),
    ("mau-chung.yaml", {"so": 8}),  # the base lacks the issuer's name: a required part missing
    ("mau-chung.yaml", {**NAMED, "so": 8, "number": 9}),
    ("mau-chung.yaml", {**NAMED, "so_van_ban": 8}),  # unknown field
    ("mau-chung.yaml", {**NAMED, "so": "tám"}),  # wrong type
    ("mau-chung.yaml", {**NAMED, "number": 8}),  # the English name
    ("mau-chung.yaml", {**NAMED, "nguoi_ky.tham_quyen": "TUQ."}),
    ("mau-chung.yaml", {**NAMED, "muc_dich": ["Một ý."]}),
    ("mau-chung.yaml", {**NAMED, "ngay": "2021-13-01"}),
    ("mau-chung.yaml", {**NAMED, "loai": "huong-dan"}),
    ("mau-chung.yaml", {**NAMED, "loai": "giay-moi"}),
    ("mau-chung.yaml", {**NAMED, "the_thuc": "nha-nuoc"}),
    ("mau-chung.yaml", {**NAMED, "don_vi_soan_thao": "V.P"}),
    ("mau-chung.yaml", {**NAMED, "don_vi_soan_thao": "V.P", "the_thuc": "nha-nuoc"}),
    ("mau-chung.yaml", {**NAMED, "the_thuc": "xyz"}),
    ("mau-chung.yaml", {**NAMED, "dia_danh": "Cầu Kè", "so": "khong"}),
    ("giay-moi.yaml", {"kinh_moi": "Đồng chí Nguyễn Văn An", "number": 9}),  # the base's 'so' is the same field
    ("giay-moi.yaml", {"kinh_moi": "Đồng chí Nguyễn Văn An", "so": "khong", "co_quan_ban_hanh.ky_hieu": None}),
    ("quyet-dinh-ket-nap.yaml", {"so": 31, "dieu.1.dieu": "Kết nạp đoàn viên Lê Thị Mai."}),
    ("quyet-dinh-ket-nap.yaml", {"so": 31}),  # Điều 1 left empty in the base
    ("nghi_quyet_103_hdnd_ha_tinh.yaml", {"so": 5}),  # a type validated whole (a model validator before its fields)
])
def test_named_rows_give_the_same_document_or_message_either_way(base_name, row):
    fast, whole = both_ways(base_name, row)
    assert fast == whole


def test_a_base_field_that_is_wrong_on_its_own_is_reported_as_validating_whole_reports_it():
    base = {**BASES["mau-chung.yaml"], "luu": "Lưu VP", "trich_yeu": "hai\x01"}
    row = NAMED
    validator = RowValidator(base)
    for _ in range(2):  # the second time from what the validator kept
        data, _ = merge(base, row)
        assert validator._assembled(data, written_fields(row)) is None
        with pytest.raises(VanbanError) as fast:
            validator.document(data, written_fields(row))
        with pytest.raises(VanbanError) as whole:
            parse(merge(base, row)[0])
        assert str(fast.value) == str(whole.value)
        assert "luu" in str(fast.value) and "trich_yeu" in str(fast.value)


# --- that the shortcut is taken, and what it saves -----------------------------------------

def test_the_base_fields_a_row_leaves_are_validated_once_and_shared_by_the_rows_documents():
    base = read_base(BATCH / "mau-chung.yaml")
    validator = RowValidator(base)
    made = []
    for job in list(read_jobs(BATCH / "danh-sach.csv", BATCH / "mau-chung.yaml"))[:2]:
        data, _ = merge(base, job.row)
        made.append(validator._assembled(data, written_fields(job.row)))
    first, second = made
    assert first is not None and second is not None
    assert first.content[0] is second.content[0]  # the base's section, validated once
    assert first.issuer is not second.issuer  # each row wrote its own issuer's name


@pytest.mark.parametrize("name", sorted(set(document_types()) - {"nghi-quyet"}))
def test_every_built_in_type_but_one_validated_before_its_fields_takes_the_shortcut(name):
    assert _Plan.of(document_types()[name]) is not None


def test_a_type_whose_model_validator_runs_before_its_fields_is_validated_whole():
    assert _Plan.of(document_types()["nghi-quyet"]) is None


@pytest.mark.parametrize("listed, base", [
    ("danh-sach.csv", "mau-chung.yaml"), ("danh-sach.yaml", "mau-chung.yaml"),
    ("dai-bieu.csv", "giay-moi.yaml"), ("ket-nap.csv", "quyet-dinh-ket-nap.yaml"),
])
def test_the_example_rows_make_the_same_files_as_validating_each_document_whole(listed, base, tmp_path,
                                                                                  monkeypatch):
    fast = run_batch(BATCH / listed, tmp_path / "fast", base=BATCH / base, jobs=1, check=False)
    monkeypatch.setattr(RowValidator, "_assembled", lambda self, data, written: None)
    whole = run_batch(BATCH / listed, tmp_path / "whole", base=BATCH / base, jobs=1, check=False)
    assert not fast.failed and not whole.failed
    made = sorted(p.name for p in (tmp_path / "fast").iterdir())
    assert made == sorted(p.name for p in (tmp_path / "whole").iterdir()) and made
    for name in made:
        assert (tmp_path / "fast" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes()


# --- the nodes vanban builds from validated parts (``built``), for every document twice --------

def _models():
    from vanban.schemas.common import VanbanModel

    found, waiting = set(), list(VanbanModel.__subclasses__())
    while waiting:
        model = waiting.pop()
        if model not in found:
            found.add(model)
            waiting.extend(model.__subclasses__())
    return sorted(found, key=lambda model: model.__qualname__)


@pytest.mark.parametrize("model", _models(), ids=lambda model: model.__qualname__)
def test_a_node_vanban_builds_is_the_model_construct_makes_with_fresh_defaults(model):
    from vanban.schemas.common import built

    model.model_rebuild()
    required = {name: f"giá trị {name}" for name, info in model.model_fields.items() if info.is_required()}
    for fields in ({}, required, {**required, **{name: None for name in list(model.model_fields)[:2]}}):
        made, constructed = built(model, **fields), model.model_construct(**fields)
        assert type(made) is model
        assert made.__dict__ == constructed.__dict__ and list(made.__dict__) == list(constructed.__dict__)
        assert made.model_fields_set == constructed.model_fields_set
        assert (made.__pydantic_extra__, made.__pydantic_private__) == (
            constructed.__pydantic_extra__, constructed.__pydantic_private__)
        again = built(model, **fields)
        for name, value in made.__dict__.items():
            if isinstance(value, (list, dict)) and name not in fields:
                assert again.__dict__[name] is not value  # a default list is the node's own
