"""The fixed words of a brief in English, French and Spanish.

Data labels come from the data (``label_fr``, ``label_es``); headings,
column names, the page's fixed phrases and the plain-word reading of each
finding come from here.

>>> brief_words("fr")["table"]
'Qui siège où'
>>> finding_title("CG301", "es")
'Sin representante de {org}'
"""

_EN = {
    "as_of": "as of {date}",
    "since": "compared with {old}",
    "version": "{name}, as of {date}",
    "picture": "Coordination platforms",
    "picture_leadership": "Coordination platforms and their lead agencies",
    "picture_national": "{what}, {location} only",
    "picture_part": "Top of the structure: {apex} and the platforms nearest to it",
    "no_picture": "The drawing of the platforms does not fit this page with its text at "
                  "7 pt or more. Draw it on pages of its own:",
    "table": "Who sits where",
    "platform": "Platform",
    "lead": "Lead",
    "co_lead": "Co-lead",
    "seat": "{org} seat holder",
    "person": "Person",
    "alternate": "Alternate",
    "location": "Location",
    "no_seat": "no {org} seat",
    "vacant": "vacant",
    "not_expected": "not expected",
    "planned": "planned",
    "findings": "Findings and what to do",
    "summary": "{errors} to act on, {warnings} to check",
    "error_n": ("{n} error", "{n} errors"),
    "warning_n": ("{n} warning", "{n} warnings"),
    "no_findings": "No gaps found: {org} sits where it is expected.",
    "more": "… and {n} more (coordgraph check lists them all).",
    "to_do": "What to do:",
    "changes": "What changed since {old}",
    "no_changes": "Nothing that this brief shows has changed.",
    "more_changes": "… and {n} more (coordgraph diff lists them all).",
    "activated": "Activated: {label}",
    "deactivated": "No longer applies (deactivated): {label}",
    "added": "New platform: {label}",
    "removed": "Platform removed: {label}",
    "lead_new": "{org} now {role} of {label}",
    "lead_gone": "{org} no longer {role} of {label}",
    "lead_moved": "{org}: {old} → {new} of {label}",
    "roles": {"lead": "lead", "co-lead": "co-lead"},
    "people": "{label}: {org} {what} {old} → {new}",
    "what": {"coordinator": "coordinator", "seat holder": "seat holder"},
    "none": "(none)",
    "seat_gained": "Seat gained: {role} at {label}",
    "seat_lost": "Seat lost: {role} at {label}",
    "continued": "continued",
}

_FR = {
    "as_of": "au {date}",
    "since": "par rapport à {old}",
    "version": "{name}, au {date}",
    "picture": "Plateformes de coordination",
    "picture_leadership": "Plateformes de coordination et leurs chefs de file",
    "picture_national": "{what}, {location} seulement",
    "picture_part": "Sommet de la structure : {apex} et les plateformes les plus proches",
    "no_picture": "Le dessin des plateformes ne tient pas sur cette page avec un texte "
                  "de 7 pt au moins. Dessinez-le sur des pages à part :",
    "table": "Qui siège où",
    "platform": "Plateforme",
    "lead": "Chef de file",
    "co_lead": "Co-chef de file",
    "seat": "Siège {org}",
    "person": "Personne",
    "alternate": "Suppléant",
    "location": "Lieu",
    "no_seat": "aucun siège {org}",
    "vacant": "vacant",
    "not_expected": "non attendue",
    "planned": "prévue",
    "findings": "Constats et actions",
    "summary": "{errors} à traiter, {warnings} à vérifier",
    "error_n": ("{n} erreur", "{n} erreurs"),
    "warning_n": ("{n} avertissement", "{n} avertissements"),
    "no_findings": "Aucune lacune : {org} siège là où elle est attendue.",
    "more": "… et {n} de plus (coordgraph check les liste tous).",
    "to_do": "À faire :",
    "changes": "Ce qui a changé depuis {old}",
    "no_changes": "Rien de ce que montre cette note n'a changé.",
    "more_changes": "… et {n} de plus (coordgraph diff les liste tous).",
    "activated": "Activée : {label}",
    "deactivated": "Ne s'applique plus (désactivée) : {label}",
    "added": "Nouvelle plateforme : {label}",
    "removed": "Plateforme retirée : {label}",
    "lead_new": "{org} désormais {role} de {label}",
    "lead_gone": "{org} n'est plus {role} de {label}",
    "lead_moved": "{org} : {old} → {new} de {label}",
    "roles": {"lead": "chef de file", "co-lead": "co-chef de file"},
    "people": "{label} : {what} {org} {old} → {new}",
    "what": {"coordinator": "coordinateur", "seat holder": "titulaire du siège"},
    "none": "(personne)",
    "seat_gained": "Siège obtenu : {role} à {label}",
    "seat_lost": "Siège perdu : {role} à {label}",
    "continued": "suite",
}

