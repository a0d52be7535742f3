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


def _with_doctype(xml: str) -> str:
    root = xml.index("<", xml.index("?>"))
    return xml[:root] + EXTERNAL_ENTITY + xml[root:]


UNREAD_PARTS = {  # parts the checker does not read, and LibreOffice does when it converts
    "[Content_Types].xml": _with_doctype(CONTENT_TYPES),
    "_rels/.rels": _with_doctype(PACKAGE_RELS),
    "docProps/core.xml": _with_doctype('<?xml version="1.0"?><cp:coreProperties xmlns:cp='
                                       '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'),
    "word/footnotes.xml": _with_doctype(f'<?xml version="1.0"?><w:footnotes xmlns:w="{W_NS}"><w:footnote w:id="1">'
                                        '<w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:footnote></w:footnotes>'),
    "word/du-lieu.bin": EXTERNAL_ENTITY + "<du-lieu>&secret;</du-lieu>",  # XML by its first bytes
}


@pytest.mark.parametrize("part", UNREAD_PARTS)
@pytest.mark.parametrize("command", ["check", "import", "fix"])
def test_a_doctype_in_a_part_vanban_does_not_read_is_refused_by_every_command(tmp_path, command, part):
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS, "word/document.xml": document_xml()}
    parts[part] = UNREAD_PARTS[part]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    source = tmp_path / "van-ban.docx"
    source.write_bytes(buffer.getvalue())
    output = {"check": [], "import": ["-o", str(tmp_path / "ra.yaml")], "fix": ["-o", str(tmp_path / "ra.docx")]}
    result = CliRunner().invoke(main, [command, str(source), *output[command]])
    assert result.exit_code == 1, result.output
    assert f"phần {part} có khai báo DOCTYPE" in result.output and "root:" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["van-ban.docx"]


def test_a_picture_in_svg_with_a_doctype_is_read_as_the_picture_it_is():
    logo = ('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')
    assert vanban.check(package(word__media__logo_svg=logo)) is not None


def test_the_words_of_a_doctype_in_a_comment_are_no_doctype():
    notes = f'<?xml version="1.0"?><!-- <!DOCTYPE --><w:footnotes xmlns:w="{W_NS}"/>'
    assert vanban.check(package(word__footnotes_xml=notes)) is not None


def test_broken_xml_is_named_by_its_part_and_line():
    message = refusal(package(document_xml().replace("</w:body>", "</w:bod>")))
    assert "word/document.xml" in message and "XML không hợp lệ ở dòng 1" in message


def test_the_parser_expands_no_entity_whatever_the_lxml_default():
    from lxml import etree

    from vanban._docx_read import _safe_parser

    root = etree.fromstring(b'<!DOCTYPE x [<!ENTITY e "expanded">]><x>&e;</x>', _safe_parser())
    assert root.text is None and b"expanded" not in etree.tostring(root)


# --- a .docx bounded in entries, inflated size and ratio ---------------------------------------


def declaring(data: bytes, part: str, *, size: int | None = None, compressed: int | None = None) -> bytes:
    """``data`` with the sizes its central directory declares for ``part`` replaced."""
    import struct

    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_length] == part.encode():
            patched = bytearray(data)
            if compressed is not None:
                struct.pack_into("<I", patched, at + 20, compressed)
            if size is not None:
                struct.pack_into("<I", patched, at + 24, size)
            return bytes(patched)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"no {part} in the central directory")


def long_document(paragraphs: int) -> str:
    """A document.xml of varied text: it inflates about 8 times, as real documents do."""
    return document_xml(LETTERHEAD + "".join(paragraph(f"Đoạn văn số {i}: {i * 7919 % 10007}.")
                                             for i in range(paragraphs)))


def read_document_part(data: bytes) -> bytes:
    from vanban._docx_read import Package

    with Package(data, "văn bản") as docx_package:
        return docx_package.read("word/document.xml")


def test_a_part_larger_than_the_limit_is_refused_naming_the_limit_and_how_to_raise_it(monkeypatch):
    data = package(long_document(30_000))  # about 2 MB of XML
    monkeypatch.setenv("VANBAN_MAX_DOCX_MB", "1")
    message = refusal(data)
    assert "word/document.xml" in message and "1 MB" in message and "VANBAN_MAX_DOCX_MB=" in message
    monkeypatch.setenv("VANBAN_MAX_DOCX_MB", "3")
    assert len(read_document_part(data)) > 1 << 20


