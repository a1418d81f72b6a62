"""The data contract of a context folder: columns, allowed values, id syntax.

Everything that SPEC section 2 fixes lives here, so loading, validation and
the analyses agree on one vocabulary.
"""

import re

NODE_FILE = "nodes.csv"
EDGE_FILE = "edges.csv"
CONTEXT_FILE = "context.toml"

NODE_COLUMNS = (
    "id", "kind", "label", "label_fr", "label_es", "org", "structure", "level",
    "status", "seniority", "min_seniority", "code", "description", "reference",
)
NODE_REQUIRED = ("id", "kind", "label")
EDGE_COLUMNS = ("source", "target", "relation", "capacity", "condition", "note", "reference")
EDGE_REQUIRED = ("source", "target", "relation")

KINDS = ("platform", "role")
RELATIONS = ("escalation", "membership", "advises")
CAPACITIES = ("member", "chair", "co-chair", "lead", "co-lead", "alternate", "observer")
SEAT_CAPACITIES = frozenset(("member", "chair", "co-chair", "lead", "co-lead"))
LEVELS = ("global", "regional", "national", "subnational")
STATUSES = ("active", "inactive", "planned")
LANGS = ("en", "fr", "es")

#: Higher number, higher level: escalation should never go down this scale.
LEVEL_RANK = {"subnational": 0, "national": 1, "regional": 2, "global": 3}

DEFAULT_ORG = "IOM"
DEFAULT_LEVEL = "national"
DEFAULT_STATUS = "active"
DEFAULT_CAPACITY = "member"
SENIORITY_RANGE = range(1, 10)
MAX_ID_LENGTH = 64

ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,63}\Z")

#: Columns whose values are chosen from a fixed list, with that list.
ENUM_COLUMNS = {
    "kind": KINDS,
    "level": LEVELS,
    "status": STATUSES,
    "relation": RELATIONS,
    "capacity": CAPACITIES,
}

CONTEXT_KEYS = ("name", "country", "org", "as_of", "lang")