_ES = {
    "as_of": "al {date}",
    "since": "comparado con {old}",
    "version": "{name}, al {date}",
    "picture": "Plataformas de coordinación",
    "picture_leadership": "Plataformas de coordinación y sus agencias líderes",
    "picture_national": "{what}, solo {location}",
    "picture_part": "Cima de la estructura: {apex} y las plataformas más cercanas",
    "no_picture": "El dibujo de las plataformas no cabe en esta página con texto de "
                  "7 pt como mínimo. Dibújelo en páginas aparte:",
    "table": "Quién se sienta dónde",
    "platform": "Plataforma",
    "lead": "Líder",
    "co_lead": "Colíder",
    "seat": "Puesto de {org}",
    "person": "Persona",
    "alternate": "Suplente",
    "location": "Lugar",
    "no_seat": "sin puesto de {org}",
    "vacant": "vacante",
    "not_expected": "no esperada",
    "planned": "prevista",
    "findings": "Hallazgos y qué hacer",
    "summary": "{errors} que atender, {warnings} que revisar",
    "error_n": ("{n} error", "{n} errores"),
    "warning_n": ("{n} advertencia", "{n} advertencias"),
    "no_findings": "Ninguna brecha: {org} está donde se la espera.",
    "more": "… y {n} más (coordgraph check los lista todos).",
    "to_do": "Qué hacer:",
    "changes": "Qué cambió desde {old}",
    "no_changes": "Nada de lo que muestra esta nota ha cambiado.",
    "more_changes": "… y {n} más (coordgraph diff los lista todos).",
    "activated": "Activada: {label}",
    "deactivated": "Ya no aplica (desactivada): {label}",
    "added": "Nueva plataforma: {label}",
    "removed": "Plataforma retirada: {label}",
    "lead_new": "{org} ahora {role} de {label}",
    "lead_gone": "{org} ya no es {role} de {label}",
    "lead_moved": "{org}: {old} → {new} de {label}",
    "roles": {"lead": "líder", "co-lead": "colíder"},
    "people": "{label}: {what} de {org} {old} → {new}",
    "what": {"coordinator": "coordinador", "seat holder": "titular del puesto"},
    "none": "(nadie)",
    "seat_gained": "Puesto ganado: {role} en {label}",
    "seat_lost": "Puesto perdido: {role} en {label}",
    "continued": "continuación",
}

_WORDS = {"en": _EN, "fr": _FR, "es": _ES}

