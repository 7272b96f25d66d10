#!/usr/bin/env python3
"""Benchmark runner for gazette. Prints figures; it is not a test.

Usage: bench/run.py [--sizes 1000,10000] [--kinds md,raw] [--repeat N] [--bin target/release/gazette]

For each size and kind it generates a deterministic archive (bench/gen_corpus.py)
under bench/out/, then measures with the release binary:
  - full build from a cold cache: wall time, pages written per second, peak RSS
    (with --repeat N, the median of N cold builds; old output is only moved
    aside between them, as deleting it slows the next build: see clean())
  - a second build with nothing changed
  - a second build with one entry changed
  - for raw captures: content-pass throughput (MB of captures per second of
    `gazette extract --json`, which runs the pass and nothing else)
noop cpu / edit cpu are those builds' CPU seconds (user + system), steadier
than wall time on a busy machine.
Peak RSS is the child's own maximum resident set size (os.wait4), so the
runner's memory never counts. Add 100000 to --sizes for the scale target;
the runner then prints the 100k/10k ratio of cold build times.

The figures depend on the machine's state, which the runner prints (free
memory and page cache before it starts). On a virtual machine, memory the
guest has not touched lately is slow to touch the first time, and a 100k
build has the kernel fill about 2.5 GB of it with output files, folders
and inodes. `--drop-caches` (root only) empties the page cache before each
cold build: the state of a freshly booted machine, where that first touch
costs most and the sources themselves are read from disk.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


LAST_CPU = [0.0]


def run(cmd, cwd=None, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (seconds, peak RSS in MB, exit status). The child's
    CPU time (user + system) is left in LAST_CPU[0]: on a shared machine it
    says what the build costs when wall time says how busy the machine was."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    err = p.stderr.read().decode(errors="replace")
    p.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    if code != 0:
        shown = ' '.join(map(str, cmd[:4])) + (' ...' if len(cmd) > 4 else '')
        print(f"  ! {shown} exited {code}:\n{err[-800:]}", file=sys.stderr)
    return dt, usage.ru_maxrss / 1024, code


def generate(kind, n):
    site = HERE / "out" / f"{kind}-{n}"
    stamp = site / ".generated"
    if not stamp.exists():
        shutil.rmtree(site, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--entries", str(n),
                        "--kind", kind, "--out", str(site)], check=True)
        stamp.write_text("ok\n")
    return site


def clean(site):
    """Makes the next build cold. The old output is moved aside and deleted
    only when every measurement is done: on an ext4 without a journal (this
    machine's) the inode allocator skips, one by one, inodes freed in the
    last 60 s, or in the last 6 minutes while their inode table is not yet
    written back (the kernel's `recently_deleted`). Creating 37,000 files
    right after deleting 37,000 took 15 s instead of 2 s, and a deletion
    between two sizes slowed the next size's cold build. The disk is also
    synced before each cold build, so that neither the last build's dirty
    pages nor an earlier deletion's inode tables are written back during it.
    A fresh checkout never pays that; `--rm-before-cold` measures it anyway.
    Returns the folder to delete at the end of the run."""
    trash = site.parent / f".trash-{site.name}-{time.time_ns()}"
    trash.mkdir()
    for d in ("public", ".gazette"):
        if (site / d).exists():
            if RM_BEFORE_COLD:
                shutil.rmtree(site / d, ignore_errors=True)
            else:
                (site / d).rename(trash / d)
    return trash


RM_BEFORE_COLD = False
DROP_CACHES = False


def drop_caches():
    """Empties the page cache, dentries and inodes (after a sync, so that
    every page is clean and goes)."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError as e:
        sys.exit(f"--drop-caches needs root: {e}")


def memory_state():
    """Free memory and page cache, in GB, from /proc/meminfo (Linux)."""
    try:
        info = dict(line.split(":", 1) for line in Path("/proc/meminfo").read_text().splitlines())
    except OSError:
        return "unknown"

    def gb(k):
        return int(info[k].split()[0]) / 1024 / 1024
    return f"{gb('MemFree'):.1f} GB free, {gb('Cached'):.1f} GB page cache, {gb('MemTotal'):.1f} GB in all"


def size_of(site, suffix):
    return sum(f.stat().st_size for f in (site / "content").rglob(f"*{suffix}"))


def touch_one(site, suffix):
    f = sorted((site / "content").rglob(f"*{suffix}"))[len(list((site / "content").rglob(f"*{suffix}"))) // 2]
    text = f.read_text()
    f.write_text(text.rstrip("\n") + "\n\nOne more sentence was added for the benchmark.\n")
    return f, text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--kinds", default="md,raw")
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "gazette"))
    ap.add_argument("--repeat", type=int, default=1,
                    help="cold builds per archive; the table shows the median and a line lists all")
    ap.add_argument("--rm-before-cold", action="store_true",
                    help="delete the old output right before the cold build (see clean())")
    ap.add_argument("--drop-caches", action="store_true",
                    help="empty the page cache before each cold build (root; see above)")
    a = ap.parse_args()
    global RM_BEFORE_COLD, DROP_CACHES
    RM_BEFORE_COLD = a.rm_before_cold
    DROP_CACHES = a.drop_caches
    if DROP_CACHES:
        drop_caches()  # refused without root: stop before any output is moved aside
    binary = os.path.abspath(a.bin)
    if not os.path.exists(binary):
        sys.exit(f"no binary at {binary}: run `cargo build --release` first")
    print(f"gazette benchmark ({os.cpu_count()} cores)")
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(f"memory before: {memory_state()}"
          + ("; page cache dropped before each cold build" if DROP_CACHES else ""))
    print(f"{'kind':<4} {'entries':>8} {'build s':>8} {'cpu s':>6} {'pages':>8} {'pages/s':>9} "
          f"{'peak MB':>8} {'noop s':>7} {'1-edit s':>8} {'pass MB/s':>9} {'noop cpu':>8} {'edit cpu':>8}")
    trashes = []
    cold_times = {}
    for kind in a.kinds.split(","):
        suffix = ".md" if kind == "md" else ".txt"
        for n in map(int, a.sizes.split(",")):
            site = generate(kind, n)
            colds = []
            for _ in range(max(1, a.repeat)):
                trashes.append(clean(site))
                os.sync()
                if DROP_CACHES:
                    drop_caches()
                t, rss, code = run([binary, "build"], cwd=site)
                if code != 0:
                    break
                colds.append((t, LAST_CPU[0], rss))
            if code != 0:
                continue
            t, cpu, rss = sorted(colds)[len(colds) // 2]
            cold_times[(kind, n)] = t
            pages = sum(1 for _ in (site / "public").rglob("*.html"))
            t_noop, _, _ = run([binary, "build"], cwd=site)
            cpu_noop = LAST_CPU[0]
            f, orig = touch_one(site, suffix)
            t_edit, _, _ = run([binary, "build"], cwd=site)
            cpu_edit = LAST_CPU[0]
            f.write_text(orig)
            mbs = ""
            if kind == "raw":
                # The pass reads captures together; batches keep the command
                # line under the system's limit.
                files = sorted((site / "content").rglob("*.txt"))
                te, ok = 0.0, True
                for i in range(0, len(files), 2000):
                    dt, _, c = run([binary, "extract", "--json", *map(str, files[i:i + 2000])],
                                   cwd=site)
                    te, ok = te + dt, ok and c == 0
                mbs = f"{size_of(site, '.txt') / 1e6 / te:9.1f}" if ok else f"{'n/a':>9}"
            print(f"{kind:<4} {n:>8} {t:8.2f} {cpu:6.2f} {pages:>8} {pages / t:9.0f} {rss:8.0f} "
                  f"{t_noop:7.2f} {t_edit:8.3f} {mbs:>9} {cpu_noop:8.3f} {cpu_edit:8.3f}", flush=True)
            if len(colds) > 1:
                print(f"     {len(colds)} cold builds, s: " + " ".join(f"{c[0]:.2f}" for c in colds)
                      + "; cpu s: " + " ".join(f"{c[1]:.2f}" for c in colds), flush=True)
    for kind in a.kinds.split(","):
        if (kind, 10000) in cold_times and (kind, 100000) in cold_times:
            ratio = cold_times[(kind, 100000)] / cold_times[(kind, 10000)]
            print(f"{kind}: 100k/10k cold build time ratio {ratio:.1f}")
    for trash in trashes:
        shutil.rmtree(trash, ignore_errors=True)
    # Written back now, the freed inodes slow file creation for 60 s, not
    # 6 minutes (see clean()): wait a minute before the next cold build.
    os.sync()


if __name__ == "__main__":
    main()
