"""The contract every registered document type keeps, built-in or added by a maintainer:
its sample renders with strict undefined, no template tag survives, and every text
the user wrote is in the document.
"""

import io
import zipfile

import pytest
import yaml

import vanban
from vanban._display import parse_inline, upper

from helpers import as_read, open_docx, paragraphs_in_order

NOT_TEXT = {"type", "profile", "date", "number", "draft", "in_words", "value",
            "target", "achieved", "same_period", "authority", "part_numbering", "orientation", "kind",
            "total", "numbered", "total_in_words", "section_numbering"}


def user_texts(data, key=None):
    """Every string the user wrote, with the key it sits under."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in NOT_TEXT:
                yield from user_texts(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from user_texts(item, key)
    elif isinstance(data, str):
        yield key, data


TYPES = sorted(vanban.document_types().items())


@pytest.fixture(scope="module", params=[model for _, model in TYPES], ids=[name for name, _ in TYPES])
def sample(request):
    model = request.param
    document = vanban.parse(yaml.safe_load(model.starter_yaml()))
    assert isinstance(document, model)
    return document, vanban.render_bytes(document)


def test_no_template_tag_survives_in_any_part(sample):
    _, data = sample
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert "{{" not in xml and "{%" not in xml and "{#" not in xml, name


def test_every_text_the_user_wrote_is_in_the_document(sample):
    document, data = sample
    # a line break vanban puts in a long trích yếu reads as a space
    text = " ".join(as_read("\n".join(p.text for p in paragraphs_in_order(open_docx(data)))).split())
    for key, value in user_texts(document.model_dump()):
        # read as a reader reads it: a no-break space is a space, a no-break hyphen a hyphen
        written = " ".join(as_read("".join(run.text for run in parse_inline(value))).replace("\u2011", "-").split())
        assert written in text or upper(written) in text, (key, written)


def test_rendering_twice_gives_the_same_bytes(sample):
    document, data = sample
    assert vanban.Renderer().render_bytes(document) == data
