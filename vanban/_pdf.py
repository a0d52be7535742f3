"""PDF and page images, through LibreOffice: the same .docx, one layout engine.

:class:`PdfConverter` keeps one LibreOffice running for many documents. It
starts ``soffice`` headless as a listener (``--accept=pipe,...``) with its own
profile folder, and a small bridge (``_uno_bridge.py``, run by the Python that
has LibreOffice's ``uno`` module) that converts one document per request. A
conversion that fails is reported for that document and the next one goes on;
one that takes longer than ``timeout`` seconds gets LibreOffice killed and
started again for the next document. Closing the converter (the end of a
``with`` block, an exception, Ctrl-C, or the interpreter exiting) stops
LibreOffice and removes its profile: no process is left behind.

Without a Python that has ``uno`` (``vanban doctor`` says how to install it),
the converter still works, one ``soffice --convert-to pdf`` process per
document: several times slower, with the same errors and time limit.

Page images come from the PDF with poppler's ``pdftoppm``.
"""

from __future__ import annotations

import errno
import json
import os
import queue
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from ._files import require_extension, write_atomic
from .errors import (
    ConversionError,
    ConversionTimeout,
    ConverterClosedError,
    MissingToolError,
    OfficeStartError,
    OutputError,
    OutputExistsError,
    PageImageError,
)

PathLike = Union[str, Path]

DOCX_FILTER = "MS Word 2007 XML"
"""LibreOffice's import filter for .docx: a broken file fails instead of opening as plain text."""
EXPORT_FILTERS = {"pdf": "writer_pdf_Export", "docx": DOCX_FILTER}
"""What LibreOffice writes: PDF, or a .docx (an old .doc read through it, for ``vanban import``)."""

INSTALL = {
    "libreoffice": (
        "Debian/Ubuntu: sudo apt-get install libreoffice-writer fonts-liberation2; "
        "Windows, macOS: tải LibreOffice tại https://www.libreoffice.org/download/"
    ),
    "uno": (
        "Debian/Ubuntu: sudo apt-get install python3-uno (Windows, macOS: có sẵn trong LibreOffice); "
        "hoặc đặt biến môi trường VANBAN_UNO_PYTHON là đường dẫn tới Python có mô-đun uno"
    ),
    "pdftoppm": (
        "Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler; "
        "Windows: tải poppler tại https://github.com/oschwartz10612/poppler-windows/releases và thêm thư mục bin vào PATH"
    ),
    "fonts": (
        "Debian/Ubuntu: sudo apt-get install fonts-liberation2 (Liberation Serif 2, cùng kích thước chữ với "
        "Times New Roman, đủ chữ Việt), hoặc cài Times New Roman: sudo apt-get install ttf-mscorefonts-installer; "
        "Windows, macOS: Times New Roman có sẵn"
    ),
}


CRASHED_TWICE = (
    "LibreOffice dừng đột ngột (bị lỗi) hai lần khi chuyển tệp này, cả hai lần đã được chạy lại; "
    "có thể chính tệp làm LibreOffice lỗi: hãy mở tệp bằng Word hoặc LibreOffice để kiểm tra"
)
"""Said when the document crashed LibreOffice twice; once is taken for LibreOffice's own fault."""


# --- finding the programs -----------------------------------------------------------


def find_soffice() -> Optional[str]:
    """LibreOffice's ``soffice``: $VANBAN_SOFFICE, then PATH, then the usual install places."""
    configured = os.environ.get("VANBAN_SOFFICE")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "/opt/libreoffice/program/soffice",
        *(str(Path(base) / "LibreOffice" / "program" / "soffice.exe")
          for base in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")) if base),
    ]
    return next((c for c in candidates if Path(c).is_file()), None)


def find_pdftoppm() -> Optional[str]:
    return shutil.which("pdftoppm")


def _has_uno(python: str) -> bool:
    try:
        result = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30,
                                stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


