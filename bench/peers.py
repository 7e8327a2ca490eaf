"""The peers `npm run bench` races: scikit-learn and SciPy on the rows the bench generated.

Run by bench/python-peers.ts as  $QUADRANT_BENCH_PYTHON bench/peers.py job.json  — never by hand. The job names a
raw float64 file of n×d rows (little-endian, row-major, as the bench wrote it) and a list of tasks; the answer is
one JSON object on stdout: {"results": [...]} in task order, times in milliseconds (median of `runs` timed calls
after one untimed warm-up when runs > 1), peak memory in MB as the growth of this process's peak resident set while
the task ran (the same measure as bench/peak-memory.ts uses for our code). `threads` 1 holds BLAS and OpenMP to one
thread (threadpoolctl), as our single-threaded kernels run; null leaves scikit-learn's default (all cores).
"""

import json
import resource
import statistics
import sys
import time

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(runs, fn):
    value = fn()
    if runs <= 1:
        start = time.perf_counter()
        value = fn()
        return (time.perf_counter() - start) * 1000, value
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), value


def load(path, n, d, dtype='<f8'):
    return np.fromfile(path, dtype=dtype, count=n * d).reshape(n, d)


def kmeans_iteration(X, task):
    """Time of one Lloyd iteration from given centroids: (time of `many` iterations − time of 1) / (many − 1)."""
    C = load(task['centroids'], task['k'], X.shape[1])
    many = task['iterations']

    def fit(iterations):
        return KMeans(task['k'], init=C, n_init=1, max_iter=iterations, tol=0, algorithm='lloyd').fit(X)

    one, _ = timed(task['runs'], lambda: fit(1))
    total, model = timed(task['runs'], lambda: fit(many))
    return {'ms': (total - one) / (model.n_iter_ - 1), 'iterations': int(model.n_iter_), 'inertia': model.inertia_}


def kmeans_fit(X, task):
    ms, model = timed(task['runs'], lambda: KMeans(task['k'], n_init=task['restarts'], random_state=0).fit(X))
    return {'ms': ms, 'iterations': int(model.n_iter_), 'inertia': model.inertia_}


def mini_batch_fit(X, task):
    def fit():
        return MiniBatchKMeans(task['k'], batch_size=1024, n_init=task['restarts'], random_state=0).fit(X)

    ms, model = timed(task['runs'], fit)
    return {'ms': ms, 'steps': int(model.n_steps_), 'inertia': model.inertia_}


def silhouette(X, task):
    labels = load(task['labels'], X.shape[0], 1, '<i4').ravel()
    size = task.get('sampleSize')
    ms, score = timed(task['runs'], lambda: silhouette_score(X, labels, sample_size=size, random_state=0))
    return {'ms': ms, 'score': float(score)}


def choose_k(X, task):
    """k over kMin..kMax: KMeans(n_init=restarts) per k, silhouette_score of a 5,000-row sample, best k."""

    def run():
        scores = {}
        for k in range(task['kMin'], task['kMax'] + 1):
            labels = KMeans(k, n_init=task['restarts'], random_state=0).fit(X).labels_
            scores[k] = silhouette_score(X, labels, sample_size=task['sampleSize'], random_state=0)
        return max(scores, key=scores.get), scores

    ms, (best, scores) = timed(task['runs'], run)
    return {'ms': ms, 'k': int(best), 'silhouettes': {str(k): float(s) for k, s in scores.items()}}


def ward(X, task):
    ms, Z = timed(task['runs'], lambda: linkage(X, 'ward'))
    out = {'ms': ms}
    if task.get('k'):
        out['labels'] = (fcluster(Z, task['k'], 'maxclust') - 1).tolist()
    return out


TASKS = {
    'kmeans-iteration': kmeans_iteration,
    'kmeans-fit': kmeans_fit,
    'mini-batch-fit': mini_batch_fit,
    'silhouette': silhouette,
    'choose-k': choose_k,
    'ward': ward,
}


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    X = load(job['data'], job['n'], job['d'])
    results = []
    for task in job['tasks']:
        before = peak_mb()
        with threadpool_limits(task.get('threads')):
            result = TASKS[task['kind']](X, task)
        result['peakMb'] = peak_mb() - before
        results.append(result)
    json.dump({'results': results}, sys.stdout)


if __name__ == '__main__':
    main()
