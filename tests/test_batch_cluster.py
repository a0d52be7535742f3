"""``vanban batch --cluster``: the rows made by the workers of a Dask cluster give the same files,
byte for byte, and the same per-row failures as a local batch.

The cluster here is a local one: a scheduler and 2 worker processes on this machine, as
``dask scheduler`` and ``dask worker`` would start them on several."""

import csv
import logging
import sys

import pytest
from click.testing import CliRunner

import vanban
from vanban._batch import run_batch
from vanban.cli import main

from helpers import EXAMPLES

BASE = EXAMPLES / "batch" / "mau-chung.yaml"


def contents(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def outcomes(report):
    return [(r.label, r.ok, r.output.name if r.output else None, r.error) for r in report.results]


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("distributed", reason="the cluster extra is not installed: pip install -e '.[cluster]'")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_port=0, silence_logs=logging.ERROR) as local:
        yield local.scheduler_address


@pytest.fixture
def rows(tmp_path):
    path = tmp_path / "ds.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["co_quan_ban_hanh.ten", "so", "dia_danh", "nguoi_ky.ho_ten", "+noi_nhan"])
        for number in range(1, 4):
            writer.writerow([f"BCH Chi đoàn {number}", number, "Càng Long", "Nguyễn Văn An", f"Chi bộ {number} (để b/c)"])
        writer.writerow(["BCH Chi đoàn 4", "bốn", "Càng Long", "Nguyễn Văn An", ""])  # not a number
        writer.writerow(["BCH Chi đoàn 5", 3, "Càng Long", "Nguyễn Văn An", ""])  # the name of row 3's file
    return path


def test_a_cluster_makes_the_same_files_and_reports_the_same_failures_as_a_local_batch(cluster, rows, tmp_path):
    local = run_batch(rows, tmp_path / "local", base=BASE, jobs=1, check=False)
    spread = run_batch(rows, tmp_path / "cluster", base=BASE, check=False, cluster=cluster)
    assert contents(tmp_path / "cluster") == contents(tmp_path / "local")
    assert len(contents(tmp_path / "local")) == 3
    assert outcomes(spread) == [
        (label, ok, name, error.replace(str(tmp_path / "local"), str(tmp_path / "cluster")) if error else None)
        for label, ok, name, error in outcomes(local)
    ]
    assert [r.ok for r in spread.results] == [True] * 3 + [False, False]
    assert "trùng tên tệp 03-KH-HĐTN.docx với ds.csv, dòng 4" in spread.results[4].error


def test_a_folder_of_files_is_read_here_and_its_mistakes_named_with_their_lines(cluster, tmp_path):
    folder = tmp_path / "vao"
    folder.mkdir()
    (folder / "a.yaml").write_bytes((EXAMPLES / "ke_hoach_114.yaml").read_bytes())
    (folder / "b.yaml").write_text("loai: ke-hoach\nso: [1\n", encoding="utf-8")
    local = run_batch(folder, tmp_path / "local", check=False, jobs=1)
    spread = run_batch(folder, tmp_path / "cluster", check=False, cluster=cluster)
    assert contents(tmp_path / "cluster") == contents(tmp_path / "local")
    assert outcomes(spread) == outcomes(local)
    assert "b.yaml" in spread.results[1].error and "dòng" in spread.results[1].error


def test_the_command_takes_the_cluster_address(cluster, rows, tmp_path):
    result = CliRunner().invoke(main, ["batch", str(rows), "--base", str(BASE), "-o", str(tmp_path / "ra"),
                                       "--no-check", "--cluster", cluster])
    assert result.exit_code == 1  # rows 4 and 5 fail, the others are made
    assert "Đã tạo 3/5 văn bản" in result.output


def test_an_address_where_no_scheduler_answers_is_said_before_any_work(tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    import socket

    from vanban import _batch_cluster

    monkeypatch.setattr(_batch_cluster, "CONNECT_SECONDS", 1)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(main, ["batch", str(EXAMPLES / "batch" / "danh-sach.csv"), "--base", str(BASE),
                                       "-o", str(tmp_path / "ra"), "--cluster", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert f"Lỗi: Không kết nối được tới bộ điều phối Dask tại tcp://127.0.0.1:{port}" in result.output
    assert not (tmp_path / "ra").exists()


def test_without_the_extra_installed_the_message_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails, as when not installed
    with pytest.raises(vanban.MissingToolError) as missing:
        run_batch(EXAMPLES / "batch" / "danh-sach.csv", tmp_path / "ra", base=BASE, cluster="tcp://127.0.0.1:8786")
    assert "pip install 'vanban[cluster]'" in str(missing.value)
    assert not (tmp_path / "ra").exists()
