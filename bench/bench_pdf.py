"""PDF and scan reading: time per page as a ratio to pypdfium2's raw text extraction, letter
similarity to the source, and seed 003 as a scan (make bench-pdf).

    python bench/bench_pdf.py            # text layers: the seed-003 PDFs the tests print
                                         # (tests/pdfdata.py: Chromium, LibreOffice; ~5 s)
    python bench/bench_pdf.py --scan     # also seed 003 as a 200-dpi, lightly degraded scan
                                         # (every page through Tesseract: minutes, not seconds)

Ratios are measured in one run on one machine (CPU time, best of nine, the two readings taken
in turn so that a change in the machine's load falls on both), so they compare; absolute
times do not travel. The target is at most 2 for text PDFs.
Similarity is difflib's ratio over letters only (tests/scan.py): the text layer against the
seed's text, and each OCR'd page against that page's text layer.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2 as pdfium  # noqa: E402

import minutes  # noqa: E402
from minutes.read import pdf_loops  # noqa: E402
from minutes.read.readers import read_any, read_bytes  # noqa: E402
from pdfdata import build  # noqa: E402
from scan import degrade, page_image, similarity  # noqa: E402

SEED = next((ROOT / "seeds").glob("003_*.txt"))


# CPU time, not wall time: the machines this runs on are shared, and another process's load
# would otherwise land on whichever side happened to be running.
def raw_pypdfium2(path: Path) -> float:
    t = time.process_time()
    doc = pdfium.PdfDocument(path)
    for page in doc:
        page.get_textpage().get_text_range()
    doc.close()
    return time.process_time() - t


def ours(path: Path) -> float:
    t = time.process_time()
    read_any(path)
    return time.process_time() - t


def both(path: Path, runs: int = 9) -> tuple[float, float]:
    """The best of ``runs`` CPU times of pypdfium2's raw extraction and of ours, taken in turn."""
    raw, mine = [], []
    for _ in range(runs):
        raw.append(raw_pypdfium2(path))
        mine.append(ours(path))
    return min(raw), min(mine)


def text_layers(pdfs: dict[str, Path]) -> None:
    seed = SEED.read_text(encoding="utf-8")
    print("PDFium calls per character and object: " + ("C loops (minutes/read/_pdfloops.c)" if pdf_loops.compiled()
                                                        else "Python loops (_pdfloops.c was not compiled)"))
    print(f"{'file':<22} {'pages':>5} {'raw ms/p':>9} {'ours ms/p':>10} {'ratio':>6} {'letters≈seed':>13} {'raw≈seed':>9}")
    for pdf in (p for name, p in sorted(pdfs.items()) if name.startswith("seed003_")):
        n = len(pdfium.PdfDocument(pdf))
        raw, mine = both(pdf)
        doc = read_any(pdf)
        got = "\n".join(ln.original for ln in doc.lines)
        rawtext = "\n".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf))
        print(f"{pdf.name:<22} {n:>5} {raw / n * 1000:>9.1f} {mine / n * 1000:>10.1f} {mine / raw:>6.2f} "
              f"{similarity(seed, got):>13.4f} {similarity(seed, rawtext):>9.4f}")


def scanned(pdfs: dict[str, Path]) -> None:
    """Seed 003 as a scanned PDF: every page rendered at 200 dpi, degraded (tests/scan.py),
    stored as JPEG in a PDF with no text layer, and read by ``minutes.parse_file``."""
    import io

    from PIL import Image

    pdf = pdfs["seed003_nazli.pdf"]
    layer = read_any(pdf)
    lines = [ln.original for ln in layer.lines]
    images = [Image.open(io.BytesIO(degrade(page_image(pdf, i)))) for i in range(len(layer.source.pages))]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed003-scan.pdf"
        images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
        t = time.perf_counter()
        m = minutes.parse_file(path)
        elapsed = time.perf_counter() - t
        doc = read_any(path)
    got = [ln.original for ln in doc.lines]
    prose_truth, prose_got, table_truth, table_got = [], [], [], []
    for truth_page, page in zip(layer.source.pages, doc.source.pages):
        truth = lines[truth_page.first_line - 1:truth_page.last_line] if truth_page.first_line else []
        mine = got[page.first_line - 1:page.last_line] if page.first_line else []
        table = any("\t" in ln for ln in mine)
        (table_truth if table else prose_truth).append("\n".join(truth))
        (table_got if table else prose_got).append("\n".join(mine))
        print(f"  page {page.number:>2}: confidence {page.confidence or 0:5.1f}  letters "
              f"{similarity(chr(10).join(truth), chr(10).join(mine)):.4f}{'  (table)' if table else ''}")
    text = minutes.parse_file(SEED)
    dated = sum(1 for r in m.resolutions if r.deadline.jalali)
    same_deadline = sum(1 for a, b in zip(text.resolutions, m.resolutions)
                        if (a.row, a.deadline.kind, a.deadline.jalali) == (b.row, b.deadline.kind, b.deadline.jalali))
    same_people = sum(1 for a, b in zip(text.resolutions, m.resolutions)
                      if (a.actor, a.supervisor) == (b.actor, b.supervisor))
    n = len(doc.source.pages)
    print(f"scan of seed 003, {n} pages at 200 dpi: {elapsed / n:.1f} s/page (whole parse); letter accuracy "
          f"prose pages {similarity(chr(10).join(prose_truth), chr(10).join(prose_got)):.4f}, "
          f"table pages {similarity(chr(10).join(table_truth), chr(10).join(table_got)):.4f}")
    print(f"resolutions {len(m.resolutions)} of 7 (dated {dated} of 6); deadline as the text's "
          f"(row, kind, date): {same_deadline} of 7; actor and supervisor as the text's: {same_people} of 7; "
          f"meeting date {m.header.meeting.date.jalali if m.header.meeting.date else None}; "
          f"speakers {len({t.speaker.name or t.speaker.role for t in m.turns})} of 15")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scan", action="store_true", help="also OCR seed 003 as a scan (slow)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = build(Path(tmp))
        text_layers(pdfs)
        if args.scan:
            scanned(pdfs)


if __name__ == "__main__":
    main()
