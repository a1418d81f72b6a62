"""The words on a drawing, in English, French and Spanish.

Labels of platforms and roles come from the data (``label_fr``,
``label_es``); everything the renderer itself writes (titles, legend, badges,
capacities, the description for screen readers) comes from here.

>>> words("fr").capacity["alternate"]
'suppléant'
>>> date_text("2022-11-01", "fr"), date_text("2022-11-01", "es"), date_text("2022-11-01", "en")
('1er novembre 2022', '1 de noviembre de 2022', '1 November 2022')
"""

import datetime

from ..records import FrozenRecord

_set = object.__setattr__


class Words(FrozenRecord):
    """The renderer's own words in one language, by kind."""

    _fields = ("views", "capacity", "level", "status", "relation", "legend", "badge", "text",
               "months", "orgs", "compare", "attribute")
    views: dict
    capacity: dict
    level: dict
    status: dict
    relation: dict
    legend: dict
    badge: dict
    text: dict
    months: tuple
    orgs: dict
    compare: dict
    attribute: dict

    def __init__(self, views: dict, capacity: dict, level: dict, status: dict,
                 relation: dict, legend: dict, badge: dict, text: dict, months: tuple,
                 orgs: dict, compare: dict, attribute: dict) -> None:
        _set(self, "views", views)
        _set(self, "capacity", capacity)
        _set(self, "level", level)
        _set(self, "status", status)
        _set(self, "relation", relation)
        _set(self, "legend", legend)
        _set(self, "badge", badge)
        _set(self, "text", text)
        _set(self, "months", months)
        _set(self, "orgs", orgs)
        _set(self, "compare", compare)
        _set(self, "attribute", attribute)


