"""The portfolio as one offline HTML page: a heat map to sort, filter and open.

The same rules as the organigram page (:mod:`coordgraph.rendering.html`):

- a Content-Security-Policy ``<meta>`` forbids every request and allows
  exactly the page's one inline ``<style>`` and one inline ``<script>``, by
  the SHA-256 of their text (computed here, from ``portfolio_assets/``);
- the data travels in a ``<script type="application/json">`` block with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped;
- the script puts data text on the page only through ``textContent`` (and
  ``title``/``aria-label`` attributes), never as markup.

Cells carry a symbol as well as a colour, so the map reads without colour.
A context's ``region`` (a ``context.toml`` setting; empty when not given)
can be filtered on like its name, country and type.
"""

from html import escape
from importlib import resources

from .portfolio import STATES, Portfolio, to_dict
from .rendering.html import CSP, MAX_LABEL, MAX_TEXT, digest, json_block, text

#: The page's own words.
UI = {
    "title": "Coordination portfolio",
    "subtitle": "{n} context(s) · {org} · ages in days to {today}",
    "filter": "Filter", "filter_hint": "Country, name, region or type",
    "platform": "Platform", "all_platforms": "All platforms",
    "shown": "{n} of {total} context(s) shown",
    "context": "Context", "country": "Country", "region": "Region", "type": "Type",
    "as_of": "Age", "as_of_title": "Days since the data's as_of date",
    "template": "Tmpl age", "template_title": "Days since the template's date",
    "errors": "Err", "errors_title": "Errors found by check",
    "warnings": "Warn", "warnings_title": "Warnings found by check", "legend": "Cells",
    "no_platform": "no such platform", "findings": "Findings of {name}",
    "no_findings": "No findings.", "invalid": "Invalid data: {n} error(s); nothing was checked.",
    "hint_click": "Select a context's name to see its findings. Select a column heading "
                  "to sort.",
    "close": "Close",
    "noscript": "The table needs JavaScript; `coordgraph portfolio --format markdown` "
                "gives the same table as text.",
    "made_with": "Made with coordgraph. Works offline: this one file is the whole page.",
}


def asset(name: str) -> str:
    """The text of a file of ``portfolio_assets/`` (the page's CSS and JS)."""
    return resources.files(__package__).joinpath("portfolio_assets", name).read_text(
        encoding="utf-8")


def page_data(portfolio: Portfolio) -> dict:
    """What the page's script needs: :func:`coordgraph.portfolio.to_dict`
    with every data text cleaned and cut, and the page's words.

    >>> import datetime
    >>> from coordgraph.portfolio import build, context_row
    >>> import coordgraph
    >>> g = coordgraph.load()
    >>> p = build([context_row("data", g, coordgraph.check(g), "IOM",
    ...                        datetime.date(2026, 1, 1))], datetime.date(2026, 1, 1))
    >>> data = page_data(p)
    >>> data["contexts"][0]["cells"]["HCT"], data["states"]["lead"]["symbol"]
    ('member', 'L')
    """
    data = to_dict(portfolio)
    for column in data["columns"]:
        column["label"] = text(column["label"], MAX_LABEL)
    for context in data["contexts"]:
        for key in ("source", "name", "country", "region", "context_type", "template"):
            if context.get(key):
                context[key] = text(context[key], MAX_LABEL)
        for item in (*context["findings"], *context.get("problems", ())):
            for key, value in item.items():
                if isinstance(value, str):
                    item[key] = text(value, MAX_TEXT)
                elif isinstance(value, list):
                    item[key] = [text(v, MAX_LABEL) for v in value]
    data["org"] = text(portfolio.org, MAX_LABEL)
    data["ui"] = UI
    return data


def page(portfolio: Portfolio, *, script: str | None = None, style: str | None = None) -> bytes:
    """The whole page. Pure: the same portfolio gives the same bytes."""
    script = asset("portfolio.js") if script is None else script
    style = asset("portfolio.css") if style is None else style
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("the page's own script or style would close its element")
    data = page_data(portfolio)
    orgs = sorted({c["org"] for c in data["contexts"] if c["org"]})
    subtitle = UI["subtitle"].format(n=len(portfolio.rows), org=", ".join(orgs) or "IOM",
                                     today=portfolio.today)
    csp = CSP.format(script=digest(script), style=digest(style))
    legend = "".join(
        f'<li><span class="cell s-{key}" aria-hidden="true">{escape(symbol)}</span> '
        f"{escape(meaning)}</li>" for key, (symbol, meaning) in STATES.items())
    legend += (f'<li><span class="cell s-none" aria-hidden="true"></span> '
               f'{escape(UI["no_platform"])}</li>')
    parts = [
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="generator" content="coordgraph">\n',
        f"<title>{escape(UI['title'])}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        '<header class="top">\n',
        f"<h1>{escape(UI['title'])}</h1>\n",
        f'<p class="subtitle">{escape(text(subtitle, MAX_TEXT))}</p>\n',
        f'<p class="keys">{escape(UI["hint_click"])}</p>\n',
        '<div class="controls">\n',
        f'<div class="field"><label for="pf-filter">{escape(UI["filter"])}</label>'
        f'<input id="pf-filter" type="search" autocomplete="off" '
        f'placeholder="{escape(UI["filter_hint"])}"></div>\n',
        f'<div class="field"><label for="pf-platform">{escape(UI["platform"])}</label>'
        '<select id="pf-platform"></select></div>\n',
        '<p class="status" id="pf-status" aria-live="polite"></p>\n',
        "</div>\n</header>\n",
        '<main class="layout" id="pf-layout">\n',
        '<div class="matrix"><table id="pf-table"><thead></thead><tbody></tbody></table></div>\n',
        '<section class="details" id="pf-details" hidden aria-live="polite"></section>\n',
        "</main>\n",
        f'<section class="legend"><h2>{escape(UI["legend"])}</h2><ul>{legend}</ul></section>\n',
        f'<noscript><p>{escape(UI["noscript"])}</p></noscript>\n',
        f'<footer><p>{escape(UI["made_with"])}</p></footer>\n',
        f'<script type="application/json" id="pf-data">{json_block(data)}</script>\n',
        f"<script>{script}</script>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts).encode("utf-8")