@lru_cache(maxsize=8)
def find_uno_python(soffice: str) -> Optional[str]:
    """A Python interpreter that can ``import uno``: $VANBAN_UNO_PYTHON, the one shipped
    inside LibreOffice (Windows, macOS), the system's (Debian's python3-uno), this one."""
    configured = os.environ.get("VANBAN_UNO_PYTHON")
    if configured:
        return configured if _has_uno(configured) else None
    program = Path(os.path.realpath(soffice)).parent
    candidates = [
        program / "python.exe", program / "python",
        program.parent / "Resources" / "python",  # macOS bundle
        Path(sys.executable), Path("/usr/bin/python3"),
    ]
    which = shutil.which("python3")
    if which:
        candidates.append(Path(which))
    seen = set()
    for candidate in candidates:
        if candidate in seen or not candidate.is_file():
            continue
        seen.add(candidate)
        if _has_uno(str(candidate)):
            return str(candidate)
    return None


# --- processes ------------------------------------------------------------------------


def _popen(args: list[str], **kwargs) -> subprocess.Popen:
    """A child in its own process group, so that it and everything it starts can be killed,
    started through the guard (:mod:`vanban._guard`), so that none of them outlives vanban."""
    from ._guard import guarded

    if os.name == "nt":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True
    return subprocess.Popen(guarded(args), **kwargs)


def _kill_tree(process: Optional[subprocess.Popen]) -> None:
    """Kill ``process`` and every process it started (soffice starts soffice.bin)."""
    if process is None:
        return
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def _group_alive(process: subprocess.Popen) -> bool:
    if os.name == "nt":
        return process.poll() is None
    try:
        os.killpg(process.pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


LONG_PARAGRAPH_CHARS = 200
"""A paragraph this long may run over more than three lines (a full body line holds about 70 to 100
characters): the shortest that the bridge's Word-like split of a kept paragraph can concern."""
_MAX_SCANNED_XML = 64 * 1024 * 1024
_BEFORE_TABLE = re.compile(rb"<w:p[ >](?:(?!<w:p[ >]).)*?</w:p>\s*<w:tbl>", re.DOTALL)
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def long_paragraph_before_table(docx: Path) -> bool:
    """Whether a .docx has a paragraph of ``LONG_PARAGRAPH_CHARS`` or more right before a
    table (a closing sentence above the signature block): only then does the bridge look at
    LibreOffice's lines for a kept paragraph to split (``_uno_bridge._split_kept_paragraphs``),
    which costs a few dozen calls across the bridge. A file that cannot be read says no:
    LibreOffice's own error about it comes next."""
    import zipfile

    try:
        with zipfile.ZipFile(docx) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > _MAX_SCANNED_XML:
                return True
            xml = archive.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
        return False
    for match in _BEFORE_TABLE.finditer(xml):
        paragraph = match.group(0)
        start = paragraph.rfind(b"<w:p>"), paragraph.rfind(b"<w:p ")
        paragraph = paragraph[max(start):]
        if sum(len(t.decode("utf-8", "replace")) for t in _TEXT.findall(paragraph)) >= LONG_PARAGRAPH_CHARS:
            return True
    return False


class _Office:
    """One running LibreOffice and its bridge; everything needed to stop them."""

    def __init__(self, office: subprocess.Popen, bridge: Optional[subprocess.Popen]):
        self.office = office
        self.bridge = bridge
        self.replies: queue.Queue = queue.Queue()
        if bridge is not None:
            threading.Thread(target=self._read, daemon=True, name="vanban-uno-bridge").start()

    def _read(self) -> None:
        """Replies of the bridge, one JSON object a line; anything else on its output is noise."""
        for line in self.bridge.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict):
                self.replies.put(message)
        self.replies.put(None)

    def alive(self) -> bool:
        return self.office.poll() is None and (self.bridge is None or self.bridge.poll() is None)

    def send(self, request: dict) -> None:
        """One request to the bridge (raises OSError if the bridge is gone)."""
        self.bridge.stdin.write(json.dumps(request) + "\n")
        self.bridge.stdin.flush()

    def stop(self, *, gently: bool) -> None:
        if gently and self.bridge is not None and self.bridge.poll() is None:
            try:
                self.bridge.stdin.close()  # the bridge asks LibreOffice to quit
                self.bridge.wait(timeout=15)
                self.office.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for process in (self.bridge, self.office):
            _kill_tree(process)
        deadline = time.monotonic() + 5
        while _group_alive(self.office) and time.monotonic() < deadline:
            time.sleep(0.05)
        for stream in (self.bridge.stdin, self.bridge.stdout) if self.bridge is not None else ():
            try:
                stream.close()
            except OSError:
                pass


