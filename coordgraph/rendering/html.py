"""The interactive organigram: one self-contained HTML file that works offline.

The page is the finished SVG (already made safe by :mod:`.svg`), a style
sheet and a small script from ``assets/``, and the graph's data as JSON.
It asks the network for nothing, and nothing in the data can run:

- a Content-Security-Policy ``<meta>`` forbids every request
  (``default-src 'none'``) and allows exactly the one inline ``<style>`` and
  the one inline ``<script>`` of the page, by the SHA-256 of their text;
- the data travels in a ``<script type="application/json">`` block (a data
  block, never run) with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
  ``\\uXXXX``, so no label can close the block or open a tag;
- the script puts data text on the page only through ``textContent`` and
  ``setAttribute`` (``aria-label``), never as markup;
- the title, the only data text written into the HTML itself, is escaped.

:func:`page` builds the whole page for a drawing; :func:`build_page` (the
HTML around an SVG and its data) and :func:`page_data` (what the script
needs to know about every node) are pure: the same input gives the same
bytes.
"""

import binascii
import os

# hashlib's own SHA-256: importing hashlib (its table of every algorithm,
# OpenSSL loaded) costs more than the rest of the page's imports together.
try:
    from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # type: ignore[import-not-found]  # 3.12 and later
    except ImportError:   # a build without it
        from hashlib import sha256

from ..describing import describe
from ..findings import sort_findings
from ..jsontext import dumps_compact
from ..schema import RELATIONS
from .i18n import org_name, words
from .quoting import clean, shorten
from .svg import prefix_for, without_size_style

#: The Content-Security-Policy of the page; the hashes are filled in.
CSP = ("default-src 'none'; script-src '{script}'; style-src '{style}'; "
       "base-uri 'none'; form-action 'none'")

#: Labels longer than this are cut (with "…") on the page; other texts
#: (descriptions, conditions, messages) at :data:`MAX_TEXT`.
MAX_LABEL = 300
MAX_TEXT = 2000

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}

