"""Briefs: one page that a Chief of Mission reads in two minutes.

The title and date of the context, the platforms drawn to fit the page, who
sits where, the findings in plain words with what to do and, against an older
version, what changed. :mod:`.content` builds the brief as plain data; one
module per format lays it out (:mod:`.docx`, :mod:`.html`, :mod:`.pdf`,
:mod:`.markdown`). python-docx and WeasyPrint are imported only by the
writers that need them (the ``brief`` extra installs both).
"""

import warnings
from pathlib import Path

from ..analysis import check
from ..analysis._shared import resolve_org
from ..diffing import diff
from ..errors import UnknownOrgWarning, UsageError
from ..loading import bundled_path
from .content import PAGES, Brief, brief_content, page
from .docx import docx_bytes
from .drawing import choose_drawing, missing_note
from .html import html_page
from .markdown import markdown_page
from .pdf import pdf_bytes
from .words import brief_words

#: Output formats and their file suffixes.
FORMATS = {"docx": ".docx", "pdf": ".pdf", "html": ".html", "md": ".md"}
#: Share of the page's height the drawing may take (the rest: title, findings,
#: table). A landscape page is wide but short: the whole structure of a small
#: context fits there with 7 pt text only when it takes more, and its short
#: table still ends on the second page. A part of a larger structure gets the
#: portrait share: its long table must not spill onto a third page.
DRAWING_SHARE = 0.45
LANDSCAPE_SHARE = 0.72

__all__ = ["FORMATS", "PAGES", "Brief", "brief_files", "make_brief"]


def make_brief(graph, *, org: str | None = None, lang: str | None = None,
               page_name: str = "a4", since=None, findings=None,
               drawing: bool = True) -> Brief:
    """Build the brief of ``graph``: its findings, its drawing and, with
    ``since`` (an older :class:`~coordgraph.model.CoordGraph`), what changed.

    Raises
    ------
    UsageError
        An unknown page.
    GraphvizError
        Graphviz missing or failed while drawing.
    """

    org = resolve_org(graph, org) if org else graph.context.org
    lang = lang or graph.context.lang or "en"
    sheet = page(page_name)
    if findings is None:
        findings = check(graph, org=org)
    difference = None
    if since is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UnknownOrgWarning)
            difference = diff(since, graph, org=org)
    words = brief_words(lang)
    picture, note = None, ""
    if drawing:
        share = LANDSCAPE_SHARE if sheet.landscape else DRAWING_SHARE
        picture = choose_drawing(graph, org=org, lang=lang, findings=findings,
                                 page=page_name, box_width=sheet.text_width,
                                 box_height=sheet.text_height * share, words=words,
                                 part_height=sheet.text_height * DRAWING_SHARE)
        if picture is None:
            note = missing_note(graph, org=org, lang=lang, findings=findings,
                                page=page_name, words=words, data=_data_option(graph))
    return brief_content(graph, findings, org=org, lang=lang, page_name=page_name,
                         difference=difference, picture=picture, picture_note=note)


def brief_files(brief: Brief, format: str, target) -> list[tuple[Path, bytes]]:
    """The files of ``brief`` in ``format``: ``[(path, bytes), ...]``, the
    main file last (Markdown writes its picture beside it).

    Raises
    ------
    UsageError
        An unknown format, or the library a format needs is not installed
        (the message gives the install command).
    """

    target = Path(target)
    if format == "docx":

        return [(target, docx_bytes(brief))]
    if format == "pdf":

        return [(target, pdf_bytes(brief))]
    if format == "html":

        return [(target, html_page(brief).encode("utf-8"))]
    if format == "md":

        files = []
        picture = None
        if brief.picture is not None:
            picture = target.with_suffix(".png")
            files.append((picture, brief.picture.png))
        files.append((target, markdown_page(brief, picture.name if picture else None)
                      .encode("utf-8")))
        return files
    raise UsageError(f"unknown brief format '{format}'; formats: {', '.join(FORMATS)}")


def _data_option(graph) -> str:
    """The folder to name with ``--data`` in a command: none for the bundled
    framework (the default)."""
    if not graph.source:
        return ""
    if Path(graph.source).resolve() == bundled_path().resolve():
        return ""
    return graph.source
