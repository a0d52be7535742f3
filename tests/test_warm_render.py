"""The warm render path: the same bytes as plain docxtpl, with the template work done once."""

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

import vanban
from vanban import Renderer, TemplateError

from helpers import EXAMPLES, mutated, open_docx, restyle, text_lines
from helpers import copy_package_template, edit_template


def samples():
    documents = [vanban.load(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    documents += [vanban.parse(yaml.safe_load(model.starter_yaml()))
                  for model in vanban.document_types().values()]
    return documents


def variants(plan):
    """Marks, line breaks, tabs and text that looks like markup: every branch of the frame."""
    return [
        plan.model_copy(update={"draft": True, "secrecy": "MẬT", "urgency": "HỎA TỐC"}),
        plan.model_copy(update={"draft": 2, "number": None, "drafting_unit": "VP"}),
        plan.model_copy(update={"opening": ["Dòng một\nDòng hai", "a\tb {{ x }} {% y %} <w:t> &amp;"]}),
        plan.model_copy(update={"signer": plan.signer.model_copy(update={"authority": None})}),
    ]


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


def test_warm_output_is_byte_identical_to_plain_docxtpl_for_every_sample_and_variant(plan):
    renderer, reference = Renderer(), Renderer()  # the reference path on a renderer of its own
    documents = samples() + variants(plan)
    expected = [reference.reference_render_bytes(document) for document in documents]
    for document, want in zip(documents, expected):
        assert renderer.render_bytes(document) == want
    # and again, now that every template is warm, in another order
    for document, want in reversed(list(zip(documents, expected))):
        assert renderer.render_bytes(document) == want


def test_warm_output_of_an_offices_own_template_is_identical(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }} (mẫu riêng {{ date_line }})")
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert "*** (mẫu riêng Trà Vinh, ngày 05 tháng 3 năm 2021)" in text_lines(open_docx(warm))


def test_a_header_using_values_is_rendered_for_each_document(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:p><w:pPr/></w:p>", "<w:p><w:r><w:t>{{ number_line }}</w:t></w:r></w:p>",
                  part="word/header1.xml")
    renderer = Renderer([tmp_path])
    for number in (7, 114):
        document = plan.model_copy(update={"number": number})
        warm = renderer.render_bytes(document)
        assert warm == renderer.reference_render_bytes(document)
        header = zipfile.ZipFile(io.BytesIO(warm)).read("word/header1.xml").decode()
        assert f"Số: {number:02d}-KH/ĐTN" in header


def test_the_template_is_loaded_and_compiled_once(plan, monkeypatch):
    import docxtpl

    renderer = Renderer()
    first = renderer.render_bytes(plan)

    def no_reload(*args, **kwargs):
        raise AssertionError("the warm path reloaded the template")

    monkeypatch.setattr(docxtpl.DocxTemplate, "render", no_reload)
    monkeypatch.setattr(docxtpl.DocxTemplate, "init_docx", no_reload)
    monkeypatch.setattr(renderer.environment, "from_string", no_reload)
    changed = plan.model_copy(update={"number": 115})
    assert renderer.render_bytes(plan) == first
    assert "Số: 115-KH/ĐTN" in text_lines(open_docx(renderer.render_bytes(changed)))


def test_warm_path_still_fails_loudly_on_a_broken_template(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{% if %}")
    with pytest.raises(TemplateError):
        Renderer([tmp_path]).render_bytes(plan)


def test_warm_path_refuses_python_internals_at_every_render(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark.__class__.__mro__ }}")
    renderer = Renderer([tmp_path])
    for _ in range(2):
        with pytest.raises(TemplateError):
            renderer.render_bytes(plan)


def test_threads_warming_one_renderer_together_get_reference_bytes(plan):
    renderer = Renderer()
    documents = [plan.model_copy(update={"number": n}) for n in range(1, 13)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(renderer.render_bytes, documents))
    assert results == [Renderer().reference_render_bytes(d) for d in documents]


def test_the_warm_zip_is_a_valid_zip_with_fixed_timestamps(plan):
    data = Renderer().render_bytes(plan)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_table_grid_docxtpl_fixes_is_fixed_on_the_warm_path_too(plan, tmp_path):
    path = copy_package_template(tmp_path)
    edit_template(path, '<w:gridCol w:w="3855"/><w:gridCol w:w="5216"/>',
                  '<w:gridCol w:w="3855"/><w:gridCol w:w="3000"/><w:gridCol w:w="2216"/>')
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert zipfile.ZipFile(io.BytesIO(warm)).read("word/document.xml").count(b"<w:gridCol ") == 4


def test_text_after_an_empty_run_goes_with_it_on_both_paths(plan, tmp_path):
    # an empty run docxtpl leaves is removed with whatever stands after it in the XML
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{r agency_mark }}")
    renderer = Renderer([tmp_path])
    assert renderer.render_bytes(plan) == renderer.reference_render_bytes(plan)


