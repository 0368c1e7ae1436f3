// The tutorial's 2-2-2 network in JavaScript, for explorers that compute in the page.
//
// The same operations in the same order as the Python engine (src/backprop/tutorial/:
// forward.py, backward.py, training.py and fast.py's fused loop), so the numbers are the
// same to the last bit, but for the squares below and wherever Math.exp rounds otherwise
// than the C library's exp (in Chromium 156 it never did, at 100,000 points tried);
// tests/browser/test_engine_js.py holds the two equal to 1e-12 relative at 240 random
// networks. train() takes about 0.06 to 0.1 us an update in Chromium, 25 to 40 times
// less than the Python engine (benchmarks/js_engine.py).
//
// No dependency, no build step: an ES module, loaded by
//
//     <script type="module"> import * as engine from "./engine.js"; ... </script>
//     const engine = await import("./engine.js");        // from any script or module
//
// or, in an anywidget front end, by prepending this file's text (`export`s included) to
// the widget's own module, since an anywidget's _esm is one module.
//
// Values are plain objects in the Python engine's names:
//     params   {w1, ..., w8, b_h1, b_h2, b_o1, b_o2}     (Params)
//     example  {i1, i2, t1, t2}                           (Example)
//
//     layered({w1, ..., w8, b1, b2})                   -> params, as Params.layered
//     forward(params, example)                         -> {net_h1, out_h1, ..., E_o2, E_total}
//     backward(params, example, outputWeights?)        -> every factor, keyed as Backward.as_dict()
//     update(params, example, eta, options?)           -> params after one update
//     train(params, example, eta, updates, options?)   -> {params, errors, final}
//     landscape(params, example, pair, xs, ys)         -> E_total on a grid, a Float64Array
//     descend(params, example, pair, eta, updates)     -> {pair, eta, points, errors, params}
//     logistic(x); WEIGHTS, BIAS_SLOTS, VECTOR, PARAMETERS, BIASES, HIDDEN_DELTAS, MAX_UPDATES
//
// options: {biases: "frozen" | "shared" | "per-neuron", hidden_deltas: "original" |
// "updated"}, the defaults first, as in training.update; train() also takes errors, a
// Float64Array to fill instead of allocating one. Bad input throws an Error whose message
// names the argument and what it accepts, word for word the Python engine's ValueError for
// the same value (numbers shown as Python shows them: 2.0, nan, inf). The one difference:
// a number must be a JavaScript number (Python also takes the string "2.5").
//
// The square of (t - out) is gap * gap, correctly rounded. CPython's `gap ** 2` calls the
// C library's pow, which is one unit in the last place off that for about 1 value in
// 1,000, and V8's Math.pow(gap, 2) is gap * gap, so nothing in JavaScript matches it
// better short of porting glibc's pow. It only touches the reported errors: no square
// feeds a gradient, so the parameters after training are unaffected.

export const WEIGHTS = Object.freeze(["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"]);
export const BIAS_SLOTS = Object.freeze(["b_h1", "b_h2", "b_o1", "b_o2"]);
/** A params object's 12 numbers, in Params.to_vector()'s order. */
export const VECTOR = Object.freeze([...WEIGHTS, ...BIAS_SLOTS]);
/** The tutorial's ten trainable numbers: b1 is b_h1 = b_h2, b2 is b_o1 = b_o2. */
export const PARAMETERS = Object.freeze([...WEIGHTS, "b1", "b2"]);
export const BIASES = Object.freeze(["frozen", "shared", "per-neuron"]);
export const HIDDEN_DELTAS = Object.freeze(["original", "updated"]);
/** The longest run train() accepts, as in Python (800 MB of history: callers cap lower). */
export const MAX_UPDATES = 100_000_000;
// Updates between divergence checks, as training.CHUNK: a run that stops being finite
// names the same update count in both languages.
const CHUNK = 100_000;
// Positions in VECTOR that each of PARAMETERS sets (b1 and b2 set both slots of a layer).
const SLOTS = Object.freeze({
  ...Object.fromEntries(WEIGHTS.map((w, i) => [w, [i]])), b1: [8, 9], b2: [10, 11],
});

