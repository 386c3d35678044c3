#!/usr/bin/env python3
"""Reference values for tests/unit/learning/wilcoxon_test.cpp, computed independently of the C++ code.

Standard library only (scipy is not installable on these machines). The test does not run this script; its output
is written into the test by hand. Re-run it with `python3 wilcoxon_reference.py` to check those numbers.

Convention reproduced (scipy.stats.wilcoxon(d, zero_method="wilcox", correction=True, alternative="two-sided"),
method "exact" if n <= 25 with no ties and no zeros, else "approx"; R: wilcox.test(after, before, paired = TRUE)):
  d = after - before; zero differences dropped; average ranks of |d|; W+ = rank sum of d > 0.
  exact: all 2**n sign patterns enumerated one by one (not the recurrence the C++ uses);
         p = min(1, 2 * min(P(W+ <= w), P(W+ >= w))).
  approx: z = (W+ - n(n+1)/4 - 0.5*sign(W+ - n(n+1)/4)) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48),
          p = erfc(|z| / sqrt(2)).  r = z / sqrt(n).
"""
from fractions import Fraction
from itertools import product
import math


def ranks_by_counting(values):
    # rank of v = (number strictly below) + (number equal + 1) / 2: the average rank, without sorting.
    return [sum(1 for u in values if u < v) + Fraction(sum(1 for u in values if u == v) + 1, 2) for v in values]


def exact_two_sided(n, w_plus):
    below = above = 0
    for signs in product((0, 1), repeat=n):
        w = sum(rank for rank, s in zip(range(1, n + 1), signs) if s)
        below += w <= w_plus
        above += w >= w_plus
    return min(1.0, 2 * min(below, above) / 2 ** n)


def signed_rank(before, after, correction=True, exact_max_n=25):
    # Exact decimal differences, so 0.3-0.1 ties with 0.2-0.0 here too (the C++ rounds to 12 digits).
    d = [Fraction(str(a)) - Fraction(str(b)) for a, b in zip(after, before)]
    nonzero = [x for x in d if x != 0]
    n, zeros = len(nonzero), len(d) - len(nonzero)
    if n == 0:
        return dict(n=0, zeros=zeros)
    r = ranks_by_counting([abs(x) for x in nonzero])
    w_plus = sum(rk for rk, x in zip(r, nonzero) if x > 0)
    w_minus = sum(rk for rk, x in zip(r, nonzero) if x < 0)
    groups = {}
    for x in nonzero:
        groups[abs(x)] = groups.get(abs(x), 0) + 1
    ties = any(t > 1 for t in groups.values())
    mean = Fraction(n * (n + 1), 4)
    var = Fraction(n * (n + 1) * (2 * n + 1), 24) - Fraction(sum(t ** 3 - t for t in groups.values()), 48)
    diff = w_plus - mean
    cc = Fraction(1, 2) * ((diff > 0) - (diff < 0)) if correction else 0
    z = float(diff - cc) / math.sqrt(var)
    exact = n <= exact_max_n and not ties and zeros == 0
    p = exact_two_sided(n, int(w_plus)) if exact else min(1.0, math.erfc(abs(z) / math.sqrt(2)))
    return dict(n=n, zeros=zeros, w_plus=float(w_plus), w_minus=float(w_minus), ties=ties, exact=exact,
                z=z, p=p, r=z / math.sqrt(n))


CASES = {
    # Hollander & Wolfe (1973) p. 29, R's ?wilcox.test example; R prints V = 40, p = 0.01953 one-sided.
    "hollander_wolfe": ([0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
                        [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]),
    # Darwin's corn as differences (scipy docs): exact p = 0.041259765625.
    "darwin": ([0] * 15, [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]),
    # Likert 1-5, n = 8 with two zeros and ties: normal approximation.
    "likert_ties_zeros": ([2, 3, 2, 1, 3, 2, 4, 3], [4, 4, 3, 3, 3, 4, 4, 5]),
    # Likert, n = 12, mixed signs, ties, one zero.
    "likert_mixed": ([3, 2, 4, 1, 2, 3, 5, 2, 3, 4, 2, 3], [4, 4, 3, 3, 2, 5, 4, 4, 4, 5, 3, 5]),
    # Untied, n = 5, all improved: exact 2/32.
    "five_up": ([1, 1, 1, 1, 1], [2, 3, 4, 5, 6]),
    # Untied, W+ at the centre of the distribution: p = 1.
    "centre": ([0, 0, 0], [1, 2, -3]),
    # n = 30 untied: beyond the exact limit, normal approximation.
    "thirty": ([0] * 30, [(-1) ** (i % 3 == 0) * (i + 1) for i in range(30)]),
    # Exact limit: n = 25 untied is exact, n = 26 is not.
    "twenty_five": ([0] * 25, [(i + 1) * (-1 if i in (2, 7, 11, 19) else 1) for i in range(25)]),
    "twenty_six": ([0] * 26, [(i + 1) * (-1 if i in (2, 7, 11, 19) else 1) for i in range(26)]),
    # One nonzero difference of 0.3-0.1 against 0.2-0.0: a tie only if subtraction noise is removed.
    "float_noise": ([0.1, 0.0, 0.5], [0.3, 0.2, 0.9]),
}

if __name__ == "__main__":
    for name, (before, after) in CASES.items():
        print(name, {k: (repr(v) if isinstance(v, float) else v) for k, v in signed_rank(before, after).items()})
    print("darwin approx, no correction", signed_rank(*CASES["darwin"], correction=False, exact_max_n=0)["p"])
    print("darwin approx, correction", signed_rank(*CASES["darwin"], exact_max_n=0)["p"])
    print("hollander_wolfe approx, no correction", signed_rank(*CASES["hollander_wolfe"], correction=False,
                                                               exact_max_n=0))
