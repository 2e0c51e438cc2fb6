"""Runs a jaxpr with NumPy instead of compiling each primitive with XLA.

JAX computes every derivative of the campaign: `jax.make_jaxpr` traces the nested jacobian
(JAX's own differentiation rules, pure Python, nothing compiled) and this module executes the
traced program's primitives with NumPy's float64 arithmetic. Eager JAX would compile every new
(primitive, shape) pair with XLA first, about 40 compilations per random expression, seconds of
compiling per case where running takes microseconds. Primitives not listed here (linear-algebra
kernels, gather, scatter, cond, sort) are bound to JAX itself, which compiles them, so an
unlisted primitive is slower, never wrong.
"""
import numpy as np
from jax.extend.core import Literal


def _broadcast_in_dim(x, shape, broadcast_dimensions, **_):
    full = [1] * len(shape)
    for i, d in enumerate(broadcast_dimensions):
        full[d] = x.shape[i]
    return np.broadcast_to(np.reshape(x, full), tuple(shape)).copy()


def _iota(dtype, shape, dimension, **_):
    ramp = np.arange(shape[dimension], dtype=dtype)
    full = [1] * len(shape)
    full[dimension] = shape[dimension]
    return np.broadcast_to(ramp.reshape(full), tuple(shape)).copy()


