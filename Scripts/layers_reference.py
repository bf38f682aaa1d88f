"""Reference values for the layer measures (`layers`, `whatif --drop-layer`).

Run from the package root:  /work/venv-bench/bin/python Scripts/layers_reference.py
(any python with networkx; Rscript with sna for the graph correlations). Writes
Tests/BrobyggareTests/Fixtures/reference/layers.json.

For each network and each set of layers it stores, computed here independently of Brobyggare:
- per pair of layers: ties in each, in both (the layers' simple graphs: self-loops dropped,
  parallel ties one; ordered pairs when directed, unordered when not), Jaccard, and the graph
  correlation from R's sna::gcor(mode = "digraph" or "graph", diag = FALSE) over all nodes;
- per node: degree per layer and distinct neighbours (networkx, either direction), multiplexity
  (share of neighbours in two or more layers) and exclusive relevance per layer (share of
  neighbours in that layer only: multinet's xrelevance_ml for one layer);
- for the municipality: betweenness (networkx betweenness_centrality, normalized=False, hops)
  on trust + collaboration and on collaboration alone (trust dropped).

The networks are read from the datasets' CSV files with Python's csv module, not with
Brobyggare's readers.
"""
import csv, itertools, json, pathlib, subprocess, tempfile

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/BrobyggareTests/Fixtures/reference/layers.json"

R = r'''
suppressMessages(library(sna))
args <- commandArgs(trailingOnly = TRUE)
A <- as.matrix(read.csv(args[1], header = FALSE))
B <- as.matrix(read.csv(args[2], header = FALSE))
cat(format(gcor(A, B, mode = args[3], diag = FALSE), digits = 17), "\n")
cat(as.character(packageVersion("sna")), "\n")
'''


def gcor(nodes, a, b, directed):
    """sna::gcor of two layers given as sets of (i, j) index pairs."""
    n = len(nodes)
    with tempfile.TemporaryDirectory() as d:
        files = []
        for k, ties in enumerate((a, b)):
            m = [[0] * n for _ in range(n)]
            for i, j in ties:
                m[i][j] = 1
                if not directed:
                    m[j][i] = 1
            f = pathlib.Path(d) / f"m{k}.csv"
            f.write_text("\n".join(",".join(map(str, r)) for r in m) + "\n")
            files.append(str(f))
        script = pathlib.Path(d) / "gcor.R"
        script.write_text(R)
        out = subprocess.run(["Rscript", str(script), *files, "digraph" if directed else "graph"],
                             check=True, capture_output=True, text=True).stdout.split("\n")
    value = out[0].strip()
    return (None if value == "NA" else float(value)), out[1].strip()


def analyse(name, nodes, ties, directed, layers, note):
    """ties: (source id, target id, layer)."""
    index = {v: i for i, v in enumerate(nodes)}
    sets = {}
    graphs = {}
    for l in layers:
        g = nx.DiGraph() if directed else nx.Graph()
        g.add_nodes_from(range(len(nodes)))
        for s, t, tl in ties:
            if tl == l and s != t:
                g.add_edge(index[s], index[t])
        graphs[l] = g
        sets[l] = set(g.edges()) if directed else {tuple(sorted(e)) for e in g.edges()}
    pairs = []
    version = None
    for a, b in itertools.combinations(layers, 2):
        shared = len(sets[a] & sets[b])
        union = len(sets[a] | sets[b])
        r, version = gcor(nodes, sets[a], sets[b], directed)
        pairs.append({"first": a, "second": b, "first_ties": len(sets[a]), "second_ties": len(sets[b]),
                      "shared": shared, "jaccard": shared / union if union else None, "correlation": r})
    per_node = []
    for v in range(len(nodes)):
        by_layer = {}
        for l in layers:
            g = graphs[l]
            by_layer[l] = (set(g.successors(v)) | set(g.predecessors(v))) if directed else set(g.neighbors(v))
        everyone = set().union(*by_layer.values())
        k = len(everyone)
        multiplex = sum(1 for u in everyone if sum(u in by_layer[l] for l in layers) >= 2)
        exclusive = {l: len(by_layer[l] - set().union(*(by_layer[o] for o in layers if o != l))) for l in layers}
        per_node.append({"id": nodes[v], "degree": {l: len(by_layer[l]) for l in layers}, "neighbours": k,
                         "multiplexity": multiplex / k if k else None,
                         "exclusive": {l: exclusive[l] / k if k else None for l in layers}})
    return {"name": name, "note": note, "directed": directed, "layers": layers, "nodes": nodes,
            "pairs": pairs, "per_node": per_node}, version


def read_dataset(folder, stem):
    with open(ROOT / "Datasets" / folder / f"{stem}.nodes.csv", newline="", encoding="utf-8") as f:
        nodes = [r["id"] for r in csv.DictReader(f)]
    with open(ROOT / "Datasets" / folder / f"{stem}.csv", newline="", encoding="utf-8") as f:
        ties = [(r["source"], r["target"], r["layer"]) for r in csv.DictReader(f)]
    for s, t, _ in ties:
        for v in (s, t):
            if v not in nodes:
                nodes.append(v)
    return nodes, ties


def main():
    results = []
    # The hand-worked network of LayerTests.swift: the values are worked there in a comment.
    hand_nodes = ["a", "b", "c", "d", "e", "f"]
    hand_ties = [("a", "b", "collaboration"), ("b", "c", "collaboration"), ("c", "d", "collaboration"),
                 ("a", "c", "collaboration"), ("a", "b", "trust"), ("b", "a", "trust"), ("c", "d", "trust"),
                 ("d", "e", "trust"), ("f", "f", "trust"), ("b", "c", "partnership"), ("c", "e", "partnership"),
                 ("a", "b", "partnership"), ("a", "b", "partnership"), ("e", "e", "partnership")]
    r, version = analyse("hand", hand_nodes, hand_ties, True, ["collaboration", "partnership", "trust"],
                         "LayerTests.swift's hand-worked directed network (a tie a -> d without a layer is left out)")
    results.append(r)
    nodes, ties = read_dataset("padgett", "padgett")
    r, _ = analyse("padgett", nodes, ties, False, ["business", "marriage"], "Datasets/padgett CSV, undirected")
    results.append(r)
    nodes, ties = read_dataset("municipality", "municipality")
    r, _ = analyse("municipality", nodes, ties, True, ["collaboration", "trust"],
                   "Datasets/municipality CSV (wave 1), directed, the two person-to-person layers")
    index = {v: i for i, v in enumerate(nodes)}
    both, collab = nx.DiGraph(), nx.DiGraph()
    both.add_nodes_from(range(len(nodes)))
    collab.add_nodes_from(range(len(nodes)))
    for s, t, l in ties:
        if s == t:
            continue
        if l in ("trust", "collaboration"):
            both.add_edge(index[s], index[t])
        if l == "collaboration":
            collab.add_edge(index[s], index[t])
    b1 = nx.betweenness_centrality(both, normalized=False)
    b0 = nx.betweenness_centrality(collab, normalized=False)
    r["betweenness_with"] = [b1[v] for v in range(len(nodes))]
    r["betweenness_without_trust"] = [b0[v] for v in range(len(nodes))]
    results.append(r)
    OUT.write_text(json.dumps({"generator": f"Scripts/layers_reference.py; networkx {nx.__version__}; R sna {version} gcor",
                               "networks": results}, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