#: Per rule: (what is wrong, what to do), in each language; {org} is filled in.
_FINDINGS = {
    "CG201": {"en": ("Escalation goes round in a loop", "Fix the escalation route so it "
                     "ends at one top platform."),
              "fr": ("L'escalade tourne en boucle", "Corriger la voie d'escalade pour "
                     "qu'elle aboutisse à une seule plateforme."),
              "es": ("La escalada da vueltas en círculo", "Corregir la vía de escalada para "
                     "que termine en una sola plataforma.")},
    "CG202": {"en": ("Escalates to more than one platform", "Agree on one route up."),
              "fr": ("Escalade vers plus d'une plateforme", "Convenir d'une seule voie."),
              "es": ("Escala a más de una plataforma", "Acordar una sola vía.")},
    "CG203": {"en": ("Linked to nothing", "Link it, or take it out of the map."),
              "fr": ("Reliée à rien", "La relier, ou la retirer de la carte."),
              "es": ("Sin ningún vínculo", "Vincularla, o quitarla del mapa.")},
    "CG204": {"en": ("Escalates downwards", "Check the escalation route."),
              "fr": ("Escalade vers un niveau inférieur", "Vérifier la voie d'escalade."),
              "es": ("Escala hacia un nivel inferior", "Revisar la vía de escalada.")},
    "CG205": {"en": ("Sub-national platform with no link up to national level",
                     "Say where its unresolved issues go."),
              "fr": ("Plateforme infranationale sans lien vers le niveau national",
                     "Préciser où remontent ses questions non résolues."),
              "es": ("Plataforma subnacional sin vínculo con el nivel nacional",
                     "Indicar adónde suben sus asuntos no resueltos.")},
    "CG206": {"en": ("A co-lead but no lead", "Confirm which agency leads."),
              "fr": ("Un co-chef de file mais pas de chef de file",
                     "Confirmer l'agence chef de file."),
              "es": ("Un colíder pero ningún líder", "Confirmar qué agencia lidera.")},
    "CG301": {"en": ("No {org} representative", "Name someone from {org} to sit there."),
              "fr": ("Aucun représentant de {org}", "Désigner une personne de {org} pour y "
                     "siéger."),
              "es": ("Sin representante de {org}", "Designar a alguien de {org} para "
                     "sentarse allí.")},
    "CG302": {"en": ("{org} present, but with no full seat",
                     "Give one {org} post a full member seat."),
              "fr": ("{org} présente, mais sans siège plein",
                     "Donner un siège de membre à un poste de {org}."),
              "es": ("{org} presente, pero sin puesto pleno",
                     "Dar un puesto de miembro a un cargo de {org}.")},
    "CG303": {"en": ("{org} represented below the expected seniority",
                     "Send a more senior person."),
              "fr": ("{org} représentée en dessous du niveau attendu",
                     "Y envoyer une personne plus senior."),
              "es": ("{org} representada por debajo del nivel esperado",
                     "Enviar a una persona de mayor rango.")},
    "CG304": {"en": ("One person holds too many seats",
                     "Hand some seats to colleagues or name alternates."),
              "fr": ("Une personne occupe trop de sièges",
                     "Confier des sièges à des collègues ou nommer des suppléants."),
              "es": ("Una persona ocupa demasiados puestos",
                     "Ceder puestos a colegas o nombrar suplentes.")},
    "CG305": {"en": ("{org}'s only link, with no alternate", "Name an alternate."),
              "fr": ("Seul lien de {org}, sans suppléant", "Nommer un suppléant."),
              "es": ("Único vínculo de {org}, sin suplente", "Nombrar un suplente.")},
    "CG306": {"en": ("Coordinator also speaks for {org} (double-hatting)",
                     "Give {org}'s seat to someone other than the coordinator."),
              "fr": ("Le coordinateur parle aussi pour {org} (double casquette)",
                     "Confier le siège de {org} à une autre personne que le coordinateur."),
              "es": ("El coordinador también habla por {org} (doble función)",
                     "Dar el puesto de {org} a otra persona que el coordinador.")},
    "CG307": {"en": ("{org} leads but has no voice of its own there",
                     "Give an {org} post a seat besides the coordinator."),
              "fr": ("{org} chef de file sans voix propre",
                     "Donner un siège à un poste de {org} en plus du coordinateur."),
              "es": ("{org} lidera pero sin voz propia",
                     "Dar un puesto a un cargo de {org} además del coordinador.")},
    "CG308": {"en": ("A leading post of {org} is vacant", "Fill the post or name an acting "
                     "holder."),
              "fr": ("Un poste de direction de {org} est vacant",
                     "Pourvoir le poste ou nommer un intérimaire."),
              "es": ("Un puesto de dirección de {org} está vacante",
                     "Cubrir el puesto o nombrar a un interino.")},
    "CG309": {"en": ("One person sits in several duty stations",
                     "Name a holder or an alternate at each location."),
              "fr": ("Une personne siège dans plusieurs lieux d'affectation",
                     "Nommer un titulaire ou un suppléant dans chaque lieu."),
              "es": ("Una persona ocupa puestos en varios lugares de destino",
                     "Nombrar un titular o un suplente en cada lugar.")},
    "CG401": {"en": ("A cluster in a refugee context",
                     "Use sector working groups under the Refugee Coordination Forum, or "
                     "mark the cluster inactive."),
              "fr": ("Un cluster dans un contexte de réfugiés",
                     "Passer par des groupes de travail sectoriels sous le Forum de "
                     "coordination des réfugiés, ou désactiver le cluster."),
              "es": ("Un clúster en un contexto de refugiados",
                     "Usar grupos de trabajo sectoriales bajo el Foro de Coordinación de "
                     "Refugiados, o desactivar el clúster.")},
    "CG402": {"en": ("Refugee and cluster coordination do not meet",
                     "Link the Refugee Coordination Forum to the ICCG or the HCT."),
              "fr": ("Les coordinations réfugiés et clusters ne se rencontrent pas",
                     "Relier le Forum de coordination des réfugiés à l'ICCG ou à l'EHP."),
              "es": ("La coordinación de refugiados y la de clústeres no se encuentran",
                     "Vincular el Foro de Coordinación de Refugiados con el ICCG o el EHP.")},
    "CG403": {"en": ("No active HCT or inter-cluster group",
                     "Activate what is missing, or correct the kind of context."),
              "fr": ("Pas d'EHP ou de groupe intersectoriel actif",
                     "Activer ce qui manque, ou corriger le type de contexte."),
              "es": ("Ningún EHP o grupo intercluster activo",
                     "Activar lo que falta, o corregir el tipo de contexto.")},
    "CG404": {"en": ("Led by the global lead for another kind of crisis",
                     "Check the lead agency with the cluster's global arrangement."),
              "fr": ("Chef de file global d'un autre type de crise",
                     "Vérifier le chef de file avec l'arrangement global du cluster."),
              "es": ("Liderado por el líder global de otro tipo de crisis",
                     "Verificar la agencia líder con el arreglo global del clúster.")},
    "CG405": {"en": ("A newer template exists for this kind of context",
                     "Compare with the newer template (coordgraph init --template)."),
              "fr": ("Un modèle plus récent existe pour ce type de contexte",
                     "Comparer avec le modèle plus récent (coordgraph init --template)."),
              "es": ("Existe una plantilla más reciente para este tipo de contexto",
                     "Comparar con la plantilla más reciente (coordgraph init --template).")},
}