// ---- checks: each throws the Python engine's message for the same value ----

/** value as Python's repr shows it, so that messages read the same in both languages. */
function repr(value) {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "nan";
    if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
    if (Object.is(value, -0)) return "-0.0";
    const [digits, exponent] = value.toExponential().split("e");  // shortest round-trip
    const e = Number(exponent);
    if (e < -4 || e >= 16) {  // where Python's repr switches to an exponent
      return `${digits}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
    }
    return Number.isInteger(value) ? `${value}.0` : String(value);
  }
  if (typeof value === "string") return `'${value}'`;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  return String(value);
}

function finite(name, value) {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite real number, got ${repr(value)}`);
  }
  return value;
}

function inRange(name, value, low, high) {
  if (!(finite(name, value) >= low && value <= high)) {
    throw new Error(`${name} must lie in [${low}, ${high}], got ${repr(value)}`);
  }
  return value;
}

function positive(name, value) {
  if (!(finite(name, value) > 0)) {
    throw new Error(`${name} must be a finite number greater than 0, got ${repr(value)}`);
  }
  return value;
}

function count(name, value, maximum) {
  const whole = typeof value === "number" && Number.isInteger(value);
  if (!whole || value < 0 || (maximum !== undefined && value > maximum)) {
    const accepted = maximum === undefined ? ">= 0" : `in [0, ${maximum}]`;
    throw new Error(`${name} must be a whole number ${accepted}, got ${repr(value)}`);
  }
  return value;
}

function choice(name, value, options) {
  if (!options.includes(value)) {
    throw new Error(`${name} must be one of ${options.map(repr).join(", ")}; got ${repr(value)}`);
  }
  return value;
}

function object(name, value, keys) {
  if (value === null || typeof value !== "object") {
    throw new Error(`${name} must be an object {${keys.join(", ")}}, got ${repr(value)}`);
  }
  return value;
}

/** params as a Float64Array in VECTOR's order, each value checked. */
function vector(p) {
  object("p", p, VECTOR);
  return Float64Array.from(VECTOR, (name) => finite(name, p[name]));
}

/** example as [i1, i2, t1, t2], checked; a target outside [0, 1] can never be met. */
function givens(ex) {
  object("ex", ex, ["i1", "i2", "t1", "t2"]);
  return [finite("i1", ex.i1), finite("i2", ex.i2),
          inRange("t1", ex.t1, 0, 1), inRange("t2", ex.t2, 0, 1)];
}

/** {biases, hidden_deltas} with defaults; an unknown key is a typo, not ignored. */
function trainingOptions(options, extra = []) {
  object("options", options, ["biases", "hidden_deltas", ...extra]);
  const known = ["biases", "hidden_deltas", ...extra];
  const unknown = Object.keys(options).filter((key) => !known.includes(key)).sort();
  if (unknown.length) {
    throw new Error(`unknown option ${repr(unknown[0])}; known: ${known.join(", ")}`);
  }
  const { biases = "frozen", hidden_deltas = "original" } = options;
  return [choice("biases", biases, BIASES), choice("hidden_deltas", hidden_deltas, HIDDEN_DELTAS)];
}

/** Only here can finite givens give no number: inf - inf from two overflowing products. */
function refuseOverflow(net_h1, net_h2) {
  for (const [net, terms] of [[net_h1, "w1 * i1 + w2 * i2"], [net_h2, "w3 * i1 + w4 * i2"]]) {
    if (Number.isNaN(net)) {
      throw new Error(`${terms} overflows for these weights and inputs (a product ` +
                      "beyond 1.8e308); use smaller ones");
    }
  }
}