#: The page's own words (the drawing's are in :mod:`.i18n`).
UI = {
    "en": {
        "search": "Search", "search_hint": "Name in any language, code or id",
        "matches": "{n} match(es)", "no_match": "No node matches.",
        "relations": "Show relations", "escalation": "Escalation",
        "membership": "Memberships", "advises": "Advice", "reporting": "Reporting",
        "zoom": "Zoom", "zoom_in": "Zoom in", "zoom_out": "Zoom out", "fit": "Fit to width",
        "drawing": "Organigram", "details": "Details", "close": "Close",
        "findings": "Findings for {org}", "no_findings": "No findings.",
        "keys": "Tab moves between boxes, Enter opens one, Esc closes the details.",
        "platform": "Coordination platform", "role": "Role of {owner}",
        "seniority": "seniority {n}", "seats": "Seat holders", "alternates": "Alternates",
        "observers": "Observers", "role_seats": "Seats", "alternate_for": "Alternate for",
        "observer_at": "Observer at", "sole": "Only {owner} seat holder in",
        "has_alternate": "has an alternate", "no_alternate": "no alternate",
        "route": "Escalation route", "apex": "An apex: it escalates to no other platform.",
        "cycle": "… and back to a platform already on the route (escalation cycle).",
        "escalated_from": "Receives escalations from", "advises_list": "Advises",
        "advised_by": "Advised by", "node_findings": "Findings", "none": "none",
        "condition": "only {condition}", "not_drawn": "not in this drawing",
        "error": "error", "warning": "warning", "info": "info",
        "noscript": "Search, details and the list of findings need JavaScript; "
                    "the drawing above is complete without it.",
        "made_with": "Made with coordgraph. Works offline: this one file is the whole page.",
        "lead": "Lead: {orgs}", "co_lead": "Co-lead: {orgs}",
        "coordinators": "Coordinators (for the lead agency; not a seat)",
        "coordinator_of": "Coordinator of (for the lead agency; not a seat)",
        "person": "held by {person}", "location": "in {location}",
        "vacant_post": "Vacant: nobody holds this post; its memberships do not count "
                       "as {org}'s presence.",
        "not_expected": "{org} is not expected here: its absence is not a finding.",
        "reports_to": "Also reports to", "reports_from": "Receives reports from",
    },
    "fr": {
        "search": "Rechercher", "search_hint": "Nom dans toute langue, code ou id",
        "matches": "{n} résultat(s)", "no_match": "Aucun élément ne correspond.",
        "relations": "Relations affichées", "escalation": "Remontée",
        "membership": "Participations", "advises": "Conseil", "reporting": "Comptes rendus",
        "zoom": "Zoom", "zoom_in": "Agrandir", "zoom_out": "Réduire",
        "fit": "Ajuster à la largeur",
        "drawing": "Organigramme", "details": "Détails", "close": "Fermer",
        "findings": "Constats pour {org}", "no_findings": "Aucun constat.",
        "keys": "Tab passe d’un élément à l’autre, Entrée l’ouvre, "
                "Échap ferme les détails.",
        "platform": "Plateforme de coordination", "role": "Fonction : {owner}",
        "seniority": "ancienneté {n}", "seats": "Sièges", "alternates": "Suppléants",
        "observers": "Observateurs", "role_seats": "Sièges", "alternate_for": "Suppléant à",
        "observer_at": "Observateur à", "sole": "Seul siège de {owner} à",
        "has_alternate": "avec suppléant", "no_alternate": "sans suppléant",
        "route": "Voie de remontée",
        "apex": "Sommet : ne remonte à aucune autre plateforme.",
        "cycle": "… puis retour à une plateforme déjà sur la voie (boucle de remontée).",
        "escalated_from": "Reçoit les remontées de", "advises_list": "Conseille",
        "advised_by": "Conseillé par", "node_findings": "Constats", "none": "aucun",
        "condition": "seulement {condition}", "not_drawn": "hors de ce dessin",
        "error": "erreur", "warning": "avertissement",
        "info": "info",
        "noscript": "La recherche, les détails et la liste des constats demandent "
                    "JavaScript ; le dessin ci-dessus est complet sans.",
        "made_with": "Fait avec coordgraph. Fonctionne hors ligne : ce seul fichier est "
                     "toute la page.",
        "lead": "Chef de file : {orgs}", "co_lead": "Co-chef de file : {orgs}",
        "coordinators": "Coordination (pour l’agence chef de file ; pas un siège)",
        "coordinator_of": "Coordonne (pour l’agence chef de file ; pas un siège)",
        "person": "occupé par {person}", "location": "à {location}",
        "vacant_post": "Vacant : personne n’occupe ce poste ; ses participations ne "
                       "comptent pas comme présence de {org}.",
        "not_expected": "La présence de {org} n’est pas attendue ici : son absence n’est "
                        "pas un constat.",
        "reports_to": "Rend aussi compte à", "reports_from": "Reçoit les comptes rendus de",
    },
    "es": {
        "search": "Buscar", "search_hint": "Nombre en cualquier idioma, código o id",
        "matches": "{n} resultado(s)", "no_match": "Ningún elemento coincide.",
        "relations": "Relaciones visibles", "escalation": "Escalamiento",
        "membership": "Participaciones", "advises": "Asesoría", "reporting": "Informes",
        "zoom": "Zoom", "zoom_in": "Acercar", "zoom_out": "Alejar",
        "fit": "Ajustar al ancho",
        "drawing": "Organigrama", "details": "Detalles", "close": "Cerrar",
        "findings": "Hallazgos para {org}", "no_findings": "Ningún hallazgo.",
        "keys": "Tab pasa de un elemento a otro, Intro lo abre, Esc cierra los detalles.",
        "platform": "Plataforma de coordinación", "role": "Función de {owner}",
        "seniority": "antigüedad {n}", "seats": "Puestos", "alternates": "Suplentes",
        "observers": "Observadores", "role_seats": "Puestos", "alternate_for": "Suplente en",
        "observer_at": "Observador en", "sole": "Único puesto de {owner} en",
        "has_alternate": "con suplente", "no_alternate": "sin suplente",
        "route": "Ruta de escalamiento",
        "apex": "Cúspide: no escala a ninguna otra plataforma.",
        "cycle": "… y vuelve a una plataforma que ya está en la ruta (ciclo de escalamiento).",
        "escalated_from": "Recibe escalamientos de", "advises_list": "Asesora a",
        "advised_by": "Asesorado por", "node_findings": "Hallazgos", "none": "ninguno",
        "condition": "solo {condition}", "not_drawn": "fuera de este dibujo",
        "error": "error", "warning": "advertencia",
        "info": "info",
        "noscript": "La búsqueda, los detalles y la lista de hallazgos necesitan "
                    "JavaScript; el dibujo de arriba está completo sin él.",
        "made_with": "Hecho con coordgraph. Funciona sin conexión: este único archivo es "
                     "toda la página.",
        "lead": "Líder: {orgs}", "co_lead": "Co-líder: {orgs}",
        "coordinators": "Coordinación (por la agencia líder; no es asiento)",
        "coordinator_of": "Coordina (por la agencia líder; no es asiento)",
        "person": "ocupado por {person}", "location": "en {location}",
        "vacant_post": "Vacante: nadie ocupa este puesto; sus participaciones no cuentan "
                       "como presencia de {org}.",
        "not_expected": "No se espera la presencia de {org} aquí: su ausencia no es un "
                        "hallazgo.",
        "reports_to": "También informa a", "reports_from": "Recibe informes de",
    },
}


