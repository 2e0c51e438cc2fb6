/**
 * The benchmark's contraction problems: each is a list of operands (arrays of integer labels), an
 * output, and a size per label, built deterministically (seeded). `equation()` turns one into
 * einsum text: letters a–z, A–Z for up to 52 labels (what NumPy accepts), Greek and other
 * letters beyond that (NumPy cannot take those problems; diagrad can).
 */
import { mulberry32 } from "../packages/core/dist/plan/random.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const EXTRA = [..."αβγδεζηθικλμνξπρστυφχψωΓΔΘΛΞΠΣΦΨΩабвгдежзийклмнопрстуфхцчшщ"];

/** The problem as `{ equation, sizes }` with one character per label. */
export function equation(problem) {
  const names = new Map();
  const name = (l) => {
    if (!names.has(l)) {
      const k = names.size;
      names.set(l, k < 52 ? LETTERS[k] : EXTRA[k - 52]);
    }
    return names.get(l);
  };
  const lhs = problem.inputs.map((ls) => ls.map(name).join("")).join(",");
  const rhs = problem.output.map(name).join("");
  /** @type {Record<string, number>} */
  const sizes = {};
  for (const [l, n] of names) sizes[n] = problem.sizes[l];
  return { equation: `${lhs}->${rhs}`, sizes, labels: names.size };
}

function fromText(name, eq, sizes) {
  const [lhs, rhs] = eq.split("->");
  const ids = new Map();
  const id = (ch) => {
    if (!ids.has(ch)) ids.set(ch, ids.size);
    return ids.get(ch);
  };
  const inputs = lhs.split(",").map((t) => [...t].map(id));
  const output = [...rhs].map(id);
  const s = [];
  for (const [ch, k] of ids) s[k] = sizes[ch];
  return { name, inputs, output, sizes: s };
}

function chain(name, dims) {
  const inputs = dims.slice(1).map((_, k) => [k, k + 1]);
  return { name, inputs, output: [0, dims.length - 1], sizes: dims };
}

function ring(name, n, bond) {
  const inputs = Array.from({ length: n }, (_, k) => [k, (k + 1) % n]);
  return { name, inputs, output: [], sizes: new Array(n).fill(bond) };
}

function mpsNorm(name, length, bond, phys) {
  // ket: A_k[l_{k-1}, p_k, l_k]; bra: B_k[m_{k-1}, p_k, m_k]; open ends dropped.
  const sizes = [];
  const label = (d) => {
    sizes.push(d);
    return sizes.length - 1;
  };
  const p = Array.from({ length }, () => label(phys));
  const l = Array.from({ length: length - 1 }, () => label(bond));
  const m = Array.from({ length: length - 1 }, () => label(bond));
  const inputs = [];
  for (const bonds of [l, m]) {
    for (let k = 0; k < length; k++) {
      inputs.push([...(k > 0 ? [bonds[k - 1]] : []), p[k], ...(k < length - 1 ? [bonds[k]] : [])]);
    }
  }
  return { name, inputs, output: [], sizes };
}

function mpsExpectation(name, length, bond, phys, mpoBond) {
  const sizes = [];
  const label = (d) => {
    sizes.push(d);
    return sizes.length - 1;
  };
  const p = Array.from({ length }, () => label(phys));
  const q = Array.from({ length }, () => label(phys));
  const l = Array.from({ length: length - 1 }, () => label(bond));
  const m = Array.from({ length: length - 1 }, () => label(bond));
  const w = Array.from({ length: length - 1 }, () => label(mpoBond));
  const inputs = [];
  const site = (bonds, k, phys) => [
    ...(k > 0 ? [bonds[k - 1]] : []),
    phys,
    ...(k < length - 1 ? [bonds[k]] : []),
  ];
  for (let k = 0; k < length; k++) inputs.push(site(l, k, p[k]));
  for (let k = 0; k < length; k++) inputs.push([...site(w, k, p[k]), q[k]]);
  for (let k = 0; k < length; k++) inputs.push(site(m, k, q[k]));
  return { name, inputs, output: [], sizes };
}

function pepsNorm(name, w, h, bond, phys) {
  // ket: A_s[p_s, bonds of s]; bra: B_s[p_s, other bonds of s]; the physical legs join the layers.
  const sizes = [];
  const label = (d) => {
    sizes.push(d);
    return sizes.length - 1;
  };
  const p = Array.from({ length: w * h }, () => label(phys));
  const layer = () => {
    const inputs = p.map((l) => [l]);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const s = y * w + x;
        if (x + 1 < w) {
          const l = label(bond);
          inputs[s].push(l);
          inputs[s + 1].push(l);
        }
        if (y + 1 < h) {
          const l = label(bond);
          inputs[s].push(l);
          inputs[s + w].push(l);
        }
      }
    }
    return inputs;
  };
  return { name, inputs: [...layer(), ...layer()], output: [], sizes };
}

function grid(name, w, h, bond) {
  const inputs = Array.from({ length: w * h }, () => []);
  const sizes = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x + 1 < w) {
        inputs[y * w + x].push(sizes.length);
        inputs[y * w + x + 1].push(sizes.length);
        sizes.push(bond);
      }
      if (y + 1 < h) {
        inputs[y * w + x].push(sizes.length);
        inputs[(y + 1) * w + x].push(sizes.length);
        sizes.push(bond);
      }
    }
  }
  return { name, inputs, output: [], sizes };
}

