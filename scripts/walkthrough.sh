#!/usr/bin/env bash
# The walk-through of docs/adapting.md ("Adapting the framework to a country"),
# run for real.
#
#   bash scripts/walkthrough.sh > /tmp/section.md
#   bash scripts/walkthrough.sh --pictures > /tmp/section.md
#
# prints the Markdown that goes between <!-- BEGIN contexts --> and
# <!-- END contexts --> in docs/adapting.md: every command is run in a scratch
# folder and shown with its real output. tests/test_cli_contexts.py fails when
# the page's section differs from what this script prints. With --pictures, the
# organigram its last step draws is also copied into docs/ (compare.png, and
# compare.svg for its tooltips).
set -euo pipefail
pictures=false
[ "${1:-}" = "--pictures" ] && pictures=true

root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export COLUMNS=100 PYTHONPATH="$root${PYTHONPATH:+:$PYTHONPATH}"

# `run ARGS...`: the command, its output (stdout and stderr) and a non-zero exit code.
run() {
  local status=0 output
  output=$("$python" -m coordgraph "$@" 2>&1) || status=$?
  printf '```console\n$ coordgraph %s\n%s\n' "$*" "$output"
  [ "$status" -eq 0 ] || printf '# exit code %s\n' "$status"
  printf '```\n'
}

# `edit FILE ID COLUMN=VALUE...`: change cells of one row, as in Excel (the
# file keeps its BOM and CRLF line endings). `edit FILE + COLUMN=VALUE...`
# adds a row; `edit FILE - COLUMN=VALUE...` deletes the rows that match.
edit() {
  "$python" - "$@" <<'PY'
import csv, io, sys
path, row_id, *assignments = sys.argv[1:]
text = open(path, encoding="utf-8-sig", newline="").read()
reader = csv.DictReader(io.StringIO(text, newline=""))
rows = list(reader)
cells = dict(a.split("=", 1) for a in assignments)
if row_id == "+":
    rows.append({column: cells.get(column, "") for column in reader.fieldnames})
elif row_id == "-":
    kept = [r for r in rows if any(r[k] != v for k, v in cells.items())]
    assert len(kept) < len(rows), cells
    rows = kept
else:
    next(r for r in rows if r["id"] == row_id).update(cells)
out = io.StringIO(newline="")
writer = csv.DictWriter(out, reader.fieldnames, lineterminator="\r\n")
writer.writeheader()
writer.writerows(rows)
open(path, "wb").write(out.getvalue().encode("utf-8-sig"))
PY
}

cat <<'EOF'
## Templates

Every country adapts the generic structures. The workflow: start a folder
from a template, edit its two CSV files in Excel, check it, and compare it with
the template or with last month's version. Templates:

| template | what it holds |
|---|---|
| `generic` | the bundled framework of [`data/`](../data/): the IASC humanitarian and UN Country Team structures, one platform for all cluster meetings |
| `humanitarian-2022` | the generic framework with *Cluster Meetings* replaced by OCHA's 11 global clusters and the 4 Protection areas of responsibility (OCHA code in `code`, French name in `label_fr`; `reference/` holds the 2022 snapshot). Each cluster escalates to the inter-cluster group, each AoR to the Protection cluster; each has one IOM seat (`seat` = `hea-sector`) that its programme manager/officer (`po_hea`) or operations officer (`oo_hea`) may fill, **inactive** until you assign someone; `lead` and `co_lead` empty; the Chief of Mission's `max_seats` is 5 |
| `humanitarian-2025` | `humanitarian-2022` after the 2025 merger of the CCCM and Shelter clusters into the Shelter, Land and Site cluster, led by IOM and IFRC (`humanitarian` names it: the newest) |
| `pre-crisis` | the UN Country Team side: the Resident Coordinator, UNCT, SMT, PMT, OMT, the Cooperation Framework results groups, the UN Network on Migration, their IOM roles and the Designated Official |
| `refugee`, `mixed` | UNHCR's Refugee Coordination Model, alone or beside the clusters ([contexts.md](contexts.md)) |

Cluster *leadership* (who leads or co-leads which cluster) changes over time
and, for some clusters, with the kind of crisis — so the templates leave it
empty, except where the global arrangement is the same in every crisis (IOM
and IFRC for the merged Shelter, Land and Site cluster of 2025). `init
--crisis disaster` fills it in from the dated reference; record your
country's own in the platform's `lead` and `co_lead` columns, with its date
and source in `reference` (`diff` then reports a change of lead agency
first). List the sectors where IOM runs programmes in `context.toml`
(`sectors = ["CCM", "SHL", "HEA"]`, or `init --sectors`): clusters of other
sectors are then not expected to have IOM in them.