def test_a_declared_size_beyond_the_limit_is_refused_before_anything_is_inflated(monkeypatch):
    import zlib

    inflated = []
    real = zlib.decompressobj
    monkeypatch.setattr(zlib, "decompressobj", lambda *a: inflated.append(1) or real(*a))
    message = refusal(declaring(package(), "word/document.xml", size=3 << 30))
    assert "16 MB" in message and "VANBAN_MAX_DOCX_MB" in message
    assert not inflated


def test_a_declared_size_smaller_than_the_truth_is_refused_as_damaged():
    data = package(long_document(30_000))
    message = refusal(declaring(data, "word/document.xml", size=10_000))
    assert "word/document.xml" in message and "bị hỏng" in message


def test_a_zip_bomb_is_refused_by_its_ratio_and_the_ratio_can_be_raised(monkeypatch):
    bomb = document_xml(LETTERHEAD + paragraph("") * 200_000)  # 6 MB of one repeated paragraph
    data = package(bomb)
    assert len(data) < 60_000
    message = refusal(data)
    assert "word/document.xml" in message and "100 lần" in message and "VANBAN_MAX_DOCX_RATIO=" in message
    monkeypatch.setenv("VANBAN_MAX_DOCX_RATIO", "1000")
    assert len(read_document_part(data)) > 6_000_000


def test_a_bomb_hiding_its_ratio_behind_a_false_compressed_size_is_still_refused():
    data = package(document_xml(LETTERHEAD + paragraph("") * 200_000))
    # claims 1 GB compressed, so that 6 MB would be a small ratio
    message = refusal(declaring(data, "word/document.xml", compressed=1 << 30))
    assert "word/document.xml" in message and "Traceback" not in message


def test_a_small_part_is_never_refused_for_its_ratio():
    styles = f'<w:styles xmlns:w="{W_NS}">' + "<w:style/>" * 20_000 + "</w:styles>"  # 200 KB, ratio > 300
    assert vanban.check(package(word__styles_xml=styles), profile="doan").findings


def test_a_zip_of_too_many_entries_is_refused_before_its_directory_is_read(monkeypatch):
    import vanban._docx_read as reader

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document_xml())
        for i in range(10_001):
            archive.writestr(f"m/{i}", b"")
    monkeypatch.setattr(reader.zipfile, "ZipFile", None)  # any attempt to read the directory fails
    message = refusal(buffer.getvalue())
    assert "10.002 mục" in message and "10.000" in message


@pytest.mark.parametrize("value", ["abc", "0", "-5"])
def test_a_wrong_limit_in_the_environment_is_named(monkeypatch, value):
    monkeypatch.setenv("VANBAN_MAX_DOCX_MB", value)
    message = refusal(package())
    assert "VANBAN_MAX_DOCX_MB" in message and f"'{value}'" in message


def test_running_out_of_memory_is_said_as_such_not_as_a_broken_file(monkeypatch):
    import vanban._docx_read as reader

    def exhausted(*args):
        raise MemoryError

    monkeypatch.setattr(reader, "parse_part", exhausted)
    message = refusal(package())
    assert "bộ nhớ" in message and "VANBAN_MAX_DOCX_MB" in message and "không phải tệp .docx" not in message


def test_a_fifo_is_refused_instead_of_waited_on(tmp_path):
    import os

    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    with pytest.raises(DocxReadError) as error:
        vanban.check(fifo)
    assert "không phải một tệp thường" in str(error.value)


@pytest.mark.parametrize("command", ["check", "import", "fix"])
@pytest.mark.parametrize("kind", ["fifo", "device", "system file"])
def test_what_is_no_ordinary_file_is_named_as_such_by_every_command_never_waited_on(tmp_path, command, kind):
    import os
    import signal

    if kind == "fifo":
        path = tmp_path / "ong.docx"
        os.mkfifo(path)
        said = "không phải một tệp thường"
    elif kind == "device":
        path, said = "/dev/zero", "không phải một tệp thường"
    else:
        path, said = "/proc/self/status", "không đọc được tệp (Invalid argument)"  # cannot seek as files do
    output = {"check": [], "import": ["-o", str(tmp_path / "ra.yaml")], "fix": ["-o", str(tmp_path / "ra.docx")]}

    def waited_for_ever(signum, frame):
        raise TimeoutError(f"{command} waited on {path}")

    previous = signal.signal(signal.SIGALRM, waited_for_ever)
    signal.alarm(10)
    try:
        result = CliRunner().invoke(main, [command, str(path), *output[command]])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Lỗi: Không đọc được {path}: ") and said in result.output, result.output