_EN = Words(
    views={"organigram": "Organigram", "platforms": "Coordination platforms",
           "representation": "{org} representation",
           "leadership": "Who leads the coordination platforms"},
    capacity={"member": "member", "chair": "chair", "co-chair": "co-chair", "lead": "lead",
              "co-lead": "co-lead", "coordinator": "coordinator", "alternate": "alternate",
              "observer": "observer"},
    level={"global": "global", "regional": "regional", "national": "national",
           "subnational": "sub-national"},
    status={"inactive": "not activated", "planned": "planned", "vacant": "vacant"},
    relation={"escalation": "escalates to", "advises": "advises", "reporting": "reports to"},
    legend={
        "title": "Legend",
        "notes": "Conditions",
        "platform": "Coordination platform",
        "structure": "Structure (group of platforms)",
        "org_role": "{org} role",
        "other_role": "Role of another organisation",
        "inactive": "Platform not activated here",
        "planned": "Planned (dashed outline)",
        "vacant": "Vacant post: nobody holds it (empty, dashed)",
        "not_expected": "Platform where {org} is not expected (dotted outline)",
        "leadership": "Lead and co-lead agencies; {org} in bold",
        "led_outline": "Platform {org} leads or co-leads (thick outline)",
        "escalation": "Escalation: unresolved issues go up",
        "advises": "Advises or supports",
        "reporting": "Also reports to",
        "reporting_merged": "×n: n such lines between two structures, drawn as one "
                            "(the tooltip lists them)",
        "member": "Seat: member",
        "leading": "Seat with a leading role (chair, lead...)",
        "coordinator": "Coordinator for the lead agency (presence, not a seat)",
        "alternate": "Alternate (not a seat)",
        "observer": "Observer (not a seat)",
        "conditional": "[n] applies only under the condition n below",
        "CG301": "No {org} role sits here (CG301)",
        "CG201": "Escalation goes round in a loop (CG201)",
        "warning": "Warning: the badge says what to check",
        "focus": "Focus of this drawing",
        "more": "and {n} more",
        "more_notes": "… and {n} more: each numbered line's tooltip gives its condition",
        "added": "New since the version compared with",
        "changed": "Changed since the version compared with (tooltip: old → new)",
        "removed": "Removed since the version compared with (drawn faded)",
        "added_edge": "Relation added",
        "changed_edge": "Relation changed (tooltip: old → new)",
        "removed_edge": "Relation removed (drawn faded)",
    },
    badge={
        "CG301": "⚠ no {org} seat",
        "CG201": "⚠ escalation loop",
        "CG202": "▲ escalates to {n} platforms",
        "CG203": "▲ not connected",
        "CG204": "▲ escalates downward",
        "CG302": "▲ no firm {org} seat",
        "CG303": "▲ {org} seat too junior",
        "CG304": "▲ overloaded: {n} seats",
        "CG305": "▲ single point of failure",
        "CG205": "▲ no route up to national",
        "CG206": "▲ co-lead but no lead",
        "CG306": "▲ double-hatting",
        "CG307": "▲ no {org} agency voice",
        "CG308": "▲ vacant post in a leading role",
        "CG309": "▲ seats in {n} places",
    },
    text={
        "as_of": "as of {date}",
        "focus": "around {label} (depth {depth})",
        "untitled": "Coordination structure",
        "drawing": "{view} of {name}.",
        "counts": "{platforms} platform(s) in {structures} structure(s); {roles} role(s).",
        "structure": "{structure}: {platforms}.",
        "escalation": "Escalation: {routes}.",
        "represented": "{org} sits in {platform} through {holders}.",
        "unrepresented": "{org} has no one in {platform}.",
        "holder": "{role} as {capacity}",
        "condition": "{holder} ({condition})",
        "findings": "Findings: {findings}.",
        "no_findings": "No findings.",
        "finding": "{label}: {badge} ({code})",
        "empty": "Nothing to draw in this view.",
        "none": "none",
        "lead": "Lead: {orgs}",
        "co_lead": "Co-lead: {orgs}",
        "not_expected": "not expected",
        "unexpected": "{org} has no one in {platform}, where it is not expected.",
        "only_vacant": "{org} has no one in {platform}: {holders}.",
        "vacant": "{role} (vacant)",
        "vacancies": "Vacant posts: {roles}.",
        "leadership": "Leadership: {platforms}.",
        "led": "{platform} ({leads})",
    },
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    orgs={},
    compare={
        "added": "+ new",
        "removed": "✕ removed",
        "changed": "~ changed",
        "changed_what": "~ changed: {what}",
        "symbol_added": "+",
        "symbol_removed": "✕",
        "symbol_changed": "~",
        "compared": "compared with {old}",
        "version": "{name} ({date})",
        "earlier": "the earlier version",
        "tip_added": "+ new since {old}",
        "tip_removed": "✕ removed since {old}",
        "tip_changed": "~ changed since {old}:",
        "change": "{attribute}: {old} → {new}",
        "empty": "(empty)",
        "active": "active",
        "identical": "Compared with {old}: no differences.",
        "summary": ("Compared with {old}: platforms and roles {nodes_added} added, "
                    "{nodes_removed} removed, {nodes_changed} changed; relations "
                    "{edges_added} added, {edges_removed} removed, {edges_changed} changed."),
        "list_added": "Added: {items}.",
        "list_changed": "Changed: {items}.",
        "list_removed": "Removed (drawn faded): {items}.",
        "introduced": "{org} findings introduced: {items}.",
        "resolved": "{org} findings resolved: {items}.",
    },
    attribute={
        "kind": "kind", "label": "label", "label_fr": "French label",
        "label_es": "Spanish label", "org": "organisation", "structure": "structure",
        "structure_fr": "French structure name", "structure_es": "Spanish structure name",
        "level": "level", "status": "status", "seniority": "seniority",
        "min_seniority": "minimum seniority", "code": "code", "description": "description",
        "reference": "reference", "capacity": "capacity", "condition": "condition",
        "condition_fr": "French condition", "condition_es": "Spanish condition", "note": "note",
    },
)