## A walk-through

Every command below was run for real (`scripts/walkthrough.sh` re-runs them
and prints this part of the page). Start a context from the humanitarian
template:

EOF
run init country-x --template humanitarian-2022

edit_toml() {
  "$python" - "$@" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace('name = ""', 'name = "Country X (example)"')
text = re.sub(r"as_of = .*", "as_of = 2026-06-30", text)
open(path, "w", encoding="utf-8").write(text)
PY
}
edit_toml country-x/context.toml
# Two clusters not activated in this country.
edit country-x/nodes.csv cluster_edu status=inactive
edit country-x/nodes.csv cluster_tel status=inactive
# Staff assigned to the sectors where IOM works.
for role in po_ccm oo_ccm po_shl po_pro; do edit country-x/nodes.csv "$role" status=active; done
edit country-x/nodes.csv po_hea status=active "label=Migration Health Programme Manager"

cat <<'EOF'

Then, in Excel (or any editor): in `context.toml`, `name = "Country X
(example)"` and `as_of = 2026-06-30`; in `nodes.csv`, `status` set to
`inactive` for the Education and Emergency Telecommunications clusters (not
activated here), and to `active` for the roles of the sectors where IOM has
staff — `po_ccm`, `oo_ccm`, `po_shl`, `po_pro`, and `po_hea`, renamed
*Migration Health Programme Manager*. Check it: the clusters where IOM has
nobody are listed under CG301.

EOF
run check --data country-x

cat <<'EOF'

Compare with the template (a template name works wherever no folder of that
name exists). The report is for people: it names platforms and roles by
label, and starts with *leadership changes* — a platform's lead or co-lead
agency, phrased per organisation ("IOM: Shelter Cluster lead → co-lead",
"UNHCR: Shelter Cluster lead (new)"), and who is IOM's coordinator or seat
holder there (a person, or a vacant post). Matched by id, the renamed role is
one change, not a removal and an addition. A cluster deactivated since the
old version *no longer applies*: the findings it took with it are listed as
no longer applying, not as resolved; the findings the edits really resolved
are listed as such. `--format markdown` gives the same as a section for a
brief ("What changed since ..."), `--format json` an object for scripts (with
the ids, and `leadership` and `no_longer_apply` lists); the exit code is 1
when the two differ, 0 when they are identical.

EOF
run diff humanitarian-2022 country-x

cat <<'EOF'

Ask about one platform or one role — who leads it, who sits there for IOM
and who stands in, how issues go up and where it reports:

EOF
run show cluster_ccm --data country-x

cat <<'EOF'

On the bundled framework, `coordgraph show hct` answers "who represents IOM
at the HCT, and who stands in?":

EOF
run show hct

# A later round of edits, then the organigram of what changed.
edit country-x/nodes.csv + id=im_officer kind=role "label=Information Management Officer"
edit country-x/edges.csv + source=im_officer target=iccg relation=membership capacity=member
for role in po_edu oo_edu; do
  edit country-x/edges.csv - "source=$role"
  edit country-x/nodes.csv - "id=$role"
done

cat <<'EOF'

Last, draw what changed. A month on, the office has an Information
Management Officer who sits in the inter-cluster group (a row in `nodes.csv`,
a membership in `edges.csv`), and has deleted the two officer roles of the
Education cluster, not activated here (their rows in both files).
`render --compare` takes what `diff` takes — a folder, such as last month's
copy, or a template name — and draws the new version's organigram with what
is new, changed (which attribute; old → new in the tooltip) and removed (drawn
faded, struck through) since then, with a legend entry for each mark used. The
check's findings stay marked as usual; `--view` and `--focus` work as well.

EOF
# The size of the picture depends on Graphviz and the fonts installed, so the
# page does not pin it.
run render --data country-x --compare humanitarian-2022 -o compare.png |
  sed -E 's/^(wrote compare\.png) \([0-9]+ KB\)$/\1 (… KB)/'
if $pictures; then
  "$python" -m coordgraph render --data country-x --compare humanitarian-2022 \
    -o compare.svg 2>/dev/null
  cp compare.png compare.svg "$root/docs/"
fi

cat <<'EOF'

![Country X compared with the humanitarian template: the Education and Emergency Telecommunications clusters marked changed (not activated), the sector officers marked changed (activated, one renamed), the Information Management Officer marked new, the Education officers drawn faded as removed](compare.png)

([SVG](compare.svg): hover over a mark for the old and new values.)
EOF
