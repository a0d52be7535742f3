"""The PDF step never follows a link of the document it converts.

A .docx may link an image to a file of this machine (``file:``) or to a web address, name a
remote template (``attachedTemplate``), or embed an SVG picture that names a file or an address;
an old .doc keeps a linked picture as an INCLUDEPICTURE field: LibreOffice, as vanban configures
it and with the copy vanban gives it, fetches none of them and puts none in the PDF. The hostile document is built here from a rendered one; the web
address is a server of this test on the loopback interface, which counts every request.
"""

import http.server
import io
import struct
import threading
import zipfile
import zlib

import pytest

import vanban
from vanban._pdf import PdfConverter, find_soffice, find_uno_python

from helpers import EXAMPLES

pytestmark = pytest.mark.libreoffice

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINKED_PICTURE = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="914400" cy="914400"/><wp:docPr id="{id}" name="Hình {id}"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="{id}" name="hinh-{id}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
    f'<pic:blipFill><a:blip xmlns:r="{R}" r:link="{{rid}}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    '</wp:inline></w:drawing></w:r></w:p>'
)


def png(size=8):
    """A small red square, as a PNG file."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = b"".join(b"\x00" + b"\xff\x00\x00" * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b""))


def svg_naming(local_image, web, depth=1):
    """An SVG picture that names ``local_image`` and a picture at ``web``, and holds inline another
    such picture (LibreOffice's SVG reader draws a local file so named, whatever its settings say
    of links, also from a picture inside a picture)."""
    import base64

    inner = "" if depth == 0 else svg_naming(local_image, web, depth - 1)
    inline = f'<image href="data:image/svg+xml;base64,{base64.b64encode(inner.encode()).decode()}"/>' if inner else ""
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="96" height="96">'
            f'<image xlink:href="{local_image.as_uri()}" width="96" height="96"/>'
            f'<image href="{web}/svg.png" width="48" height="48"/>{inline}</svg>')


def with_links(docx, local_image, web):
    """``docx`` with a picture linked to ``local_image``, one linked to ``web``, ``web``'s
    template attached, and an embedded SVG picture (named .png) naming both."""
    relation = '<Relationship Id="{}" Type="{}/{}" Target="{}" TargetMode="External"/>'
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8")
            if item.filename == "word/document.xml":
                data = data.replace("<w:body>", "<w:body>" + LINKED_PICTURE.format(id=901, rid="rIdTep")
                                    + LINKED_PICTURE.format(id=902, rid="rIdWeb")
                                    + LINKED_PICTURE.format(id=903, rid="rIdSvg").replace("r:link", "r:embed"), 1)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", relation.format("rIdTep", R, "image", local_image.as_uri())
                                    + relation.format("rIdWeb", R, "image", f"{web}/anh.png")
                                    + relation.replace(' TargetMode="External"', "").format("rIdSvg", R, "image", "media/hinh.png")
                                    + "</Relationships>")
            elif item.filename == "[Content_Types].xml":
                data = data.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
            elif item.filename == "word/settings.xml":
                opening = data.index(">", data.index("<w:settings")) + 1
                data = data[:opening] + f'<w:attachedTemplate xmlns:r="{R}" r:id="rIdMau"/>' + data[opening:]
            target.writestr(item, data)
        target.writestr("word/_rels/settings.xml.rels",
                        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                        '"http://schemas.openxmlformats.org/package/2006/relationships">'
                        + relation.format("rIdMau", R, "attachedTemplate", f"{web}/mau.dotm") + "</Relationships>")
        target.writestr("word/media/hinh.png", svg_naming(local_image, web))
    return out.getvalue()


@pytest.fixture
def server():
    """A web server on the loopback interface that answers every request with a picture."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(png())

        do_HEAD = do_GET

        def log_message(self, *arguments):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


def images(pdf):
    from pypdf import PdfReader

    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def pages(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("kind", ["warm", pytest.param("one-soffice-per-document", marks=pytest.mark.slow)])
def test_a_document_linking_a_local_file_and_a_web_address_makes_libreoffice_fetch_neither(
        tmp_path, server, kind, monkeypatch):
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    if kind == "warm" and find_uno_python(find_soffice()) is None:
        pytest.skip("no Python with the uno module")
    if kind != "warm":
        monkeypatch.setattr("vanban._pdf.find_uno_python", lambda soffice: None)
    web, requests = server
    secret = tmp_path / "bi-mat.png"
    secret.write_bytes(png())
    docx = with_links(vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml")), secret, web)
    monkeypatch.setitem(vanban._pdf.EXPORT_FILTERS, "doc", "MS Word 97")
    with PdfConverter() as converter:
        assert converter.warm == (kind == "warm")
        pdf = converter.convert_bytes(docx, "co-lien-ket.docx")
        # Word 97 keeps a linked picture as an INCLUDEPICTURE field; LibreOffice's reader of it
        # asks the address for the picture (HTTP OPTIONS and HEAD) whatever its settings say of
        # links: only a proxy that leads nowhere stops it
        doc = converter.convert_bytes(docx, "co-lien-ket.docx", to="doc")
        assert f"{web}/anh.png".encode("utf-16-le") in doc  # the link is kept in the old format
        old_pdf = converter.convert_bytes(doc, "co-lien-ket.doc")
    assert requests == []
    assert images(pdf) == 0 and images(old_pdf) == 0
    assert pages(pdf) >= 4 and pages(old_pdf) >= 4  # the document itself is converted whole


def test_the_copy_libreoffice_converts_names_nothing_outside_and_the_document_is_unchanged(tmp_path):
    from vanban._pdf import _for_libreoffice

    secret = tmp_path / "bi-mat.png"
    docx = with_links(vanban.render_bytes(vanban.load(EXAMPLES / "ke_hoach_114.yaml")), secret, "http://127.0.0.1:9")
    source = tmp_path / "co-lien-ket.docx"
    source.write_bytes(docx)
    copy = io.BytesIO(_for_libreoffice(source.read_bytes(), "co-lien-ket.docx"))
    assert source.read_bytes() == docx
    picture = zipfile.ZipFile(copy).read("word/media/hinh.png")
    assert b"<image" in picture and b"bi-mat" not in picture and b"127.0.0.1" not in picture
    assert b"data:image/svg+xml" not in picture
    unchanged = [name for name in zipfile.ZipFile(source).namelist() if name != "word/media/hinh.png"]
    assert all(zipfile.ZipFile(copy).read(name) == zipfile.ZipFile(source).read(name) for name in unchanged)