def fill(text: str, org: str, lang: str) -> str:
    """``text`` with ``{org}`` filled in; in French, "de" before a name
    that starts with a vowel is elided.

    >>> fill("Aucun représentant de {org}", "OIM", "fr")
    "Aucun représentant de l'OIM"
    >>> fill("Désigner une personne de {org} pour y siéger.", "WFP", "fr")
    'Désigner une personne de WFP pour y siéger.'
    """
    if lang == "fr" and org[:1].upper() in "AEIOUYÉÈ":
        text = text.replace("de {org}", "de l'{org}").replace("le {org}", "l'{org}")
    return text.format(org=org)


def brief_words(lang: str) -> dict:
    """The brief's fixed words in ``lang``; unknown languages get English."""
    return _WORDS.get(lang, _EN)


def finding_title(code: str, lang: str) -> str:
    """What a rule finds, in a few plain words (``{org}`` left to fill)."""
    pair = _FINDINGS.get(code)
    return pair.get(lang, pair["en"])[0] if pair else code


def finding_action(code: str, lang: str) -> str:
    """What to do about a finding of ``code``, in one sentence.

    >>> finding_action("CG305", "fr")
    'Nommer un suppléant.'
    """
    pair = _FINDINGS.get(code)
    return pair.get(lang, pair["en"])[1] if pair else ""