def _dot_general(a, b, dimension_numbers, **_):
    (lc, rc), (lb, rb) = dimension_numbers
    letters = iter("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    la = [None] * a.ndim
    lbl = [None] * b.ndim
    batch = []
    for i, j in zip(lb, rb):
        la[i] = lbl[j] = next(letters)
        batch.append(la[i])
    for i, j in zip(lc, rc):
        la[i] = lbl[j] = next(letters)
    free_a = []
    for i in range(a.ndim):
        if la[i] is None:
            la[i] = next(letters)
            free_a.append(la[i])
    free_b = []
    for j in range(b.ndim):
        if lbl[j] is None:
            lbl[j] = next(letters)
            free_b.append(lbl[j])
    spec = f"{''.join(la)},{''.join(lbl)}->{''.join(batch + free_a + free_b)}"
    return np.einsum(spec, a, b)


def _pad(x, padding_value, padding_config, **_):
    out = x
    for axis, (lo, hi, interior) in enumerate(padding_config):
        n = out.shape[axis]
        if interior > 0 and n > 0:
            shape = list(out.shape)
            shape[axis] = n + (n - 1) * interior
            spread = np.full(shape, padding_value, dtype=out.dtype)
            index = [slice(None)] * out.ndim
            index[axis] = slice(None, None, interior + 1)
            spread[tuple(index)] = out
            out = spread
        if lo < 0:
            out = np.take(out, range(-lo, out.shape[axis]), axis=axis)
        if hi < 0:
            out = np.take(out, range(0, out.shape[axis] + hi), axis=axis)
        width = [(0, 0)] * out.ndim
        width[axis] = (max(lo, 0), max(hi, 0))
        out = np.pad(out, width, constant_values=padding_value)
    return out


def _slice(x, start_indices, limit_indices, strides=None, **_):
    strides = strides or (1,) * x.ndim
    return x[tuple(slice(s, e, k) for s, e, k in zip(start_indices, limit_indices, strides))]


def _split(x, sizes, axis, **_):
    return np.split(x, np.cumsum(sizes)[:-1], axis=axis)


def _select_n(which, *cases):
    return np.choose(np.asarray(which).astype(np.int64), cases)


def _logistic(x, **_):
    return 1 / (1 + np.exp(-x))


def _pow(x, y, **_):
    return np.power(x, y)


def _sign(x, **_):
    return np.sign(x)


UNARY = {
    "neg": np.negative,
    "exp": np.exp,
    "log": np.log,
    "sin": np.sin,
    "cos": np.cos,
    "tanh": np.tanh,
    "sqrt": np.sqrt,
    "rsqrt": lambda x: 1 / np.sqrt(x),
    "log1p": np.log1p,
    "expm1": np.expm1,
    "abs": np.abs,
    "sign": np.sign,
    "is_finite": np.isfinite,
    "not": np.logical_not,
    "stop_gradient": lambda x: x,
    "copy": np.copy,
    "copy_p": np.copy,
    "square": np.square,
}
BINARY = {
    "add": np.add,
    "add_any": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "max": np.maximum,
    "min": np.minimum,
    "pow": np.power,
    "rem": np.fmod,
    "eq": np.equal,
    "ne": np.not_equal,
    "lt": np.less,
    "le": np.less_equal,
    "gt": np.greater,
    "ge": np.greater_equal,
    "and": np.logical_and,
    "or": np.logical_or,
}
IMPLEMENTED = {
    "broadcast_in_dim": _broadcast_in_dim,
    "iota": _iota,
    "dot_general": _dot_general,
    "pad": _pad,
    "slice": _slice,
    "select_n": _select_n,
    "logistic": _logistic,
    "integer_pow": lambda x, y, **_: np.power(x, y),
    "convert_element_type": lambda x, new_dtype, **_: np.asarray(x).astype(new_dtype),
    # `dimensions`: the axes' order to read the operand in (jnp.reshape(order="F") uses it)
    "reshape": lambda x, new_sizes, dimensions=None, **_: np.reshape(
        x if dimensions is None else np.transpose(x, dimensions), new_sizes
    ),
    "transpose": lambda x, permutation, **_: np.transpose(x, permutation),
    "reduce_sum": lambda x, axes, **_: np.sum(x, axis=tuple(axes)),
    "reduce_max": lambda x, axes, **_: np.max(x, axis=tuple(axes)),
    "reduce_min": lambda x, axes, **_: np.min(x, axis=tuple(axes)),
    "reduce_or": lambda x, axes, **_: np.any(x, axis=tuple(axes)),
    "reduce_and": lambda x, axes, **_: np.all(x, axis=tuple(axes)),
    "squeeze": lambda x, dimensions, **_: np.squeeze(x, axis=tuple(dimensions)),
    "concatenate": lambda *xs, dimension, **_: np.concatenate(xs, axis=dimension),
}
MULTIPLE = {"split": _split}
# primitives that hold a jaxpr to run in turn, and the parameter holding it
CALLS = {
    "jit": "jaxpr",
    "pjit": "jaxpr",
    "closed_call": "call_jaxpr",
    "core_call": "call_jaxpr",
    "custom_jvp_call": "call_jaxpr",
    "custom_vjp_call": "call_jaxpr",
    "custom_vjp_call_jaxpr": "fun_jaxpr",
    "remat": "jaxpr",
    "checkpoint": "jaxpr",
}


def run_jaxpr(closed, *args):
    """The outputs of a ClosedJaxpr at these inputs, as NumPy arrays."""
    jaxpr = getattr(closed, "jaxpr", closed)
    consts = getattr(closed, "consts", [])
    env = {}

    def read(v):
        return np.asarray(v.val) if isinstance(v, Literal) else env[v]

    for var, value in zip(jaxpr.constvars, consts):
        env[var] = np.asarray(value)
    for var, value in zip(jaxpr.invars, args):
        env[var] = np.asarray(value)
    for eqn in jaxpr.eqns:
        name = eqn.primitive.name
        invals = [read(v) for v in eqn.invars]
        params = eqn.params
        if name in UNARY:
            outs = [UNARY[name](invals[0])]
        elif name in BINARY:
            outs = [BINARY[name](invals[0], invals[1])]
        elif name in IMPLEMENTED:
            outs = [IMPLEMENTED[name](*invals, **params)]
        elif name in MULTIPLE:
            outs = MULTIPLE[name](*invals, **params)
        elif name in CALLS and CALLS[name] in params:
            outs = run_jaxpr(params[CALLS[name]], *invals)
        else:
            result = eqn.primitive.bind(*invals, **params)
            outs = result if eqn.primitive.multiple_results else [result]
        for var, value in zip(eqn.outvars, outs):
            env[var] = np.asarray(value, dtype=var.aval.dtype) if hasattr(var, "aval") else np.asarray(value)
    return [read(v) for v in jaxpr.outvars]