def test_every_cell_of_a_long_table_is_read_at_its_row_and_column():
    from vanban._docx_read import DocxView

    rows = "".join(f"<w:tr><w:tc>{paragraph(f'{r}')}</w:tc><w:tc>{paragraph(f'Tên {r}')}</w:tc></w:tr>"
                   for r in range(3_000))
    view = DocxView(package(document_xml(LETTERHEAD + f"<w:tbl>{rows}</w:tbl>")))
    cells = [(p.row, p.column, p.text) for p in view.paragraphs if p.table is not None]
    assert cells == [(r, c, f"{r}" if c == 0 else f"Tên {r}") for r in range(3_000) for c in (0, 1)]


# --- YAML anchors and aliases, bounded ----------------------------------------------------------

from helpers import MINIMAL, billion_laughs  # noqa: E402


def load_text(tmp_path, text: str, name: str = "van-ban.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return vanban.load(path)


def yaml_problems(tmp_path, text: str) -> str:
    with pytest.raises(vanban.InputError) as error:
        load_text(tmp_path, text)
    return str(error.value)





def test_a_billion_laughs_is_refused_naming_the_limit(tmp_path):
    text = MINIMAL.replace("muc_dich: [Phát huy vai trò xung kích]\n", "") + billion_laughs()
    assert len(text.encode()) < 4096
    message = yaml_problems(tmp_path, text)
    assert "10.000 mục" in message and "tham chiếu" in message


def test_more_than_a_hundred_aliases_are_refused_at_the_hundred_and_first(tmp_path):
    text = MINIMAL.replace("noi_nhan: [Các chi đoàn]", "noi_nhan: [&n Các chi đoàn" + ", *n" * 101 + "]")
    message = yaml_problems(tmp_path, text)
    assert "hơn 100 tham chiếu" in message and "dòng 16, cột 429" in message  # the 101st *n


def test_an_alias_inside_its_own_anchor_is_refused_not_looped_on(tmp_path):
    message = yaml_problems(tmp_path, MINIMAL + "lap: &a [1, *a]\n")
    assert "lặp vô hạn" in message


def test_text_repeated_by_an_alias_is_read(tmp_path):
    text = MINIMAL.replace("muc_dich: [Phát huy vai trò xung kích]", "muc_dich: [&m Phát huy vai trò xung kích, *m]")
    assert [item.text for item in load_text(tmp_path, text).purposes.children] == ["Phát huy vai trò xung kích"] * 2


# --- schema-valid documents other tools write ---------------------------------------------------


def page_findings(data: bytes) -> list:
    return [f for f in vanban.check(data, profile="doan").findings if f.rule_id == "U-PAGE-1"]


def test_a_document_without_a_section_is_checked_and_its_undeclared_page_is_a_finding(tmp_path):
    result = check_command(tmp_path, package(document_xml(section="")))
    assert result.exit_code == 1
    assert "không có w:sectPr" in result.output and "khổ và lề mặc định" in result.output


def test_a_section_without_page_size_or_margins_says_which_is_missing():
    found = {f.found for f in page_findings(package(document_xml(section="<w:sectPr/>")))}
    assert found == {"không khai báo khổ giấy (w:pgSz)", "không khai báo (w:pgMar)"}


def test_a_document_without_a_body_is_read_as_empty(tmp_path):
    result = check_command(tmp_path, package(f'<w:document xmlns:w="{W_NS}"/>'))
    assert result.exit_code == 1 and "Không nhận ra thể thức" in result.output


@pytest.mark.parametrize("value, twips", [
    ("720", 720), ("+720", 720), ("-720", -720), ("0.50in", 720), ("36pt", 720), ("12.7mm", 720),
    ("1.27cm", 720), ("3pc", 720), ("3pi", 720), ("-0.5in", -720), ("0", 0), ("1.5cm", 850),
])
def test_every_form_of_a_twips_measure_is_read(value, twips):
    from vanban._docx_read import DocxView

    data = package(document_xml(paragraph("Đoạn", f'<w:ind w:left="{value}" w:firstLine="{value.lstrip("-")}"/>'
                                                  f'<w:spacing w:before="{value.lstrip("-")}" w:line="{value}"/>')))
    look = DocxView(data).look(DocxView(data).paragraphs[0])
    assert (look.left, look.first_line, look.before, look.line) == (twips, abs(twips), abs(twips), twips)


@pytest.mark.parametrize("value, points", [("28", 14), ("14pt", 14), ("10.5pt", 10.5), ("0.25in", 18),
                                           ("5mm", 14), ("4.94mm", 14), ("0.494cm", 14), ("1.167pc", 14),
                                           ("-1pt", -1)])
def test_every_form_of_a_half_point_measure_is_read(value, points):
    from vanban._docx_read import DocxView

    view = DocxView(package(document_xml(paragraph("Chữ", run_properties=f'<w:sz w:val="{value}"/>'))))
    (size,) = view.look(view.paragraphs[0]).sizes
    assert size == pytest.approx(points, abs=0.01)


def test_a_page_given_in_millimetres_and_inches_is_a4_with_the_right_margins():
    section = ('<w:sectPr><w:pgSz w:w="210mm" w:h="29.7cm"/>'
               '<w:pgMar w:top="20mm" w:bottom="2cm" w:left="30mm" w:right="56.7pt"/></w:sectPr>')
    assert page_findings(package(document_xml(section=section))) == []


def test_a_value_that_is_no_measurement_is_refused_naming_the_attribute(tmp_path):
    bad = package(document_xml(paragraph("ĐOÀN TNCS HỒ CHÍ MINH", run_properties='<w:sz w:val="14px"/>')))
    result = check_command(tmp_path, bad)
    assert result.exit_code == 1
    assert "'14px'" in result.output and "w:val" in result.output and "<w:sz>" in result.output


def test_a_strict_open_xml_document_is_named_and_how_to_save_it_said():
    strict = '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>'
    message = refusal(package(strict))
    assert "Strict Open XML" in message and "Word Document (.docx)" in message


# --- files of another kind, or in another encoding ---------------------------------------------


def compound_file(*streams: str) -> bytes:
    """A minimal OLE compound file (the container of .doc, .xls and password-protected .docx)
    whose directory names ``streams``: a header, one FAT sector, one directory sector."""
    import struct

    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[0x4C:0x200] = struct.pack("<I", 0) + b"\xff" * (0x200 - 0x50)
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 504

    def entry(name: str, kind: int) -> bytes:
        record = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\0\0"
        record[:len(encoded)] = encoded
        struct.pack_into("<HB", record, 64, len(encoded), kind)
        struct.pack_into("<III", record, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        return bytes(record)

    directory = entry("Root Entry", 5) + b"".join(entry(name, 2) for name in streams)
    return bytes(header) + fat + directory.ljust(512, b"\0")


OTHER_KINDS = [
    ("password-protected", compound_file("EncryptionInfo", "EncryptedPackage"),
     ["có đặt mật khẩu", "bỏ mật khẩu", "Mã hóa bằng mật khẩu"]),
    ("old-doc", compound_file("WordDocument", "1Table"), ["Word cũ (.doc", "Word Document (.docx)", "soffice"]),
    ("old-xls", compound_file("Workbook"), ["Excel cũ (.xls)"]),
    ("rtf", b"{\\rtf1\\ansi Xin ch\\'e0o}", ["tệp RTF", "Word Document (.docx)"]),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ["tệp PDF", ".docx gốc"]),
    ("odt", None, ["OpenDocument (.odt)"]),
    ("xlsx", None, ["tệp Excel (.xlsx)"]),
]


def _zip_of(**entries: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name.replace("__", "/").replace("_", "."), data)
    return buffer.getvalue()


def other_kind(name: str, data: bytes | None) -> bytes:
    if name == "odt":
        return _zip_of(mimetype=b"application/vnd.oasis.opendocument.text", content_xml=b"<x/>")
    if name == "xlsx":
        return _zip_of(xl__workbook_xml=b"<x/>")
    return data


@pytest.mark.parametrize("name, data, words", OTHER_KINDS, ids=[c[0] for c in OTHER_KINDS])
def test_a_file_of_another_kind_named_docx_is_said_to_be_what_it_is(tmp_path, name, data, words):
    result = check_command(tmp_path, other_kind(name, data))
    assert result.exit_code == 1
    assert "không phải tệp .docx hợp lệ" in result.output and "File is not a zip file" not in result.output
    for word in words:
        assert word in result.output, (word, result.output)


def test_the_name_of_a_stream_inside_a_streams_content_does_not_count():
    from vanban._file_kind import kind_of

    data = bytearray(compound_file("WordDocument"))
    data += b"\0" + "EncryptedPackage".encode("utf-16-le") + b"\0\0" + b"\0" * 200  # off the 128-byte grid
    assert kind_of(io.BytesIO(bytes(data))) == "doc"


def test_text_that_starts_like_a_zip_is_still_text(tmp_path):
    with pytest.raises(vanban.InputError) as error:
        load_text(tmp_path, "PK: 1\n")
    assert "loai" in str(error.value) and "ZIP" not in str(error.value)


@pytest.mark.parametrize("encoding, mark", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-16-le", b""), ("utf-16-be", b""),
], ids=["notepad-unicode", "unicode-big-endian", "utf-8-with-mark", "utf-32", "utf-16-le-no-mark",
        "utf-16-be-no-mark"])
