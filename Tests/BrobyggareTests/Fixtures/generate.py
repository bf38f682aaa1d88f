"""Generates the reference values the Swift tests compare against.

Run from the package root:  python3 Tests/BrobyggareTests/Fixtures/generate.py
Needs networkx, igraph and bctpy from PyPI (pip install networkx igraph bctpy). Versions used are written
into every fixture. Each value comes from networkx; where igraph computes the same definition
the script checks that it agrees within 1e-9 and stops if it does not.
"""
import json, math, pathlib, random

import bct
import igraph
import networkx as nx
import numpy as np

OUT = pathlib.Path(__file__).resolve().parent / "reference"
OUT.mkdir(exist_ok=True)
NX, IG = nx.__version__, igraph.__version__
BCT = "0.6.0"  # bctpy exposes no __version__; pip show bctpy
TOL = 1e-9


def same(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def to_igraph(G, nodes):
    index = {v: i for i, v in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()], directed=G.is_directed())
    g.es["weight"] = [d.get("weight", 1.0) for _, _, d in G.edges(data=True)]
    return g


def fixture(name, G, weighted, note):
    nodes = list(G.nodes())
    ids = [str(v) for v in nodes]
    directed = G.is_directed()
    R = G.reverse(copy=True) if directed else G  # networkx closeness/harmonic read incoming paths
    g = to_igraph(G, nodes)
    exp, src = {}, {}

    def keyed(d):
        return {str(v): float(d[v]) for v in nodes}

    exp["degree"] = {str(v): d for v, d in G.degree()}
    exp["in_degree"] = {str(v): d for v, d in (G.in_degree() if directed else G.degree())}
    exp["out_degree"] = {str(v): d for v, d in (G.out_degree() if directed else G.degree())}
    exp["strength"] = {str(v): float(d) for v, d in G.degree(weight="weight")}
    src["degree"] = f"networkx {NX} G.degree / in_degree / out_degree / degree(weight='weight')"

    variants = [("hops", None)]
    if weighted:
        for u, v, d in G.edges(data=True):
            d["recip"] = 1.0 / d["weight"]
        R = G.reverse(copy=True) if directed else G
        variants += [("raw", "weight"), ("reciprocal", "recip")]
    for label, attr in variants:
        b = nx.betweenness_centrality(G, normalized=False, weight=attr)
        exp[f"betweenness_{label}"] = keyed(b)
        bn = nx.betweenness_centrality(G, normalized=True, weight=attr)
        exp[f"betweenness_normalized_{label}"] = keyed(bn)
        iw = None if attr is None else ([1.0 / w for w in g.es["weight"]] if label == "reciprocal" else g.es["weight"])
        ib = g.betweenness(directed=directed, weights=iw)
        differ = [v for v, x in zip(nodes, ib) if not same(b[v], x)]
        if differ:
            # Lengths such as 1/3 + 1/6 and 1/2 differ in the last bit. networkx compares
            # lengths exactly and so splits such paths unevenly; igraph (and Brobyggare)
            # compare with a relative tolerance of 1e-10 and count them as ties.
            assert label != "hops", (name, label, differ)
            exp[f"betweenness_{label}"] = {str(v): float(x) for v, x in zip(nodes, ib)}
            n = len(nodes)
            scale = (n - 1) * (n - 2) / (1 if directed else 2)
            exp[f"betweenness_normalized_{label}"] = {str(v): float(x) / scale for v, x in zip(nodes, ib)}
            src[f"betweenness_{label}"] = f"igraph {IG} Graph.betweenness(weights={'w' if label == 'raw' else '1/w'}); networkx {NX} differs on {len(differ)} nodes because it compares path lengths exactly"
            src[f"betweenness_normalized_{label}"] = f"igraph {IG} Graph.betweenness / Freeman's pair count"
        else:
            src[f"betweenness_{label}"] = f"networkx {NX} betweenness_centrality(normalized=False, weight={attr!r}); igraph {IG} Graph.betweenness agrees within 1e-9"
        src[f"betweenness_normalized_{label}"] = f"networkx {NX} betweenness_centrality(normalized=True, weight={attr!r})"
        c = nx.closeness_centrality(R, distance=attr)
        exp[f"closeness_{label}"] = keyed(c)
        src[f"closeness_{label}"] = f"networkx {NX} closeness_centrality({'G.reverse()' if directed else 'G'}, distance={attr!r}) (Wasserman-Faust)"
        reach_all = all(len(nx.descendants(G, v)) == len(nodes) - 1 for v in nodes) if directed else nx.is_connected(G)
        if reach_all:
            ic = g.closeness(mode="out", weights=iw)
            for v, x in zip(nodes, ic):
                assert same(c[v], x), (name, label, v, c[v], x)
            src[f"closeness_{label}"] += f"; igraph {IG} Graph.closeness(mode='out') agrees within 1e-9 (every node reachable)"
        h = nx.harmonic_centrality(R, distance=attr)
        exp[f"harmonic_{label}"] = keyed(h)
        ih = g.harmonic_centrality(mode="out", weights=iw, normalized=False)
        for v, x in zip(nodes, ih):
            assert same(h[v], x), (name, label, v, h[v], x)
        src[f"harmonic_{label}"] = f"networkx {NX} harmonic_centrality({'G.reverse()' if directed else 'G'}, distance={attr!r}); igraph {IG} harmonic_centrality(mode='out', normalized=False) agrees"
    # Burt's measures: weights read as strengths (networkx weight=, igraph weights=).
    for label, attr in [("binary", None)] + ([("weighted", "weight")] if weighted else []):
        c = nx.constraint(G, weight=attr)
        exp[f"constraint_{label}"] = {str(v): (None if math.isnan(c[v]) else float(c[v])) for v in nodes}
        ic = g.constraint(weights=None if attr is None else "weight")
        for v, x in zip(nodes, ic):
            assert (math.isnan(c[v]) and math.isnan(x)) or same(c[v], x), (name, "constraint", label, v, c[v], x)
        src[f"constraint_{label}"] = f"networkx {NX} constraint(weight={attr!r}); igraph {IG} Graph.constraint agrees within 1e-9; null = NaN"
        # networkx 3.6.1 has two code paths: with nodes=None a matrix path that disagrees with
        # the hand-worked values in networkx's own tests (directed binary D: 1.333 against
        # 1.167), and with nodes given the per-node path that reproduces them. Use the latter.
        es = nx.effective_size(G, nodes=list(G), weight=attr)
        exp[f"effective_size_{label}"] = {str(v): (None if math.isnan(es[v]) else float(es[v])) for v in nodes}
        # That path also gives NaN to a node with in-ties only (it tests G[v], the successors);
        # such a node has contacts, so these entries are not a reference and are listed apart.
        exp["effective_size_skip"] = sorted(str(v) for v in nodes if directed and G.out_degree(v) == 0 and G.in_degree(v) > 0)
        src[f"effective_size_{label}"] = f"networkx {NX} effective_size(nodes=list(G), weight={attr!r}) (the per-node path; the nodes=None matrix path is wrong on directed and weighted graphs); null = NaN"
    # Betweenness between groups: networkx betweenness_centrality_subset summed over ordered
    # pairs of different groups (for undirected graphs networkx halves each subset sum, so the
    # ordered pairs (A, B) and (B, A) together count each unordered pair once).
    grng = random.Random(len(nodes) * 31 + 7)
    groups = {v: "g" + str(grng.randrange(3)) for v in nodes}
    exp["groups"] = {str(v): groups[v] for v in nodes}
    names = sorted(set(groups.values()))
    total = {v: 0.0 for v in nodes}
    for a in names:
        for b in names:
            if a == b:
                continue
            A = [v for v in nodes if groups[v] == a]
            B = [v for v in nodes if groups[v] == b]
            sub = nx.betweenness_centrality_subset(G, A, B, normalized=False)
            for v in nodes:
                total[v] += sub[v]
    exp["betweenness_intergroup_hops"] = keyed(total)
    src["betweenness_intergroup_hops"] = f"networkx {NX} betweenness_centrality_subset(G, A, B, normalized=False) summed over ordered group pairs A != B; groups drawn with random.Random(len(nodes) * 31 + 7)"
    # Group betweenness (Everett-Borgatti) of a few sets: the two nodes of highest betweenness,
    # and three nodes drawn at random.
    b = nx.betweenness_centrality(G, normalized=False)
    top = sorted(nodes, key=lambda v: (-b[v], str(v)))[:2]
    drawn = random.Random(len(nodes) * 17 + 3).sample(nodes, 3)
    exp["group_betweenness"] = []
    for C in (top, drawn, top[:1]):
        # The definition, path by path: the share of each pair's shortest paths with an inner
        # node in C, over pairs outside C (unordered pairs once when undirected).
        brute = 0.0
        for s_ in nodes:
            if s_ in C:
                continue
            reach = nx.single_source_shortest_path_length(G, s_)
            for t_ in reach:
                if t_ in C or t_ == s_ or (not directed and str(t_) < str(s_)):
                    continue
                paths = list(nx.all_shortest_paths(G, s_, t_))
                brute += sum(1 for p in paths if set(p[1:-1]) & set(C)) / len(paths)
        gb = nx.group_betweenness_centrality(G, C, normalized=False)
        exp["group_betweenness"].append({"members": [str(v) for v in C], "raw": brute, "networkx_group_betweenness": float(gb)})
    src["group_betweenness"] = (f"networkx {NX} all_shortest_paths enumerated pair by pair (the definition). networkx's own "
                                f"group_betweenness_centrality {NX} is stored beside it: it is wrong on directed graphs that "
                                "are not strongly connected and on groups of 3+ nodes (networkx issues #8559, #8827; fixed after 3.6.1)")
    # PageRank, damping 0.85, dangling nodes jump uniformly; weighted by the weight when weighted.
    for label, attr in [("binary", None)] + ([("weighted", "weight")] if weighted else []):
        pr = nx.pagerank(G, alpha=0.85, weight=attr, tol=1e-14, max_iter=10000)
        ipr = g.pagerank(directed=directed, damping=0.85, weights=None if attr is None else "weight")
        for v, x in zip(nodes, ipr):
            assert abs(pr[v] - x) < 1e-9, (name, "pagerank", label, v, pr[v], x)
        exp[f"pagerank_{label}"] = keyed(pr)
        src[f"pagerank_{label}"] = f"networkx {NX} pagerank(alpha=0.85, weight={attr!r}, tol=1e-14); igraph {IG} Graph.pagerank (PRPACK) agrees within 1e-9"
    U = G.to_undirected()
    # Local bridges: networkx refuses directed graphs; Brobyggare reads the undirected view.
    exp["local_bridges"] = sorted([sorted([str(u), str(v)]) + [None if math.isinf(s) else s]
                                   for u, v, s in nx.local_bridges(nx.Graph(U), with_span=True)])
    src["local_bridges"] = f"networkx {NX} local_bridges(nx.Graph(G.to_undirected()), with_span=True); null = infinite span"
    # Communities and modularity on the undirected view; where both directions exist the larger
    # weight is kept (to_undirected keeps one arbitrarily, so build it explicitly).
    S = nx.Graph()
    S.add_nodes_from(nodes)
    for u, v, d in G.edges(data=True):
        w = d.get("weight", 1.0)
        if S.has_edge(u, v):
            S[u][v]["weight"] = max(S[u][v]["weight"], w)
        else:
            S.add_edge(u, v, weight=w)
    index = {v: i for i, v in enumerate(nodes)}
    for label, attr in [("binary", None)] + ([("weighted", "weight")] if weighted else []):
        if S.number_of_edges() == 0:
            break
        parts = nx.community.louvain_communities(S, weight=attr, seed=1)
        q = nx.community.modularity(S, parts, weight=attr)
        membership = [0] * len(nodes)
        for k, part in enumerate(sorted(parts, key=lambda p: min(index[v] for v in p))):
            for v in part:
                membership[index[v]] = k
        ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in S.edges()])
        ig.es["weight"] = [d["weight"] for _, _, d in S.edges(data=True)]
        iq = ig.modularity(membership, weights=None if attr is None else "weight")
        assert same(q, iq), (name, "modularity", q, iq)
        best = ig.community_multilevel(weights=None if attr is None else "weight").modularity
        seeds = [nx.community.modularity(S, nx.community.louvain_communities(S, weight=attr, seed=k), weight=attr) for k in range(1, 11)]
        exp[f"louvain_{label}"] = {"membership": membership, "modularity": q, "igraph_multilevel_modularity": best,
                                   "networkx_mean_modularity_seeds_1_10": sum(seeds) / len(seeds)}
        src[f"louvain_{label}"] = (f"networkx {NX} louvain_communities(seed=1, weight={attr!r}) and modularity(); "
                                   f"igraph {IG} Graph.modularity agrees within 1e-9; igraph community_multilevel and networkx's mean over seeds 1-10 for quality")
        # Participation and within-module z from bctpy for the random groups and this partition.
        W = nx.to_numpy_array(S, nodelist=nodes, weight=attr)
        for gname, ci in (("groups", [names.index(groups[v]) for v in nodes]), ("louvain", membership)):
            ci = np.array(ci)
            P = bct.participation_coef(W, ci)
            Z = bct.module_degree_zscore(W, ci, flag=0)
            iso = W.sum(axis=1) == 0
            flat = np.zeros(len(nodes), dtype=bool)
            for m in set(ci.tolist()):
                inside = W[np.ix_(ci == m, ci == m)].sum(axis=1)
                if np.std(inside) == 0:
                    flat[ci == m] = True
            exp[f"participation_{gname}_{label}"] = [None if iso[i] else float(P[i]) for i in range(len(nodes))]
            exp[f"within_module_z_{gname}_{label}"] = [None if flat[i] else float(Z[i]) for i in range(len(nodes))]
            src[f"participation_{gname}_{label}"] = f"bctpy {BCT} participation_coef(W, ci) on the undirected view; null where bctpy substitutes 0 for an isolate (NaN here)"
            src[f"within_module_z_{gname}_{label}"] = f"bctpy {BCT} module_degree_zscore(W, ci, flag=0); null where bctpy substitutes 0 for 0/0 (a module whose members all have the same inside degree; NaN here)"
    exp["articulation_points"] = sorted(str(v) for v in nx.articulation_points(U))
    exp["bridges"] = sorted(sorted([str(u), str(v)]) for u, v in nx.bridges(U))
    src["articulation_points"] = f"networkx {NX} articulation_points(G.to_undirected()); igraph {IG} articulation_points agrees"
    assert sorted(str(nodes[i]) for i in g.articulation_points()) == exp["articulation_points"]
    src["bridges"] = f"networkx {NX} bridges(G.to_undirected())"
    exp["weak_components"] = nx.number_weakly_connected_components(G) if directed else nx.number_connected_components(G)
    exp["strong_components"] = nx.number_strongly_connected_components(G) if directed else exp["weak_components"]
    assert exp["strong_components"] == len(g.connected_components(mode="strong"))
    exp["density"] = nx.density(G)
    exp["reciprocity"] = nx.reciprocity(G) if directed else 1.0
    src["components"] = f"networkx {NX}; igraph {IG} connected_components(mode='strong') agrees"
    src["density"] = f"networkx {NX} density; reciprocity: networkx reciprocity"
    data = {
        "name": name,
        "note": note,
        "directed": directed,
        "nodes": ids,
        "edges": [[str(u), str(v), float(d.get("weight", 1.0))] for u, v, d in G.edges(data=True)],
        "weighted": weighted,
        "expected": exp,
        "sources": src,
    }
    (OUT / f"{name}.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def weighted_copy(G, rng, kind):
    for u, v, d in G.edges(data=True):
        d["weight"] = float(rng.randint(1, 3)) if kind == "int" else round(rng.uniform(0.05, 1.0), 3)
    return G


fixture("florentine_marriage", nx.florentine_families_graph(), False,
        "networkx florentine_families_graph(): Padgett's marriage ties, 15 families (Pucci, an isolate, is not in it)")
K = nx.karate_club_graph()
K = nx.relabel_nodes(K, {v: f"m{v + 1}" for v in K})
for u, v, d in K.edges(data=True):
    d["weight"] = float(d["weight"])
fixture("karate_weighted", K, True, "networkx karate_club_graph() with its interaction counts as weights; members m1..m34")
rng = random.Random(20261122)
fixture("gnp_directed_40", weighted_copy(nx.gnp_random_graph(40, 0.08, seed=1, directed=True), rng, "int"), True,
        "gnp_random_graph(40, 0.08, seed=1, directed=True), integer weights 1..3 (many paths tie in length)")
fixture("gnp_undirected_50", weighted_copy(nx.gnp_random_graph(50, 0.06, seed=2), rng, "float"), True,
        "gnp_random_graph(50, 0.06, seed=2), weights uniform in [0.05, 1] to 3 decimals; has isolates")
fixture("gnp_directed_60", weighted_copy(nx.gnp_random_graph(60, 0.05, seed=3, directed=True), rng, "float"), True,
        "gnp_random_graph(60, 0.05, seed=3, directed=True), weights uniform in [0.05, 1]")
fixture("ba_undirected_80", weighted_copy(nx.barabasi_albert_graph(80, 2, seed=4), rng, "int"), True,
        "barabasi_albert_graph(80, 2, seed=4), integer weights 1..3")
fixture("random_directed_mutual_30", weighted_copy(nx.gnp_random_graph(30, 0.15, seed=5, directed=True), rng, "int"), True,
        "gnp_random_graph(30, 0.15, seed=5, directed=True): dense enough for mutual ties, integer weights")
print("wrote", sorted(p.name for p in OUT.glob("*.json")))
