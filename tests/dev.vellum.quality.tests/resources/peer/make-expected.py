#!/usr/bin/python3
"""Writes the peer test vectors (ratings CSVs) and the values other tools compute for them.

Run with Debian's python3 (python3-statsmodels, python3-nltk) and Rscript with r-cran-psych on PATH
(/work/shared/tools/peer-tools installs them):

    /usr/bin/python3 make-expected.py        # in this folder; rewrites *.csv and expected.tsv

The vectors are random but seeded, so a rerun gives the same files. expected.tsv has one line per
value: file, measure, level, tool, value (repr of the float, 17 significant digits).
Tools:
  nltk        nltk.metrics.agreement.AnnotationTask: alpha (with binary, ordinal, interval and ratio
              distances; the ordinal distance is Krippendorff's, computed here from the marginals of
              the pairable values and handed to NLTK), kappa (Cohen, complete two-rater data only,
              since NLTK's kappa needs every item labelled by both)
  statsmodels statsmodels.stats.inter_rater: fleiss_kappa (complete data, equal counts) and
              cohens_kappa (unweighted, linear, quadratic) over the units both raters rated
  psych       R psych cohen.kappa over the units both raters rated: kappa and weighted kappa
              (psych's default quadratic weights)
"""
import csv
import os
import random
import subprocess
from collections import Counter

import numpy as np
from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa, to_table

HERE = os.path.dirname(os.path.abspath(__file__))
rows_out = []


def write_csv(name, ratings):
    """ratings: list of (unit, rater, value) with value a str."""
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["unit", "rater", "value"])
        for r in ratings:
            w.writerow(r)


def expect(file, measure, level, tool, value):
    rows_out.append((file, measure, level, tool, repr(float(value))))


def ratio_distance(a, b):
    return 0.0 if a + b == 0 else ((a - b) / (a + b)) ** 2


def ordinal_distance_for(ratings):
    """Krippendorff's ordinal metric over the marginals of the pairable values."""
    per_unit = Counter(u for u, _, _ in ratings)
    freq = Counter(v for u, _, v in ratings if per_unit[u] >= 2)
    values = sorted(freq)

    def distance(a, b):
        lo, hi = min(a, b), max(a, b)
        s = sum(freq[g] for g in values if lo <= g <= hi)
        return (s - (freq[a] + freq[b]) / 2.0) ** 2

    return distance


def nltk_alpha(ratings, level, numeric):
    data = [(r, u, float(v) if numeric else v) for u, r, v in ratings]
    if level == "nominal":
        dist = binary_distance
    elif level == "interval":
        dist = interval_distance
    elif level == "ratio":
        dist = ratio_distance
    else:
        dist = ordinal_distance_for([(u, r, float(v)) for u, r, v in ratings])
    return AnnotationTask(data=data, distance=dist).alpha()


def alpha_all(name, ratings, numeric):
    for level in (["nominal", "ordinal", "interval", "ratio"] if numeric else ["nominal"]):
        expect(name, "alpha", level, "nltk", nltk_alpha(ratings, level, numeric))


def random_ratings(seed, units, raters, values, missing, numeric_labels=True):
    rnd = random.Random(seed)
    out = []
    for u in range(units):
        truth = rnd.randrange(len(values))
        for r in range(raters):
            if rnd.random() < missing:
                continue
            # raters mostly near the truth, so the coefficients are far from 0
            k = truth if rnd.random() < 0.6 else rnd.randrange(len(values))
            out.append((f"u{u:03d}", f"r{r}", values[k]))
    return out


def pairs_of(ratings, a, b):
    """(value of a, value of b) for units both rated, in unit order."""
    by = {}
    for u, r, v in ratings:
        by.setdefault(u, {})[r] = v
    return [(d[a], d[b]) for u, d in sorted(by.items()) if a in d and b in d]


