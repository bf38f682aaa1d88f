# Expected values for QAP correlation and MRQAP regression (Sources/Brobyggare/Inference/),
# from R's sna 2.7.1 (gcor, qaptest, netlm, netlogit).
#
#   Rscript Scripts/qap_reference_with_sna.R
#
# writes, in Tests/BrobyggareTests/Fixtures/reference/:
#   qap_sna.csv                  case, quantity, term, value (17 significant digits)
#   qap_random_directed.csv      ties (source, target, layer, trust) of a seeded random digraph
#   qap_random_directed.nodes.csv   its nodes (id, group, age)
#   qap_random_undirected.csv, qap_random_undirected.nodes.csv   the same, undirected
# The tests read the shipped datasets from Datasets/ and the random networks from these files,
# so both sides see the same matrices.
#
# Estimates, statistics, R² and the deviance are deterministic: the tests compare them within
# 1e-9. The p-values are sna's at 5,000 permutations with set.seed(2027) before each call; the
# tests compare them within Monte Carlo error (see QAPTests.swift). "p_two_sided" of a
# correlation is computed from qaptest's own distribution (mean(abs(dist) >= abs(r))), which
# qaptest does not print.
suppressMessages(library(sna))
root <- if (file.exists("Datasets")) "." else ".."
out <- file.path(root, "Tests/BrobyggareTests/Fixtures/reference")
reps <- 5000

matrix_of <- function(ids, from, to, directed, value = NULL) {
  n <- length(ids)
  m <- matrix(0, n, n)
  i <- match(from, ids); j <- match(to, ids)
  v <- if (is.null(value)) rep(1, length(i)) else value
  keep <- i != j
  m[cbind(i[keep], j[keep])] <- v[keep]
  if (!directed) m[cbind(j[keep], i[keep])] <- v[keep]
  m
}

dataset <- function(name) {
  list(ties = read.csv(file.path(root, "Datasets", name, paste0(name, ".csv")), colClasses = "character"),
       nodes = read.csv(file.path(root, "Datasets", name, paste0(name, ".nodes.csv")), colClasses = "character"))
}
layer <- function(d, l, directed) {
  t <- d$ties[d$ties$layer == l, ]
  matrix_of(d$nodes$id, t$source, t$target, directed)
}
same <- function(a) { m <- outer(a, a, "==") * 1; diag(m) <- 0; m }
difference <- function(a) { m <- abs(outer(a, a, "-")); diag(m) <- 0; m }

rows <- list()
put <- function(case, quantity, term, value) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, quantity = quantity, term = term,
                                          value = sprintf("%.17g", value))
}

correlation <- function(case, a, b, mode) {
  r <- gcor(a, b, mode = mode)
  put(case, "correlation", "", r)
  set.seed(2027)
  q <- qaptest(list(a, b), gcor, g1 = 1, g2 = 2, mode = mode, reps = reps)
  put(case, "p_greater", "", q$pgreq)
  put(case, "p_less", "", q$pleeq)
  put(case, "p_two_sided", "", mean(abs(q$dist) >= abs(q$testval)))
}

regression <- function(case, y, xs, mode, logistic = FALSE) {
  x <- array(dim = c(length(xs), nrow(y), ncol(y)))
  for (k in seq_along(xs)) x[k, , ] <- xs[[k]]
  terms <- c("(intercept)", names(xs))
  for (null in c("qap", "qapy")) {
    set.seed(2027)
    fit <- if (logistic) netlogit(y, x, mode = mode, nullhyp = null, reps = reps)
           else netlm(y, x, mode = mode, nullhyp = null, reps = reps)
    label <- paste(case, if (null == "qap") "semi-partial" else "y")
    for (k in seq_along(terms)) {
      put(label, "estimate", terms[k], fit$coefficients[k])
      put(label, "statistic", terms[k], fit$tstat[k])
      put(label, "p_two_sided", terms[k], fit$pgreqabs[k])
      put(label, "p_greater", terms[k], fit$pgreq[k])
      put(label, "p_less", terms[k], fit$pleeq[k])
    }
    put(label, "cells", "", fit$n)
    if (logistic) {
      put(label, "deviance", "", fit$deviance)
      put(label, "aic", "", fit$aic)
      put(label, "bic", "", fit$bic)
    } else {
      mss <- sum((fit$fitted.values - mean(fit$fitted.values))^2)
      rss <- sum(fit$residuals^2)
      put(label, "r_squared", "", mss / (mss + rss))
    }
  }
}

