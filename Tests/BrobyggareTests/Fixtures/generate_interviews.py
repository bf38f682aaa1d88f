"""Reference values for the interview-side measures, from R's sna and networkx.

Run from the package root:  python3 Tests/BrobyggareTests/Fixtures/generate_interviews.py
Needs Rscript with sna (Debian: apt-get install r-cran-sna) and networkx. Writes
reference/interviews.json with:
- dyad census and reciprocity (sna dyad.census and grecip, 4 measures; networkx
  overall_reciprocity and per-node reciprocity) on the directed fixture graphs;
- Spearman and Kendall (tau-b) correlations from R's cor() on seeded vectors with ties;
- bipartite projections of Davis's Southern Women from networkx (weighted_projected_graph,
  collaboration_weighted_projected_graph).
"""
import json, pathlib, random, subprocess, tempfile

import networkx as nx
from networkx.algorithms import bipartite

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "reference"
R_DYADS = r'''
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
A <- as.matrix(read.csv(args[1], header = FALSE))
dc <- dyad.census(A)
g <- c(grecip(A, measure = "dyadic"), grecip(A, measure = "dyadic.nonnull"),
       grecip(A, measure = "edgewise"), grecip(A, measure = "edgewise.lrr"))
cat(dc[1], dc[2], dc[3], sprintf("%.17g", g), as.character(packageVersion("sna")), sep = "\n")
'''
R_CORR = r'''
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], header = FALSE)
cat(sprintf("%.17g", cor(d[[1]], d[[2]], method = "spearman")), sprintf("%.17g", cor(d[[1]], d[[2]], method = "kendall")),
    as.character(getRversion()), sep = "\n")
'''


def rscript(code, *args):
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as f:
        f.write(code)
    return subprocess.run(["Rscript", f.name, *args], check=True, capture_output=True, text=True).stdout.split()


def dyads():
    out = {}
    for name in ["gnp_directed_40", "gnp_directed_60", "random_directed_mutual_30"]:
        ref = json.loads((OUT / f"{name}.json").read_text())
        G = nx.DiGraph()
        G.add_nodes_from(ref["nodes"])
        G.add_edges_from((u, v) for u, v, _ in ref["edges"])
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            A = nx.to_numpy_array(G, nodelist=ref["nodes"])
            for row in A:
                f.write(",".join(str(int(x)) for x in row) + "\n")
        r = rscript(R_DYADS, f.name)
        per_node = nx.reciprocity(G, ref["nodes"])
        out[name] = {
            "mutual": int(r[0]), "asymmetric": int(r[1]), "null": int(r[2]),
            "dyadic": float(r[3]), "dyadic_nonnull": float(r[4]), "edgewise": float(r[5]), "edgewise_lrr": float(r[6]),
            "networkx_overall_reciprocity": nx.overall_reciprocity(G),
            "networkx_node_reciprocity": [per_node[v] for v in ref["nodes"]],
        }
        sna_version = r[7]
    return out, sna_version


def correlations():
    rng = random.Random(5)
    cases = []
    for n, levels in [(12, 1000), (30, 6), (50, 4), (9, 3)]:
        x = [rng.randrange(levels) for _ in range(n)]
        y = [xi + rng.randrange(levels) for xi in x]
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            for a, b in zip(x, y):
                f.write(f"{a},{b}\n")
        r = rscript(R_CORR, f.name)
        cases.append({"x": x, "y": y, "spearman": float(r[0]), "kendall_tau_b": float(r[1])})
        version = r[2]
    return cases, version


def davis():
    B = nx.davis_southern_women_graph()
    women = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    events = [n for n, d in B.nodes(data=True) if d["bipartite"] == 1]
    W = bipartite.weighted_projected_graph(B, women)
    C = bipartite.collaboration_weighted_projected_graph(B, women)
    E = bipartite.weighted_projected_graph(B, events)
    return {
        "edges": [[u, v] for u, v in B.edges()],
        "women": women, "events": events,
        "women_shared_events": sorted([u, v, d["weight"]] if u < v else [v, u, d["weight"]] for u, v, d in W.edges(data=True)),
        "women_newman": sorted([u, v, d["weight"]] if u < v else [v, u, d["weight"]] for u, v, d in C.edges(data=True)),
        "events_shared_women": sorted([u, v, d["weight"]] if u < v else [v, u, d["weight"]] for u, v, d in E.edges(data=True)),
    }


if __name__ == "__main__":
    d, sna_version = dyads()
    c, r_version = correlations()
    data = {
        "generated_by": f"Tests/BrobyggareTests/Fixtures/generate_interviews.py with R {r_version}, sna {sna_version}, networkx {nx.__version__}",
        "dyads": d, "correlations": c, "davis": davis(),
    }
    (OUT / "interviews.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("wrote", OUT / "interviews.json")
