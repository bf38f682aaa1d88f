"""How many entries and DAG arcs a batch of the unweighted betweenness kernel records, by the
order its sources are taken in.

The kernel renumbers the nodes by degree (largest first, ties by old number) and runs 16
breadth-first searches at a time. A batch records one entry per (node, level) that some lane
reaches the node at, and one DAG arc per (arc, level) with the arc's tail at that level and its
head at the next in some lane; each costs a read and write of the head's 128-byte lane values.
This script counts both, over every batch, for sources taken in degree order (the kernel
before) and in breadth-first order from node 0 over the renumbered graph, each node's arcs in
order of their heads (``Adjacency.batchOrder()``). Used for the figures quoted in
Sources/Brobyggare/Centrality/BrandesKernel.swift and the README (python-igraph 1.0.0, numpy).

    python Scripts/batch_order_dag_arcs.py .build/benchmark-graphs/ba_10000_5.txt [directed]
"""
import sys
from collections import deque
import numpy as np
import igraph as ig

fn = sys.argv[1]
directed = len(sys.argv) > 2
W = 16
edges = [tuple(map(int, l.split()[:2])) for l in open(fn)]
n = max(max(e) for e in edges) + 1
g0 = ig.Graph(n=n, edges=edges, directed=directed)
deg = np.array(g0.outdegree() if directed else g0.degree())
by_degree = np.argsort(-deg, kind="stable")
new_id = np.empty(n, dtype=int)
new_id[by_degree] = np.arange(n)
g = ig.Graph(n=n, edges=[(new_id[u], new_id[v]) for u, v in edges], directed=directed)
out = [sorted(g.neighbors(v, mode="out")) for v in range(n)]
tails = np.array([v for v in range(n) for _ in out[v]])
heads = np.array([w for v in range(n) for w in out[v]])

# Breadth-first order from node 0, then from the first node not yet reached.
reached = np.zeros(n, bool)
bfs = []
for root in range(n):
    if reached[root]:
        continue
    reached[root] = True
    queue = deque([root])
    while queue:
        v = queue.popleft()
        bfs.append(v)
        for w in out[v]:
            if not reached[w]:
                reached[w] = True
                queue.append(w)


def counts(order):
    entries = dag_arcs = 0
    for b in range(0, n, W):
        D = np.array(g.distances(source=list(order[b:b + W]), mode="out"))
        D[np.isinf(D)] = -1
        D = D.astype(np.int64)
        entries += sum(len(set(c[c >= 0])) for c in D.T)
        dv, dw = D[:, tails], D[:, heads]
        level = np.where((dv >= 0) & (dw == dv + 1), dv, -1)
        s = np.sort(level, axis=0)
        dag_arcs += int(np.sum(s[0] >= 0) + np.sum((s[1:] != s[:-1]) & (s[1:] >= 0)))
    return entries, dag_arcs


e0, a0 = counts(list(range(n)))
e1, a1 = counts(bfs)
print(f"{fn}: per batch of {W}, degree order {e0 * W / n:.0f} entries, {a0 * W / n:.0f} DAG arcs; "
      f"breadth-first order {e1 * W / n:.0f} entries ({e1 / e0:.3f}), {a1 * W / n:.0f} DAG arcs ({a1 / a0:.3f})")
