"""On a big site, scripts/site_tools/checks/run.py shares the pages out between processes. The report must be exactly
the one a single process prints: the same findings, in the same order, links between shares included."""

from __future__ import annotations

import json
import os
import posixpath
import subprocess
import sys
import threading

import pytest
from lxml import etree

from site_tools.checks import run as check_site
from site_tools.checks.run import PAGES_PER_WORKER, worker_count
from project_copy import ENV


def content_pages(project) -> list[str]:
    """The built pages with an article and an <h1>, in the order the check reads them."""
    pages = sorted(p.relative_to(project.site).as_posix() for p in project.site.rglob("*.html"))
    return [p for p in pages if b"</h1>" in (project.site / p).read_bytes() and b"<article" in (project.site / p).read_bytes()]


def add_after_h1(project, page: str, html: str) -> None:
    path = project.site / page
    path.write_text(path.read_text(encoding="utf-8").replace("</h1>", "</h1>" + html, 1), encoding="utf-8")


def link(from_page: str, to_page: str, fragment: str) -> str:
    href = posixpath.relpath(posixpath.dirname(to_page) or ".", posixpath.dirname(from_page) or ".") + "/#" + fragment
    return f'<p><a href="{href}">a planted link</a></p>'


def report(project, workers: int) -> tuple[int, dict]:
    result = project.check_site(str(project.site), "--json", "--workers", str(workers))
    return result.returncode, json.loads(result.stdout)


def test_pages_shared_between_processes_give_exactly_the_report_of_one_process(built_copy):
    pages = content_pages(built_copy)
    first, last = pages[0], pages[-1]
    anchor = etree.HTML((built_copy.site / last).read_bytes()).xpath("//article//h2/@id")[0]
    # Links that cross from the first share to the last and back: only the whole site can resolve them.
    add_after_h1(built_copy, first, link(first, last, "no-such-anchor") + link(first, last, anchor))
    add_after_h1(built_copy, last, link(last, first, "not-here-either"))
    # A defect in every share, so each process has findings to send back.
    for page in pages[::5]:
        add_after_h1(built_copy, page, "<script>alert(1)</script>")

    code_one, one = report(built_copy, 1)
    code_three, three = report(built_copy, 3)

    assert (one["workers"], three["workers"]) == (1, 3)
    assert code_one == code_three == 1
    assert three["findings"] == one["findings"]
    messages = [f["message"] for f in three["findings"]]
    assert any("points to the anchor '#no-such-anchor'" in m for m in messages), messages
    assert any("points to the anchor '#not-here-either'" in m for m in messages), messages
    assert not any(f"#{anchor}'" in m for m in messages), "a link to an anchor that exists was reported"
    scripts = [f for f in three["findings"] if f["check"] == "content-safety"]
    assert len({f["file"] for f in scripts}) >= 3


def test_a_page_that_cannot_be_read_stops_the_check_whichever_process_reads_it(built_copy):
    os.symlink(built_copy.site / "no-such-file.html", built_copy.site / "zz-broken.html")
    for workers in (1, 3):
        code, out = report(built_copy, workers)
        assert code == 2
        assert out["ok"] is False
        assert out["error"].startswith("zz-broken.html: cannot read")


# A check whose process for the second run of pages dies while reading one page, as a crash in C would end it.
DYING_PROCESS = """
import os, sys
from site_tools.checks import run as check_site
read_page = check_site.read_page
def read_or_die(ctx, rel):
    if rel == sys.argv[2]:
        os._exit(9)
    return read_page(ctx, rel)
check_site.read_page = read_or_die
sys.exit(check_site.main([sys.argv[1], "--json", "--workers", "2"]))
"""


def test_a_process_that_dies_fails_the_check_instead_of_hanging_it(built_project):
    last = content_pages(built_project)[-1]
    result = subprocess.run([sys.executable, "-c", DYING_PROCESS, str(built_project.site), last],
                            cwd=built_project.root, env=ENV, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stdout + result.stderr
    error = json.loads(result.stdout)["error"]
    assert error.startswith("a process checking the pages stopped unexpectedly")
    assert error.endswith("run again with --workers 1 to see the error")


def test_a_small_site_is_checked_in_one_process():
    assert worker_count(40) == 1
    assert worker_count(PAGES_PER_WORKER - 1) == 1


@pytest.fixture
def one_thread(monkeypatch):
    """As in a check run from the command line: the test process itself may have threads (test servers)."""
    monkeypatch.setattr(check_site.threading, "active_count", lambda: 1)


def test_a_big_site_gets_one_process_per_cpu_with_enough_pages_each(one_thread):
    cpus = len(os.sched_getaffinity(0))
    assert worker_count(100 * PAGES_PER_WORKER) == cpus
    assert worker_count(2 * PAGES_PER_WORKER) == min(cpus, 2)


def test_asking_for_more_processes_than_pages_gives_one_per_page(one_thread):
    assert worker_count(2, requested=8) == 2


def test_a_process_with_threads_never_forks():
    # Forking a process that has other threads can deadlock the child (a lock held by a thread that is not copied).
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert worker_count(100 * PAGES_PER_WORKER, requested=4) == 1
    finally:
        stop.set()
        thread.join()