_FOLDER_PREFIX = "vanban-libreoffice-"
_FOLDER = re.compile(re.escape(_FOLDER_PREFIX) + r"(\d+)-[0-9a-z_]{6,16}")


def _remove_stray_folders(temporary: Path) -> None:
    """Remove the folders (LibreOffice profiles, a few MB each) of converters whose vanban was
    killed: its LibreOffice was stopped by the guard, but nobody removed its folder."""
    from ._files import _process_alive

    try:
        entries = list(os.scandir(temporary))
    except OSError:
        return
    for entry in entries:
        found = _FOLDER.fullmatch(entry.name)
        if found is not None and not _process_alive(int(found.group(1))):
            shutil.rmtree(entry.path, ignore_errors=True)


MIN_FREE_BYTES = 64 << 20
"""Room LibreOffice needs in the temporary folder: its profile, its work files, one PDF."""


def _free_bytes(folder: Path) -> Optional[int]:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _no_room(folder: Path, error: Optional[OSError] = None) -> Optional[str]:
    """What to say when the temporary folder is (or a write there failed for being) full."""
    free = _free_bytes(folder)
    full = error is not None and error.errno in (errno.ENOSPC, errno.EDQUOT)
    if not full and (free is None or free >= MIN_FREE_BYTES):
        return None
    room = f"chỉ còn {free >> 20} MB trống" if free is not None and not full else "đã hết chỗ trống"
    return (f"Thư mục tạm {folder} {room}; LibreOffice cần ít nhất {MIN_FREE_BYTES >> 20} MB ở đó để chạy. "
            "Hãy xóa bớt tệp ở đó, hoặc đặt biến môi trường TMPDIR là một thư mục trên ổ còn trống.")


def _check_room(folder: Path) -> None:
    """Before LibreOffice starts: a full temporary folder made it hang until its time limit."""
    message = _no_room(folder)
    if message:
        raise OfficeStartError(message)


