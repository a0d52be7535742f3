"""The body loop's text spliced into the serialised body (``Renderer.render_bytes``): the
same bytes as the whole body's tree gives, and the tree wherever the splice could differ."""

import random

import pytest
import yaml
from markupsafe import Markup

import vanban
from vanban import Renderer
from vanban import _render

from vanban._display import Run as _Run

from helpers import EXAMPLES, copy_package_template, edit_template


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLES / "ke_hoach_114.yaml")


@pytest.fixture
def splices(monkeypatch):
    """For each render, how many blocks were spliced into the serialisation: 0 when the body
    took the whole tree (the splice refused before the parse, or after it)."""
    seen: list[int] = []
    document = _render._WarmTemplate._spliced_document

    def recorded(self, body, head):
        data = document(self, body, head)
        seen[-1] = len(head.blocks) if data is not None else 0
        return data

    real_render = _render._WarmTemplate.render

    def render(self, *args, **kwargs):
        seen.append(0)
        return real_render(self, *args, **kwargs)

    monkeypatch.setattr(_render._WarmTemplate, "render", render)
    monkeypatch.setattr(_render._WarmTemplate, "_spliced_document", recorded)
    return seen


def tree_bytes(renderer, document):
    """The warm path without the splice: the whole body's tree, as render_checked builds it."""
    return renderer._render_bytes(document, {})


def set_block_runs(monkeypatch, index, xml):
    """Every render gives the body's block ``index`` the runs ``xml``, put in the values directly."""
    values = Renderer._values

    def with_runs(self, document):
        made = values(self, document)
        made["body"][index] = {**made["body"][index], "runs": _render._Xml(xml, runs=True)}
        return made

    monkeypatch.setattr(Renderer, "_values", with_runs)


def samples():
    documents = [vanban.load(path) for path in sorted(EXAMPLES.glob("*.yaml"))]
    documents += [vanban.parse(yaml.safe_load(model.starter_yaml())) for model in vanban.document_types().values()]
    return documents


def with_items(plan, *items):
    """The flagship plan with one more Mục holding ``items`` (texts or bullet dicts)."""
    from vanban._loading import read_data

    data, _ = read_data(EXAMPLES / "ke_hoach_114.yaml")
    data["noi_dung"] = list(data["noi_dung"]) + [{"tieu_de": "Mục thêm", "noi_dung": list(items)}]
    return vanban.parse(data)


TRICKY = ["Đoàn & Hội <thanh niên> \"a\" 'b'", "ngoặc {{ x }} {% y %} }_} {_{ %_} {_%", "**đậm** và *nghiêng*",
          "dòng một\ndòng hai", "ngày 05 tháng 3 năm 2021", "Hồ Chí Minh", "số 12-KH/ĐTN", "a\u2011b", "x\r\ny",
          "khoảng  trắng  đôi ", "ký tự 𝔘 ngoài BMP", "&amp; &#123; &lt;", "chú thích^[Theo Hướng dẫn 29-HD.]",
          "++gạch chân++"]


def test_spliced_bytes_are_the_tree_paths_for_every_sample(splices):
    renderer = Renderer()
    for document in samples():
        splices.clear()
        data = renderer.render_bytes(document)
        assert splices and splices[0] > 0, document.title  # every package frame's loop is spliced
        assert data == tree_bytes(renderer, document)


@pytest.mark.parametrize("seed", range(3))
def test_spliced_bytes_are_the_tree_paths_for_generated_long_plans(plan, splices, seed):
    chosen = random.Random(seed)
    items = []
    for _ in range(60):
        text = " ".join(chosen.choice(TRICKY) for _ in range(chosen.randint(1, 3)))
        items.append({"y": text} if chosen.random() < 0.4 else text)
    document = with_items(plan, *items)
    renderer = Renderer()
    data = renderer.render_bytes(document)
    assert splices[0] > 60
    assert data == tree_bytes(renderer, document) == renderer.reference_render_bytes(document)


@pytest.mark.parametrize("text", ["\u2011", "số\u2011"])  # a no-break hyphen with no text after it
def test_a_block_with_an_empty_text_element_takes_the_tree(plan, splices, text):
    document = with_items(plan, text, "Đoạn cuối.")
    renderer = Renderer()
    data = renderer.render_bytes(document)
    assert splices == [0]
    assert data == tree_bytes(renderer, document) == renderer.reference_render_bytes(document)


