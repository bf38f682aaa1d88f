"""What one Dijkstra search of weighted exact betweenness does, counted in an idealised search:
how often an arc scan finds its head settled, offers a longer path, reaches the head for the
first time, offers a shorter path, or ties; and how many pops a queue that pushes a node again at
each shorter path makes, and how many of those are stale. These are the figures behind the
choice of buckets that hold each node once (``NodeBucketQueue``), quoted (rounded) in
Sources/Brobyggare/Centrality/BrandesKernel.swift and the README.

The idealised search differs from the kernel's in three ways, each of which moves the counts a
little, not their proportions:
- it takes out every arc on no shortest path (an arc stays when its length is within 1e-9 of
  the distance between its ends); the kernel takes out those its landmarks prove to be detours
  (``Adjacency.withoutDetours``, 92 % of them on this graph), so it scans a few more arcs;
- it pops from a binary heap in exact key order, where the kernel's buckets pop the nodes of a
  bucket (keys within half the shortest length) last placed first, which changes which offers
  come as shorter paths and which as longer ones;
- ties are within the kernel's tolerance, 1e-10 (relative).
python-igraph 1.0.0.

    python Scripts/weighted_search_counts.py .build/benchmark-graphs/ba_10000_5_weighted.txt [sources]
"""
import heapq, random, sys
import igraph as ig

fn = sys.argv[1]
sample = int(sys.argv[2]) if len(sys.argv) > 2 else 50
edges, lengths = [], []
for line in open(fn):
    p = line.split()
    edges.append((int(p[0]), int(p[1])))
    lengths.append(float(p[2]))
n = max(max(e) for e in edges) + 1
g = ig.Graph(n=n, edges=edges, directed=False)
g.es["length"] = lengths
prune = 1e-9
tol = 1e-10
by_tail = [[] for _ in range(n)]
for (u, v), l in zip(edges, lengths):
    by_tail[u].append((v, l))
kept = []
for u in range(n):
    if not by_tail[u]:
        continue
    row = g.distances(source=u, weights="length")[0]
    kept += [(u, v, l) for v, l in by_tail[u] if l <= row[v] * (1 + prune)]
adj = [[] for _ in range(n)]
for u, v, l in kept:
    adj[u].append((v, l))
    adj[v].append((u, l))
counts = dict(scans=0, settled=0, longer=0, first=0, shorter=0, ties=0, pops=0, stale=0)
random.seed(1)
for s in random.sample(range(n), sample):
    dist = [float("inf")] * n
    done = [False] * n
    dist[s] = 0.0
    heap = [(0.0, s)]
    while heap:
        d, v = heapq.heappop(heap)
        counts["pops"] += 1
        if done[v]:
            counts["stale"] += 1
            continue
        done[v] = True
        for w, l in adj[v]:
            counts["scans"] += 1
            if done[w]:
                counts["settled"] += 1
                continue
            alt = d + l
            dw = dist[w]
            if dw == float("inf"):
                counts["first"] += 1
            elif alt - dw > tol * max(alt, dw):
                counts["longer"] += 1
                continue
            elif dw - alt > tol * max(alt, dw):
                counts["shorter"] += 1
            else:
                counts["ties"] += 1
                continue
            dist[w] = alt
            heapq.heappush(heap, (alt, w))
print(f"{fn}: n = {n}, ties {len(edges)}, kept {len(kept)} (arcs on some shortest path)")
print(f"per search (mean of {sample} sources):")
for k, v in counts.items():
    print(f"  {k:8s} {v / sample:10.1f}")
