"""An office's template is a file from outside: it reads what it is given and changes none of it."""

from pathlib import Path

import pytest

import vanban
from vanban import Renderer, TemplateError

from helpers import EXAMPLES, open_docx, text_lines
from test_render import copy_package_template, edit_template


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def office_renderer(folder: Path, tag: str) -> Renderer:
    """A Renderer whose frame is the package's, with ``tag`` written after the agency mark."""
    path = copy_package_template(folder)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}" + tag)
    return Renderer([folder])


def refusal(folder: Path, tag: str, document) -> str:
    """The message of the TemplateError ``tag`` ends in, on the warm and the reference path."""
    renderer = office_renderer(folder, tag)
    messages = []
    for render in (renderer.render_bytes, renderer.reference_render_bytes):
        with pytest.raises(TemplateError) as error:
            render(document)
        messages.append(str(error.value))
    assert messages[0] == messages[1]
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
def test_a_template_cannot_change_or_reach_into_the_document_it_is_given(tmp_path, plan, tag):
    document = plan.model_copy(deep=True)
    before = document.model_dump()
    message = refusal(tmp_path, tag, document)
    assert message.startswith("Mẫu 'doan/van-ban.docx' bị lỗi: ")
    assert "unsafe" not in message and ("không được" in message or "không phải một trường" in message)
    assert document.model_dump() == before
    assert Renderer().render_bytes(document) == Renderer().render_bytes(plan)


def test_the_refusal_says_what_was_refused_and_why(tmp_path, plan):
    message = refusal(tmp_path / "a", "{{ document.recipients.clear() }}", plan)
    assert "'clear'" in message and "danh sách" in message and "không được thay đổi" in message
    message = refusal(tmp_path / "b", "{{ document.model_copy() }}", plan)
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
def test_a_template_still_reads_every_value_it_is_given(tmp_path, plan, tag, shown):
    renderer = office_renderer(tmp_path, f"[{tag}]")
    data = renderer.render_bytes(plan)
    assert data == renderer.reference_render_bytes(plan)
    assert f"***[{shown}]" in text_lines(open_docx(data))
