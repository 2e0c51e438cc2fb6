"""The NumPy side of `bench/run.mjs`: reads the problems as JSON on stdin and prints, per problem,
NumPy's einsum_path 'greedy' and (for few operands) 'optimal' paths with their planning times,
without NumPy's default memory cap, and the median time of np.einsum along diagrad's path; and,
where opt_einsum is installed, its 'dp' path and planning time (given up after 10 s). With the
argument "eval" after OPTIMAL_MAX, only the evaluation times (a later round of the benchmark)."""
import json, signal, sys, time
import numpy as np

try:
    import opt_einsum
except ImportError:
    opt_einsum = None

DP_SECONDS = 10


class TooLong(Exception):
    pass


def too_long(signum, frame):
    raise TooLong()


def dp(eq, shapes):
    """opt_einsum's dp path and planning time in ms, or None when it takes too long."""
    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(DP_SECONDS)
    try:
        start = time.perf_counter()
        path, _ = opt_einsum.contract_path(eq, *shapes, shapes=True, optimize="dp")
        return {"path": [list(s) for s in path], "ms": (time.perf_counter() - start) * 1000}
    except TooLong:
        return None
    finally:
        signal.alarm(0)

OPTIMAL_MAX = int(sys.argv[1]) if len(sys.argv) > 1 else 7
# "eval": only the evaluations along diagrad's paths (a later round of the benchmark)
EVAL_ONLY = len(sys.argv) > 2 and sys.argv[2] == "eval"
NO_CAP = ("greedy", 10**30)


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def pairs(path):
    steps = [list(s) for s in path[1:]]
    return steps if all(len(s) == 2 for s in steps) else None


def main():
    problems = json.load(sys.stdin)
    rng = np.random.default_rng(0)
    out = {"numpy": np.__version__, "problems": [],
           "opt_einsum": opt_einsum.__version__ if opt_einsum else None}
    for p in problems:
        eq, sizes = p["equation"], p["sizes"]
        lhs = eq.split("->")[0].split(",")
        ops = [rng.random([sizes[c] for c in term]) * 2 - 1 for term in lhs]
        res = {}
        if opt_einsum is not None and not EVAL_ONLY:
            shapes = [tuple(sizes[c] for c in term) for term in lhs]
            res["dp"] = dp(eq, shapes)
        if p["labels"] <= 52:
            if not EVAL_ONLY:
                (path, _), ms = timed(lambda: np.einsum_path(eq, *ops, optimize=NO_CAP))
                res["greedy"] = {"path": pairs(path), "ms": ms}
            if len(lhs) <= OPTIMAL_MAX and not EVAL_ONLY:
                (path, _), ms = timed(
                    lambda: np.einsum_path(eq, *ops, optimize=("optimal", 10**30)))
                res["optimal"] = {"path": pairs(path), "ms": ms}
            if p.get("path") is not None:
                path = ["einsum_path"] + [tuple(s) for s in p["path"]]
                np.einsum(eq, *ops, optimize=path)
                times = []
                for _ in range(p["repeat"]):
                    _, ms = timed(lambda: np.einsum(eq, *ops, optimize=path))
                    times.append(ms)
                res["eval_ms"] = float(np.median(times))
        out["problems"].append(res)
    if not EVAL_ONLY:
        n = 512
        a, b = rng.random((n, n)), rng.random((n, n))
        a @ b
        times = [timed(lambda: a @ b)[1] for _ in range(10)]
        out["gemm_gflops"] = 2 * n**3 / (min(times) / 1000) / 1e9
    json.dump(out, sys.stdout)


main()