def page(svg: bytes, drawing, data: dict | None = None) -> bytes:
    """The HTML page of ``drawing``, around its finished ``svg``.

    ``drawing`` must carry what it was made from (``graph``, ``selection``,
    ``lang``, ``org``, ``findings``), as :func:`~.building.build` leaves it;
    ``data`` is its :func:`page_data`, if made already.
    """
    return build_page(svg, page_data(drawing) if data is None else data, lang=drawing.lang,
                      title=drawing.title, subtitle=drawing.subtitle)


def asset(name: str) -> str:
    """The text of a file of ``assets/`` (the page's CSS and JS).

    >>> asset("organigram.css").startswith("/* coordgraph's interactive organigram.")
    True
    """
    path = os.path.join(_ASSETS, name)
    if os.path.isfile(path):   # a checkout or an installed package: a plain file
        with open(path, encoding="utf-8") as file:
            return file.read()
    from importlib import resources  # a package in a zip: slow to import

    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


_ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets")


def digest(text: str) -> str:
    """A CSP source for inline ``text``: ``sha256-`` and the base64 of its SHA-256.

    >>> digest("")
    'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
    """
    raw = sha256(text.encode("utf-8")).digest()
    # base64.b64encode is this call: the base64 module is not imported for it
    return "sha256-" + binascii.b2a_base64(raw, newline=False).decode("ascii")