_FR = Words(
    views={"organigram": "Organigramme", "platforms": "Plateformes de coordination",
           "representation": "Représentation : {org}",
           "leadership": "Qui dirige les plateformes de coordination"},
    capacity={"member": "membre", "chair": "présidence", "co-chair": "co-présidence",
              "lead": "chef de file", "co-lead": "co-chef de file",
              "coordinator": "coordination", "alternate": "suppléant",
              "observer": "observateur"},
    level={"global": "mondial", "regional": "régional", "national": "national",
           "subnational": "infranational"},
    status={"inactive": "non activé", "planned": "prévu", "vacant": "vacant"},
    relation={"escalation": "remonte à", "advises": "conseille", "reporting": "rend compte à"},
    legend={
        "title": "Légende",
        "notes": "Conditions",
        "platform": "Plateforme de coordination",
        "structure": "Structure (groupe de plateformes)",
        "org_role": "Fonction {org}",
        "other_role": "Fonction d'une autre organisation",
        "inactive": "Plateforme non activée ici",
        "planned": "Prévu (contour en tirets)",
        "vacant": "Poste vacant : personne ne l'occupe (vide, en tirets)",
        "not_expected": "Plateforme où la présence de {org} n'est pas attendue (contour pointillé)",
        "leadership": "Chef de file et co-chef de file ; {org} en gras",
        "led_outline": "Plateforme dont {org} est chef de file ou co-chef de file "
                       "(contour épais)",
        "escalation": "Remontée : les questions non résolues montent",
        "advises": "Conseille ou appuie",
        "reporting": "Rend aussi compte à",
        "reporting_merged": "×n : n tels liens entre deux structures, tracés en un seul "
                            "(l'infobulle les énumère)",
        "member": "Siège : membre",
        "leading": "Siège avec un rôle de direction (présidence, chef de file...)",
        "coordinator": "Coordination pour l'agence chef de file (présence, pas un siège)",
        "alternate": "Suppléant (pas un siège)",
        "observer": "Observateur (pas un siège)",
        "conditional": "[n] s'applique seulement sous la condition n ci-dessous",
        "CG301": "Aucune fonction {org} n'y siège (CG301)",
        "CG201": "La remontée tourne en boucle (CG201)",
        "warning": "Avertissement : le badge dit quoi vérifier",
        "focus": "Centre de ce dessin",
        "more": "et {n} de plus",
        "more_notes": ("… et {n} de plus : l'infobulle de chaque ligne numérotée "
                       "donne sa condition"),
        "added": "Nouveau depuis la version comparée",
        "changed": "Modifié depuis la version comparée (infobulle : ancien → nouveau)",
        "removed": "Supprimé depuis la version comparée (dessiné estompé)",
        "added_edge": "Relation ajoutée",
        "changed_edge": "Relation modifiée (infobulle : ancien → nouveau)",
        "removed_edge": "Relation supprimée (dessinée estompée)",
    },
    badge={
        "CG301": "⚠ aucun siège {org}",
        "CG201": "⚠ boucle de remontée",
        "CG202": "▲ remonte à {n} plateformes",
        "CG203": "▲ non relié",
        "CG204": "▲ remonte vers le bas",
        "CG302": "▲ pas de siège ferme {org}",
        "CG303": "▲ siège {org} trop junior",
        "CG304": "▲ surchargé : {n} sièges",
        "CG305": "▲ point unique de défaillance",
        "CG205": "▲ aucune voie vers le national",
        "CG206": "▲ co-chef de file sans chef de file",
        "CG306": "▲ double casquette",
        "CG307": "▲ pas de voix d’agence {org}",
        "CG308": "▲ poste vacant à un rôle de direction",
        "CG309": "▲ sièges en {n} lieux",
    },
    text={
        "as_of": "au {date}",
        "focus": "autour de {label} (profondeur {depth})",
        "untitled": "Structure de coordination",
        "drawing": "{view} : {name}.",
        "counts": "{platforms} plateforme(s) dans {structures} structure(s) ; {roles} fonction(s).",
        "structure": "{structure} : {platforms}.",
        "escalation": "Remontée : {routes}.",
        "represented": "{org} siège à {platform} par {holders}.",
        "unrepresented": "{org} n'a personne à {platform}.",
        "holder": "{role} comme {capacity}",
        "condition": "{holder} ({condition})",
        "findings": "Constats : {findings}.",
        "no_findings": "Aucun constat.",
        "finding": "{label} : {badge} ({code})",
        "empty": "Rien à dessiner dans cette vue.",
        "none": "aucune",
        "lead": "Chef de file : {orgs}",
        "co_lead": "Co-chef de file : {orgs}",
        "not_expected": "présence non attendue",
        "unexpected": "{org} n'a personne à {platform}, où sa présence n'est pas attendue.",
        "only_vacant": "{org} n'a personne à {platform} : {holders}.",
        "vacant": "{role} (vacant)",
        "vacancies": "Postes vacants : {roles}.",
        "leadership": "Direction : {platforms}.",
        "led": "{platform} ({leads})",
    },
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"),
    orgs={"IOM": "OIM", "UN": "ONU"},
    compare={
        "added": "+ nouveau",
        "removed": "✕ supprimé",
        "changed": "~ modifié",
        "changed_what": "~ modifié : {what}",
        "symbol_added": "+",
        "symbol_removed": "✕",
        "symbol_changed": "~",
        "compared": "comparé à {old}",
        "version": "{name} ({date})",
        "earlier": "la version précédente",
        "tip_added": "+ nouveau depuis {old}",
        "tip_removed": "✕ supprimé depuis {old}",
        "tip_changed": "~ modifié depuis {old} :",
        "change": "{attribute} : {old} → {new}",
        "empty": "(vide)",
        "active": "actif",
        "identical": "Comparé à {old} : aucune différence.",
        "summary": ("Comparé à {old} : plateformes et fonctions {nodes_added} ajoutée(s), "
                    "{nodes_removed} supprimée(s), {nodes_changed} modifiée(s) ; relations "
                    "{edges_added} ajoutée(s), {edges_removed} supprimée(s), "
                    "{edges_changed} modifiée(s)."),
        "list_added": "Ajouté : {items}.",
        "list_changed": "Modifié : {items}.",
        "list_removed": "Supprimé (estompé) : {items}.",
        "introduced": "Constats {org} apparus : {items}.",
        "resolved": "Constats {org} résolus : {items}.",
    },
    attribute={
        "kind": "type", "label": "libellé", "label_fr": "libellé français",
        "label_es": "libellé espagnol", "org": "organisation", "structure": "structure",
        "structure_fr": "structure en français", "structure_es": "structure en espagnol",
        "level": "niveau", "status": "statut", "seniority": "ancienneté",
        "min_seniority": "ancienneté minimale", "code": "code", "description": "description",
        "reference": "référence", "capacity": "qualité", "condition": "condition",
        "condition_fr": "condition en français", "condition_es": "condition en espagnol",
        "note": "note",
    },
)

