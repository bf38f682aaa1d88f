# Expected values for the conditional uniform graph tests (Sources/Brobyggare/Inference/CUG.swift),
# from R's sna 2.7.1 (Debian's r-cran-sna) `cug.test`, 5000 draws each.
#
#   Rscript Scripts/cug_reference_with_sna.R
#
# writes Tests/BrobyggareTests/Fixtures/reference/cug_sna.csv (case, condition, statistic,
# observed, mean, sd and kurtosis of the draws (the kurtosis sets how far two estimates of the
# sd may differ), sna's pgteobs and plteobs, draws, undefined draws) and,
# for the seeded random graphs, their ties in
# Tests/BrobyggareTests/Fixtures/reference/cug_random.csv. Groups for the E-I index: the
# department of Krackhardt's managers; node i of a random graph (numbered from 1) is in group
# (i - 1) %% 3. The betweenness rank is 1 + the number of nodes whose betweenness exceeds the
# node's by more than 1e-9 * max(1, its own), as CUG.swift defines it.
suppressMessages(library(sna))
root <- if (file.exists("Datasets")) "." else ".."
out <- Sys.getenv("CUG_OUT", file.path(root, "Tests/BrobyggareTests/Fixtures/reference"))
reps <- as.integer(Sys.getenv("CUG_REPS", "5000"))  # 5000 for the fixtures; fewer to try the script

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
  list(m = matrix_of(nodes$id, ties$source, ties$target, directed), nodes = nodes)
}

# Each statistic reads the sociomatrix (cug.test hands over an edgelist).
sm <- function(d) as.sociomatrix.sna(d)
ei <- function(groups, directed) function(d, mode) {
  m <- sm(d)
  if (!directed) m[lower.tri(m)] <- 0
  same <- outer(groups, groups, "==")
  e <- sum(m[!same]); i <- sum(m[same & row(m) != col(m)])
  if (e + i > 0) (e - i) / (e + i) else NaN
}
rank_of <- function(v) function(d, mode) {
  b <- betweenness(sm(d), gmode = mode)
  1 + sum(b[-v] - b[v] > 1e-9 * max(1, abs(b[v])))
}
statistics <- list(
  density = function(d, mode) gden(sm(d), mode = mode),
  reciprocity = function(d, mode) grecip(sm(d), measure = "edgewise"),
  transitivity = function(d, mode) gtrans(sm(d), mode = mode, measure = "weak"),
  centralization_degree = function(d, mode) centralization(sm(d), degree, mode = mode),
  centralization_betweenness = function(d, mode) centralization(sm(d), betweenness, mode = mode),
  centralization_closeness = function(d, mode) centralization(sm(d), closeness, mode = mode),
  connectedness = function(d, mode) connectedness(sm(d)),
  hierarchy = function(d, mode) hierarchy(sm(d), measure = "krackhardt"),
  efficiency = function(d, mode) efficiency(sm(d)),
  lubness = function(d, mode) lubness(sm(d))
)

rows <- list()
test <- function(case, m, directed, names, conditions, extra = list()) {
  mode <- if (directed) "digraph" else "graph"
  funs <- c(statistics[intersect(names, names(statistics))], extra)
  for (cmode in conditions) {
    for (s in names(funs)) {
      r <- cug.test(m, funs[[s]], mode = mode, cmode = cmode, reps = reps)
      y <- r$rep.stat
      defined <- y[!is.na(y)]
      rows[[length(rows) + 1]] <<- data.frame(
        case = case, condition = cmode, statistic = s,
        observed = sprintf("%.17g", r$obs.stat),
        mean = sprintf("%.17g", mean(defined)), sd = sprintf("%.17g", sd(defined)),
        kurtosis = sprintf("%.17g", mean((defined - mean(defined))^4) / mean((defined - mean(defined))^2)^2),
        p_greater_equal = sprintf("%.17g", if (length(defined) == reps) r$pgteobs else mean(defined >= r$obs.stat)),
        p_less_equal = sprintf("%.17g", if (length(defined) == reps) r$plteobs else mean(defined <= r$obs.stat)),
        draws = reps, undefined = reps - length(defined))
    }
  }
}

set.seed(20261130)
padgett <- dataset("padgett", "marriage", FALSE)
test("padgett marriage", padgett$m, FALSE,
     c("density", "transitivity", "centralization_degree", "centralization_betweenness",
       "centralization_closeness", "connectedness", "efficiency", "lubness"),
     c("size", "edges"), list(betweenness_rank = rank_of(match("Medici", padgett$nodes$id))))

advice <- dataset("krackhardt", "advice", TRUE)
test("krackhardt advice", advice$m, TRUE, names(statistics), c("size", "edges", "dyad.census"),
     list(ei = ei(advice$nodes$department, TRUE), betweenness_rank = rank_of(match("18", advice$nodes$id))))

friendship <- dataset("krackhardt", "friendship", TRUE)
test("krackhardt friendship", friendship$m, TRUE,
     c("reciprocity", "transitivity", "centralization_betweenness", "hierarchy", "lubness"),
     c("edges", "dyad.census"), list(ei = ei(friendship$nodes$department, TRUE)))

# Seeded random graphs (sna's rgraph).
random_ties <- list()
for (k in 1:2) {
  directed <- k == 1
  n <- c(30, 25)[k]
  m <- rgraph(n, tprob = c(0.1, 0.15)[k], mode = if (directed) "digraph" else "graph")
  name <- sprintf("random %d", k)
  groups <- (seq_len(n) - 1) %% 3
  test(name, m, directed,
       c("density", "reciprocity", "transitivity", "centralization_degree", "centralization_betweenness",
         "hierarchy", "efficiency")[if (directed) 1:7 else c(1, 3, 4, 5, 7)],
       if (directed) c("size", "edges", "dyad.census") else c("size", "edges"),
       list(ei = ei(groups, directed), betweenness_rank = rank_of(1)))
  e <- which(m == 1, arr.ind = TRUE)
  if (!directed) e <- e[e[, 1] < e[, 2], , drop = FALSE]
  random_ties[[k]] <- data.frame(case = name, n = n, directed = directed, source = e[, 1], target = e[, 2])
}
write.csv(do.call(rbind, rows), file.path(out, "cug_sna.csv"), row.names = FALSE, quote = TRUE)
write.csv(do.call(rbind, random_ties), file.path(out, "cug_random.csv"), row.names = FALSE, quote = TRUE)
cat("sna", as.character(packageVersion("sna")), "\n")