def walked_removal(body) -> None:
    """The specification of an empty run: every ``w:t`` without text whose parent is a run
    holding nothing else but its properties; such runs are removed (with their tails)."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for element in list(body.iter(w + "t")):
        run = element.getparent()
        if element.text or run is None or run.tag != w + "r":
            continue
        if sum(1 for child in run if child.tag != w + "rPr") == 1:
            run.getparent().remove(run)


def test_empty_runs_are_found_as_the_walk_over_every_text_element_finds_them():
    from lxml import etree

    from vanban._render import _remove_empty_runs

    runs = [
        '<w:r><w:t xml:space="preserve"></w:t></w:r>', "<w:r><w:t/></w:r>", "<w:r><w:rPr><w:b/></w:rPr><w:t/></w:r>",
        "<w:r><w:t>x</w:t></w:r>", "<w:r><w:t> </w:t></w:r>", "<w:r><w:t/><w:t/></w:r>", "<w:r><w:t/><w:br/></w:r>",
        "<w:r><w:t/><!-- c --></w:r>", "<w:r><w:t/><?pi x?></w:r>", "<w:r><w:t><!-- c -->x</w:t></w:r>",
        "<w:r><w:t><w:x/></w:t></w:r>", "<w:r><w:r><w:t/></w:r></w:r>", "<w:r><w:t/></w:r>tail",
        "<w:hyperlink><w:r><w:t/></w:r></w:hyperlink>", "<w:r><w:rPr/><w:rPr/><w:t/></w:r>", "<w:r/>",
    ]
    paragraphs = "".join(f"<w:p>{a}{b}</w:p>" for a in runs for b in runs)
    source = f'<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{paragraphs}</w:body>'
    expected, found = etree.fromstring(source), etree.fromstring(source)
    walked_removal(expected)
    _remove_empty_runs(found)
    assert etree.tostring(found) == etree.tostring(expected)


def test_a_body_the_quick_parse_does_not_take_gives_the_reference_bytes(plan, tmp_path):
    # an XML comment holding the text of docxtpl's empty run: cut from the text, the comment
    # would change; such a body is parsed by docxtpl's own fix_tables, as rendered
    comment = '&lt;!-- a&gt;&lt;w:r&gt;&lt;w:t xml:space="preserve"&gt;&lt;/w:t&gt;&lt;/w:r&gt;&lt;b --&gt;'
    path = copy_package_template(tmp_path)
    edit_template(path, "{{ agency_mark }}", "{{ agency_mark }}{{ '" + comment + "'|safe }}")
    renderer = Renderer([tmp_path])
    warm = renderer.render_bytes(plan)
    assert warm == renderer.reference_render_bytes(plan)
    assert b'<!-- a><w:r><w:t xml:space="preserve"></w:t></w:r><b -->' in \
        zipfile.ZipFile(io.BytesIO(warm)).read("word/document.xml")


# --- the frame's body loop, written by Python -------------------------------------------

FRAME_LOOP = ('{% for block in body %}{% if block.style == "body" %}\n<w:p>{{ block.runs }}</w:p>'
              '{% elif block.style == "table" %}{% if block.caption %}<w:p>{{ block.caption }}</w:p>{% endif %}'
              '{{ block.table }}{% endif %}{% endfor %}')


def split(source):
    from vanban._body_loop import split_body_loop
    from vanban._render import _new_environment, _written

    environment = _new_environment()
    tree = environment.parse(source)
    return environment, tree, split_body_loop(tree, _written)


def test_every_package_frames_body_loop_is_written_by_python_as_jinja_writes_it(plan):
    renderer = Renderer()
    for document in samples() + variants(plan):
        renderer.render_bytes(document)
        warm = renderer._warm[renderer._template_key(document)[1]]
        if document.body_template is None:
            assert warm.body_loop is not None
        values = renderer._values(document)
        with renderer.environment.budget():
            assert as_docxtpl_leaves_it(warm._render_body(values)) == as_docxtpl_leaves_it(warm.body.render(values))


def as_docxtpl_leaves_it(rendered):
    """docxtpl takes out the newline before each paragraph (those its patching put there)."""
    import re

    return re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)


@pytest.mark.parametrize("text, value", [
    ("a\n<w:p>b</w:p>\n<w:p x='1'>c</w:p>", "v"),
    ("\n\n<w:p>two newlines, the first kept</w:p>", "v"),
    ("\n<w:p>a newline first</w:p>", "ends with a newline\n"),
    ("x\n", "<w:p>a value starting a paragraph"),
    ("x\n<w:pPr/>\n<w:p/>", "\n"),
])
def test_newlines_taken_out_of_the_template_beforehand_leave_what_docxtpl_leaves(text, value):
    from markupsafe import Markup

    from vanban._render import _new_environment, _strip_paragraph_newlines

    environment = _new_environment()
    source = text + "{{ v }}" + text + "{% if v %}" + text + "{% endif %}"
    expected = as_docxtpl_leaves_it(environment.from_string(source).render(v=Markup(value)))
    tree = environment.parse(source)
    _strip_paragraph_newlines(tree, None)
    rendered = environment.from_string(tree).render(v=Markup(value))
    if "\n" in rendered:  # as _parse_body searches it
        rendered = rendered.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    assert rendered == expected


def test_a_loop_of_the_frames_shape_is_replaced_by_one_variable_and_others_are_left_to_jinja():
    _, tree, loop = split("before" + FRAME_LOOP + "after")
    assert loop is not None and set(loop.branches) == {"body", "table"}
    assert "block" not in {name.name for name in tree.find_all(__import__("jinja2").nodes.Name)}
    for other in (FRAME_LOOP.replace("{{ block.runs }}", "{{ block.runs|upper }}"),
                  FRAME_LOOP.replace("{{ block.runs }}", "{{ loop.index }}"),
                  FRAME_LOOP.replace("{% endif %}{% endfor %}", "{% else %}x{% endif %}{% endfor %}"),
                  FRAME_LOOP.replace("block.style ==", "block.style !="),
                  FRAME_LOOP.replace("block.caption", "block.items"),  # a dict's method, not its key
                  FRAME_LOOP + FRAME_LOOP,  # two loops over the body
                  FRAME_LOOP + "{{ vanban_body_loop }}"):  # the template uses the loop's own name
        assert split(other)[2] is None, other


def test_a_block_the_python_loop_cannot_write_is_left_to_jinja_which_says_what_is_wrong():
    from vanban._render import _Xml

    environment, _, loop = split(FRAME_LOOP)
    runs = _Xml("<w:r/>")
    with environment.budget():
        assert loop.render([{"style": "body", "runs": runs}, {"style": "unknown"}], environment) == "\n<w:p><w:r/></w:p>"
        assert loop.render([{"style": "table", "caption": "a < b", "table": runs}], environment) == \
            "<w:p>a &lt; b</w:p><w:r/>"
        for blocks in ([{"style": "body"}], [{"style": "body", "runs": 3}], ["text"], [{"style": 1}],
                       [{"style": "table", "caption": [1], "table": runs}], None):
            assert loop.render(blocks, environment) is None


# --- the self-check on the tree the render built ---------------------------------------------


def test_the_self_check_of_the_rendered_tree_reports_what_the_check_of_the_bytes_reports(plan):
    from vanban._check import verify

    renderer = Renderer()
    late = plan.model_copy(update={"number": None, "date": None})  # warnings: a missing number and date
    for document in samples() + variants(plan) + [late]:
        data, report = renderer.render_checked(document)
        assert data == renderer.render_bytes(document)
        from_bytes = verify(data, document.profile_name)
        assert [str(f) for f in report.findings] == [str(f) for f in from_bytes.findings]
        assert report.notes == from_bytes.notes and report.profile == from_bytes.profile
    assert any(f.severity == "warning" for f in renderer.render_checked(late)[1].findings)


def test_the_self_check_reads_the_tree_not_the_bytes_and_shares_the_templates_parts(plan, monkeypatch):
    import vanban._docx_read as reader

    renderer = Renderer()
    renderer.render_checked(plan)  # the template's parts, read once from the first document

    def no_unzipping(*args, **kwargs):
        raise AssertionError("the self-check read the package again")

    monkeypatch.setattr(reader, "Package", no_unzipping)
    for number in (7, 8):
        data, report = renderer.render_checked(plan.model_copy(update={"number": number}))
        assert not report.errors


def test_a_document_breaking_a_must_rule_is_refused_by_the_self_check_of_its_tree(plan, monkeypatch):
    import vanban._check as check
    from vanban.errors import LayoutError

    real = check.check_view

    def one_error(view, profile, shown, notes=None):
        report = real(view, profile, shown, notes)
        report.findings.append(check.Finding(severity="error", rule_id="X-1", rule="thử", source="thử",
                                             element="body", expected="a", found="b"))
        return report

    monkeypatch.setattr(check, "check_view", one_error)
    with pytest.raises(LayoutError):
        Renderer().render_checked(plan)


def test_text_taken_as_plain_is_what_jinja_would_render_from_it():
    from vanban._render import _new_environment, _plain_text

    environment = _new_environment()
    samples = ["", "Kế hoạch", "a < b & c", "tab\there", "x}", "%} x", "a\nb", "a\r\nb", "line\n", "{{ x }}", "{# c #}",
               "{% if 1 %}y{% endif %}"]
    for text in samples:
        if _plain_text(text):
            assert environment.from_string(text).render({}) == text, text
    assert not any(_plain_text(text) for text in ("a\r\nb", "line\n", "{{ x }}", "{# c #}", "{% if 1 %}y{% endif %}"))


def test_an_offices_template_is_opened_as_a_foreign_file_and_the_packages_own_is_not(plan, tmp_path, monkeypatch):
    import vanban._render as render

    opened = []
    real = render.open_template
    monkeypatch.setattr(render, "open_template", lambda data, name, where, **kw: opened.append(where) or
                        real(data, name, where, **kw))
    Renderer().render_bytes(plan)
    assert opened == []
    copy_package_template(tmp_path)
    Renderer([tmp_path]).render_bytes(plan)
    assert opened == [f"{tmp_path}/doan/van-ban.docx"]


def test_views_sharing_a_templates_parts_see_each_paragraph_as_a_view_of_its_own_bytes(plan):
    # a table style whose first row is bold where the table asks for it: the same paragraphs
    # look different in a document whose letterhead asks and in one whose letterhead does not
    import io
    import zipfile

    from producers import as_saved_by

    from vanban._docx_read import DocxView, Package, SharedParts, parse_part

    word = as_saved_by(Renderer().render_bytes(plan), "word")
    asking = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word)) as source, zipfile.ZipFile(asking, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b'w:firstRow="0"', b'w:firstRow="1"', 1)
            target.writestr(item, data)
    documents = [word, asking.getvalue()]
    assert documents[0] != documents[1]
    shared = SharedParts(Package(word, "mẫu"))
    for data in documents + documents:
        root = parse_part(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"), "word/document.xml", "x")
        view, fresh = DocxView.from_parts(root, shared), DocxView(data)
        assert [view.look(p) for p in view.paragraphs] == [fresh.look(p) for p in fresh.paragraphs]
    firsts = [DocxView(data) for data in documents]
    assert [v.look(v.paragraphs[0]) for v in firsts][0] != [v.look(v.paragraphs[0]) for v in firsts][1]


@pytest.mark.parametrize("mutation, rule", [
    (lambda d: restyle(d, "^2. Giải pháp", bold=False), "U-HEAD-2"),
    (lambda d: restyle(d, r"^1\.1\. ", italic=False), "U-HEAD-3")])
def test_views_sharing_a_templates_parts_read_each_labels_weight_from_its_own_runs(plan, mutation, rule):
    # the weight of a heading's number is remembered for all paragraphs set alike: a later
    # document whose number is set otherwise is judged on its own runs, as its bytes are
    import zipfile

    from vanban._check import check_document, check_view
    from vanban._docx_read import DocxView, Package, SharedParts, parse_part

    clean = Renderer().render_bytes(plan)
    changed = mutated(clean, mutation)
    shared = SharedParts(Package(clean, "mẫu"))
    for data in (clean, changed, clean):
        root = parse_part(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"), "word/document.xml", "x")
        report = check_view(DocxView.from_parts(root, shared), plan.profile_name, "x")
        assert [str(f) for f in report.findings] == [str(f) for f in check_document(data, plan.profile_name, "x").findings]
        assert (rule in {f.rule_id for f in report.findings}) == (data is changed)


def _with_document_xml(data: bytes, change) -> bytes:
    """The .docx ``data`` with ``change`` applied to the text of its word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()


