# Expected values for the network-level measures (Centralization.swift,
# KrackhardtHierarchy.swift, Transitivity.swift), from R's sna (Debian's r-cran-sna).
#
#   Rscript Scripts/summary_reference_with_sna.R
#
# writes Tests/BrobyggareTests/Fixtures/reference/network_summary_sna.csv (case, measure,
# value) and, for the seeded random graphs, their ties in
# Tests/BrobyggareTests/Fixtures/reference/network_summary_random.csv, so that the tests build
# the same graphs. Shipped datasets are read from Datasets/ with the nodes of their node table.
suppressMessages(library(sna))
root <- if (file.exists("Datasets")) "." else ".."
out <- file.path(root, "Tests/BrobyggareTests/Fixtures/reference")

matrix_of <- function(ids, from, to, directed) {
  n <- length(ids)
  m <- matrix(0, n, n)
  i <- match(from, ids); j <- match(to, ids)
  keep <- i != j
  m[cbind(i[keep], j[keep])] <- 1
  if (!directed) m[cbind(j[keep], i[keep])] <- 1
  m
}

dataset <- function(name, layer, directed) {
  ties <- read.csv(file.path(root, "Datasets", name, paste0(name, ".csv")), colClasses = "character")
  nodes <- read.csv(file.path(root, "Datasets", name, paste0(name, ".nodes.csv")), colClasses = "character")
  if (!is.na(layer)) ties <- ties[ties$layer == layer, ]
  matrix_of(nodes$id, ties$source, ties$target, directed)
}

rows <- list()
measure <- function(case, m, directed) {
  mode <- if (directed) "digraph" else "graph"
  gd <- geodist(m)$gdist
  finite <- gd[is.finite(gd) & row(gd) != col(gd)]
  v <- c(
    density = gden(m, mode = mode),
    centralization_degree = centralization(m, degree, mode = mode),
    centralization_betweenness = centralization(m, betweenness, mode = mode),
    centralization_closeness = centralization(m, closeness, mode = mode),
    connectedness = connectedness(m),
    hierarchy = hierarchy(m, measure = "krackhardt"),
    efficiency = efficiency(m),
    lubness = lubness(m),
    transitivity = gtrans(m, mode = mode, measure = "weak"),
    mean_distance = if (length(finite) > 0) mean(finite) else NaN,
    diameter = if (length(finite) > 0) max(finite) else 0
  )
  rows[[length(rows) + 1]] <<- data.frame(case = case, measure = names(v), value = sprintf("%.17g", v))
}

measure("krackhardt advice", dataset("krackhardt", "advice", TRUE), TRUE)
measure("krackhardt friendship", dataset("krackhardt", "friendship", TRUE), TRUE)
measure("krackhardt reports_to", dataset("krackhardt", "reports_to", TRUE), TRUE)
measure("lazega cowork", dataset("lazega", "cowork", TRUE), TRUE)
measure("padgett marriage", dataset("padgett", "marriage", FALSE), FALSE)
measure("padgett business", dataset("padgett", "business", FALSE), FALSE)
measure("zachary", dataset("zachary", NA, FALSE), FALSE)

# Seeded random graphs (sna's rgraph), sparse enough that the Krackhardt measures are not 1.
set.seed(20261129)
random_ties <- list()
for (k in 1:6) {
  directed <- k <= 4
  n <- c(12, 25, 40, 60, 20, 45)[k]
  p <- c(0.12, 0.06, 0.04, 0.03, 0.1, 0.05)[k]
  m <- rgraph(n, tprob = p, mode = if (directed) "digraph" else "graph")
  name <- sprintf("random %d", k)
  measure(name, m, directed)
  e <- which(m == 1, arr.ind = TRUE)
  if (!directed) e <- e[e[, 1] < e[, 2], , drop = FALSE]
  random_ties[[k]] <- data.frame(case = name, n = n, directed = directed, source = e[, 1], target = e[, 2])
}
write.csv(do.call(rbind, rows), file.path(out, "network_summary_sna.csv"), row.names = FALSE, quote = TRUE)
write.csv(do.call(rbind, random_ties), file.path(out, "network_summary_random.csv"), row.names = FALSE, quote = TRUE)
cat("sna", as.character(packageVersion("sna")), "\n")
