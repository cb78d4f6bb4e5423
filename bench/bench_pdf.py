"""PDF and scan reading: time per page as a ratio to pypdfium2's raw text extraction, letter
similarity to the source, and seed 003 as a scan (make bench-pdf).

    python bench/bench_pdf.py            # text layers: both fixture PDFs
    python bench/bench_pdf.py --scan     # also seed 003 as a 200-dpi, lightly degraded scan
                                         # (every page through Tesseract: minutes, not seconds)

Ratios are measured in one run on one machine, so they compare; absolute times do not travel.
Similarity is difflib's ratio over letters only (tests/scan.py): the text layer against the
seed's text, and each OCR'd page against that page's text layer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2 as pdfium  # noqa: E402

import minutes  # noqa: E402
from minutes.read.readers import read_any, read_bytes  # noqa: E402
from scan import PDF_DIR, degrade, page_image, similarity  # noqa: E402

SEED = next((ROOT / "seeds").glob("003_*.txt"))


def raw_pypdfium2(path: Path) -> float:
    t = time.perf_counter()
    doc = pdfium.PdfDocument(path)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
    return time.perf_counter() - t


def ours(path: Path) -> float:
    t = time.perf_counter()
    read_any(path)
    return time.perf_counter() - t


def best(fn, path, runs=5) -> float:
    return min(fn(path) for _ in range(runs))


def text_layers() -> None:
    seed = SEED.read_text(encoding="utf-8")
    print(f"{'file':<22} {'pages':>5} {'raw ms/p':>9} {'ours ms/p':>10} {'ratio':>6} {'letters≈seed':>13} {'raw≈seed':>9}")
    for pdf in sorted(PDF_DIR.glob("seed003_*.pdf")):
        n = len(pdfium.PdfDocument(pdf))
        raw, mine = best(raw_pypdfium2, pdf), best(ours, pdf)
        doc = read_any(pdf)
        got = "\n".join(ln.original for ln in doc.lines)
        rawtext = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
        print(f"{pdf.name:<22} {n:>5} {raw / n * 1000:>9.1f} {mine / n * 1000:>10.1f} {mine / raw:>6.2f} "
              f"{similarity(seed, got):>13.4f} {similarity(seed, rawtext):>9.4f}")


def scanned() -> None:
    pdf = PDF_DIR / "seed003_nazli.pdf"
    layer = read_any(pdf)
    lines = [ln.original for ln in layer.lines]
    n = len(layer.source.pages)
    scores, table_scores, times, ocr_lines = [], [], [], []
    for i, page in enumerate(layer.source.pages):
        t = time.perf_counter()
        doc = read_bytes(degrade(page_image(pdf, i)), f"page{i + 1}.jpg")
        times.append(time.perf_counter() - t)
        got = [ln.original for ln in doc.lines]
        truth = "\n".join(lines[page.first_line - 1:page.last_line])
        s = similarity(truth, "\n".join(got))
        (table_scores if any("\t" in ln for ln in got) else scores).append(s)
        ocr_lines += got
        print(f"  page {i + 1:>2}: {times[-1]:5.1f} s  letters {s:.4f}{'  (table)' if got and any(chr(9) in g for g in got) else ''}",
              flush=True)
    m = minutes.parse("\n".join(ocr_lines), path="seed003-scan")
    text = minutes.parse_file(SEED)
    dated = sum(1 for r in m.resolutions if r.deadline.jalali)
    same = sum(1 for a, b in zip(text.resolutions, m.resolutions)
               if (a.row, a.deadline.jalali) == (b.row, b.deadline.jalali))
    print(f"scan of seed 003, {n} pages at 200 dpi: {statistics.mean(times):.1f} s/page; "
          f"letter accuracy prose pages {statistics.mean(scores):.4f} (min {min(scores):.4f}), "
          f"table pages {statistics.mean(table_scores) if table_scores else float('nan'):.4f}")
    print(f"resolutions {len(m.resolutions)} (dated {dated}, same row and deadline as the text: {same} of 7); "
          f"meeting date {m.header.meeting.date.jalali if m.header.meeting.date else None}; "
          f"speakers {len({t.speaker.name or t.speaker.role for t in m.turns})}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scan", action="store_true", help="also OCR seed 003 as a scan (slow)")
    args = ap.parse_args()
    text_layers()
    if args.scan:
        scanned()


if __name__ == "__main__":
    main()
