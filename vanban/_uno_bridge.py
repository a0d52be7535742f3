"""The far end of vanban's warm PDF converter, run by LibreOffice's own Python.

This file is not imported by vanban: :mod:`vanban._pdf` runs it as a script
with a Python interpreter that has LibreOffice's ``uno`` module (on Debian
``/usr/bin/python3`` with the ``python3-uno`` package; on Windows and macOS the
``python`` shipped inside LibreOffice). It needs nothing but the standard
library and ``uno``.

It connects to a LibreOffice started with ``--accept=pipe,name=NAME;urp;``,
says ``{"ready": true}`` on standard output, then converts one document per
line of standard input, ``{"in": PATH, "out": PATH, "filter": NAME-or-null, "export": NAME}``
(``export`` defaults to PDF; ``MS Word 2007 XML`` writes a .docx, to read an old .doc;
``"kept_lines": true`` asks for Word's pagination of long keep-with-next paragraphs first,
see ``_split_kept_paragraphs``),
answering each with ``{"ok": true}`` or ``{"ok": false, "error": TEXT}``; when the
conversion failed because LibreOffice itself is gone (it crashed, or was killed), the answer
says so (``"office_gone": true``) and the bridge exits. When standard input closes it asks
LibreOffice to quit and exits.
"""

import json
import sys
import time


def _reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _connect(pipe_name, deadline):
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    address = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name
    while True:
        try:
            context = resolver.resolve(address)
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception as error:  # NoConnectException until LibreOffice listens
            if time.monotonic() > deadline:
                raise error
            time.sleep(0.05)


def _properties(**values):
    from com.sun.star.beans import PropertyValue

    out = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name = name
        item.Value = value
        out.append(item)
    return tuple(out)


KEPT_LINES = 2
"""The lines of a long keep-with-next paragraph that go with what follows it (widow control)."""
BLOCK = 2
"""com.sun.star.style.ParagraphAdjust.BLOCK: justified."""
MAX_TABLES = 100
"""Tables looked at for a long paragraph kept with them: a bound on the time a document with
thousands of tables can take (the converter's time limit stops the rest)."""


def _split_kept_paragraphs(document):
    """Paginate a long keep-with-next paragraph before a table as Word does: Word keeps only
    its last lines with the table (the paragraph may still split, with widow and orphan
    control); LibreOffice never splits a keep-with-next paragraph and moves it whole, leaving
    the page before it up to a paragraph and a signature block short.

    So, in the copy LibreOffice converts (the .docx is not changed), such a paragraph of more
    than three lines is cut where its last ``KEPT_LINES`` lines begin, as LibreOffice itself
    laid the lines out: the head keeps the paragraph's look (its last line justified like the
    lines it was among, no space after it) and is no longer kept with what follows; the tail
    (no first-line indent, no space before it) keeps keep-with-next. The lines on the page are
    the same; only the page break may now fall inside the paragraph."""
    controller = document.getCurrentController()
    if controller is None or not hasattr(document, "getTextTables"):
        return
    cursor = controller.getViewCursor()
    text = document.getText()
    tables = document.getTextTables()
    count = tables.getCount()
    # from the last table back (the signature block follows the body's tables; annexes', if
    # any, follow it), and no more than MAX_TABLES: each costs a few calls across the bridge
    for index in range(count - 1, max(count - MAX_TABLES, 0) - 1, -1):
        table = tables.getByIndex(index)
        try:
            cursor.gotoRange(table.getCellByName("A1").getStart(), False)
        except Exception:
            continue
        if not cursor.goLeft(1, False) or cursor.getPropertyValue("TextTable") is not None:
            continue  # the table opens the text, or follows another table
        if cursor.getText() != text or not cursor.getPropertyValue("ParaKeepTogether") \
                or not cursor.getPropertyValue("ParaSplit"):
            continue  # in a frame or a cell; not kept with the table; or never to be split
        paragraph = text.createTextCursorByRange(cursor.getStart())
        paragraph.gotoStartOfParagraph(False)
        starts = []
        while len(starts) < KEPT_LINES + 2:
            cursor.gotoStartOfLine(False)
            starts.append(cursor.getStart())
            if text.compareRegionStarts(cursor.getStart(), paragraph.getStart()) == 0 or not cursor.goLeft(1, False):
                break
        if len(starts) < KEPT_LINES + 2:
            continue  # three lines or fewer: widow and orphan control keep it whole in Word too
        cut = text.createTextCursorByRange(starts[KEPT_LINES - 1])
        text.insertControlCharacter(cut, 0, False)  # PARAGRAPH_BREAK
        tail = text.createTextCursorByRange(cut.getStart())
        tail.gotoStartOfParagraph(False)
        # the keep is set again: LibreOffice may leave a directly set keep on either part of a split
        for name, value in (("ParaFirstLineIndent", 0), ("ParaTopMargin", 0), ("ParaKeepTogether", True)):
            tail.setPropertyValue(name, value)
        try:
            if tail.getPropertyValue("NumberingIsNumber"):
                tail.setPropertyValue("NumberingIsNumber", False)  # a list item's tail is not a new item
        except Exception:
            pass
        head = text.createTextCursorByRange(tail.getStart())
        head.goLeft(1, False)
        for name, value in (("ParaKeepTogether", False), ("ParaBottomMargin", 0)):
            head.setPropertyValue(name, value)
        if head.getPropertyValue("ParaAdjust") == BLOCK:  # its last line was a justified line
            head.setPropertyValue("ParaLastLineAdjust", BLOCK)


def _convert(desktop, source, target, import_filter, export_filter="writer_pdf_Export", kept_lines=False):
    import uno

    load = {"Hidden": True, "ReadOnly": not kept_lines, "UpdateDocMode": 0, "MacroExecutionMode": 0}
    if import_filter:
        load["FilterName"] = import_filter
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, _properties(**load))
    if document is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        if kept_lines:
            _split_kept_paragraphs(document)
        document.storeToURL(uno.systemPathToFileUrl(target), _properties(FilterName=export_filter))
    finally:
        document.close(True)


def _alive(desktop):
    """Whether LibreOffice still answers (after a failed conversion: its fault or the file's)."""
    try:
        desktop.getFrames()
    except Exception:
        return False
    return True


def main():
    pipe_name, connect_seconds = sys.argv[1], float(sys.argv[2])
    try:
        desktop = _connect(pipe_name, time.monotonic() + connect_seconds)
    except Exception as error:
        _reply({"ready": False, "error": "%s: %s" % (type(error).__name__, error)})
        return 1
    _reply({"ready": True})
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            _convert(desktop, request["in"], request["out"], request.get("filter"),
                     request.get("export") or "writer_pdf_Export", bool(request.get("kept_lines")))
        except Exception as error:
            message = getattr(error, "Message", "") or str(error)
            gone = not _alive(desktop)
            _reply({"ok": False, "error": "%s: %s" % (type(error).__name__, message), "office_gone": gone})
            if gone:
                return 1
        else:
            _reply({"ok": True})
    try:
        desktop.terminate()
    except Exception:
        pass  # LibreOffice already gone: the parent kills what is left
    return 0


if __name__ == "__main__":
    sys.exit(main())