def escape(text: str) -> str:
    """``text`` escaped for HTML text and attribute values, as ``html.escape``
    does (the ``html`` module imports its table of 2,000 entities).

    >>> escape("<b class='x'>R&D</b>")
    '&lt;b class=&#x27;x&#x27;&gt;R&amp;D&lt;/b&gt;'
    """
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def json_block(data) -> str:
    """``data`` as JSON that can sit inside ``<script type="application/json">``.

    >>> json_block({"label": "</script><b>&\\u2028"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = dumps_compact(data)   # json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():   # whole-text replaces: not char by char
        if char in text:
            text = text.replace(char, escaped)
    return text


def build_page(svg: bytes, data: dict, *, lang: str = "en", title: str = "",
               subtitle: str = "", script: str | None = None,
               style: str | None = None) -> bytes:
    """The page: ``svg`` inline, ``data`` as JSON, the style and script inline.

    ``script`` and ``style`` default to ``assets/organigram.js`` and
    ``assets/organigram.css``. Pure: the same input gives the same bytes.
    """
    script = asset("organigram.js") if script is None else script
    style = asset("organigram.css") if style is None else style
    if "</script" in script.lower() or "</style" in style.lower():
        raise ValueError("the page's own script or style would close its element")
    ui = UI.get(lang, UI["en"])
    drawing = svg.decode("utf-8")
    if drawing.startswith("<?xml"):
        drawing = drawing[drawing.index("?>") + 2:].lstrip()
    drawing = without_size_style(drawing)   # the policy allows no style attribute
    title = text(title, MAX_LABEL) or ui["drawing"]
    subtitle = text(subtitle, MAX_TEXT)
    csp = CSP.format(script=digest(script), style=digest(style))
    heading = escape(title)
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        '<meta name="generator" content="coordgraph">\n',
        f"<title>{heading}</title>\n<style>{style}</style>\n</head>\n<body>\n",
        '<header class="top">\n',
        f'<h1 class="t">{heading}</h1>\n',
        f'<p class="subtitle t">{escape(subtitle)}</p>\n' if subtitle else "",
        f'<p class="keys controls">{escape(ui["keys"])}</p>\n',
        '<div class="controls" id="cg-controls"></div>\n',
        "</header>\n",
        '<main class="layout">\n',
        f'<section class="drawing-area" aria-label="{escape(ui["drawing"])}">\n',
        f'<div class="drawing" id="cg-drawing">\n{drawing.rstrip()}\n</div>\n',
        "</section>\n",
        f'<section class="panel" id="cg-panel" aria-label="{escape(ui["details"])}" '
        'hidden></section>\n',
        "</main>\n",
        '<section class="findings" id="cg-findings"></section>\n',
        f'<noscript><p>{escape(ui["noscript"])}</p></noscript>\n',
        f'<footer><p>{escape(ui["made_with"])}</p></footer>\n',
        f'<script type="application/json" id="cg-data">{json_block(data)}</script>\n',
        f"<script>{script}</script>\n",
        "</body>\n</html>\n",
    ]
    return "".join(parts).encode("utf-8")


# ---------------------------------------------------------------- data

def text(value, limit: int = MAX_TEXT) -> str:
    """Data text for the page: :func:`clean`, and cut to ``limit`` characters.

    >>> text("a\\x00b"), text("x" * 10, 5)
    ('ab', 'xxxx…')
    """
    return shorten(clean(value), limit)[0]


def _split_coordinators(info: dict, observers: str, coordinators: str) -> None:
    """Move the ``coordinator`` memberships of ``info[observers]`` (presence
    that is not a seat) to ``info[coordinators]``, after any already there.

    >>> info = {"observers": [{"role": "a", "capacity": "observer"},
    ...                       {"role": "b", "capacity": "coordinator"}]}
    >>> _split_coordinators(info, "observers", "coordinators")
    >>> [o["role"] for o in info["observers"]], [c["role"] for c in info["coordinators"]]
    (['a'], ['b'])
    """
    items = info.get(observers, [])
    moved = [item for item in items if item.get("capacity") == "coordinator"]
    if not moved:
        return
    info[observers] = [item for item in items if item.get("capacity") != "coordinator"]
    info[coordinators] = [*info.get(coordinators, []), *moved]


def page_data(drawing) -> dict:
    """What the page's script needs: every drawn node with its panel, the
    findings, which relations are drawn, and the page's words.

    Labels are in the drawing's language; every text is :func:`clean`.
    Escalation routes are not spelled out (a chain of n platforms would
    hold n²/2 steps): each platform gives the first platform it escalates
    to (``up``) and the drawn edge to it (``up_edge``), and ``beyond``
    lists, once each, the platforms on a route that are not drawn. The
    script follows ``up`` from a platform to the apex, stopping where the
    route comes back to a platform already on it (a cycle), as
    :func:`coordgraph.describing.escalation_route` does.

    >>> import coordgraph
    >>> from coordgraph.rendering.building import build
    >>> g = coordgraph.load()
    >>> data = page_data(build(g, "organigram", findings=coordgraph.check(g)))
    >>> hct = next(n for n in data["nodes"] if n["id"] == "hct")
    >>> hct["label"], [s["id"] for s in hct["seats"]]
    ('Humanitarian Country Team (HCT)', ['chief_of_mission', 'rrt_lead'])
    >>> hct["labels"]
    ['Équipe humanitaire pays (EHP)', 'Equipo Humanitario de País']
    >>> meetings = next(n for n in data["nodes"] if n["id"] == "cluster_meetings")
    >>> iccg = next(n for n in data["nodes"] if n["id"] == meetings["up"])
    >>> meetings["up"], iccg["up"], "up" in hct, data["beyond"]
    ('iccg', 'hct', False, [])
    """
    graph, selection, lang = drawing.graph, drawing.selection, drawing.lang
    if graph is None or selection is None:
        raise ValueError("an HTML page needs a drawing made by building.build()")
    org = drawing.org
    vocabulary = words(lang)
    org_shown = org_name(org, lang)
    ui = {key: value.replace("{org}", org_shown) for key, value in
          UI.get(lang, UI["en"]).items()}
    drawn = {node.id for node in selection.nodes}
    prefix = prefix_for(drawing)
    edge_ids: dict[tuple, str] = {}   # (source, relation, target) -> svg id of the first one
    memberships: dict[str, list[str]] = {}   # role -> svg ids of its memberships drawn
    for number, edge in enumerate(selection.edges, start=1):
        svg_id = prefix + drawing.items[f"e{number}"][0]
        edge_ids.setdefault(edge.key, svg_id)
        if edge.relation == "membership":
            memberships.setdefault(edge.source, []).append(svg_id)
    # the membership behind each conditional seat, for its condition in ``lang``
    conditions = {(e.source, e.target): e for e in graph.edges
                  if e.relation == "membership" and e.condition}
    findings = sort_findings(drawing.findings)
    involved: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        for node_id in dict.fromkeys((finding.node, *finding.nodes)):
            involved.setdefault(node_id, []).append(index)

    def label(node_id):
        return text(graph.label(node_id, lang), MAX_LABEL)

    def ref(item, node_id=""):
        # describe() names the other end 'role', 'platform' or 'id'
        key = next(k for k in ("role", "platform", "id") if k in item)
        out = {"id": item[key], "label": label(item[key])}
        if item.get("condition"):   # describe() gives the English; the page, its language
            ends = (item["role"], node_id) if key == "role" else (node_id, item[key])
            edge = conditions.get(ends)
            if edge is not None:
                item = {**item, "condition": edge.condition_in(lang)}
        other = graph.nodes.get(item[key])
        if other is not None and other.kind == "role" and other.person:
            out["person"] = text(other.person, MAX_LABEL)
        for name in ("capacity", "condition", "org", "status"):
            value = item.get(name)
            if value and not (name == "status" and value == "active") and not (
                    name == "org" and other is not None and graph.belongs_to(other, org)):
                out[name] = text(value)
        if "has_alternate" in item:
            out["has_alternate"] = item["has_alternate"]
        return out

    def up(platform_id):
        # the route follows the first escalation edge in file order, as describe() does
        targets = graph.escalates_to(platform_id)
        return targets[0] if targets else None

    beyond = {}   # platforms on a route that are not drawn: id -> {label, up}

    def climb(platform_id):
        # each platform outside the drawing is stored once, however many routes pass it
        while platform_id is not None and platform_id not in drawn and platform_id not in beyond:
            entry = beyond[platform_id] = {"id": platform_id, "label": label(platform_id)}
            platform_id = up(platform_id)
            if platform_id is not None:
                entry["up"] = platform_id

    nodes = []
    for node in selection.nodes:
        info = describe(graph, node.id, org=org, findings=(), route=False)
        shown = label(node.id)
        entry = {"id": node.id, "kind": node.kind, "label": shown}
        others = [text(name, MAX_LABEL) for name in (node.label, node.label_fr, node.label_es)
                  if name]
        others = [name for name in dict.fromkeys(others) if name != shown]
        if others:
            entry["labels"] = others
        for name, value in (("code", node.code), ("structure", node.structure_in(lang)),
                            ("description", node.description)):
            if value:
                entry[name] = text(value, MAX_LABEL if name != "description" else MAX_TEXT)
        if node.kind == "platform":
            entry["level"] = node.level
        if node.status != "active":
            entry["status"] = node.status
        if node.kind == "role":
            entry["org"] = text(info["org"], MAX_LABEL)
            if node.seniority is not None:
                entry["seniority"] = node.seniority
            if node.person:
                entry["person"] = text(node.person, MAX_LABEL)
        if node.location:
            entry["location"] = text(node.location, MAX_LABEL)
        if node.is_platform:
            for key, orgs in (("lead", node.leads), ("co_lead", node.co_leads)):
                if orgs:
                    entry[key] = [text(org_name(o, lang), MAX_LABEL) for o in orgs]
            if node.is_active and not graph.is_expected(node):
                entry["expected"] = False
        _split_coordinators(info, "observers" if node.is_platform else "observer_at",
                            "coordinators" if node.is_platform else "coordinator_of")
        keys = (("seats", "coordinators", "alternates", "observers", "escalated_from")
                if node.is_platform else
                ("seats", "coordinator_of", "alternate_for", "observer_at", "sole_seat_holder"))
        for key in (*keys, "advises", "advised_by"):
            items = [ref(item, node.id) for item in info.get(key, ())]
            if items:
                entry["sole" if key == "sole_seat_holder" else key] = items
        if node.is_platform:
            for key, edges, end in (("reports_to", graph.out_edges, "target"),
                                    ("reports_from", graph.in_edges, "source")):
                items = [ref({"id": getattr(e, end)}) for e in edges.get(node.id, ())
                         if e.relation == "reporting"]
                if items:
                    entry[key] = items
        if node.is_platform:
            parent = up(node.id)
            if parent is not None:
                entry["up"] = parent
                if (node.id, "escalation", parent) in edge_ids:
                    entry["up_edge"] = edge_ids[(node.id, "escalation", parent)]
                climb(parent)
        elif node.id in memberships:
            entry["links"] = memberships[node.id]
        if node.id in involved:
            entry["findings"] = involved[node.id]
        nodes.append(entry)

    return {
        "lang": lang,
        "org": org_shown,
        "prefix": prefix,
        "relations": [r for r in RELATIONS if any(e.relation == r for e in selection.edges)],
        "nodes": nodes,
        "beyond": list(beyond.values()),
        "findings": [{"code": f.code, "severity": f.severity, "node": f.node,
                      "label": label(f.node), "message": text(f.message),
                      "hint": text(f.hint), "drawn": f.node in drawn}
                     for f in findings],
        "words": {"ui": ui, "capacity": vocabulary.capacity, "level": vocabulary.level,
                  "status": vocabulary.status},
    }