def _cleanup(state: dict) -> None:
    """Stop LibreOffice and remove the profile; also run if the converter is never closed."""
    office = state.pop("office", None)
    if office is not None:
        office.stop(gently=False)
    folder = state.pop("folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


# --- the converter ----------------------------------------------------------------------


class PdfConverter:
    """Converts .docx files to PDF with one LibreOffice kept running (a context manager).

    ::

        with PdfConverter() as converter:
            for path in paths:
                converter.convert(path)          # path.pdf beside it

    ``timeout`` is the time one document may take before LibreOffice is
    considered hung, killed, and started again for the next document. One
    converter converts one document at a time (threads wait their turn); for
    parallel conversions use one converter per thread.
    """

    def __init__(self, *, timeout: float = 120.0, start_timeout: float = 60.0,
                 soffice: Optional[str] = None):
        self.timeout = timeout
        self.start_timeout = start_timeout
        self.soffice = soffice or find_soffice()
        if self.soffice is None:
            raise MissingToolError("libreoffice", "tạo được PDF")
        self.uno_python = find_uno_python(self.soffice)
        self.warm = self.uno_python is not None
        """True: one LibreOffice for every document; False: one soffice process per document."""
        self.starts = 0
        """How many times LibreOffice was started (more than 1 after a hang or a crash)."""
        self._lock = threading.Lock()
        self._count = 0
        self._closed = False
        temporary = Path(tempfile.gettempdir())
        _remove_stray_folders(temporary)
        _check_room(temporary)
        try:
            folder = Path(tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-"))
        except OSError as error:
            raise OfficeStartError(_no_room(temporary, error) or
                                   f"Không tạo được thư mục tạm cho LibreOffice trong {temporary} "
                                   f"({error.strerror or error}).") from None
        self.crashes = 0
        """How many times LibreOffice stopped by itself (crashed) while converting."""
        self._state: dict = {"folder": folder}
        self._finalizer = weakref.finalize(self, _cleanup, self._state)

    # context manager
    def __enter__(self) -> "PdfConverter":
        if self.warm:
            with self._lock:
                self._ensure_started()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def folder(self) -> Path:
        """This converter's own folder: LibreOffice profile and work files (removed on close)."""
        return self._state["folder"]

    @property
    def office_pid(self) -> Optional[int]:
        """Process id of the running LibreOffice (its process group on POSIX), or None."""
        office = self._state.get("office")
        return office.office.pid if office is not None and office.alive() else None

    def abort(self) -> None:
        """Stop LibreOffice now, from any thread, even while it converts (that conversion fails);
        the converter is closed. For a batch stopped with Ctrl-C: nothing waits for LibreOffice."""
        self._closed = True
        office = self._state.get("office")
        if office is not None:
            office.stop(gently=False)

    def close(self) -> None:
        """Stop LibreOffice and remove the profile folder. Safe to call twice."""
        with self._lock:
            self._closed = True
            office = self._state.pop("office", None)
            if office is not None:
                office.stop(gently=True)
            self._finalizer()

    # conversions
    def convert(self, source: PathLike, target: Optional[PathLike] = None, *,
                overwrite: bool = False) -> Path:
        """Convert ``source`` (.docx) to ``target`` (default: beside it, ``.pdf``), atomically."""
        source = Path(source)
        target = _pdf_target(source, target)
        if target.exists() and not overwrite:
            raise OutputExistsError(target)
        if not source.is_file():
            raise ConversionError(str(source), "không tìm thấy tệp")
        data = self.convert_bytes(source.read_bytes(), str(source))
        return write_atomic(target, data, overwrite=overwrite)

    def convert_bytes(self, docx: bytes, name: str = "van-ban.docx", *, to: str = "pdf") -> bytes:
        """The PDF of a .docx given as bytes (``name`` is used in messages, and its suffix
        tells LibreOffice the format: a ``.doc`` is read as one); ``to="docx"`` writes a .docx."""
        with self._lock:
            self._check_open()
            self._count += 1
            # LibreOffice names what it writes after the file it reads, and writes a lock file named
            # ".~lock.<that name>#" beside it: a name near the 255-byte limit of a name fails there
            source = self.folder / "work" / str(self._count) / f"van-ban{Path(name).suffix.lower()}"
            source.parent.mkdir(parents=True)
        try:
            source.write_bytes(_for_libreoffice(docx, name))
            return self._convert_file(source, shown=name, to=to)
        finally:
            shutil.rmtree(source.parent, ignore_errors=True)

    def _check_open(self) -> None:
        if self._closed:
            raise ConverterClosedError()

    def _convert_file(self, source: Path, shown: str, to: str = "pdf") -> bytes:
        with self._lock:
            self._check_open()
            self._count += 1
            out = self.folder / "out" / str(self._count)
            out.mkdir(parents=True)
            try:
                if self.warm:
                    pdf = self._convert_warm(source.resolve(), out / f"{source.stem}.{to}", shown, to)
                else:
                    pdf = self._convert_cold(source.resolve(), out, shown, to)
                return pdf.read_bytes()
            finally:
                shutil.rmtree(out, ignore_errors=True)

    def _office_environment(self) -> dict:
        """LibreOffice's temporary files go to this converter's folder, removed on close,
        even when a hung LibreOffice had to be killed."""
        temporary = self.folder / "tmp"
        temporary.mkdir(exist_ok=True)
        return {**os.environ, "TMPDIR": str(temporary), "TMP": str(temporary), "TEMP": str(temporary)}

    def _input_filter(self, source: Path) -> Optional[str]:
        return DOCX_FILTER if source.suffix.lower() == ".docx" else None

    # warm: one LibreOffice, a bridge speaking JSON lines
    def _ensure_started(self) -> "_Office":
        self._check_open()
        office = self._state.get("office")
        if office is not None and office.alive():
            return office
        if office is not None:  # crashed or killed: start a new one
            office.stop(gently=False)
            self._state.pop("office", None)
        pipe = f"vanban_{os.getpid()}_{secrets.token_hex(6)}"
        profile = self.folder / f"profile{self.starts}"
        _write_settings(profile)
        log = open(self.folder / "libreoffice.log", "ab")
        try:
            soffice = _popen(
                [self.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                 "--nocrashreport", "--nodefault", "--nologo", "--nofirststartwizard", "--norestore",
                 "--nolockcheck", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=self._office_environment(),
            )
            bridge_script = Path(__file__).with_name("_uno_bridge.py")
            try:
                bridge = _popen(
                    [self.uno_python, str(bridge_script), pipe, str(self.start_timeout)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                    text=True, encoding="utf-8", bufsize=1, cwd=str(self.folder),
                    env=self._office_environment(),
                )
            except OSError:
                _kill_tree(soffice)
                raise
        finally:
            log.close()
        office = _Office(soffice, bridge)
        self._state["office"] = office
        self.starts += 1
        ready: dict = {}
        deadline = time.monotonic() + self.start_timeout + 10
        while time.monotonic() < deadline:
            try:
                ready = office.replies.get(timeout=0.25) or {}
                break
            except queue.Empty:
                if office.office.poll() is not None:  # LibreOffice itself is gone: no use waiting
                    break
        if not ready.get("ready"):
            self._state.pop("office", None)
            stopped = office.office.poll()
            office.stop(gently=False)
            room = _no_room(self.folder)
            if room:
                raise OfficeStartError(room)
            if stopped is not None:
                detail = f"LibreOffice dừng ngay khi khởi động (mã thoát {stopped})"
            else:
                detail = ready.get("error") or f"LibreOffice không trả lời sau {self.start_timeout:g} giây"
            raise OfficeStartError(
                f"Không khởi động được LibreOffice ({self.soffice}): {detail}. Chạy 'vanban doctor' để kiểm tra."
            )
        return office

    def _drop_office(self) -> None:
        office = self._state.pop("office", None)
        if office is not None:
            office.stop(gently=False)

    def _convert_warm(self, source: Path, target: Path, shown: str, to: str = "pdf") -> Path:
        request = {"in": str(source), "out": str(target), "filter": self._input_filter(source),
                   "export": EXPORT_FILTERS[to]}
        if to == "pdf" and source.suffix.lower() == ".docx" and long_paragraph_before_table(source):
            request["kept_lines"] = True  # Word's pagination of it (_uno_bridge._split_kept_paragraphs)
        for attempt in (1, 2):
            office = self._ensure_started()
            try:
                office.send(request)
                reply = office.replies.get(timeout=self.timeout)
            except queue.Empty:
                self._drop_office()
                raise ConversionTimeout(shown, self.timeout) from None
            except OSError:
                reply = None
            if reply is not None and not reply.get("office_gone"):
                break
            # LibreOffice stopped by itself (crashed, or was killed) while converting: start it
            # again and try the document once more, to tell a crash from a document that crashes it
            self._drop_office()
            self.crashes += 1
            if attempt == 2:
                raise ConversionError(shown, CRASHED_TWICE)
        if not reply.get("ok"):
            raise ConversionError(shown, _reason(reply.get("error", "")))
        if not target.is_file():
            raise ConversionError(shown, "LibreOffice không tạo ra tệp PDF")
        return target

    # cold: one soffice --convert-to per document
    def _convert_cold(self, source: Path, out: Path, shown: str, to: str = "pdf") -> Path:
        profile = self.folder / "profile"
        if not (profile / "user" / "registrymodifications.xcu").exists():
            _write_settings(profile)
        args = [self.soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                "--nolockcheck", "--nologo", "--nofirststartwizard"]
        import_filter = self._input_filter(source)
        if import_filter:
            args.append(f"--infilter={import_filter}")
        args += ["--convert-to", f"{to}:{EXPORT_FILTERS[to]}", "--outdir", str(out), str(source)]
        for attempt in (1, 2):
            process = _popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=self._office_environment())
            self.starts += 1
            try:
                code = process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                _kill_tree(process)
                raise ConversionTimeout(shown, self.timeout) from None
            finally:
                _kill_tree(process)  # nothing it started may outlive it
            if not (code < 0 or code > 128):  # not killed by a signal (the guard says 128 + N)
                break
            self.crashes += 1  # crashed: once more, to tell LibreOffice's fault from the document's
            if attempt == 2:
                raise ConversionError(shown, CRASHED_TWICE)
        target = out / f"{source.stem}.{to}"
        if not target.is_file():
            raise ConversionError(shown, "LibreOffice không mở được tệp này (tệp hỏng hoặc không phải văn bản Word)")
        return target


def _for_libreoffice(docx: bytes, name: str) -> bytes:
    """What LibreOffice is given for the package ``docx`` (``name``: its name, in messages):
    the same package with no SVG picture naming a file outside itself (``_svg``), a link
    LibreOffice's settings cannot stop."""
    from ._svg import without_links

    if Path(name).suffix.lower() != ".docx":
        return docx
    return without_links(docx, name) or docx


# LibreOffice's settings for every profile vanban starts it with: a document it converts may be
# hostile (an office's template, any .docx given to the converter) and must not make LibreOffice
# fetch anything, or put a file of this machine into the PDF. Keys and values as in LibreOffice's
# own schema (share/registry/main.xcd); each checked on LibreOffice 7.4 by tests/test_converter_links.py.
# One way out no setting closes, an SVG picture naming a local file, is closed by the copy
# LibreOffice is given (_for_libreoffice).
_SETTINGS = (
    # "Stealth mode": a document may load linked resources (images linked to http: or file:
    # targets, a remote attachedTemplate) only from a trusted location, and none is trusted.
    # This is the setting that stops linked images: without it LibreOffice fetches them.
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "xs:boolean", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "SecureURL", "oor:string-list", ""),
    # Writer never updates links (OLE and DDE links, sections and text linked to files): 0 = never
    # (its enumeration: never, on request, always)
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "xs:int", "0"),
    # no macro runs, whatever the document holds (.docm)
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "xs:int", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "xs:boolean", "true"),
    # nothing asks the network on start
    ("/org.openoffice.Office.Update/Update", "Enabled", "xs:boolean", "false"),
    # and nothing reaches it at all: every web, secure web and FTP address goes through a proxy
    # that leads nowhere (this machine's port 1, where nothing listens), none excepted. The
    # settings above leave one way out: the Word 97 (.doc) reader asks a linked picture's
    # address about it (HTTP OPTIONS and HEAD) while it reads the file.
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "xs:int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", "xs:string", ""),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "xs:int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "xs:int", "1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "xs:string", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "xs:int", "1"),
)


