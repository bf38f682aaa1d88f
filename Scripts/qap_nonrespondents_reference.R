# Expected estimates for `brobyggare test` on a network with non-respondents: the rows of those
# who did not answer (respondent = false) are missing in the dependent (--non-respondents
# missing, the default), or read as no tie (--non-respondents zero).
#
#   Rscript Scripts/qap_nonrespondents_reference.R
#
# writes Tests/BrobyggareTests/Fixtures/reference/qap_nonrespondents.csv (rule, term, estimate):
# the least-squares fit of trust ~ collaboration + same sector + same level over the ordered
# pairs i != j of the constructed Hagalid network, wave 1 (Datasets/safety-groups-constructed),
# with R's lm, as sna's netlm fits it (netlm's estimates are lm's on the vectorised cells; a
# missing dependent cell drops the pair, na.omit).
root <- if (file.exists("Datasets")) "." else ".."
d <- file.path(root, "Datasets/safety-groups-constructed")
ties <- read.csv(file.path(d, "hagalid-wave1.csv"), colClasses = "character")
nodes <- read.csv(file.path(d, "hagalid-wave1.nodes.csv"), colClasses = "character")
ids <- nodes$id
n <- length(ids)
layer <- function(l) {
  m <- matrix(0, n, n)
  t <- ties[ties$layer == l, ]
  m[cbind(match(t$source, ids), match(t$target, ids))] <- 1
  m
}
same <- function(a) outer(nodes[[a]], nodes[[a]], "==") * 1
y <- layer("trust"); x1 <- layer("collaboration"); x2 <- same("sector"); x3 <- same("level")
off <- which(row(y) != col(y))
silent <- which(nodes$respondent == "false")
rows <- list()
for (rule in c("missing", "zero")) {
  yy <- y
  if (rule == "missing") yy[silent, ] <- NA
  fit <- lm(yy[off] ~ x1[off] + x2[off] + x3[off], na.action = na.omit)
  est <- unname(coef(fit))
  rows[[rule]] <- data.frame(rule = rule, term = c("(intercept)", "collaboration", "same:sector", "same:level"),
                             estimate = sprintf("%.17g", est), cells = nobs(fit))
}
out <- do.call(rbind, rows)
write.csv(out, file.path(root, "Tests/BrobyggareTests/Fixtures/reference/qap_nonrespondents.csv"), row.names = FALSE)
cat(R.version.string, "\n")
print(out)