def test_a_file_saved_as_unicode_by_notepad_is_read(tmp_path, encoding, mark):
    path = tmp_path / "van-ban.yaml"
    path.write_bytes(mark + MINIMAL.replace("\n", "\r\n").encode(encoding))
    document = vanban.load(path)
    assert document.place == "Mỹ Long Nam" and document.signer.name == "Nguyễn Văn A"


def test_a_json_file_in_utf16_is_read(tmp_path):
    import json

    import yaml

    path = tmp_path / "van-ban.json"
    data = yaml.safe_load(MINIMAL) | {"ngay": "2021-02-03"}
    path.write_bytes(b"\xff\xfe" + json.dumps(data, ensure_ascii=False).encode("utf-16-le"))
    assert vanban.load(path).place == "Mỹ Long Nam"


def test_a_file_in_an_old_code_page_is_named_at_its_first_unreadable_byte(tmp_path):
    path = tmp_path / "van-ban.yaml"
    import unicodedata

    windows_1258 = unicodedata.normalize("NFD", "Mỹ Long Nam").encode("cp1258")  # y, then the tilde as 0xDE
    path.write_bytes(MINIMAL.encode("utf-8").replace("Mỹ Long Nam".encode(), windows_1258, 1))
    with pytest.raises(vanban.InputError) as error:
        vanban.load(path)
    (problem,) = error.value.problems
    assert problem.location == "dòng 3, cột 22" and "UTF-8" in problem.message and "0xDE" in problem.message
    assert "    3 |   ten: BCH Đoàn xã My" in problem.message


