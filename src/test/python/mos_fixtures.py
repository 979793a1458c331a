#!/usr/bin/python3
"""Fixtures for org.deepsr.metrics.mos, computed with scipy.stats.

Run: /usr/bin/python3 src/test/python/mos_fixtures.py
Writes src/test/resources/org/deepsr/metrics/mos/:
  * t_quantiles.csv: p, df, scipy.stats.t.ppf(p, df), scipy.stats.t.cdf(t, df) at t = 1.3
  * ratings.csv: deterministic pseudo-random ratings (header rater,image,method,score;
    one method name needs CSV quoting)
  * expected_mos.csv: per method n, mean, sample sd and the 95% interval from
    scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=scipy.stats.sem(scores))
"""
import csv
import os

import numpy as np
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'org', 'deepsr', 'metrics', 'mos')


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 't_quantiles.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['p', 'df', 'ppf', 'cdf_at_1.3'])
        for df in [1, 2, 3, 4, 5, 7, 10, 19, 29, 30, 59, 119, 1000, 2.5]:
            for p in [0.975, 0.95, 0.995, 0.9, 0.6, 0.025, 0.5]:
                w.writerow([repr(p), repr(float(df)), repr(float(stats.t.ppf(p, df))),
                            repr(float(stats.t.cdf(1.3, df)))])
    rng = np.random.default_rng(7)
    methods = {'bicubic': 2.4, 'FSRCNN': 3.3, 'EDSR, x4': 3.9, 'single': 4.0}
    rows = []
    for rater in ['ann', 'bob', 'cai']:
        for image in ['baby', 'bird', 'butterfly', 'head', 'woman']:
            for method, centre in methods.items():
                if method == 'single' and (rater, image) != ('ann', 'bird'):
                    continue  # one rating only: no interval
                rows.append([rater, image, method, int(np.clip(np.round(rng.normal(centre, 0.9)), 1, 5))])
    with open(os.path.join(OUT, 'ratings.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['rater', 'image', 'method', 'score'])
        w.writerows(rows)
    with open(os.path.join(OUT, 'expected_mos.csv'), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['method', 'n', 'mean', 'sd', 'low', 'high'])
        for method in methods:
            s = np.array([r[3] for r in rows if r[2] == method], dtype=np.float64)
            if len(s) > 1:
                low, high = stats.t.interval(0.95, len(s) - 1, loc=s.mean(), scale=stats.sem(s))
                sd = s.std(ddof=1)
            else:
                low = high = sd = float('nan')
            w.writerow([method, len(s), repr(float(s.mean())), repr(float(sd)), repr(float(low)), repr(float(high))])


if __name__ == '__main__':
    main()
