"""HTML to lines for ``readers``: a council web page's visible text, one block per line.

Dropped: scripts, styles, forms, navigation, asides, the site header/footer (an article's
own ``<header>`` is kept: it holds the title) and elements whose class/id names site
furniture (menus, share bars, comment boxes). Headings become ``#`` lines, bold-only
blocks ``**…**``, list items ``- …`` or ``1- …``, table rows tab-separated cells
(a ``colspan`` cell once, a ``rowspan`` cell's text not copied down).
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from ..errors import InputError

__all__ = ["html_lines"]

_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")


_SKIP = {"script", "style", "nav", "aside", "form", "noscript", "template", "iframe", "svg",
         "button", "select", "textarea", "object", "embed", "canvas", "head", "title", "meta"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}
_BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl",
          "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "caption", "figure", "figcaption",
          "address", "center", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "body"}
# class/id words of site furniture (menus, share bars, comment boxes, related-news rails)
_FURNITURE = {"nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "sidebar", "share", "social",
              "comment", "comments", "related", "advert", "ads", "banner", "cookie", "newsletter",
              "footer", "copyright"}
_CLASS_WORD = re.compile(r"[A-Za-z]+")


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.stack: list[str] = []  # open elements (ignoring void ones)
        self.skip: list[str] = []  # open elements whose content is dropped
        # How many of each tag are on ``stack`` and ``skip``: «is it open?» asked of a list cost
        # time quadratic in the depth (50,000 nested elements, stray end tags)
        self.open: Counter[str] = Counter()
        self.skipping: Counter[str] = Counter()
        self.chunks: list[tuple[str, bool]] = []  # text of the current block, with bold flag
        self.bold = 0
        self.heading = 0
        self.pre = 0
        self.lists: list[list] = []  # per open list: [tag, counter]
        self.prefix = ""
        self.tables: list[list[str] | None] = []  # per open table: current row's cells
        self.cell: list[str] | None = None

    # -- helpers
    def _in(self, *tags: str) -> bool:
        return any(self.open[t] for t in tags)

    def _furniture(self, tag: str, attrs) -> bool:
        if tag in _SKIP:
            return True
        if tag in ("header", "footer") and not self._in("article", "main"):
            return True  # site header/footer; an article's own <header> holds its title
        a = dict(attrs)
        words = {w.lower() for w in _CLASS_WORD.findall(f"{a.get('class') or ''} {a.get('id') or ''}")}
        return a.get("role") in ("navigation", "banner", "contentinfo", "complementary") \
            or bool(words & _FURNITURE) or a.get("hidden") is not None \
            or "display:none" in (a.get("style") or "").replace(" ", "")

    def _flush(self) -> None:
        if self.cell is not None:  # inside a table cell the block goes into the cell
            text = _SPACE.sub(" ", "".join(t for t, _ in self.chunks)).strip()
            if text:
                self.cell.append(text)
            self.chunks = []
            return
        text = "".join(t for t, _ in self.chunks)
        text = text.strip("\n") if self.pre else _SPACE.sub(" ", text).strip()
        bold = all(b for t, b in self.chunks if t.strip())
        self.chunks = []
        if not text:
            return
        if self.heading:
            text = "#" * self.heading + " " + text
        elif self.prefix:
            text = self.prefix + text
        elif bold:
            text = f"**{text}**"
        self.prefix = ""
        for line in text.split("\n") if self.pre else [text]:
            if line.strip():
                self.lines.append(line)

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
                self.skipping[tag] += 1
            return
        if self._furniture(tag, attrs) and tag not in _VOID:
            self.skip.append(tag)
            self.skipping[tag] += 1
            return
        if tag in ("br", "hr"):
            if self.cell is not None:
                self.chunks.append((" ", True))
            else:
                self._flush()
            return
        if tag in _VOID:
            return
        if tag in _BLOCK:
            self._flush()
        self.stack.append(tag)
        self.open[tag] += 1
        if tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = int(tag[1])
        elif tag == "pre":
            self.pre += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li" and self.lists:
            self.lists[-1][1] += 1
            self.prefix = f"{self.lists[-1][1]}- " if self.lists[-1][0] == "ol" else "- "
        elif tag == "li":
            self.prefix = "- "
        elif tag == "table":
            self.tables.append(None)
        elif tag == "tr" and self.tables and len(self.tables) == 1:
            self.tables[-1] = []
        elif tag in ("td", "th") and len(self.tables) == 1 and self.tables[-1] is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if self.skip:
            if self.skipping[tag]:
                while self.skip:
                    popped = self.skip.pop()
                    self.skipping[popped] -= 1
                    if popped == tag:
                        break
            return
        if not self.open[tag]:
            return  # stray end tag
        while self.stack:
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag in _BLOCK or tag in ("td", "th"):
            self._flush()
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = 0
        elif tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.cell is not None and len(self.tables) == 1:
            # colspan'd cell counted once; a rowspan'd cell's text is not copied down
            row = self.tables[-1]
            if row is not None:
                row.append(" ".join(self.cell).replace("\t", " "))
            self.cell = None
        elif tag == "tr" and len(self.tables) == 1 and self.tables[-1] is not None:
            row = self.tables[-1]
            if any(row):
                self.lines.append("\t".join(row))
            self.tables[-1] = None
        elif tag == "table" and self.tables:
            self.tables.pop()

    def handle_data(self, data):
        if self.skip:
            return
        self.chunks.append((data, self.bold > 0 or self.heading > 0))


# «<![» opens a marked section, and html.parser raises AssertionError on any keyword but
# these (found by fuzzing: «<![§…»). Others are text: the «<» is escaped so nothing is lost.
_MARKED_SECTION = re.compile(r"<!\[(?!\s*(?:cdata|if|else|endif|temp|ignore|include|rcdata)\b)", re.I)


def html_lines(text: str, path: str | None = None) -> list[str]:
    """The visible lines of an HTML page: scripts, styles, navigation, forms, asides and the
    site header/footer dropped; blocks become lines, table rows tab-separated cells."""
    parser = _HtmlText()
    fed = _MARKED_SECTION.sub("&lt;![", text)
    try:
        parser.feed(fed)
        parser.close()
    except AssertionError as exc:  # html.parser's way of refusing markup it cannot read
        line, offset = parser.getpos()
        lines = fed.split("\n")
        raise InputError(f"HTML the parser cannot read: {exc}"[:200], path=path, line=line, column=offset + 1,
                         text=lines[line - 1] if 0 < line <= len(lines) else None,
                         hint="save the page again, or as text") from None
    while parser.stack:
        parser._close(parser.stack.pop())
    parser._flush()
    return parser.lines