/** Throws if a value of [[name, value], ...] is not finite after `updates` updates. */
function diverged(eta, updates, values) {
  for (const [name, value] of values) {
    if (!Number.isFinite(value)) {
      throw new Error(`training diverged: ${name} is ${repr(value)} after ` +
                      `${updates.toLocaleString("en-US")} update${updates === 1 ? "" : "s"}; ` +
                      `the learning rate eta = ${repr(eta)} is too large for this start`);
    }
  }
}

function entries(v) {
  return VECTOR.map((name, i) => [name, v[i]]);
}

function paramsOf(v) {
  return Object.fromEntries(entries(v));
}

// ---- the readable passes: forward() and backward() in the tutorial's names ----

/** 1 / (1 + e^-x); 0 below x of about -709.78, where e^-x overflows to Infinity. */
export function logistic(x) {
  return 1.0 / (1.0 + Math.exp(-x));
}

/** params built the tutorial's way: eight weights, b1 for the hidden layer, b2 for the output. */
export function layered({ w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 }) {
  return { w1, w2, w3, w4, w5, w6, w7, w8, b_h1: b1, b_h2: b1, b_o1: b2, b_o2: b2 };
}

function forwardValues(p, ex) {
  const net_h1 = p.w1 * ex.i1 + p.w2 * ex.i2 + p.b_h1;
  const net_h2 = p.w3 * ex.i1 + p.w4 * ex.i2 + p.b_h2;
  refuseOverflow(net_h1, net_h2);
  const out_h1 = logistic(net_h1);
  const out_h2 = logistic(net_h2);
  const net_o1 = p.w5 * out_h1 + p.w6 * out_h2 + p.b_o1;
  const net_o2 = p.w7 * out_h1 + p.w8 * out_h2 + p.b_o2;
  const out_o1 = logistic(net_o1);
  const out_o2 = logistic(net_o2);
  const gap1 = ex.t1 - out_o1;
  const gap2 = ex.t2 - out_o2;
  const E_o1 = 0.5 * (gap1 * gap1);
  const E_o2 = 0.5 * (gap2 * gap2);
  return { net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2,
           E_o1, E_o2, E_total: E_o1 + E_o2 };
}

/** Every neuron's net input and output, each output's error and E_total (forward.Forward). */
export function forward(p, ex) {
  vector(p);
  givens(ex);
  return forwardValues(p, ex);
}

/**
 * Every chain-rule factor, keyed as Backward.as_dict(): the forward values, the output
 * layer's (dE_dout_o1, ..., dE_dw8), the hidden layer's (dnet_o1_dout_h1, ..., dE_dw4),
 * and the shared biases' dE_db1, dE_db2. outputWeights: the [w5, w6, w7, w8] that carry
 * the output deltas back (default p's own, giving the true gradient).
 */
