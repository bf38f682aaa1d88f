"""Builds the CSV files of Datasets/krackhardt, lazega, davis and zachary from the copies in
../shared/datasets (their PROVENANCE.txt gives the sources; each dataset's README repeats it).

For each dataset it writes NAME.csv (ties: source, target[, type][, layer][, contexts]) and
NAME.nodes.csv (nodes and their attributes). The undirected ones (davis, zachary) have a
type column saying Undirected on every row, so they read back undirected with no option. The
GraphML files are then written by `brobyggare convert` (see Datasets/README.md):

    python3 Scripts/make_datasets.py ../shared/datasets
    for d in krackhardt lazega davis zachary; do brobyggare convert Datasets/$d/$d.csv Datasets/$d/$d.graphml; done
"""
import csv, pathlib, sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets")
root = pathlib.Path(__file__).resolve().parent.parent / "Datasets"


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(path, header, body):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)


# Krackhardt's high-tech managers: three directed relations, 21 managers.
k = src / "krackhardt" / "csv"
levels = {"1": "CEO", "2": "vice president", "3": "manager"}
write(root / "krackhardt" / "krackhardt.nodes.csv",
      ["id", "label", "kind", "age", "tenure", "level", "level_name", "department"],
      [[r["id"], "Manager " + r["id"], "person", r["age"], r["tenure_years"], r["level"], levels[r["level"]], r["department"]]
       for r in rows(k / "managers.csv")])
ties = []
for layer, name in (("advice", "advice_edges.csv"), ("friendship", "friendship_edges.csv"), ("reports_to", "reports_to_edges.csv")):
    ties += [[r["source"], r["target"], layer] for r in rows(k / name)]
write(root / "krackhardt" / "krackhardt.csv", ["source", "target", "layer"], ties)

# Lazega's law firm: advice and friendship (directed), co-work (symmetric, both arcs listed).
l = src / "lazega" / "csv"
write(root / "lazega" / "lazega.nodes.csv",
      ["id", "label", "kind", "seniority", "status", "gender", "office", "years_with_firm", "age", "practice", "law_school"],
      [[r["id"], "Lawyer " + r["id"], "person", int(r["seniority_rank"]), r["status"], r["gender"], r["office"], r["years_with_firm"],
        r["age"], r["practice"], r["law_school"]] for r in rows(l / "lawyers.csv")])
ties = []
for layer, name in (("advice", "advice_edges.csv"), ("friendship", "friendship_edges.csv"), ("cowork", "cowork_edges.csv")):
    ties += [[r["source"], r["target"], layer] for r in rows(l / name)]
write(root / "lazega" / "lazega.csv", ["source", "target", "layer"], ties)

# Davis's Southern Women: two-mode, women (kind person) by events (kind event).
d = src / "davis" / "csv"
nodes = [[r["woman_id"], r["name_ucinet"].title(), "person", r["name_ucinet"], ""] for r in rows(d / "women.csv")]
nodes += [[r["event_id"], "Event " + r["date_label_ucinet"], "event", "", r["date_label_ucinet"]] for r in rows(d / "events.csv")]
write(root / "davis" / "davis.nodes.csv", ["id", "label", "kind", "name_ucinet", "date"], nodes)
write(root / "davis" / "davis.csv", ["source", "target", "type", "layer"],
      [[r["woman_id"], r["event_id"], "Undirected", "attended"] for r in rows(d / "attendance_edges.csv")])

# Zachary's karate club: 78 undirected ties weighted by the number of contexts.
z = src / "zachary" / "csv"
write(root / "zachary" / "zachary.nodes.csv", ["id", "label", "kind", "faction", "faction_leader", "club_after_split"],
      [[r["id"], r["name"], "person", r["faction"], r["faction_leader"], r["club_after_split"]] for r in rows(z / "members.csv")])
write(root / "zachary" / "zachary.csv", ["source", "target", "type", "contexts"],
      [[r["source"], r["target"], "Undirected", r["weight_contexts"]] for r in rows(z / "edges_weighted.csv")])