def test_a_word_file_given_to_render_is_named_and_check_is_suggested(tmp_path):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(vanban.render_bytes(vanban.load(__import__("helpers").EXAMPLES / "ke_hoach_114.yaml")))
    out = tmp_path / "ra.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "là một tệp Word (.docx)" in result.output and f"vanban check {source}" in result.output
    assert "UTF-8" not in result.output and not out.exists()


@pytest.mark.parametrize("name", ["password-protected", "old-doc"])
def test_an_old_or_protected_word_file_given_to_render_says_what_to_do(tmp_path, name):
    data = next(d for n, d, _ in OTHER_KINDS if n == name)
    message = yaml_problems_of_bytes(tmp_path, data)
    assert "không phải tệp dữ liệu YAML" in message and "vanban check" in message


def yaml_problems_of_bytes(tmp_path, data: bytes) -> str:
    path = tmp_path / "van-ban.yaml"
    path.write_bytes(data)
    with pytest.raises(vanban.InputError) as error:
        vanban.load(path)
    return str(error.value)


def test_every_xml_parser_in_vanban_says_that_it_resolves_no_entity():
    # lxml's defaults have changed between versions (lxml < 6.1 read external entities): every
    # parser vanban makes states its choice, and nothing is parsed with lxml's default parser
    import ast
    from pathlib import Path

    unsafe = []
    for source in Path(vanban.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "etree"):
                continue
            where = f"{source.name}:{node.lineno}"
            keywords = {k.arg: k.value for k in node.keywords}
            if node.func.attr in ("XMLParser", "iterparse"):
                said = keywords.get("resolve_entities")
                if not (isinstance(said, ast.Constant) and said.value is False):
                    unsafe.append(f"{where} {node.func.attr} without resolve_entities=False")
            elif node.func.attr in ("fromstring", "parse", "XML") and len(node.args) < 2 and "parser" not in keywords:
                unsafe.append(f"{where} etree.{node.func.attr} with lxml's default parser")
    assert unsafe == []


@pytest.mark.parametrize("twin", ["word/document.xml", "Word/Document.xml"])
def test_two_parts_of_one_name_are_refused_as_no_program_would_read_the_same(tmp_path, twin):
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it is asked to write
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr(twin, document_xml(paragraph("Nơi nhận: một bản khác")))
        archive.writestr("word/document.xml", document_xml())
    result = check_command(tmp_path, buffer.getvalue())
    assert result.exit_code == 1
    assert "tệp nén có hai phần cùng tên word/document.xml" in result.output, result.output