export function backward(p, ex, outputWeights) {
  vector(p);
  givens(ex);
  const f = forwardValues(p, ex);
  const dE_dout_o1 = -(ex.t1 - f.out_o1);
  const dE_dout_o2 = -(ex.t2 - f.out_o2);
  const dout_o1_dnet_o1 = f.out_o1 * (1 - f.out_o1);
  const dout_o2_dnet_o2 = f.out_o2 * (1 - f.out_o2);
  const delta_o1 = dE_dout_o1 * dout_o1_dnet_o1;
  const delta_o2 = dE_dout_o2 * dout_o2_dnet_o2;
  const output = {
    dE_dout_o1, dE_dout_o2, dout_o1_dnet_o1, dout_o2_dnet_o2, delta_o1, delta_o2,
    dnet_o1_dw5: f.out_h1, dnet_o1_dw6: f.out_h2, dnet_o2_dw7: f.out_h1, dnet_o2_dw8: f.out_h2,
    dE_dw5: delta_o1 * f.out_h1, dE_dw6: delta_o1 * f.out_h2,
    dE_dw7: delta_o2 * f.out_h1, dE_dw8: delta_o2 * f.out_h2,
  };
  if (outputWeights === undefined) {
    outputWeights = [p.w5, p.w6, p.w7, p.w8];
  } else if (outputWeights === null || outputWeights.length !== 4) {
    throw new Error("output_weights must hold 4 values (w5, w6, w7, w8), " +
                    `got ${outputWeights == null ? repr(outputWeights) : outputWeights.length}`);
  }
  const [w5, w6, w7, w8] = outputWeights;
  const dEo1_dout_h1 = delta_o1 * w5;
  const dEo2_dout_h1 = delta_o2 * w7;
  const dEo1_dout_h2 = delta_o1 * w6;
  const dEo2_dout_h2 = delta_o2 * w8;
  const dE_dout_h1 = dEo1_dout_h1 + dEo2_dout_h1;
  const dE_dout_h2 = dEo1_dout_h2 + dEo2_dout_h2;
  const dout_h1_dnet_h1 = f.out_h1 * (1 - f.out_h1);
  const dout_h2_dnet_h2 = f.out_h2 * (1 - f.out_h2);
  const delta_h1 = dE_dout_h1 * dout_h1_dnet_h1;
  const delta_h2 = dE_dout_h2 * dout_h2_dnet_h2;
  const hidden = {
    dnet_o1_dout_h1: w5, dnet_o2_dout_h1: w7, dnet_o1_dout_h2: w6, dnet_o2_dout_h2: w8,
    dEo1_dout_h1, dEo2_dout_h1, dEo1_dout_h2, dEo2_dout_h2, dE_dout_h1, dE_dout_h2,
    dout_h1_dnet_h1, dout_h2_dnet_h2, delta_h1, delta_h2,
    dnet_h1_dw1: ex.i1, dnet_h1_dw2: ex.i2, dnet_h2_dw3: ex.i1, dnet_h2_dw4: ex.i2,
    dE_dw1: delta_h1 * ex.i1, dE_dw2: delta_h1 * ex.i2,
    dE_dw3: delta_h2 * ex.i1, dE_dw4: delta_h2 * ex.i2,
  };
  return { ...f, ...output, ...hidden, dE_db1: delta_h1 + delta_h2, dE_db2: delta_o1 + delta_o2 };
}

// ---- the fused loop: fast.train_loop's arithmetic on plain numbers ----

/**
 * `updates` updates of the 12 parameters in v (in place), E_total before each and after
 * the last written to errors[at], ..., errors[at + updates]. Nothing is allocated per
 * update: every value lives in a local, so V8 keeps them in registers.
 */
