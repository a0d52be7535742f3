"""vanban benchmarks: every figure is measured against a baseline in the same run.

    python3 bench/bench.py            # full run (about 5 minutes), the figures in bench/README.md
    python3 bench/bench.py --quick    # short run, as in CI
    python3 bench/bench.py --quick --check   # exit 1 if a target is missed

1. render   the flagship Kế hoạch (examples/ke_hoach_114.yaml) per document:
            baseline "load a docxtpl template, render, save" of the same template,
            vanban's reference path (the same plus vanban's own steps), and the
            warm Renderer. Target: warm at least 5 times faster than the baseline.
2. batch    ``vanban batch`` of N plans (rows of a CSV over examples/batch/mau-chung.yaml)
            on all cores: documents per second; peak memory for 100 and for 1,000
            documents (largest single process, and all processes together).
3. pdf      50 documents to PDF: one ``soffice --convert-to pdf`` per document
            against the warm converter (LibreOffice started once, start included).
            Target: at least 5 times the throughput.
5. check    the layout check against the render of the same document, per document
            (best of interleaved rounds): the self-check of the flagship (what ``vanban
            render`` adds) and ``vanban check`` of a plan of about 1,000 paragraphs (the
            flagship's content 50 times), each with the reader's memoised looks and
            without. Targets: self-check at most the render's own time (ratio <= 1),
            a long document's check at most 3 times its render.
4. startup  ``import vanban`` and ``vanban --help``, wall time of a new process
            (best of N). Target: under 0.3 s.

Times are best-of-rounds (render) or single runs (batch, pdf), in one process
per measurement where memory is measured. Speed is never asserted in the test
suite; only this script reports it, as ratios against the baselines it names.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's vanban, not an installed one
PLAN = ROOT / "examples" / "ke_hoach_114.yaml"
BASE = ROOT / "examples" / "batch" / "mau-chung.yaml"

TARGETS = {"render": 5.0, "pdf": 5.0, "startup": 0.3, "self_check": 1.0, "long_check": 3.0}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    soffice = shutil.which("soffice")
    office = ""
    if soffice:
        try:
            office = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            office = "LibreOffice"
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {office}")


# --- 1. render ------------------------------------------------------------------------


def bench_render(iterations: int, rounds: int) -> dict:
    import vanban
    from docxtpl import DocxTemplate
    from vanban._render import Renderer

    plan = vanban.load(PLAN)
    renderer = Renderer()
    template = renderer.template_bytes("doan/van-ban.docx")
    values = renderer._values(plan)  # the baseline gets its values for free

    def docxtpl_baseline():
        document = DocxTemplate(io.BytesIO(template))
        document.render(values, jinja_env=renderer.environment, autoescape=True)
        document.save(io.BytesIO())

    def reference():
        renderer.reference_render_bytes(plan)

    def warm():
        renderer.render_bytes(plan)

    cases = {"docxtpl": docxtpl_baseline, "reference": reference, "warm": warm}
    for run in cases.values():  # first calls: imports, template cache, warm-up
        run()
    assert renderer.render_bytes(plan) == renderer.reference_render_bytes(plan)
    best = {name: float("inf") for name in cases}
    for _ in range(rounds):  # interleaved, so that machine noise hits every case alike
        for name, run in cases.items():
            start = time.perf_counter()
            for _ in range(iterations):
                run()
            best[name] = min(best[name], (time.perf_counter() - start) / iterations)
    ms = {name: seconds * 1000 for name, seconds in best.items()}
    return {
        "ms_per_document": ms,
        "ratio_vs_docxtpl": ms["docxtpl"] / ms["warm"],
        "ratio_vs_reference": ms["reference"] / ms["warm"],
        "iterations": iterations,
        "rounds": rounds,
    }


# --- 5. check -------------------------------------------------------------------------


def bench_check(iterations: int, rounds: int) -> dict:
    import vanban
    import vanban._docx_read as reader
    from vanban._check import check_document
    from vanban._render import Renderer

    renderer = Renderer()
    plan = vanban.load(PLAN)
    documents = {"flagship": plan, "long": plan.model_copy(update={"content": list(plan.content) * 50})}
    figures = {}
    for name, model in documents.items():
        data = renderer.render_bytes(model)
        profile = model.profile_name
        count = iterations if name == "flagship" else max(1, iterations // 10)

        def uncached():
            reader.MEMOISE = False
            try:
                check_document(data, profile)
            finally:
                reader.MEMOISE = True

        cases = {"render": lambda: renderer.render_bytes(model), "check": lambda: check_document(data, profile),
                 "check_uncached": uncached}
        for run in cases.values():
            run()
        best = {case: float("inf") for case in cases}
        for _ in range(rounds):  # interleaved: machine noise hits every case alike
            for case, run in cases.items():
                start = time.perf_counter()
                for _ in range(count):
                    run()
                best[case] = min(best[case], (time.perf_counter() - start) / count)
        ms = {case: seconds * 1000 for case, seconds in best.items()}
        figures[name] = {"paragraphs": len(reader.DocxView(data).paragraphs), "ms": ms,
                         "ratio": ms["check"] / ms["render"], "memo_gain": ms["check_uncached"] / ms["check"]}
    return {**figures, "iterations": iterations, "rounds": rounds}


# --- 2. batch ---------------------------------------------------------------------------


def _write_rows(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["co_quan_ban_hanh.ten", "so", "dia_danh", "nguoi_ky.ho_ten", "+noi_nhan"])
        for number in range(1, count + 1):
            writer.writerow([f"BCH Đoàn xã số {number}", number, "Trà Vinh", "Nguyễn Văn An",
                             f"Đảng ủy xã số {number} (để b/c)"])


def measure_process(command: list[str]) -> dict:
    """Run ``command`` in a helper process that reports its wall time and peak memory."""
    helper = [sys.executable, __file__, "_measure", "--", *command]
    result = subprocess.run(helper, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"measuring {' '.join(command)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def _tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            status = (entry / "status").read_text()
            rss[int(entry.name)] = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmRSS"))
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


def _measure(command: list[str]) -> None:
    """Inside the helper process: run, sample the process tree, report as JSON."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = 0
    sampling = Path("/proc").is_dir()
    done = threading.Event()

    def sample():
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kib(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    if sampling:
        sampler.join()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        largest //= 1024
    print(json.dumps({"seconds": seconds, "returncode": process.returncode,
                      "peak_largest_process_mib": largest / 1024,
                      "peak_all_processes_mib": peak_tree / 1024 if sampling else None,
                      "stderr": errors.decode("utf-8", "replace")[-2000:]}))


def bench_batch(counts: list[int], jobs: int, check_counts: list[int]) -> dict:
    out: dict = {"jobs": jobs, "runs": []}
    with tempfile.TemporaryDirectory(prefix="vanban-bench-") as folder:
        for count in counts:
            for checked in (False, True):
                if checked and count not in check_counts:
                    continue
                rows = Path(folder) / f"rows-{count}.csv"
                _write_rows(rows, count)
                target = Path(folder) / f"out-{count}-{checked}"
                command = [sys.executable, "-m", "vanban", "batch", str(rows), "--base", str(BASE),
                           "-o", str(target), "--jobs", str(jobs)] + ([] if checked else ["--no-check"])
                result = measure_process(command)
                made = len(list(target.glob("*.docx")))
                if result["returncode"] != 0 or made != count:
                    raise SystemExit(f"batch of {count} made {made} documents:\n{result['stderr']}")
                out["runs"].append({
                    "documents": count, "layout_check": checked, "seconds": result["seconds"],
                    "documents_per_second": count / result["seconds"],
                    "peak_largest_process_mib": result["peak_largest_process_mib"],
                    "peak_all_processes_mib": result["peak_all_processes_mib"],
                })
                shutil.rmtree(target)
    return out


# --- 3. pdf -------------------------------------------------------------------------------


def bench_pdf(count: int) -> dict:
    import vanban
    from vanban._pdf import PdfConverter, find_soffice

    soffice = find_soffice()
    if soffice is None:
        return {"skipped": "LibreOffice is not installed"}
    plan = vanban.load(PLAN)
    with tempfile.TemporaryDirectory(prefix="vanban-bench-pdf-") as folder:
        folder = Path(folder)
        sources = []
        for number in range(1, count + 1):
            sources.append(vanban.render(plan.model_copy(update={"number": number}), folder / f"kh-{number}.docx"))
        profile = (folder / "profile").as_uri()

        def cold(source: Path, out: Path) -> None:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=300)

        cold(sources[0], folder / "warmup")  # the profile exists before timing: fair to the baseline
        start = time.perf_counter()
        for source in sources:
            cold(source, folder / "cold")
        cold_seconds = time.perf_counter() - start
        assert len(list((folder / "cold").glob("*.pdf"))) == count

        start = time.perf_counter()
        with PdfConverter() as converter:  # LibreOffice start-up included
            warm_kind = "warm" if converter.warm else "fallback: one soffice per document (no uno)"
            started = time.perf_counter() - start
            (folder / "warm").mkdir()
            for source in sources:
                converter.convert(source, folder / "warm" / f"{source.stem}.pdf")
        warm_seconds = time.perf_counter() - start
        assert len(list((folder / "warm").glob("*.pdf"))) == count
    return {
        "documents": count,
        "converter": warm_kind,
        "cold_seconds": cold_seconds,
        "warm_seconds": warm_seconds,
        "warm_start_seconds": started,
        "cold_documents_per_second": count / cold_seconds,
        "warm_documents_per_second": count / warm_seconds,
        "ratio": cold_seconds / warm_seconds,
    }


