"""The campaign's independent oracle: JAX (x64) evaluates each case's expression and its
derivative. One long-lived process: each stdin line is a JSON array of cases
{id, expr, names, values, wrt, order}; each stdout line the JSON array of results
{id, value, derivative} (nested lists, J[out..., in...] as jax.jacobian), {id, invalid} when a
number is not finite, or {id, error}. The first line written is {"ready": jax.__version__}.
Orders: jax.jacrev for the first, jax.jacfwd around it for the next (forward over reverse, far
faster than nesting jacrev on CPU, the same numbers). The traced program runs with NumPy
(numpy_jaxpr.py), which spares XLA's per-primitive compilation."""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from numpy_jaxpr import run_jaxpr  # noqa: E402

# DIAGRAD_FUZZ_ORACLE=eager runs JAX's own kernels (XLA, compiled per primitive and shape: slow to
# start) instead of executing the traced program with NumPy; both use JAX's differentiation.
EAGER = os.environ.get("DIAGRAD_FUZZ_ORACLE") == "eager"

NAMESPACE = {
    "jnp": jnp,
    "exp": jnp.exp,
    "log": jnp.log,
    "sqrt": jnp.sqrt,
    "tanh": jnp.tanh,
    "sigmoid": jax.nn.sigmoid,
    "sin": jnp.sin,
    "cos": jnp.cos,
    "abs": jnp.abs,
    "relu": jax.nn.relu,
    "softplus": jax.nn.softplus,
    "sign": jnp.sign,
    "step": lambda x: jnp.where(x > 0, 1.0, 0.0),
    "sum": jnp.sum,
    "mean": jnp.mean,
    "tr": jnp.trace,
    "det": jnp.linalg.det,
    "logdet": lambda X: jnp.linalg.slogdet(X)[1],
    "inv": jnp.linalg.inv,
    "diag": jnp.diag,
    "outer": jnp.outer,
    "kron": jnp.kron,
    "vec": lambda X: jnp.ravel(X, order="F"),
    "unvec": lambda x, r, c: jnp.reshape(x, (r, c), order="F"),
    "norm": lambda X: jnp.sqrt(jnp.sum(X * X)),
    "softmax": lambda X: jax.nn.softmax(X, axis=-1),
    "logsumexp": lambda X: jax.scipy.special.logsumexp(X, axis=-1),
}


def finite(x):
    return bool(np.all(np.isfinite(x)))


def run(case):
    names = case["names"]
    f = eval(f"lambda {', '.join(names)}: {case['expr']}", NAMESPACE)  # noqa: S307
    args = [np.array(case["values"][n], dtype=np.float64) for n in names]
    g = jax.jacrev(f, argnums=names.index(case["wrt"]))
    for _ in range(case["order"] - 1):
        g = jax.jacfwd(g, argnums=names.index(case["wrt"]))
    if EAGER:
        value, derivative = f(*args), g(*args)
    else:
        traced = jax.make_jaxpr(lambda *a: (f(*a), g(*a)))(*args)
        value, derivative = run_jaxpr(traced, *args)
    value, derivative = np.asarray(value), np.asarray(derivative)
    if not finite(value):
        return {"id": case["id"], "invalid": "the expression is not finite at these values"}
    if not finite(derivative):
        return {"id": case["id"], "invalid": "the derivative is not finite at these values"}
    return {"id": case["id"], "value": value.tolist(), "derivative": derivative.tolist()}


def main():
    print(json.dumps({"ready": jax.__version__}), flush=True)
    for line in sys.stdin:
        results = []
        for case in json.loads(line):
            try:
                results.append(run(case))
            except Exception as e:  # noqa: BLE001
                results.append({"id": case["id"], "error": f"{type(e).__name__}: {e}"[:500]})
        sys.stdout.write(json.dumps(results) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