_REGISTRY = "http://openoffice.org/2001/registry"


def _write_settings(profile: Path) -> None:
    """Put :data:`_SETTINGS` into the profile's registrymodifications.xcu (written before
    LibreOffice first starts with the profile, it is kept; what LibreOffice wrote there is kept)."""
    from lxml import etree

    path = profile / "user" / "registrymodifications.xcu"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError):
        root = etree.Element(f"{{{_REGISTRY}}}items", nsmap={"oor": _REGISTRY})
    ours = {(item_path, name) for item_path, name, _, _ in _SETTINGS}
    for item in list(root):
        prop = item.find("prop")
        if prop is not None and (item.get(f"{{{_REGISTRY}}}path"), prop.get(f"{{{_REGISTRY}}}name")) in ours:
            root.remove(item)
    for item_path, name, kind, value in _SETTINGS:
        item = etree.SubElement(root, "item", {f"{{{_REGISTRY}}}path": item_path})
        prop = etree.SubElement(item, "prop", {f"{{{_REGISTRY}}}name": name, f"{{{_REGISTRY}}}op": "fuse"})
        etree.SubElement(prop, "value").text = value or None
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _reason(detail: str) -> str:
    """LibreOffice's error, introduced in Vietnamese (its own words stay as they are)."""
    lowered = detail.lower()
    if "type detection" in lowered or "could not open" in lowered or "illegalargument" in lowered:
        return f"LibreOffice không mở được tệp này, tệp hỏng hoặc không phải văn bản Word ({detail})"
    return f"LibreOffice báo lỗi ({detail})"