@pytest.mark.parametrize("text", ["cột một\tcột hai", "trang\fmới", "chuông\a"])  # runs_xml writes a line feed as w:br
def test_a_block_holding_docxtpls_listing_marks_takes_the_tree(plan, monkeypatch, splices, text):
    # the display takes them out of a document's text: a value put in the body directly
    set_block_runs(monkeypatch, 3, _render.runs_xml([_Run(text)]))
    renderer = Renderer()
    data = renderer.render_bytes(plan)
    assert splices == [0]
    assert data == tree_bytes(renderer, plan)


RUN_TEXTS = [" ", "a", "Đoàn & <Hội>", "{{ x }}", "}_}", "a\nb", "số\u20111", "'\"", "ký tự 𝔘", "]]>", "  hai  "]
EMPTY_TEXT_ELEMENTS = ["", "dòng\n", "\ndòng", "a\n\nb", "\u2011"]  # runs_xml writes an empty w:t for each


@pytest.mark.parametrize("seed", range(4))
def test_runs_of_any_text_and_emphasis_are_spliced_as_the_tree_writes_them_or_left_to_it(plan, monkeypatch, seed,
                                                                                         splices):
    # runs put in the body directly, also those the display never makes (empty, a line break
    # at an end): whatever the splice takes must give the tree path's bytes
    chosen = random.Random(seed)
    values = Renderer._values

    def text():
        return chosen.choice(EMPTY_TEXT_ELEMENTS if chosen.random() < 0.01 else RUN_TEXTS)

    def random_runs(self, document):
        made = values(self, document)
        for index, block in enumerate(made["body"]):
            if "runs" in block and chosen.random() < 0.5:
                runs = [_Run(text(), chosen.random() < 0.3, chosen.random() < 0.3, chosen.random() < 0.2)
                        for _ in range(chosen.randint(1, 3))]
                made["body"][index] = {**block, "runs": _render._Xml(_render.runs_xml(runs), runs=True)}
        return made

    monkeypatch.setattr(Renderer, "_values", random_runs)
    spliced = []
    for _ in range(8):
        state = chosen.getstate()
        renderer = Renderer()
        data = renderer.render_bytes(plan)
        spliced.append(splices[-1] > 0)
        chosen.setstate(state)  # the same runs again
        assert data == tree_bytes(renderer, plan)
    assert any(spliced)


def test_braces_vanban_hides_from_docxtpl_are_spliced_as_the_characters_lxml_writes(plan, splices):
    document = with_items(plan, "mẫu {{ ho_ten }} và {% if %}", "Đoạn cuối.")
    renderer = Renderer()
    data = renderer.render_bytes(document)
    assert splices[0] > 0
    assert data == tree_bytes(renderer, document)
    assert b"{{ ho_ten }}" in _document_xml(data)


def test_a_table_ends_the_spliced_blocks_and_goes_with_the_rest_to_the_tree(splices):
    document = vanban.load(EXAMPLES / "bao_cao_yeu_the_2019.yaml")
    values = Renderer()._values(document)
    styles = [block.get("style") for block in values["body"]]
    assert "table" in styles
    renderer = Renderer()
    data = renderer.render_bytes(document)
    assert 0 < splices[0] == styles.index("table")
    assert data == tree_bytes(renderer, document) == renderer.reference_render_bytes(document)


def test_the_last_block_is_never_spliced_so_the_closing_blocks_keep_reaches_it(splices):
    # a Quyết định's body ends the document: its last paragraph is kept with the signature
    document = vanban.load(EXAMPLES / "quyet_dinh_367.yaml")
    renderer = Renderer()
    blocks = len(renderer._values(document)["body"])
    data = renderer.render_bytes(document)
    assert splices == [blocks - 1]
    assert data == tree_bytes(renderer, document) == renderer.reference_render_bytes(document)
    assert b"<w:keepNext/>" in _document_xml(data)


def test_a_keep_reaching_back_past_the_last_block_to_the_marker_takes_the_tree(monkeypatch, splices):
    # the body's last block without text: the keep goes on to the paragraph before it, spliced
    document = vanban.load(EXAMPLES / "quyet_dinh_367.yaml")
    set_block_runs(monkeypatch, -1, "")
    renderer = Renderer()
    data = renderer.render_bytes(document)
    assert splices == [0]
    assert data == tree_bytes(renderer, document)