function tree(name, nodes, bond) {
  // A complete binary tree: node k's parent is (k − 1) >> 1; each edge is a bond label.
  const inputs = Array.from({ length: nodes }, () => []);
  for (let k = 1; k < nodes; k++) {
    inputs[k].push(k - 1);
    inputs[(k - 1) >> 1].push(k - 1);
  }
  // Leaves carry an open physical leg of size 2 on the first two leaves only (a small output).
  const sizes = new Array(nodes - 1).fill(bond);
  const leaves = inputs.map((ls, k) => (ls.length === 1 ? k : -1)).filter((k) => k >= 0);
  const output = [];
  for (const leaf of leaves.slice(0, 2)) {
    inputs[leaf].push(sizes.length);
    output.push(sizes.length);
    sizes.push(2);
  }
  return { name, inputs, output, sizes };
}

function randomRegular(name, n, degree, bond, seed) {
  const rand = mulberry32(seed);
  for (;;) {
    const stubs = [];
    for (let v = 0; v < n; v++) for (let k = 0; k < degree; k++) stubs.push(v);
    for (let i = stubs.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [stubs[i], stubs[j]] = [stubs[j], stubs[i]];
    }
    const inputs = Array.from({ length: n }, () => []);
    const seen = new Set();
    let ok = true;
    for (let e = 0; e < stubs.length / 2; e++) {
      const [a, b] = [stubs[2 * e], stubs[2 * e + 1]];
      const key = Math.min(a, b) * n + Math.max(a, b);
      if (a === b || seen.has(key)) {
        ok = false;
        break;
      }
      seen.add(key);
      inputs[a].push(e);
      inputs[b].push(e);
    }
    if (ok) return { name, inputs, output: [], sizes: new Array(stubs.length / 2).fill(bond) };
  }
}

function skewedDims(count, seed) {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () =>
    rand() < 0.5 ? 2 + Math.floor(rand() * 8) : 64 + Math.floor(rand() * 300),
  );
}

/** The suite, in the order it is printed. */
export function problems() {
  return [
    chain("chain-5 skewed", [10, 500, 3, 400, 7, 300]),
    chain("chain-8 skewed", [30, 2, 400, 5, 300, 10, 200, 3, 100]),
    chain("chain-12 skewed", skewedDims(13, 5)),
    chain("chain-20 skewed", skewedDims(21, 6)),
    fromText("matvec chain", "ab,bc,cd,d->a", { a: 600, b: 600, c: 600, d: 600 }),
    fromText("hadamard ×5", "ij,ij,ij,jk,ij->ik", { i: 300, j: 400, k: 64 }),
    fromText("hadamard dup", "ij,ij,ij,ij,jk,kl->il", { i: 200, j: 300, k: 40, l: 200 }),
    fromText("jacobian W2·σ'·W1", "ij,j,jk->ik", { i: 256, j: 512, k: 300 }),
    fromText("hessian Wᵀ f'' W", "ia,i,ib->ab", { i: 2000, a: 200, b: 200 }),
    fromText("hyperedge 3-way", "ia,ib,ic,i->abc", { i: 400, a: 24, b: 24, c: 24 }),
    fromText("trace derivative", "ij,jk,lk,lm,mn->in", {
      i: 300,
      j: 20,
      k: 300,
      l: 20,
      m: 300,
      n: 30,
    }),
    fromText("quadratic form", "i,ij,jk,kl,l->", { i: 500, j: 500, k: 500, l: 500 }),
    fromText("attention scores", "bhqd,bhkd->bhqk", { b: 2, h: 8, q: 256, k: 256, d: 64 }),
    fromText("attention QKᵀV", "bhqd,bhkd,bhke->bhqe", {
      b: 2,
      h: 4,
      q: 128,
      k: 128,
      d: 64,
      e: 64,
    }),
    fromText("multi-head proj", "bqm,mhd,bkm,mhe->bhqk", {
      b: 2,
      q: 128,
      k: 128,
      m: 256,
      h: 4,
      d: 32,
      e: 32,
    }),
    tree("tree 15", 15, 16),
    tree("tree 31", 31, 8),
    ring("ring 8", 8, 64),
    ring("ring 12", 12, 48),
    ring("ring 20", 20, 32),
    mpsNorm("MPS norm L=8", 8, 32, 2),
    mpsNorm("MPS norm L=16", 16, 16, 2),
    mpsExpectation("MPS ⟨ψ|O|ψ⟩ L=6", 6, 16, 2, 4),
    pepsNorm("PEPS norm 3×3", 3, 3, 3, 2),
    grid("grid 4×4", 4, 4, 4),
    grid("grid 5×5", 5, 5, 3),
    grid("grid 6×6", 6, 6, 2),
    randomRegular("3-regular 10", 10, 3, 8, 1),
    randomRegular("3-regular 20", 20, 3, 4, 2),
    randomRegular("3-regular 30", 30, 3, 3, 3),
    randomRegular("3-regular 40", 40, 3, 2, 4),
  ];
}