_ES = Words(
    views={"organigram": "Organigrama", "platforms": "Plataformas de coordinación",
           "representation": "Representación: {org}",
           "leadership": "Quién lidera las plataformas de coordinación"},
    capacity={"member": "miembro", "chair": "presidencia", "co-chair": "copresidencia",
              "lead": "líder", "co-lead": "colíder", "coordinator": "coordinación",
              "alternate": "suplente", "observer": "observador"},
    level={"global": "mundial", "regional": "regional", "national": "nacional",
           "subnational": "subnacional"},
    status={"inactive": "no activado", "planned": "previsto", "vacant": "vacante"},
    relation={"escalation": "escala a", "advises": "asesora", "reporting": "informa a"},
    legend={
        "title": "Leyenda",
        "notes": "Condiciones",
        "platform": "Plataforma de coordinación",
        "structure": "Estructura (grupo de plataformas)",
        "org_role": "Puesto de {org}",
        "other_role": "Puesto de otra organización",
        "inactive": "Plataforma no activada aquí",
        "planned": "Previsto (contorno discontinuo)",
        "vacant": "Puesto vacante: nadie lo ocupa (vacío, discontinuo)",
        "not_expected": "Plataforma donde no se espera a {org} (contorno punteado)",
        "leadership": "Agencias líder y colíder; {org} en negrita",
        "led_outline": "Plataforma que {org} lidera o colidera (contorno grueso)",
        "escalation": "Escalamiento: los asuntos no resueltos suben",
        "advises": "Asesora o apoya",
        "reporting": "También informa a",
        "reporting_merged": "×n: n de estas líneas entre dos estructuras, trazadas como "
                            "una (la información emergente las enumera)",
        "member": "Asiento: miembro",
        "leading": "Asiento con función directiva (presidencia, líder...)",
        "coordinator": "Coordinación por la agencia líder (presencia, no es asiento)",
        "alternate": "Suplente (no es asiento)",
        "observer": "Observador (no es asiento)",
        "conditional": "[n] solo se aplica bajo la condición n de abajo",
        "CG301": "Ningún puesto de {org} tiene asiento aquí (CG301)",
        "CG201": "El escalamiento da vueltas en bucle (CG201)",
        "warning": "Advertencia: la etiqueta dice qué revisar",
        "focus": "Centro de este dibujo",
        "more": "y {n} más",
        "more_notes": ("… y {n} más: la información emergente de cada línea numerada "
                       "da su condición"),
        "added": "Nuevo desde la versión comparada",
        "changed": ("Modificado desde la versión comparada "
                    "(información emergente: anterior → nuevo)"),
        "removed": "Eliminado desde la versión comparada (dibujado atenuado)",
        "added_edge": "Relación añadida",
        "changed_edge": "Relación modificada (información emergente: anterior → nuevo)",
        "removed_edge": "Relación eliminada (dibujada atenuada)",
    },
    badge={
        "CG301": "⚠ sin asiento {org}",
        "CG201": "⚠ bucle de escalamiento",
        "CG202": "▲ escala a {n} plataformas",
        "CG203": "▲ sin conexión",
        "CG204": "▲ escala hacia abajo",
        "CG302": "▲ sin asiento firme {org}",
        "CG303": "▲ asiento {org} poco sénior",
        "CG304": "▲ sobrecargado: {n} asientos",
        "CG305": "▲ punto único de falla",
        "CG205": "▲ sin ruta al nivel nacional",
        "CG206": "▲ colíder sin líder",
        "CG306": "▲ doble función",
        "CG307": "▲ {org} sin voz de agencia",
        "CG308": "▲ puesto vacante con función directiva",
        "CG309": "▲ asientos en {n} lugares",
    },
    text={
        "as_of": "al {date}",
        "focus": "en torno a {label} (profundidad {depth})",
        "untitled": "Estructura de coordinación",
        "drawing": "{view}: {name}.",
        "counts": "{platforms} plataforma(s) en {structures} estructura(s); {roles} puesto(s).",
        "structure": "{structure}: {platforms}.",
        "escalation": "Escalamiento: {routes}.",
        "represented": "{org} tiene asiento en {platform} mediante {holders}.",
        "unrepresented": "{org} no tiene a nadie en {platform}.",
        "holder": "{role} como {capacity}",
        "condition": "{holder} ({condition})",
        "findings": "Hallazgos: {findings}.",
        "no_findings": "Sin hallazgos.",
        "finding": "{label}: {badge} ({code})",
        "empty": "Nada que dibujar en esta vista.",
        "none": "ninguna",
        "lead": "Líder: {orgs}",
        "co_lead": "Co-líder: {orgs}",
        "not_expected": "presencia no esperada",
        "unexpected": "{org} no tiene a nadie en {platform}, donde no se espera su presencia.",
        "only_vacant": "{org} no tiene a nadie en {platform}: {holders}.",
        "vacant": "{role} (vacante)",
        "vacancies": "Puestos vacantes: {roles}.",
        "leadership": "Liderazgo: {platforms}.",
        "led": "{platform} ({leads})",
    },
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"),
    orgs={"IOM": "OIM", "UN": "ONU"},
    compare={
        "added": "+ nuevo",
        "removed": "✕ eliminado",
        "changed": "~ modificado",
        "changed_what": "~ modificado: {what}",
        "symbol_added": "+",
        "symbol_removed": "✕",
        "symbol_changed": "~",
        "compared": "comparado con {old}",
        "version": "{name} ({date})",
        "earlier": "la versión anterior",
        "tip_added": "+ nuevo desde {old}",
        "tip_removed": "✕ eliminado desde {old}",
        "tip_changed": "~ modificado desde {old}:",
        "change": "{attribute}: {old} → {new}",
        "empty": "(vacío)",
        "active": "activo",
        "identical": "Comparado con {old}: sin diferencias.",
        "summary": ("Comparado con {old}: plataformas y puestos {nodes_added} añadido(s), "
                    "{nodes_removed} eliminado(s), {nodes_changed} modificado(s); relaciones "
                    "{edges_added} añadida(s), {edges_removed} eliminada(s), "
                    "{edges_changed} modificada(s)."),
        "list_added": "Añadido: {items}.",
        "list_changed": "Modificado: {items}.",
        "list_removed": "Eliminado (atenuado): {items}.",
        "introduced": "Hallazgos de {org} nuevos: {items}.",
        "resolved": "Hallazgos de {org} resueltos: {items}.",
    },
    attribute={
        "kind": "tipo", "label": "etiqueta", "label_fr": "etiqueta en francés",
        "label_es": "etiqueta en español", "org": "organización", "structure": "estructura",
        "structure_fr": "estructura en francés", "structure_es": "estructura en español",
        "level": "nivel", "status": "estado", "seniority": "antigüedad",
        "min_seniority": "antigüedad mínima", "code": "código", "description": "descripción",
        "reference": "referencia", "capacity": "calidad", "condition": "condición",
        "condition_fr": "condición en francés", "condition_es": "condición en español",
        "note": "nota",
    },
)

_WORDS = {"en": _EN, "fr": _FR, "es": _ES}


def words(lang: str) -> Words:
    """The renderer's words in ``lang``; unknown languages get English."""
    return _WORDS.get(lang, _EN)


def org_name(org: str, lang: str) -> str:
    """The usual name of a well-known organisation in ``lang`` (IOM is OIM in French).

    >>> org_name("IOM", "es"), org_name("UNHCR", "fr")
    ('OIM', 'UNHCR')
    """
    return words(lang).orgs.get(org.upper(), org)


def date_text(iso: str, lang: str) -> str:
    """An ISO date written out in ``lang``; anything else is returned unchanged."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    month = words(lang).months[day.month - 1]
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"
