"""The NumPy side of `bench/run.mjs`: reads the problems as JSON on stdin and prints, per problem,
NumPy's einsum_path 'greedy' and (for few operands) 'optimal' paths with their planning times,
without NumPy's default memory cap, and the median time of np.einsum along diagrad's path."""
import json, sys, time
import numpy as np

OPTIMAL_MAX = int(sys.argv[1]) if len(sys.argv) > 1 else 7
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
    out = {"numpy": np.__version__, "problems": []}
    for p in problems:
        eq, sizes = p["equation"], p["sizes"]
        lhs = eq.split("->")[0].split(",")
        ops = [rng.random([sizes[c] for c in term]) * 2 - 1 for term in lhs]
        res = {}
        if p["labels"] <= 52:
            (path, _), ms = timed(lambda: np.einsum_path(eq, *ops, optimize=NO_CAP))
            res["greedy"] = {"path": pairs(path), "ms": ms}
            if len(lhs) <= OPTIMAL_MAX:
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
    n = 512
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    times = [timed(lambda: a @ b)[1] for _ in range(10)]
    out["gemm_gflops"] = 2 * n**3 / (min(times) / 1000) / 1e9
    json.dump(out, sys.stdout)


main()