function run(v, [i1, i2, t1, t2], eta, updates, biases, hidden_deltas, errors, at) {
  let w1 = v[0], w2 = v[1], w3 = v[2], w4 = v[3], w5 = v[4], w6 = v[5], w7 = v[6], w8 = v[7];
  let b_h1 = v[8], b_h2 = v[9], b_o1 = v[10], b_o2 = v[11];
  const moveBiases = biases !== "frozen";
  const shared = biases === "shared";
  const carryUpdated = hidden_deltas === "updated";
  let delta_h1 = 0.0, delta_h2 = 0.0;
  // One loop for the forward passes of all updates + 1 errors: fast.py keeps the last one
  // after the loop, but V8 deoptimises there again and again (that code, reached once a
  // call, never collects type feedback) and the run takes several times longer.
  for (let k = 0; ; k++) {
    const out_h1 = 1.0 / (1.0 + Math.exp(-(w1 * i1 + w2 * i2 + b_h1)));
    const out_h2 = 1.0 / (1.0 + Math.exp(-(w3 * i1 + w4 * i2 + b_h2)));
    const out_o1 = 1.0 / (1.0 + Math.exp(-(w5 * out_h1 + w6 * out_h2 + b_o1)));
    const out_o2 = 1.0 / (1.0 + Math.exp(-(w7 * out_h1 + w8 * out_h2 + b_o2)));
    const gap1 = t1 - out_o1;
    const gap2 = t2 - out_o2;
    errors[at + k] = 0.5 * (gap1 * gap1) + 0.5 * (gap2 * gap2);
    if (k === updates) break;
    const delta_o1 = -gap1 * (out_o1 * (1.0 - out_o1));
    const delta_o2 = -gap2 * (out_o2 * (1.0 - out_o2));
    // "original": the deltas go back through w5..w8 as they were; "updated": as moved.
    if (!carryUpdated) {
      delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * (out_h1 * (1.0 - out_h1));
      delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * (out_h2 * (1.0 - out_h2));
    }
    w5 = w5 - eta * (delta_o1 * out_h1);
    w6 = w6 - eta * (delta_o1 * out_h2);
    w7 = w7 - eta * (delta_o2 * out_h1);
    w8 = w8 - eta * (delta_o2 * out_h2);
    if (carryUpdated) {
      delta_h1 = (delta_o1 * w5 + delta_o2 * w7) * (out_h1 * (1.0 - out_h1));
      delta_h2 = (delta_o1 * w6 + delta_o2 * w8) * (out_h2 * (1.0 - out_h2));
    }
    w1 = w1 - eta * (delta_h1 * i1);
    w2 = w2 - eta * (delta_h1 * i2);
    w3 = w3 - eta * (delta_h2 * i1);
    w4 = w4 - eta * (delta_h2 * i2);
    if (moveBiases) {
      if (shared) {  // one bias per layer: the sum of the deltas of the neurons sharing it
        const g_h = delta_h1 + delta_h2;
        const g_o = delta_o1 + delta_o2;
        b_h1 = b_h1 - eta * g_h;
        b_h2 = b_h2 - eta * g_h;
        b_o1 = b_o1 - eta * g_o;
        b_o2 = b_o2 - eta * g_o;
      } else {
        b_h1 = b_h1 - eta * delta_h1;
        b_h2 = b_h2 - eta * delta_h2;
        b_o1 = b_o1 - eta * delta_o1;
        b_o2 = b_o2 - eta * delta_o2;
      }
    }
  }
  v[0] = w1; v[1] = w2; v[2] = w3; v[3] = w4; v[4] = w5; v[5] = w6; v[6] = w7; v[7] = w8;
  v[8] = b_h1; v[9] = b_h2; v[10] = b_o1; v[11] = b_o2;
}

/**
 * One gradient-descent step p <- p - eta dE/dp, every gradient taken before any change
 * (training.update). options: {biases, hidden_deltas}; "updated" carries the output
 * deltas back through the moved w5..w8, which reproduces the tutorial's summary.
 */
export function update(p, ex, eta, options = {}) {
  const v = vector(p);
  const example = givens(ex);
  const [biases, hidden_deltas] = trainingOptions(options);
  positive("eta", eta);
  forwardValues(p, ex);  // refuses a start whose net inputs overflow
  run(v, example, eta, 1, biases, hidden_deltas, new Float64Array(2), 0);
  diverged(eta, 1, entries(v));
  return paramsOf(v);
}

/**
 * `updates` updates (at most MAX_UPDATES), as training.train:
 *     {params: after the last update, errors: Float64Array with errors[k] = E_total after
 *      k updates (k = 0..updates), final: forward() of the trained params}.
 * options: {biases, hidden_deltas, errors}; errors, a Float64Array of at least updates + 1
 * numbers, is filled and returned instead of a new one (e.g. one buffer per slider).
 * A run whose error or parameters stop being finite throws, naming eta.
 */