# --- 4. startup ----------------------------------------------------------------------------


def _wall(command: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def bench_startup(runs: int) -> dict:
    script = Path(sys.executable).with_name("vanban" + (".exe" if os.name == "nt" else ""))
    commands = {
        "python -c pass (no vanban, for scale)": [sys.executable, "-c", "pass"],
        "import vanban": [sys.executable, "-c", "import vanban"],
        "python -m vanban --help": [sys.executable, "-m", "vanban", "--help"],
    }
    if script.is_file():
        commands["vanban --help (console script)"] = [str(script), "--help"]
    out = {}
    for name, command in commands.items():
        best, median = _wall(command, runs)
        out[name] = {"best_seconds": best, "median_seconds": median}
    return out


# --- report ------------------------------------------------------------------------------------


def report(results: dict) -> tuple[str, list[str]]:
    lines = [f"Machine: {results['machine']}", f"Command: {results['command']}", ""]
    missed: list[str] = []
    render = results.get("render")
    if render:
        ms = render["ms_per_document"]
        lines += [
            f"1. Render, flagship Kế hoạch, per document (best of {render['rounds']} rounds of {render['iterations']}):",
            f"   docxtpl load/render/save (baseline) {ms['docxtpl']:.1f} ms",
            f"   vanban reference path               {ms['reference']:.1f} ms",
            f"   vanban warm Renderer                {ms['warm']:.1f} ms",
            f"   warm is {render['ratio_vs_docxtpl']:.1f}x faster than the baseline "
            f"({render['ratio_vs_reference']:.1f}x than the reference path); target >= {TARGETS['render']:g}x",
            "",
        ]
        if render["ratio_vs_docxtpl"] < TARGETS["render"]:
            missed.append("render")
    batch = results.get("batch")
    if batch:
        lines.append(f"2. vanban batch, {batch['jobs']} processes:")
        for run in batch["runs"]:
            check = "with layout check" if run["layout_check"] else "--no-check"
            tree = run["peak_all_processes_mib"]
            tree = f", all processes {tree:.0f} MiB" if tree is not None else ""
            lines.append(
                f"   {run['documents']:>5} documents, {check:<17} {run['seconds']:6.1f} s, "
                f"{run['documents_per_second']:6.1f} documents/s, peak memory: largest process "
                f"{run['peak_largest_process_mib']:.0f} MiB{tree}"
            )
        lines.append("")
    pdf = results.get("pdf")
    if pdf and "skipped" not in pdf:
        lines += [
            f"3. PDF, {pdf['documents']} documents ({pdf['converter']}):",
            f"   one soffice --convert-to per document {pdf['cold_seconds']:6.1f} s "
            f"({pdf['cold_documents_per_second']:.2f} documents/s)",
            f"   warm converter, start included        {pdf['warm_seconds']:6.1f} s "
            f"({pdf['warm_documents_per_second']:.2f} documents/s; start {pdf['warm_start_seconds']:.1f} s)",
            f"   warm throughput is {pdf['ratio']:.1f}x; target >= {TARGETS['pdf']:g}x",
            "",
        ]
        if results.get("full") and pdf["ratio"] < TARGETS["pdf"]:
            missed.append("pdf")
    elif pdf:
        lines += [f"3. PDF: skipped ({pdf['skipped']})", ""]
    checked = results.get("check")
    if checked:
        lines.append(f"5. Layout check against the render of the same document (best of {checked['rounds']} rounds):")
        for name, target, words in (("flagship", "self_check", "self-check, flagship"),
                                    ("long", "long_check", "vanban check, long plan")):
            figures = checked[name]
            ms = figures["ms"]
            lines.append(
                f"   {words + ',':<24} {figures['paragraphs']:>5} paragraphs: render {ms['render']:7.1f} ms, "
                f"check {ms['check']:7.1f} ms ({ms['check_uncached']:.1f} ms without the memoised looks, "
                f"{figures['memo_gain']:.1f}x): check/render {figures['ratio']:.2f}; target <= {TARGETS[target]:g}")
            if figures["ratio"] > TARGETS[target]:
                missed.append(f"check ({words})")
        lines.append("")
    startup = results.get("startup")
    if startup:
        lines.append("4. Start-up, new process (best / median):")
        for name, figures in startup.items():
            lines.append(f"   {name:<40} {figures['best_seconds']:.3f} s / {figures['median_seconds']:.3f} s")
            # best of N: start-up latency without the noise of other work on the machine
            if "vanban" in name and "no vanban" not in name and figures["best_seconds"] >= TARGETS["startup"]:
                missed.append(f"startup ({name})")
        lines.append(f"   target < {TARGETS['startup']:g} s")
    return "\n".join(lines), missed


def main(argv: list[str]) -> int:
    if argv[:1] == ["_measure"]:
        _measure(argv[argv.index("--") + 1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short run (CI)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--only", default="render,batch,pdf,startup,check", help="comma-separated sections")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    options = parser.parse_args(argv)
    sections = set(options.only.split(","))
    quick = options.quick
    results: dict = {
        "machine": machine(),
        "command": "python3 bench/bench.py" + (" --quick" if quick else ""),
        "full": not quick,
    }
    if "render" in sections:
        results["render"] = bench_render(iterations=15 if quick else 50, rounds=7 if quick else 5)
    if "batch" in sections:
        counts = [100] if quick else [100, 1000]
        results["batch"] = bench_batch(counts, os.cpu_count() or 1, check_counts=[] if quick else [100])
    if "pdf" in sections:
        results["pdf"] = bench_pdf(8 if quick else 50)
    if "check" in sections:
        results["check"] = bench_check(iterations=10 if quick else 30, rounds=5 if quick else 7)
    if "startup" in sections:
        results["startup"] = bench_startup(5 if quick else 20)
    text, missed = report(results)
    print(text)
    if options.json:
        options.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if missed:
        print(f"\nTargets missed: {', '.join(missed)}")
        if options.check:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
