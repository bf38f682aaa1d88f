"""How many arcs the batched betweenness kernel scans per source, by batch width.

For 20 random batches of W consecutive sources in degree order (the order the kernel took its
sources in before it took them breadth-first; see Scripts/batch_order_dag_arcs.py), the
forward pass scans the arcs of every (node, level) entry a batch holds, and so does the
backward pass (from level 1). Prints the arcs scanned per source as a share of all arcs, and
what a bottom-up step would scan instead at each level. Used for the figures quoted in
Sources/Brobyggare/Centrality/BrandesKernel.swift (python-igraph 1.0.0, numpy).

    python Scripts/batch_width_scans.py .build/benchmark-graphs/ba_10000_5.txt 16
"""
import sys, numpy as np, igraph as ig
fn = sys.argv[1]; W = int(sys.argv[2]); directed = len(sys.argv) > 3
edges = [tuple(map(int, l.split()[:2])) for l in open(fn)]
n = max(max(e) for e in edges) + 1
g = ig.Graph(n=n, edges=edges, directed=directed)
deg = np.array(g.outdegree() if directed else g.degree())
order = np.argsort(-deg, kind="stable")  # renumbered by degree: sources in this order
rng = np.random.default_rng(1)
batches = rng.choice(n // W, 20, replace=False)
fw = bu = bw = 0.0; fw_alt = 0.0
for b in batches:
    srcs = order[b*W:(b+1)*W]
    D = np.array(g.distances(source=list(srcs), mode="out"))  # W x n
    D[np.isinf(D)] = -1
    D = D.astype(int)
    L = D.max()
    for d in range(L+1):
        at = (D == d).any(axis=0)          # nodes with an entry at level d
        scan = deg[at].sum()
        fw += scan                          # forward scans every entry's arcs
        if d >= 1: bw += scan
        # bottom-up alternative for producing level d+1: nodes not yet seen in every lane
        notall = ((D > d) | (D < 0)).any(axis=0)
        fw_alt += min(scan, deg[notall].sum())
tot = 20 * W
m = deg.sum()
print(f"W={W}: per source, forward scans {fw/tot/m:.3f} x arcs, backward {bw/tot/m:.3f}, forward with bottom-up {fw_alt/tot/m:.3f}")
