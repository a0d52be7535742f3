"""Reading what comes from outside: a .docx to check, a YAML or JSON file to render.

Hostile files are refused with a Vietnamese message that names the part and the limit;
files as real offices and editors save them are read; nothing ends in a traceback.
Every hostile file is built here by a small generator.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner

import vanban
from vanban.cli import main
from vanban.errors import DocxReadError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)
A4_PAGE = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="851"/></w:sectPr>')


def paragraph(text: str, properties: str = "", run_properties: str = "") -> str:
    ppr = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    rpr = f"<w:rPr>{run_properties}</w:rPr>" if run_properties else ""
    return f"<w:p>{ppr}<w:r>{rpr}<w:t>{text}</w:t></w:r></w:p>"


LETTERHEAD = paragraph("ĐOÀN TNCS HỒ CHÍ MINH")


def document_xml(body: str = LETTERHEAD, section: str = A4_PAGE, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}{section}</w:body></w:document>')


def package(document: str | bytes | None = None, **parts: str | bytes) -> bytes:
    """A .docx with ``document`` as word/document.xml and any other parts given by name."""
    entries = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
               "word/document.xml": document if document is not None else document_xml()}
    entries.update({name.replace("__", "/").replace("_xml", ".xml"): data for name, data in parts.items()})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(data: bytes) -> str:
    with pytest.raises(DocxReadError) as error:
        vanban.check(data)
    return str(error.value)


def check_command(tmp_path, data: bytes, name: str = "van-ban.docx"):
    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Traceback" not in result.output
    return result


# --- XML that reaches outside its part ----------------------------------------------------

EXTERNAL_ENTITY = '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
NESTED_ENTITIES = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                   + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
                   + "]>")


@pytest.mark.parametrize("doctype", [EXTERNAL_ENTITY, NESTED_ENTITIES, "<!DOCTYPE w:document>"],
                         ids=["external-entity", "nested-entities", "bare-doctype"])
def test_a_document_part_with_a_doctype_is_refused_naming_the_part(doctype):
    entity = "&secret;" if "secret" in doctype else "&i;" if "ENTITY" in doctype else ""
    message = refusal(package(document_xml(paragraph("ĐOÀN TNCS HỒ CHÍ MINH " + entity), prolog=doctype)))
    assert "word/document.xml" in message and "DOCTYPE" in message and "lưu thành" in message
    assert "root:" not in message


def test_a_doctype_in_any_part_the_checker_reads_is_refused(tmp_path):
    styles = (f'<?xml version="1.0"?>{EXTERNAL_ENTITY}'
              f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="a">&secret;</w:style></w:styles>')
    result = check_command(tmp_path, package(word__styles_xml=styles))
    assert result.exit_code == 1
    assert "word/styles.xml" in result.output and "DOCTYPE" in result.output
    assert "root:" not in result.output


def test_the_file_named_by_an_external_entity_never_reaches_the_report(tmp_path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU 1234")
    doctype = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>'
    body = LETTERHEAD + paragraph("Nơi nhận: &secret;")
    result = check_command(tmp_path, package(document_xml(body, prolog=doctype)))
    assert result.exit_code == 1 and "MẬT KHẨU" not in result.output


def test_broken_xml_is_named_by_its_part_and_line():
    message = refusal(package(document_xml().replace("</w:body>", "</w:bod>")))
    assert "word/document.xml" in message and "XML không hợp lệ ở dòng 1" in message


def test_the_parser_expands_no_entity_whatever_the_lxml_default():
    from lxml import etree

    from vanban._docx_read import _safe_parser

    root = etree.fromstring(b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>', _safe_parser())
    assert root.text is None and b"expanded" not in etree.tostring(root)
