"""Reference values for the personal-network (ego network) measures, from networkx.

Run from the package root:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install networkx==3.6.1
    /tmp/venv/bin/python Scripts/personal_network_reference.py

For each network it writes the ties, the groups, and per node the measures of the node's ego
network (order 1, neighbours in either direction) to
Tests/BrobyggareTests/Fixtures/reference/personal_networks.json:

- among the alters (ego not a node): size, ties, density (nx.density), weak components
  (nx.number_weakly_connected_components / number_connected_components), isolates
  (nx.number_of_isolates);
- with ego as a node tied to every alter (both ways on a directed graph), every tie 1:
  nx.effective_size and nx.constraint of ego;
- two-step reach: nodes within distance 2 of ego on the undirected graph
  (nx.single_source_shortest_path_length with cutoff 2, ego not counted);
- by the group attribute, written out here from their definitions (independent of the Swift
  code): Blau 1 - sum p^2, IQV Blau / (1 - 1/K) with K the groups of the whole network,
  ego-alter E-I (E - I)/(E + I), and Yule's Q (ad - bc)/(ad + bc) over the pairs of alters
  (ordered pairs when directed): a same group and tied, b different and tied, c same and not
  tied, d different and not tied. NaN is written as null.
"""
import json, math, pathlib, random

import networkx as nx

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "Tests/BrobyggareTests/Fixtures/reference/personal_networks.json"


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def measures(G, v, group):
    U = G.to_undirected(as_view=True)
    alters = sorted(U.neighbors(v), key=str)
    A = G.subgraph(alters).copy()
    A.remove_edges_from(list(nx.selfloop_edges(A)))
    n = len(alters)
    out = {"size": n, "ties": A.number_of_edges()}
    out["density"] = nx.density(A) if n > 1 else float("nan")
    if n == 0:
        out["components"] = 0
    elif G.is_directed():
        out["components"] = nx.number_weakly_connected_components(A)
    else:
        out["components"] = nx.number_connected_components(A)
    out["isolates"] = nx.number_of_isolates(A)
    E = A.copy()
    E.add_node(v)
    for a in alters:
        E.add_edge(v, a)
        if G.is_directed():
            E.add_edge(a, v)
    if n > 0:
        out["effective_size"] = nx.effective_size(E, nodes=[v])[v]
        out["constraint"] = nx.constraint(E, nodes=[v])[v]
    else:
        out["effective_size"] = out["constraint"] = float("nan")
    out["two_step_reach"] = len(nx.single_source_shortest_path_length(U, v, cutoff=2)) - 1
    if group is not None:
        K = len(set(group.values()))
        labels = [group[a] for a in alters]
        if n > 0:
            counts = {}
            for g in labels:
                counts[g] = counts.get(g, 0) + 1
            blau = 1 - sum((c / n) ** 2 for c in counts.values())
            out["blau"] = blau
            out["iqv"] = blau / (1 - 1 / K) if K > 1 else float("nan")
            inside = sum(1 for g in labels if g == group[v])
            out["ei_ego_alter"] = (n - 2 * inside) / n
        else:
            out["blau"] = out["iqv"] = out["ei_ego_alter"] = float("nan")
        a = b = c = d = 0
        for i in alters:
            for j in alters:
                if i == j or (not G.is_directed() and str(j) <= str(i)):
                    continue
                same, tied = group[i] == group[j], A.has_edge(i, j)
                if same and tied: a += 1
                elif tied: b += 1
                elif same: c += 1
                else: d += 1
        den = a * d + b * c
        out["yules_q"] = (a * d - b * c) / den if den else float("nan")
    return {k: nan_to_none(x) for k, x in out.items()}


def entry(name, G, group, note):
    return {
        "name": name, "note": note, "directed": G.is_directed(),
        "nodes": [str(v) for v in G.nodes],
        "ties": [[str(u), str(v)] for u, v in G.edges],
        "groups": None if group is None else {str(k): g for k, g in group.items()},
        "measures": {str(v): measures(G, v, group) for v in G.nodes},
    }


def main():
    karate = nx.karate_club_graph()
    karate_groups = {v: karate.nodes[v]["club"] for v in karate}
    florentine = nx.florentine_families_graph()
    rng = random.Random(7)
    directed = nx.gnp_random_graph(24, 0.12, seed=7, directed=True)
    directed_groups = {v: rng.choice(["a", "b", "c"]) for v in directed}
    out = {
        "generator": "Scripts/personal_network_reference.py",
        "networkx": nx.__version__,
        "networks": [
            entry("karate", karate, karate_groups, "nx.karate_club_graph(), groups: club"),
            entry("florentine", florentine, None, "nx.florentine_families_graph()"),
            entry("gnp_directed_24", directed, directed_groups,
                  "nx.gnp_random_graph(24, 0.12, seed=7, directed=True), groups random.Random(7).choice('abc')"),
        ],
    }
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} with networkx {nx.__version__}")


if __name__ == "__main__":
    main()