export function train(p, ex, eta, updates, options = {}) {
  const v = vector(p);
  const example = givens(ex);
  const [biases, hidden_deltas] = trainingOptions(options, ["errors"]);
  positive("eta", eta);
  count("updates", updates, MAX_UPDATES);
  let errors = options.errors;
  if (errors === undefined) {
    errors = new Float64Array(updates + 1);
  } else if (!(errors instanceof Float64Array) || errors.length < updates + 1) {
    const got = errors instanceof Float64Array ? errors.length : repr(errors);
    throw new Error(`errors must be a Float64Array of at least updates + 1 = ${updates + 1} ` +
                    `numbers, got ${got}`);
  }
  forwardValues(p, ex);  // refuses a start whose net inputs overflow, before any update
  for (let done = 0; ;) {
    // Each chunk ends with the forward pass the next one starts with: one run, in pieces.
    const n = Math.min(CHUNK, updates - done);
    run(v, example, eta, n, biases, hidden_deltas, errors, done);
    done += n;
    diverged(eta, done, [["E_total", errors[done]], ...entries(v)]);
    if (done === updates) break;
  }
  const params = paramsOf(v);
  return { params, errors, final: forwardValues(params, ex) };
}

// ---- the error landscape over two parameters ----

function checkPair(pair) {
  if (!Array.isArray(pair) || pair.length !== 2) {
    throw new Error(`pair must be two of ${PARAMETERS.join(", ")}, got ${repr(pair)}`);
  }
  choice("pair[0]", pair[0], PARAMETERS);
  choice("pair[1]", pair[1], PARAMETERS);
  if (pair[0] === pair[1]) {
    throw new Error(`pair must name two different parameters, got ${repr(pair)}`);
  }
  return pair;
}

function numbers(name, values) {
  if (values == null || typeof values.length !== "number" || values.length < 1) {
    throw new Error(`${name} must be an array of at least one number, got ${repr(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== "number" || !Number.isFinite(values[i])) {
      throw new Error(`${name} must hold finite numbers only; found ${repr(values[i])} ` +
                      `at index ${i}`);
    }
  }
  return values;
}

/**
 * E_total with pair[0] = xs[i] and pair[1] = ys[j] at [j * xs.length + i] of the returned
 * Float64Array (row j for ys[j], as landscape_explorer.landscape's E[j, i]); every other
 * value from p. pair: two of PARAMETERS (b1 or b2 sets both biases of its layer).
 */
export function landscape(p, ex, pair, xs, ys) {
  const v = vector(p);
  const example = givens(ex);
  const [a, b] = checkPair(pair);
  numbers("xs", xs);
  numbers("ys", ys);
  const E = new Float64Array(xs.length * ys.length);
  for (let j = 0; j < ys.length; j++) {
    for (const slot of SLOTS[b]) v[slot] = ys[j];
    for (let i = 0; i < xs.length; i++) {
      for (const slot of SLOTS[a]) v[slot] = xs[i];
      run(v, example, 1.0, 0, "frozen", "original", E, j * xs.length + i);
    }
  }
  return E;
}

/**
 * Gradient descent on the two parameters of pair only, the other eight held, as
 * landscape_explorer.descend: each step is update(p, ex, eta, {biases: "shared"}) with
 * only the pair's new values kept, so the path walks on the surface landscape() draws.
 *     {pair, eta, points: Float64Array [x0, y0, x1, y1, ...] (the pair after k updates),
 *      errors: Float64Array (E_total there), params: after the last update}
 */
export function descend(p, ex, pair, eta, updates) {
  const v = vector(p);
  const example = givens(ex);
  const [a, b] = checkPair(pair);
  positive("eta", eta);
  count("updates", updates);
  const moving = [...SLOTS[a], ...SLOTS[b]];
  const points = new Float64Array(2 * (updates + 1));
  const errors = new Float64Array(updates + 1);
  const stepped = new Float64Array(12);
  for (let k = 0; k <= updates; k++) {
    points[2 * k] = v[SLOTS[a][0]];
    points[2 * k + 1] = v[SLOTS[b][0]];
    stepped.set(v);  // run() writes E_total before the step at k, after it at k + 1
    run(stepped, example, eta, k === updates ? 0 : 1, "shared", "original", errors, k);
    for (const slot of moving) v[slot] = stepped[slot];
  }
  return { pair: [a, b], eta, points, errors, params: paramsOf(v) };
}