# Padgett's Florentine families: marriage and business ties (undirected).
padgett <- dataset("padgett")
correlation("gcor padgett marriage business", layer(padgett, "marriage", FALSE),
            layer(padgett, "business", FALSE), "graph")

# Krackhardt's high-tech managers: advice and friendship (directed), with the managers'
# department and age.
krack <- dataset("krackhardt")
advice <- layer(krack, "advice", TRUE)
friendship <- layer(krack, "friendship", TRUE)
correlation("gcor krackhardt advice friendship", advice, friendship, "digraph")
correlation("gcor krackhardt friendship same:department", friendship, same(krack$nodes$department), "digraph")
xs <- list(advice = advice, "same:department" = same(krack$nodes$department),
           "diff:age" = difference(as.numeric(krack$nodes$age)))
regression("netlm krackhardt friendship", friendship, xs, "digraph")
regression("netlogit krackhardt friendship", friendship, xs, "digraph", logistic = TRUE)

# Seeded random networks: layer a depends on layer b and on the groups, so that the
# estimates are away from zero; trust on layer a's ties.
random_network <- function(name, n, directed, seed) {
  set.seed(seed)
  ids <- sprintf("v%02d", 1:n)
  group <- sample(c("north", "south", "east"), n, replace = TRUE)
  age <- round(runif(n, 20, 65))
  b <- rgraph(n, tprob = 0.2, mode = if (directed) "digraph" else "graph")
  p <- 0.08 + 0.3 * b + 0.15 * same(group) - 0.002 * difference(age)
  a <- matrix(rbinom(n * n, 1, pmin(pmax(p, 0), 1)), n, n)
  diag(a) <- 0
  if (!directed) a[upper.tri(a)] <- t(a)[upper.tri(a)]
  trust <- matrix(round(runif(n * n, 0.1, 1), 2), n, n)
  if (!directed) trust[upper.tri(trust)] <- t(trust)[upper.tri(trust)]
  edges <- function(m, l, value = NULL) {
    w <- which(m != 0 & (if (directed) TRUE else lower.tri(m)), arr.ind = TRUE)
    data.frame(source = ids[w[, 1]], target = ids[w[, 2]], layer = l,
               trust = if (is.null(value)) "" else sprintf("%.2f", value[w]))
  }
  ties <- rbind(edges(a, "a", trust), edges(b, "b"))
  if (!directed) ties$type <- "Undirected"
  write.csv(ties, file.path(out, paste0(name, ".csv")), row.names = FALSE, quote = FALSE, na = "")
  write.csv(data.frame(id = ids, group = group, age = age), file.path(out, paste0(name, ".nodes.csv")),
            row.names = FALSE, quote = FALSE)
  list(a = a, b = b, trust = a * trust, group = group, age = age)
}

for (directed in c(TRUE, FALSE)) {
  kind <- if (directed) "directed" else "undirected"
  mode <- if (directed) "digraph" else "graph"
  g <- random_network(paste0("qap_random_", kind), if (directed) 30 else 25, directed, if (directed) 11 else 12)
  correlation(paste("gcor random", kind, "a b"), g$a, g$b, mode)
  xs <- list(b = g$b, "same:group" = same(g$group), "diff:age" = difference(g$age))
  regression(paste("netlm random", kind, "a"), g$a, xs, mode)
  regression(paste("netlm random", kind, "trust:a"), g$trust, xs, mode)
  regression(paste("netlogit random", kind, "a"), g$a, xs, mode, logistic = TRUE)
}

write.csv(do.call(rbind, rows), file.path(out, "qap_sna.csv"), row.names = FALSE)