def psych_kappa(pairs, numeric):
    conv = "as.numeric" if numeric else "as.character"
    x = ",".join(f'"{a}"' for a, _ in pairs)
    y = ",".join(f'"{b}"' for _, b in pairs)
    script = (f"suppressMessages(library(psych)); d <- data.frame(a={conv}(c({x})), b={conv}(c({y})));"
              "k <- cohen.kappa(d); cat(sprintf('%.17g %.17g\\n', k$kappa, k$weighted.kappa))")
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def cohen_all(name, ratings, numeric):
    pairs = pairs_of(ratings, "r0", "r1")
    cats = sorted({v for p in pairs for v in p}, key=(float if numeric else str))
    idx = {c: i for i, c in enumerate(cats)}
    codes = np.array([[idx[a], idx[b]] for a, b in pairs])
    table = to_table(codes, bins=len(cats))[0]
    expect(name, "cohen", "nominal", "statsmodels", cohens_kappa(table, return_results=False))
    if numeric:
        expect(name, "cohen", "ordinal", "statsmodels", cohens_kappa(table, wt="linear", return_results=False))
        expect(name, "cohen", "interval", "statsmodels", cohens_kappa(table, wt="quadratic", return_results=False))
    k, wk = psych_kappa(pairs, numeric)
    expect(name, "cohen", "nominal", "psych", k)
    if numeric:
        expect(name, "cohen", "interval", "psych", wk)


def fleiss_all(name, ratings):
    by = {}
    for u, r, v in ratings:
        by.setdefault(u, {})[r] = v
    raters = sorted({r for _, r, _ in ratings})
    cats = sorted({v for _, _, v in ratings})
    idx = {c: i for i, c in enumerate(cats)}
    data = np.array([[idx[d[r]] for r in raters] for u, d in sorted(by.items())])
    expect(name, "fleiss", "nominal", "statsmodels", fleiss_kappa(aggregate_raters(data, n_cat=len(cats))[0]))


def main():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers x 12 units.
    k = {"A": "1 2 3 3 2 1 4 1 2 . . .", "B": "1 2 3 3 2 2 4 1 2 5 . 3",
         "C": ". 3 3 3 2 3 4 2 2 5 1 .", "D": "1 2 3 3 2 4 4 1 2 5 1 ."}
    kripp = [(f"{u + 1}", obs, v) for obs, line in k.items() for u, v in enumerate(line.split()) if v != "."]
    write_csv("krippendorff2011.csv", kripp)
    alpha_all("krippendorff2011.csv", kripp, True)

    # Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses; the table statsmodels' and R irr's
    # test suites carry as 'diagnoses'.
    from statsmodels.stats.tests.test_inter_rater import diagnoses
    fleiss71 = [(f"{s + 1}", f"rater{j + 1}", str(int(diagnoses[s, j]))) for s in range(30) for j in range(6)]
    write_csv("fleiss1971.csv", fleiss71)
    fleiss_all("fleiss1971.csv", fleiss71)
    alpha_all("fleiss1971.csv", fleiss71, False)

    # Random vectors with missing data.
    v1 = random_ratings(11, 40, 3, ["cat", "dog", "bird", "fish"], 0.15)
    write_csv("random-labels-3x40.csv", v1)
    alpha_all("random-labels-3x40.csv", v1, False)

    v2 = random_ratings(12, 50, 4, ["1", "2", "3", "4", "5"], 0.2)
    write_csv("random-scores-4x50.csv", v2)
    alpha_all("random-scores-4x50.csv", v2, True)

    v3 = random_ratings(13, 30, 6, ["a", "b", "c", "d"], 0.0)
    write_csv("random-complete-6x30.csv", v3)
    fleiss_all("random-complete-6x30.csv", v3)
    alpha_all("random-complete-6x30.csv", v3, False)

    v4 = random_ratings(14, 60, 2, ["1", "2", "3", "4"], 0.1)
    write_csv("random-pair-2x60.csv", v4)
    cohen_all("random-pair-2x60.csv", v4, True)
    alpha_all("random-pair-2x60.csv", v4, True)

    v5 = random_ratings(15, 80, 2, ["pos", "neg", "neutral"], 0.0)
    write_csv("random-pair-complete-2x80.csv", v5)
    cohen_all("random-pair-complete-2x80.csv", v5, False)
    task = AnnotationTask(data=[(r, u, v) for u, r, v in v5])
    expect("random-pair-complete-2x80.csv", "cohen", "nominal", "nltk", task.kappa())
    alpha_all("random-pair-complete-2x80.csv", v5, False)

    v6 = random_ratings(16, 200, 5, ["0", "0.5", "1.5", "4", "10"], 0.3)
    write_csv("random-ratio-5x200.csv", v6)
    alpha_all("random-ratio-5x200.csv", v6, True)

    with open(os.path.join(HERE, "expected.tsv"), "w") as f:
        f.write("file\tmeasure\tlevel\ttool\tvalue\n")
        for r in rows_out:
            f.write("\t".join(r) + "\n")
    for r in rows_out:
        print(*r)


if __name__ == "__main__":
    main()
