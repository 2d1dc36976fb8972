#!/usr/bin/env python3
"""High-precision reference values for DistillScope's log-space tail probabilities, written from
DESIGN.md "Exact definitions" with mpmath (50 significant digits), for the Swift tests:

  Tests/DistillCoreTests/Fixtures/tail-vectors.json

  binomial: ln P[Bin(n, p) >= s]            (= ln I_p(s, n - s + 1), regularised incomplete beta)
  gamma:    ln Q(a, x) = ln Gamma(a, x) / Gamma(a)   (upper tail of Gamma(a, 1)), integer a

Both are summed directly from the probability mass (binomial / Poisson) at 50 digits, an
algorithm independent of the continued fractions the Swift code uses; small cases are
cross-checked against mpmath.betainc / mpmath.gammainc.

The cases run from p ~ 1 down to p ~ 1e-1500, so the Swift code must not underflow.

Usage (in a throwaway virtualenv with mpmath):
  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install mpmath
  /tmp/venv/bin/python scripts/tail_vectors.py > Tests/DistillCoreTests/Fixtures/tail-vectors.json
"""
import json
import random

import mpmath

mpmath.mp.dps = 50


def _sum_terms(first, ratio, start, step, stop):
    """Sum a run of probability-mass terms from `start`, stepping by `step`, until they stop
    mattering at 50 digits (the run is monotone decreasing in the direction summed)."""
    total = mpmath.mpf(0)
    term = first
    k = start
    while k != stop:
        total += term
        if term < total * mpmath.mpf(10) ** -45:
            break
        term = term * ratio(k)
        k += step
    return total


def ln_binom_tail(n, s, p):
    """ln P[Bin(n, p) >= s] by direct summation of the mass at 50 digits: upward from s when s is
    above the mean, else 1 - (downward sum from s - 1)."""
    if s <= 0:
        return mpmath.mpf(0)
    p = mpmath.mpf(p)
    q = 1 - p

    def ln_mass(k):
        return (mpmath.loggamma(n + 1) - mpmath.loggamma(k + 1) - mpmath.loggamma(n - k + 1)
                + k * mpmath.log(p) + (n - k) * mpmath.log(q))

    if s >= n * p:
        base = ln_mass(s)
        # Sum relative to the first term so that tiny tails keep their digits.
        rel = _sum_terms(mpmath.mpf(1), lambda k: (n - k) / mpmath.mpf(k + 1) * p / q, s, 1, n + 1)
        return base + mpmath.log(rel)
    down = _sum_terms(mpmath.exp(ln_mass(s - 1)), lambda k: k / mpmath.mpf(n - k + 1) * q / p, s - 1, -1, -1)
    return mpmath.log1p(-down)


def ln_gamma_tail(a, x):
    """ln Q(a, x) for integer a: Q(a, x) = P[Poisson(x) <= a - 1], summed at 50 digits."""
    x = mpmath.mpf(x)

    def ln_mass(k):
        return -x + k * mpmath.log(x) - mpmath.loggamma(k + 1)

    if a - 1 <= x:
        rel = _sum_terms(mpmath.mpf(1), lambda k: k / x, a - 1, -1, -1)
        return ln_mass(a - 1) + mpmath.log(rel)
    rel = _sum_terms(mpmath.mpf(1), lambda k: x / (k + 1), a, 1, None)
    return mpmath.log1p(-mpmath.exp(ln_mass(a)) * rel)


def main():
    rng = random.Random(20240611)
    binomial = []
    fixed = [
        (1, 1, 0.25), (10, 0, 0.25), (10, 3, 0.25), (10, 10, 0.25), (200, 50, 0.25), (200, 51, 0.25),
        (200, 92, 0.25), (200, 120, 0.25), (200, 200, 0.25), (1000, 240, 0.25), (1000, 260, 0.25),
        (2000, 2000, 0.25), (3000, 3000, 0.25), (5000, 4000, 0.25), (10023, 3996, 0.25),
        (9161, 3794, 0.25), (12771, 3210, 0.25), (100000, 25300, 0.25), (100000, 30000, 0.25),
        (1000000, 250500, 0.25), (1000000, 300000, 0.25), (50, 1, 0.5), (50, 49, 0.5), (7, 4, 0.1),
        (400, 20, 0.05), (400, 200, 0.05), (2500, 2400, 0.5), (20000, 16000, 0.5),
    ]
    for n, s, p in fixed:
        binomial.append((n, s, p))
    for _ in range(120):
        n = rng.choice([5, 20, 100, 300, 1000, 5000, 30000])
        p = rng.choice([0.1, 0.25, 0.25, 0.5, 0.75])
        s = rng.randint(0, n)
        binomial.append((n, s, p))
    gamma = []
    for a, x in [(1, 0.5), (1, 3), (10, 5), (10, 10), (10, 30), (200, 200), (200, 250), (200, 400),
                 (1000, 1000), (1000, 1100), (1000, 5000), (1000, 4000), (10000, 10100),
                 (10000, 12000), (100000, 100500), (500, 3500), (50, 1), (50, 45)]:
        gamma.append((a, x))
    for _ in range(60):
        a = rng.choice([1, 5, 30, 200, 1000, 10000])
        x = a * rng.choice([0.3, 0.8, 1.0, 1.1, 1.5, 2.0, 4.0]) + rng.random()
        gamma.append((a, round(x, 6)))

    for n, s, p in binomial:
        if n <= 1000 and s > 0:
            ref = mpmath.log(mpmath.betainc(s, n - s + 1, 0, p, regularized=True))
            assert abs(ref - ln_binom_tail(n, s, p)) <= abs(ref) * mpmath.mpf(10) ** -30 + mpmath.mpf(10) ** -40, (n, s, p)
    for a, x in gamma:
        if a <= 200:
            ref = mpmath.log(mpmath.gammainc(a, x, mpmath.inf, regularized=True))
            assert abs(ref - ln_gamma_tail(a, x)) <= abs(ref) * mpmath.mpf(10) ** -30 + mpmath.mpf(10) ** -40, (a, x)
    out = {
        "description": "ln tail probabilities from mpmath at 50 digits (scripts/tail_vectors.py); "
                       "binomial: ln P[Bin(n,p) >= s]; gamma: ln Q(a, x) upper tail of Gamma(a, 1).",
        "binomial": [{"n": n, "s": s, "p": p, "ln_tail": mpmath.nstr(ln_binom_tail(n, s, p), 25)}
                     for n, s, p in binomial],
        "gamma": [{"a": a, "x": x, "ln_tail": mpmath.nstr(ln_gamma_tail(a, x), 25)} for a, x in gamma],
    }
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
