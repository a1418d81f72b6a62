"""A brief as a PDF: the HTML page laid out by WeasyPrint (vector drawing,
selectable text, the page size from CSS ``@page``)."""


from ..errors import UsageError
from .html import html_page
from .libraries import missing_library


def pdf_bytes(brief) -> bytes:
    """The PDF of ``brief``.

    Raises :class:`~coordgraph.errors.UsageError` when WeasyPrint (or the
    Pango libraries it needs) is missing.
    """
    try:
        import weasyprint
    except ImportError:
        raise missing_library("WeasyPrint", "weasyprint") from None
    except OSError as exc:    # the Python package is there, Pango is not
        raise UsageError(f"WeasyPrint cannot load its system libraries ({exc}); on Debian "
                         "or Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    import logging

    # WeasyPrint logs every CSS property it ignores (print-color-adjust...).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html_page(brief)).render()
    return document.write_pdf()