# --- one-off functions ------------------------------------------------------------------


def _pdf_target(source: Path, target: Optional[PathLike]) -> Path:
    """Where the PDF of ``source`` goes (default: beside it): a name ending in .pdf, never the
    source itself."""
    target = Path(target) if target is not None else source.with_suffix(".pdf")
    require_extension(target, ".pdf", "vanban.to_pdf")
    try:
        same = target.exists() and source.samefile(target)
    except OSError:
        same = False
    if same:
        raise OutputError(target, "đây là chính tệp cần chuyển, tệp PDF sẽ ghi đè lên nó: hãy chọn tên khác")
    return target


def to_pdf(source: PathLike, target: Optional[PathLike] = None, *, overwrite: bool = False,
           converter: Optional[PdfConverter] = None) -> Path:
    """Convert a .docx to PDF (default: beside it). Pass a running ``converter`` for many files."""
    if converter is not None:
        return converter.convert(source, target, overwrite=overwrite)
    _pdf_target(Path(source), target)  # a wrong name is refused before LibreOffice starts
    with PdfConverter() as own:
        return own.convert(source, target, overwrite=overwrite)


def render_pdf(document, path: PathLike, *, overwrite: bool = False,
               converter: Optional[PdfConverter] = None, renderer=None) -> Path:
    """Write ``document`` as a PDF at ``path`` (the .docx is made in memory and converted)."""
    from . import default_renderer

    path = Path(path)
    require_extension(path, ".pdf", "vanban.render_pdf")
    if path.exists() and not overwrite:
        raise OutputExistsError(path)
    data = (renderer or default_renderer()).render_bytes(document)
    name = path.with_suffix(".docx").name
    if converter is not None:
        pdf = converter.convert_bytes(data, name)
    else:
        with PdfConverter() as own:
            pdf = own.convert_bytes(data, name)
    return write_atomic(path, pdf, overwrite=overwrite)


