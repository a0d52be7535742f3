"""The PDF step never follows a link of the document it converts.

A .docx may link an image to a file of this machine (``file:``) or to a web address, and name a
remote template (``attachedTemplate``): LibreOffice, as vanban configures it, fetches none of them
and puts none in the PDF. The hostile document is built here from a rendered one; the web
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


def with_links(docx, local_image, web):
    """``docx`` with a picture linked to ``local_image``, one linked to ``web``, and ``web``'s
    template attached."""
    relation = '<Relationship Id="{}" Type="{}/{}" Target="{}" TargetMode="External"/>'
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8")
            if item.filename == "word/document.xml":
                data = data.replace("<w:body>", "<w:body>" + LINKED_PICTURE.format(id=901, rid="rIdTep")
                                    + LINKED_PICTURE.format(id=902, rid="rIdWeb"), 1)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace("</Relationships>", relation.format("rIdTep", R, "image", local_image.as_uri())
                                    + relation.format("rIdWeb", R, "image", f"{web}/anh.png") + "</Relationships>")
            elif item.filename == "word/settings.xml":
                opening = data.index(">", data.index("<w:settings")) + 1
                data = data[:opening] + f'<w:attachedTemplate xmlns:r="{R}" r:id="rIdMau"/>' + data[opening:]
            target.writestr(item, data)
        target.writestr("word/_rels/settings.xml.rels",
                        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                        '"http://schemas.openxmlformats.org/package/2006/relationships">'
                        + relation.format("rIdMau", R, "attachedTemplate", f"{web}/mau.dotm") + "</Relationships>")
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
    with PdfConverter() as converter:
        assert converter.warm == (kind == "warm")
        pdf = converter.convert_bytes(docx, "co-lien-ket.docx")
    assert requests == []
    assert images(pdf) == 0
    assert pages(pdf) >= 4  # the document itself is converted whole
