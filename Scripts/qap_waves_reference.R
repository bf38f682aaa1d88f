# Expected estimates for `brobyggare test` with a predictor read from another wave's file
# (--predictors file:PATH:LAYER, trust:file:PATH:LAYER): does trust in wave 1 predict trust in
# wave 2? The constructed Hagalid network (Datasets/safety-groups-constructed), its two waves.
#
#   Rscript Scripts/qap_waves_reference.R
#
# writes Tests/BrobyggareTests/Fixtures/reference/qap_waves.csv (case, term, estimate, cells):
# the least-squares fit over the ordered pairs i != j of wave 2's nodes of
#   wave 2's trust (tie 0/1) ~ wave 1's trust (tie 0/1, or its trust value) + same sector,
# with R's lm, as sna's netlm fits it (netlm's estimates are lm's on the vectorised cells; a
# missing cell drops the pair, na.omit), and sna's netlm on the same matrices (its estimates
# printed beside lm's). Missing cells: wave 2's non-respondents' rows of the dependent, wave
# 1's non-respondents' rows of the predictor, and, in case "without-hag-05", every pair with
# hag-05, whom the wave-1 file then lacks (the Swift test writes that file by leaving out
# hag-05's node and ties).
root <- if (file.exists("Datasets")) "." else ".."
d <- file.path(root, "Datasets/safety-groups-constructed")
read_wave <- function(w) {
  list(ties = read.csv(file.path(d, sprintf("hagalid-wave%d.csv", w)), colClasses = "character"),
       nodes = read.csv(file.path(d, sprintf("hagalid-wave%d.nodes.csv", w)), colClasses = "character"))
}
w1 <- read_wave(1); w2 <- read_wave(2)
ids <- w2$nodes$id
n <- length(ids)
layer <- function(wave, l, value = FALSE, lacking = character(0)) {
  m <- matrix(0, n, n)
  t <- wave$ties[wave$ties$layer == l, ]
  m[cbind(match(t$source, ids), match(t$target, ids))] <- if (value) as.numeric(t$trust) else 1
  silent <- match(wave$nodes$id[wave$nodes$respondent == "false"], ids)
  m[silent, ] <- NA
  gone <- match(lacking, ids)
  m[gone, ] <- NA; m[, gone] <- NA
  m
}
same <- function(a) outer(w2$nodes[[a]], w2$nodes[[a]], "==") * 1
y <- layer(w2, "trust")
x2 <- same("sector")
off <- which(row(y) != col(y))
cases <- list(
  list(case = "presence", x1 = layer(w1, "trust"), term = "file:WAVE1:trust"),
  list(case = "trust", x1 = layer(w1, "trust", value = TRUE), term = "trust:file:WAVE1:trust"),
  list(case = "without-hag-05", x1 = layer(w1, "trust", lacking = "hag-05"), term = "file:WAVE1:trust"))
rows <- list()
for (c in cases) {
  fit <- lm(y[off] ~ c$x1[off] + x2[off], na.action = na.omit)
  est <- unname(coef(fit))
  rows[[c$case]] <- data.frame(case = c$case, term = c("(intercept)", c$term, "same:sector"),
                               estimate = sprintf("%.17g", est), cells = nobs(fit))
  if (requireNamespace("sna", quietly = TRUE)) {
    yy <- y; diag(yy) <- NA
    s <- sna::netlm(yy, list(c$x1, x2), nullhyp = "classical")
    cat(c$case, "netlm:", sprintf("%.17g", s$coefficients), "\n")
  }
}
out <- do.call(rbind, rows)
write.csv(out, file.path(root, "Tests/BrobyggareTests/Fixtures/reference/qap_waves.csv"), row.names = FALSE)
cat(R.version.string, "; sna", if (requireNamespace("sna", quietly = TRUE)) as.character(packageVersion("sna")) else "not installed", "\n")
print(out)
