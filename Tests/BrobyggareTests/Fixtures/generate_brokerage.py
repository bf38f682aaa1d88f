"""Reference values for Gould-Fernandez brokerage from R's sna::brokerage.

Run from the package root:  python3 Tests/BrobyggareTests/Fixtures/generate_brokerage.py
Needs Rscript with sna (Debian: apt-get install r-cran-sna) and networkx. For each network it
writes the adjacency matrix and groups, runs sna::brokerage in R, and stores raw counts,
expected values, standard deviations and z-scores (per node and for the network) in
reference/brokerage_NAME.json. Undirected networks go to sna as the symmetric directed graph.
"""
import csv, json, math, pathlib, random, subprocess, tempfile

import networkx as nx

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "reference"
R = r'''
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
A <- as.matrix(read.csv(args[1], header = FALSE))
cl <- readLines(args[2])
b <- brokerage(A, cl)
w <- function(m, f) write.table(m, f, sep = ",", row.names = FALSE, col.names = FALSE)
w(b$raw.nli, paste0(args[3], "raw.csv")); w(b$exp.nli, paste0(args[3], "exp.csv"))
w(b$sd.nli, paste0(args[3], "sd.csv")); w(b$z.nli, paste0(args[3], "z.csv"))
w(rbind(b$raw.gli, b$exp.gli, b$sd.gli, b$z.gli), paste0(args[3], "gli.csv"))
cat(as.character(packageVersion("sna")))
'''


def num(x):
    x = x.strip()
    if x in ("NaN", "NA"):
        return None
    if x == "Inf":
        return "inf"
    if x == "-Inf":
        return "-inf"
    return float(x)


def run(name, G, groups, note):
    nodes = list(G.nodes())
    D = G if G.is_directed() else G.to_directed()
    with tempfile.TemporaryDirectory() as t:
        t = pathlib.Path(t)
        with open(t / "a.csv", "w") as f:
            for u in nodes:
                f.write(",".join("1" if D.has_edge(u, v) else "0" for v in nodes) + "\n")
        (t / "cl.txt").write_text("\n".join(groups[v] for v in nodes) + "\n")
        (t / "b.R").write_text(R)
        version = subprocess.run(["Rscript", str(t / "b.R"), str(t / "a.csv"), str(t / "cl.txt"), str(t) + "/"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        read = lambda f: [[num(x) for x in row] for row in csv.reader(open(t / f))]
        data = {
            "name": name, "note": note, "directed": G.is_directed(),
            "nodes": [str(v) for v in nodes], "groups": [groups[v] for v in nodes],
            "edges": [[str(u), str(v)] for u, v in G.edges()],
            "source": f"R sna {version} brokerage(adjacency matrix, groups); columns w_I, w_O, b_IO, b_OI, b_O, t"
                      + ("" if G.is_directed() else "; the undirected network given as the symmetric directed graph"),
            "raw": read("raw.csv"), "exp": read("exp.csv"), "sd": read("sd.csv"), "z": read("z.csv"),
            "gli": read("gli.csv"),
        }
    (OUT / f"brokerage_{name}.json").write_text(json.dumps(data, indent=1) + "\n")


rng = random.Random(7)
for name, n, p, seed, k in [("gnp_directed_40", 40, 0.08, 1, 3), ("gnp_directed_60", 60, 0.05, 3, 4),
                            ("gnp_directed_25_dense", 25, 0.2, 11, 5)]:
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    groups = {v: "g" + str(rng.randrange(k)) for v in G}
    if name == "gnp_directed_25_dense":
        groups[0] = "solo"  # a group of one: sna gives NaN and infinite z-scores
    run(name, G, groups, f"gnp_random_graph({n}, {p}, seed={seed}, directed=True); groups drawn with random.Random(7)")

F = nx.florentine_families_graph()
run("florentine_undirected", F, {v: ["a", "b", "c"][i % 3] for i, v in enumerate(sorted(F))},
    "networkx florentine_families_graph(); groups a, b, c by alphabetical position modulo 3")
ROOT = HERE.parent.parent.parent / "Datasets"
for name, layer, attr in [("krackhardt", "advice", "department"), ("lazega", "advice", "office")]:
    G = nx.DiGraph()
    attrs = {r["id"]: r[attr] for r in csv.DictReader(open(ROOT / name / f"{name}.nodes.csv", encoding="utf-8"))}
    G.add_nodes_from(attrs)
    G.add_edges_from((r["source"], r["target"]) for r in csv.DictReader(open(ROOT / name / f"{name}.csv", encoding="utf-8"))
                     if r["layer"] == layer)
    run(f"{name}_{layer}_by_{attr}", G, attrs, f"Datasets/{name}: the {layer} layer, groups by {attr}")
print("ok")
