/**
 * The three Python array libraries generated code can target, as data: how each spells the
 * functions of a box and the few array constructors a contraction needs. A `Record` over every
 * function makes a missing spelling a compile error.
 */
import type { BoxFn } from "../../network/types.js";

export type Backend = "numpy" | "torch" | "jax";

export interface Spelling {
  imports: string;
  /** The module prefix: `np`, `torch`, `jnp`. */
  xp: string;
  functions: Record<BoxFn, (u: string, p: number) => string>;
  ones: (dims: string) => string;
  eye: (n: string) => string;
  zeros: (dims: string) => string;
}

const numpy: Spelling = {
  imports: "import numpy as np",
  xp: "np",
  functions: {
    exp: (u) => `np.exp(${u})`,
    log: (u) => `np.log(${u})`,
    sqrt: (u) => `np.sqrt(${u})`,
    tanh: (u) => `np.tanh(${u})`,
    sigmoid: (u) => `0.5 * (1 + np.tanh(0.5 * ${u}))`,
    sin: (u) => `np.sin(${u})`,
    cos: (u) => `np.cos(${u})`,
    abs: (u) => `np.abs(${u})`,
    group: (u) => u,
    relu: (u) => `np.maximum(${u}, 0)`,
    softplus: (u) => `np.logaddexp(0, ${u})`,
    sign: (u) => `np.sign(${u})`,
    step: (u) => `np.heaviside(${u}, 0.0)`,
    pow: (u, p) => `np.power(${u}, ${p})`,
    inv: (u) => `np.linalg.inv(${u})`,
    det: (u) => `np.linalg.det(${u})`,
    logdet: (u) => `np.linalg.slogdet(${u})[1]`,
    softmax: (u) => `_softmax(${u})`,
    logsumexp: (u) => `_logsumexp(${u})`,
    norm: (u) => `np.sqrt(np.sum(${u} * ${u}))`,
  },
  ones: (dims) => `np.ones((${dims},))`,
  eye: (n) => `np.eye(${n})`,
  zeros: (dims) => `np.zeros((${dims}))`,
};

const torch: Spelling = {
  imports: "import torch",
  xp: "torch",
  functions: {
    ...numpy.functions,
    exp: (u) => `torch.exp(${u})`,
    log: (u) => `torch.log(${u})`,
    sqrt: (u) => `torch.sqrt(${u})`,
    tanh: (u) => `torch.tanh(${u})`,
    sigmoid: (u) => `torch.sigmoid(${u})`,
    sin: (u) => `torch.sin(${u})`,
    cos: (u) => `torch.cos(${u})`,
    abs: (u) => `torch.abs(${u})`,
    group: (u) => u,
    relu: (u) => `torch.relu(${u})`,
    softplus: (u) => `torch.nn.functional.softplus(${u})`,
    sign: (u) => `torch.sign(${u})`,
    step: (u) => `(${u} > 0).to(${u}.dtype)`,
    pow: (u, p) => `torch.pow(${u}, ${p})`,
    inv: (u) => `torch.linalg.inv(${u})`,
    det: (u) => `torch.linalg.det(${u})`,
    logdet: (u) => `torch.linalg.slogdet(${u})[1]`,
    softmax: (u) => `torch.softmax(${u}, -1)`,
    logsumexp: (u) => `torch.logsumexp(${u}, -1)`,
    norm: (u) => `torch.sqrt(torch.sum(${u} * ${u}))`,
  },
  ones: (dims) => `torch.ones((${dims},), dtype=torch.float64)`,
  eye: (n) => `torch.eye(${n}, dtype=torch.float64)`,
  zeros: (dims) => `torch.zeros((${dims}), dtype=torch.float64)`,
};

const jax: Spelling = {
  imports: "import jax\nimport jax.numpy as jnp",
  xp: "jnp",
  functions: {
    ...numpy.functions,
    exp: (u) => `jnp.exp(${u})`,
    log: (u) => `jnp.log(${u})`,
    sqrt: (u) => `jnp.sqrt(${u})`,
    tanh: (u) => `jnp.tanh(${u})`,
    sigmoid: (u) => `jax.nn.sigmoid(${u})`,
    sin: (u) => `jnp.sin(${u})`,
    cos: (u) => `jnp.cos(${u})`,
    abs: (u) => `jnp.abs(${u})`,
    group: (u) => u,
    relu: (u) => `jax.nn.relu(${u})`,
    softplus: (u) => `jax.nn.softplus(${u})`,
    sign: (u) => `jnp.sign(${u})`,
    step: (u) => `jnp.heaviside(${u}, 0.0)`,
    pow: (u, p) => `jnp.power(${u}, ${p})`,
    inv: (u) => `jnp.linalg.inv(${u})`,
    det: (u) => `jnp.linalg.det(${u})`,
    logdet: (u) => `jnp.linalg.slogdet(${u})[1]`,
    softmax: (u) => `jax.nn.softmax(${u}, axis=-1)`,
    logsumexp: (u) => `jax.scipy.special.logsumexp(${u}, axis=-1)`,
    norm: (u) => `jnp.sqrt(jnp.sum(${u} * ${u}))`,
  },
  ones: (dims) => `jnp.ones((${dims},))`,
  eye: (n) => `jnp.eye(${n})`,
  zeros: (dims) => `jnp.zeros((${dims}))`,
};

export const backends: Record<Backend, Spelling> = { numpy, torch, jax };

/** NumPy helpers the numpy spelling calls (the other libraries have them built in). */
export const numpyHelpers = `def _softmax(u):
    e = np.exp(u - np.max(u, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _logsumexp(u):
    m = np.max(u, axis=-1, keepdims=True)
    return np.squeeze(m, -1) + np.log(np.sum(np.exp(u - m), axis=-1))`;
