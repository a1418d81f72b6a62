"""The data contract of a context folder: columns, allowed values, id syntax.

Everything that SPEC section 2 fixes lives here, so loading, validation and
the analyses agree on one vocabulary.
"""

import re

NODE_FILE = "nodes.csv"
EDGE_FILE = "edges.csv"
CONTEXT_FILE = "context.toml"

NODE_COLUMNS = (
    "id", "kind", "label", "label_fr", "label_es", "org", "structure", "structure_fr",
    "structure_es", "level",
    "status", "seniority", "min_seniority", "code", "description", "reference",
    "expected", "lead", "co_lead", "person", "location", "max_seats",
)
NODE_REQUIRED = ("id", "kind", "label")
EDGE_COLUMNS = ("source", "target", "relation", "capacity", "condition", "condition_fr",
                "condition_es", "note", "reference", "seat")
EDGE_REQUIRED = ("source", "target", "relation")

KINDS = ("platform", "role")
RELATIONS = ("escalation", "membership", "advises", "reporting")
CAPACITIES = ("member", "chair", "co-chair", "lead", "co-lead", "coordinator", "alternate",
              "observer")
#: Memberships that are a seat: the org's voice at the table. ``coordinator``
#: (impartial, on behalf of the lead agency), ``alternate`` and ``observer``
#: are presence, not seats.
SEAT_CAPACITIES = frozenset(("member", "chair", "co-chair", "lead", "co-lead"))
#: Capacities that carry the platform's leadership (CG308 on a vacant post).
LEADING_CAPACITIES = frozenset(("chair", "co-chair", "lead", "co-lead", "coordinator"))
LEVELS = ("global", "regional", "national", "subnational")
STATUSES = ("active", "inactive", "planned", "vacant")
#: Statuses of a role whose memberships do not count as the org's presence.
ABSENT_STATUSES = frozenset(("inactive", "vacant"))
EXPECTED_VALUES = ("yes", "no")
CONTEXT_TYPES = ("pre-crisis", "humanitarian", "refugee", "mixed")
CRISES = ("disaster", "conflict", "both")
#: Separator of several organisations in a ``lead`` or ``co_lead`` cell.
ORG_SEPARATOR = ";"
LANGS = ("en", "fr", "es")

#: Higher number, higher level: escalation should never go down this scale.
LEVEL_RANK = {"subnational": 0, "national": 1, "regional": 2, "global": 3}

DEFAULT_ORG = "IOM"
DEFAULT_LEVEL = "national"
DEFAULT_STATUS = "active"
DEFAULT_CAPACITY = "member"
SENIORITY_RANGE = range(1, 10)
MIN_MAX_SEATS = 1
MAX_ID_LENGTH = 64

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,63}\Z")

#: Columns whose values are chosen from a fixed list, with that list.
ENUM_COLUMNS = {
    "kind": KINDS,
    "level": LEVELS,
    "status": STATUSES,
    "relation": RELATIONS,
    "capacity": CAPACITIES,
    "expected": EXPECTED_VALUES,
}

CONTEXT_KEYS = ("name", "country", "org", "as_of", "lang", "context_type", "crisis", "sectors",
                "template", "template_as_of", "source", "region")
