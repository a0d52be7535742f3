"""The far end of vanban's warm PDF converter, run by LibreOffice's own Python.

This file is not imported by vanban: :mod:`vanban._pdf` runs it as a script
with a Python interpreter that has LibreOffice's ``uno`` module (on Debian
``/usr/bin/python3`` with the ``python3-uno`` package; on Windows and macOS the
``python`` shipped inside LibreOffice). It needs nothing but the standard
library and ``uno``.

It connects to a LibreOffice started with ``--accept=pipe,name=NAME;urp;``,
says ``{"ready": true}`` on standard output, then converts one document per
line of standard input, ``{"in": PATH, "out": PATH, "filter": NAME-or-null, "export": NAME}``
(``export`` defaults to PDF; ``MS Word 2007 XML`` writes a .docx, to read an old .doc),
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


def _convert(desktop, source, target, import_filter, export_filter="writer_pdf_Export"):
    import uno

    load = {"Hidden": True, "ReadOnly": True, "UpdateDocMode": 0, "MacroExecutionMode": 0}
    if import_filter:
        load["FilterName"] = import_filter
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, _properties(**load))
    if document is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
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
                     request.get("export") or "writer_pdf_Export")
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