def test_a_keep_reaching_the_marker_takes_the_tree_also_when_a_header_uses_values(monkeypatch, tmp_path, splices):
    # the header's rendering comes between the body's and the fall-back to the tree
    document = vanban.load(EXAMPLES / "quyet_dinh_367.yaml")
    path = copy_package_template(tmp_path)
    edit_template(path, "<w:p><w:pPr/></w:p>", "<w:p><w:r><w:t>{{ number_line }}</w:t></w:r></w:p>",
                  part="word/header1.xml")
    set_block_runs(monkeypatch, -1, "")
    renderer = Renderer([tmp_path])
    data = renderer.render_bytes(document)
    assert splices == [0]
    assert data == tree_bytes(renderer, document)


def test_a_frame_docxtpl_must_parse_itself_takes_the_tree(plan, tmp_path, splices):
    path = copy_package_template(tmp_path)  # a letterhead grid docxtpl's fix_tables corrects
    edit_template(path, '<w:gridCol w:w="3855"/><w:gridCol w:w="5216"/>',
                  '<w:gridCol w:w="3855"/><w:gridCol w:w="3000"/><w:gridCol w:w="2216"/>')
    renderer = Renderer([tmp_path])
    data = renderer.render_bytes(plan)
    assert splices == [0]
    assert data == tree_bytes(renderer, plan) == renderer.reference_render_bytes(plan)


def test_a_template_read_from_the_prepared_cache_is_spliced_as_one_prepared_here(plan, monkeypatch, tmp_path,
                                                                                splices):
    from vanban import _prepared_cache

    monkeypatch.setenv(_prepared_cache.CACHE_VARIABLE, str(tmp_path / "cache"))
    expected = Renderer().render_bytes(plan)  # prepared here, and kept
    kept = _render._WarmTemplate._from_kept
    read = []
    monkeypatch.setattr(_render._WarmTemplate, "_from_kept", classmethod(
        lambda cls, *args: read.append(1) or kept.__func__(cls, *args)))
    assert Renderer().render_bytes(plan) == expected
    assert read == [1] and splices[0] == splices[1] > 0


def test_a_template_writing_the_markers_text_itself_is_rendered_whole_by_jinja(plan):
    renderer = Renderer()
    renderer.render_bytes(plan)
    warm = renderer._warm[renderer._template_key(plan)[1]]
    values = renderer._values(plan)
    mark = warm._splice_plan().mark
    values["agency_mark"] = Markup(mark)  # as an office's template writing a value with |safe could
    with renderer.environment.budget():
        rendered, head = warm._render_split_body(values)
        assert head is None and rendered.count(mark) == 1
        assert as_docxtpl_leaves_it(rendered) == as_docxtpl_leaves_it(warm._render_body(values))


def test_the_splice_counts_what_the_template_writes_as_the_tree_path_does(plan):
    from vanban._sandbox import _BUDGET

    renderer = Renderer()
    renderer.render_bytes(plan)
    warm = renderer._warm[renderer._template_key(plan)[1]]
    values = renderer._values(plan)
    spent = []
    for render in (warm._render_body, lambda v: warm._render_split_body(v)[0]):
        with renderer.environment.budget():
            render(values)
            budget = _BUDGET.get()
            spent.append((budget.steps, budget.produced))
    assert spent[0] == spent[1]
    with renderer.environment.budget():
        assert warm._render_split_body(values)[1] is not None  # the second was the splice


# --- what a branch and a value must be to be spliced --------------------------------------

START = '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'
PARAGRAPH = f'\n<w:p><w:pPr><w:pStyle w:val="VBBody"/></w:pPr>{EMPTY_RUN}'


def spliced_styles(**branches):
    return set(_render._Splice(START + "{{ x }}</w:body>", branches).branches)