def _seen(view):
    import dataclasses

    page = view.page_setup()
    return ([(p.index, p.text, p.place, p.table, p.row, p.column, p.nested, p.label, view.look(p))
             for p in view.paragraphs], dataclasses.replace(page, headers=sorted(page.headers)))


@pytest.mark.parametrize("change", [
    lambda xml: xml,
    # a section break in the third paragraph: page 1 is that section's (landscape here), not the last one's
    lambda xml: xml.replace("</w:pPr>", '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
                            '<w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1000"/></w:sectPr></w:pPr>', 3),
    # no section at all: the page is the application's
    lambda xml: xml[:xml.rindex("<w:sectPr")] + "</w:body></w:document>"])
def test_a_body_read_standing_alone_is_seen_as_in_its_document_element(plan, change):
    # the self-check reads the rendered body where it stands (moving it into the document
    # element walks it all); page 1's section is found in the walk that lists the paragraphs
    import copy

    from vanban._check import check_document, check_view
    from vanban._docx_read import DocxView, Package, SharedParts, parse_part

    data = _with_document_xml(Renderer().render_bytes(plan), change)
    root = parse_part(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"), "word/document.xml", "x")
    alone = copy.deepcopy(root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"))
    assert alone.getparent() is None
    shared = SharedParts(Package(data, "mẫu"))
    in_document, standing = DocxView.from_parts(root, shared), DocxView.from_parts(alone, shared)
    assert _seen(standing) == _seen(in_document) == _seen(DocxView(data))
    report = check_view(DocxView.from_parts(copy.deepcopy(alone), shared), plan.profile_name, "x")
    assert [str(f) for f in report.findings] == [str(f) for f in check_document(data, plan.profile_name, "x").findings]


def test_the_break_changes_page_one_and_no_section_leaves_it_undeclared(plan):
    # what the parametrised test above compares is there to compare
    import copy

    from vanban._docx_read import DocxView, Package, SharedParts

    data = Renderer().render_bytes(plan)
    shared = SharedParts(Package(data, "mẫu"))
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    pages = []
    for change in test_a_body_read_standing_alone_is_seen_as_in_its_document_element.pytestmark[0].args[1]:
        changed = _with_document_xml(data, change)
        body = DocxView(changed).document.find(W + "body")
        pages.append(DocxView.from_parts(copy.deepcopy(body), shared).page_setup())
    assert pages[0].orientation == "portrait" and pages[0].declared
    assert pages[1].orientation == "landscape" and pages[1].left == 1000
    assert not pages[2].declared


def test_a_template_whose_document_element_holds_more_than_its_body_is_read_in_it(plan, tmp_path, monkeypatch):
    from vanban._check import verify
    from vanban._docx_read import DocxView

    path = copy_package_template(tmp_path)
    edit_template(path, "<w:body>", '<w:background w:color="FFFF00"/><w:body>')
    read = []
    real = DocxView.from_parts.__func__
    monkeypatch.setattr(DocxView, "from_parts", classmethod(lambda cls, document, parts, name="":
                                                              read.append(document.tag) or real(cls, document, parts, name)))
    for renderer, background in ((Renderer([tmp_path]), True), (Renderer(), False)):
        data, report = renderer.render_checked(plan)
        assert (b"w:background" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")) == background
        assert [str(f) for f in report.findings] == [str(f) for f in verify(data, plan.profile_name).findings]
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert read == [W + "document", W + "body"]  # the office's, in its document element; the package's, alone


def test_views_of_one_templates_parts_each_take_page_one_from_their_own_section(plan):
    # page 1's page is remembered by what its section holds, for every document of the
    # template: a body whose section differs (its margin) is judged on its own section
    from vanban._check import JUST_RENDERED, check_document, check_view

    renderer = Renderer()
    narrow = 'w:left="1300"'
    for left in (None, narrow, None, narrow):
        kept: dict = {}
        data = renderer._render_bytes(plan, kept)
        body = kept["body"]
        if left:
            margin = body[-1].find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pgMar")
            margin.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}left", "1300")
            data = _with_document_xml(data, lambda xml: xml.replace('w:left="1701"', narrow, 1))
        view = kept["warm"].view(body, data, JUST_RENDERED)
        report = check_view(view, plan.profile_name, "x")
        assert [str(f) for f in report.findings] == [str(f) for f in check_document(data, plan.profile_name, "x").findings]
        assert ("U-PAGE-1" in {f.rule_id for f in report.findings}) == bool(left)


def test_each_template_reads_its_own_headers_page_number(plan, tmp_path):
    # whether a header holds the page number is remembered per header of a template's parts
    from vanban._check import JUST_RENDERED, check_document, check_view

    path = copy_package_template(tmp_path)
    edit_template(path, " PAGE ", " DATE ", part="word/header2.xml")
    for renderer, numbered in ((Renderer(), True), (Renderer([tmp_path]), False), (Renderer(), True)):
        for number in (7, 8):
            kept: dict = {}
            document = plan.model_copy(update={"number": number})
            data = renderer._render_bytes(document, kept)
            report = check_view(kept["warm"].view(kept["body"], data, JUST_RENDERED), plan.profile_name, "x")
            assert [str(f) for f in report.findings] == [
                str(f) for f in check_document(data, plan.profile_name, "x").findings]
            assert ("U-PAGE-2" in {f.rule_id for f in report.findings}) != numbered
