# Reference values for the statistics tests in this folder, computed with R (stats package).
# Run: Rscript reference-values.R    (R 4.2.2, Debian bookworm r-base-core 4.2.2.20221110-2)
options(digits = 15)
show <- function(label, value) cat(label, format(value, digits = 15), "\n")

# --- Welch t-test -------------------------------------------------------------------------------------------
# 1. Student's sleep data (R's built-in 'sleep'): equal sizes.
s1 <- c(0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0)
s2 <- c(1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4)
# 2. Unequal sizes and variances.
u1 <- c(19.1, 20.4, 18.7, 21.3, 20.0, 19.6, 20.9, 19.9, 20.2, 18.8, 20.5, 19.4)
u2 <- c(24.3, 15.2, 28.9, 17.6, 22.4)
# 3. Timing-like data, unequal sizes, right-skewed.
t1 <- c(101.2, 99.8, 100.5, 103.9, 98.7, 100.1, 99.5, 112.4, 100.9, 99.9, 101.7, 100.3)
t2 <- c(104.8, 103.1, 106.2, 102.9, 119.5, 104.0, 103.6, 105.5)
for (name in c("sleep", "unequal", "timing")) {
  d <- switch(name, sleep = list(s1, s2), unequal = list(u1, u2), timing = list(t1, t2))
  for (alt in c("two.sided", "less", "greater")) {
    r <- t.test(d[[1]], d[[2]], alternative = alt, var.equal = FALSE, conf.level = 0.95)
    show(paste(name, alt, "t"), unname(r$statistic))
    show(paste(name, alt, "df"), unname(r$parameter))
    show(paste(name, alt, "p"), r$p.value)
    show(paste(name, alt, "ci"), r$conf.int)
  }
  r90 <- t.test(d[[1]], d[[2]], conf.level = 0.90)
  show(paste(name, "ci90"), r90$conf.int)
}

# --- One-sample t-test ---------------------------------------------------------------------------------------
o1 <- c(0.031, -0.012, 0.054, 0.020, 0.008, 0.041, -0.005, 0.027)
r <- t.test(o1, mu = 0); show("one t", unname(r$statistic)); show("one p", r$p.value); show("one ci", r$conf.int)
r <- t.test(o1, mu = 0.05, alternative = "less"); show("one mu.05 less t", unname(r$statistic)); show("one mu.05 less p", r$p.value)

# --- Mann-Whitney U (wilcox.test) ---------------------------------------------------------------------------
# 1. Small, unequal sizes, no ties: exact distribution.
m1 <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30)
m2 <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29)
# 2. Ties: normal approximation with tie and continuity correction.
k1 <- c(3, 4, 2, 6, 2, 5, 5, 7, 4, 3)
k2 <- c(9, 7, 5, 10, 6, 8, 7, 6, 9, 8, 7, 4)
# 3. Large (both > 49), no ties: normal approximation with continuity correction.
i <- 1:60; j <- 1:55
l1 <- sqrt(i) * 3 + (i %% 7) / 10
l2 <- sqrt(j) * 3 + (j %% 5) / 10 + 0.75 + j / 1000
for (name in c("exact", "ties", "large")) {
  d <- switch(name, exact = list(m1, m2), ties = list(k1, k2), large = list(l1, l2))
  cat(name, "ties:", any(duplicated(c(d[[1]], d[[2]]))), "\n")
  for (alt in c("two.sided", "less", "greater")) {
    r <- suppressWarnings(wilcox.test(d[[1]], d[[2]], alternative = alt))
    show(paste(name, alt, "W"), unname(r$statistic))
    show(paste(name, alt, "p"), r$p.value)
  }
}

# --- Summary statistics -------------------------------------------------------------------------------------
q <- c(12.1, 9.8, 10.4, 11.0, 10.0, 30.5, 10.2, 9.9, 10.7, 2.0, 10.3, 14.9)
show("mean", mean(q)); show("sd", sd(q)); show("median", median(q))
show("quantile type 7", quantile(q, c(0, 0.05, 0.25, 0.5, 0.75, 0.9, 0.99, 1), type = 7))
show("ci95 of mean", t.test(q)$conf.int)
qs <- quantile(q, c(0.25, 0.75), type = 7); iqr <- qs[2] - qs[1]
show("fences mild", c(qs[1] - 1.5 * iqr, qs[2] + 1.5 * iqr)); show("fences severe", c(qs[1] - 3 * iqr, qs[2] + 3 * iqr))

# --- Least-squares slope on log-log axes (Bench.Scaling) -------------------------------------------------
n <- c(100, 200, 400, 800, 1600); tt <- c(52.0, 98.5, 205.1, 396.0, 812.7)
fit <- lm(log(tt) ~ log(n)); show("loglog slope", unname(coef(fit)[2])); show("loglog slope ci", confint(fit)[2, ])

# --- Trimmed t-tests: Tukey-McLaughlin one-sample (WRS trimci) and Yuen two-sample (WRS yuen), 20 % trim ---------
# WRS2 is not packaged for Debian here, so the formulas of Wilcox's WRS functions are written out with base R's
# mean(x, trim = ) (which trims floor(n * trim) values from each end).
winvar <- function(x, tr) { y <- sort(x); n <- length(x); g <- floor(tr * n)
  lo <- y[g + 1]; hi <- y[n - g]; var(pmin(pmax(x, lo), hi)) }
trimci <- function(x, tr = 0.2, mu = 0, alpha = 0.05) { n <- length(x)
  se <- sqrt(winvar(x, tr)) / ((1 - 2 * tr) * sqrt(n)); df <- n - 2 * floor(tr * n) - 1
  est <- mean(x, trim = tr); t <- (est - mu) / se
  list(est = est, se = se, df = df, t = t, p = 2 * (1 - pt(abs(t), df)), ci = est + c(-1, 1) * qt(1 - alpha / 2, df) * se) }
yuen <- function(x, y, tr = 0.2, alpha = 0.05) {
  h1 <- length(x) - 2 * floor(tr * length(x)); h2 <- length(y) - 2 * floor(tr * length(y))
  q1 <- (length(x) - 1) * winvar(x, tr) / (h1 * (h1 - 1)); q2 <- (length(y) - 1) * winvar(y, tr) / (h2 * (h2 - 1))
  df <- (q1 + q2)^2 / ((q1^2 / (h1 - 1)) + (q2^2 / (h2 - 1))); se <- sqrt(q1 + q2)
  dif <- mean(x, trim = tr) - mean(y, trim = tr); t <- dif / se
  list(dif = dif, se = se, df = df, t = t, p = 2 * (1 - pt(abs(t), df)), ci = dif + c(-1, 1) * qt(1 - alpha / 2, df) * se) }
r <- trimci(q); show("trimci est", r$est); show("trimci se", r$se); show("trimci df", r$df); show("trimci t", r$t); show("trimci p", r$p); show("trimci ci", r$ci)
r <- trimci(o1, mu = 0.01); show("trimci o1 mu.01 t", r$t); show("trimci o1 mu.01 p", r$p)
r <- yuen(t1, t2); show("yuen dif", r$dif); show("yuen se", r$se); show("yuen df", r$df); show("yuen t", r$t); show("yuen p", r$p); show("yuen ci", r$ci)
r <- yuen(u1, u2); show("yuen unequal t", r$t); show("yuen unequal df", r$df); show("yuen unequal p", r$p)
r <- yuen(t1, t2, tr = 0); w <- t.test(t1, t2); show("yuen tr0 t (equals Welch)", c(r$t, unname(w$statistic)))