def test_a_branch_is_spliced_only_when_the_tree_writes_it_as_the_splice_does():
    runs = ("value", "runs")
    good = (PARAGRAPH, runs, EMPTY_RUN + "</w:p>")
    refused = {
        "empty_element": ("\n<w:p></w:p>", PARAGRAPH, runs, "</w:p>"),
        "single_quotes": ("\n<w:p><w:pPr><w:pStyle w:val='VBBody'/></w:pPr>", runs, "</w:p>"),
        "text_after_an_empty_run": (PARAGRAPH, runs, EMPTY_RUN + "x</w:p>"),
        "comment": (PARAGRAPH + "<!-- c -->", runs, "</w:p>"),
        "character_reference": ("\n<w:p><w:r><w:t>&#65;</w:t></w:r>", runs, "</w:p>"),
        "namespace": ('\n<w:p xmlns:x="urn:x">', runs, "</w:p>"),
        "tab": ("\n<w:p><w:r><w:t>a\tb</w:t></w:r>", runs, "</w:p>"),
        "not_a_paragraph_first": ("<w:p>", runs, "</w:p>"),
        "not_a_paragraph_last": (PARAGRAPH, runs, "</w:p><w:bookmarkEnd w:id='0'/>"),
        "table": ('\n<w:p/><w:tbl><w:tr><w:tc><w:p>', runs, "</w:p></w:tc></w:tr></w:tbl><w:p/>"),
        "drawing": ("\n<w:p><w:r><w:drawing><wp:docPr xmlns:wp='urn:x' id='1'/></w:drawing></w:r>", runs, "</w:p>"),
        "annex_label": ('\n<w:p><w:pPr><w:pStyle w:val="VBAnnexLabel"/></w:pPr>', runs, "</w:p>"),
        "unbalanced": (PARAGRAPH, runs),
        "newline_before_an_if": (PARAGRAPH, runs, "</w:p>\n", ("if", "more", ("<w:p>", runs, "</w:p>"))),
    }
    assert spliced_styles(good=good, **refused) == {"good"}
    with_if = (PARAGRAPH, runs, EMPTY_RUN + "</w:p>", ("if", "note", (PARAGRAPH, ("value", "note"), "</w:p>")))
    assert spliced_styles(with_if=with_if) == {"with_if"}


def test_the_annex_labels_style_refused_is_the_one_the_annex_sections_look_for():
    from vanban._ooxml import style_id
    from vanban.profiles import STYLE_NAMES

    assert style_id(STYLE_NAMES["annex_label"]) == "VBAnnexLabel"


def test_a_value_is_spliced_only_when_it_is_whole_runs():
    from vanban._render import _spliced_value, _Xml

    runs = '<w:r><w:t xml:space="preserve">a</w:t></w:r>'
    assert _spliced_value(_Xml(runs, runs=True)) == runs
    for value in (_Xml(runs), _Xml("", runs=True), runs, Markup(runs), None, 3):
        assert _spliced_value(value) is None


@pytest.mark.parametrize("text, expected", [
    ('<w:t xml:space="preserve">Đoàn &amp; Hội</w:t>', '<w:t xml:space="preserve">Đoàn &amp; Hội</w:t>'.encode()),
    ("<w:t>&#123;&#123; x &#125;&#125;</w:t>", b"<w:t>{{ x }}</w:t>"),
    ("<w:t>&#65;</w:t>", None), ("<w:t>&#123;&#x41;</w:t>", None),
    ('<w:t xml:space="preserve"></w:t>', None), ("<w:t>a\tb</w:t>", None), ("<w:t>a\nb</w:t>", None),
    ("<w:t>a\rb</w:t>", None), ("<w:t>a\x01b</w:t>", None), ("<w:t>a\x1fb</w:t>", None),
    ("<w:t>a\ufffeb</w:t>", None), ("<w:t>a\uffffb</w:t>", None), ("<w:t>a\ud800b</w:t>", None),
    ("<w:t>& \x07</w:t>", None),
])
def test_spliced_text_is_taken_only_as_lxml_writes_it(text, expected):
    assert _render._spliced_bytes(text) == expected


def test_blocks_longer_than_libxml2s_longest_text_take_the_tree(plan, monkeypatch, splices):
    # the tree path's parse refuses a text node that long; the splice must not write one
    monkeypatch.setattr(_render, "_SPLICE_LIMIT", 1000)
    renderer = Renderer()
    data = renderer.render_bytes(plan)
    assert splices == [0]
    assert data == tree_bytes(renderer, plan)


def as_docxtpl_leaves_it(rendered):
    import re

    return re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered)


def _document_xml(data):
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