def pdf_to_png(pdf: bytes, *, dpi: int = 100, timeout: float = 120.0) -> list[bytes]:
    """Each page of ``pdf`` as a PNG image, in order (poppler's pdftoppm)."""
    program = find_pdftoppm()
    if program is None:
        raise MissingToolError("pdftoppm", "tạo được ảnh trang")
    with tempfile.TemporaryDirectory(prefix="vanban-png-") as folder:
        source = Path(folder) / "van-ban.pdf"
        source.write_bytes(pdf)
        try:
            result = subprocess.run([program, "-png", "-r", str(dpi), str(source), str(Path(folder) / "trang")],
                                    capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise PageImageError(f"pdftoppm không xong sau {timeout:g} giây.") from None
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", "replace").strip()
            raise PageImageError(f"pdftoppm không tạo được ảnh trang: {detail}.")
        pages = sorted(Path(folder).glob("trang-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [page.read_bytes() for page in pages]


def png_paths(prefix: Path, pages: int) -> list[Path]:
    """``ke-hoach-1.png``, ``ke-hoach-2.png``... for ``prefix`` ``ke-hoach``."""
    return [prefix.parent / f"{prefix.name}-{number}.png" for number in range(1, pages + 1)]


def remove_stale_pages(prefix: Path, pages: int) -> None:
    """Remove ``<prefix>-<n>.png`` beyond ``pages``: images of an older, longer version."""
    number = pages + 1
    while (prefix.parent / f"{prefix.name}-{number}.png").is_file():
        (prefix.parent / f"{prefix.name}-{number}.png").unlink()
        number += 1
