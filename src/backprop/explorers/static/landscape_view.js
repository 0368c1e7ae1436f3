// The landscape explorer's display, computed in the page: appended to the shared modules'
// text (live.SHARED) to make one ES module, the _esm of landscape_explorer.LandscapeDisplay.
//
// It reads the explorer's controls (the ten starting values, the two axes, eta, updates,
// the reset button), descends with engine.js's descend(), and draws what
// landscape_explorer.compose draws: the axes, the colour bar, the path with its dots,
// markers and legend are the same SVG elements; the filled contour bands are painted on
// a canvas under them instead (1.5 pixels a unit of the SVG: sharp at the figure's full
// size, and about 6 ms a new map), each pixel the colour of the band its value falls in
// (the 61 x 61 grid of engine.js's landscape(), interpolated bilinearly), which is
// cheaper than tracing band outlines and looks the same. The alt text and the table are
// landscape_explorer's describe() and _table(). As in Python, the map (grid, canvas, axes,
// colour bar) is cached per slice and window: eta, updates or the start redraw the path.
//
// The model's "data" holds the figure's geometry and colours (landscape_explorer's
// constants), the axis labels, the example and the reset values.
//
// After each redraw the view's element carries data-state (the controls' values, JSON)
// and data-draws (a count), for tests and benchmarks to read.

const MINUS = "\u2212";

/** landscape_explorer._number, ._error: numbers in the legend, alt text. */
function fixed2(x) {
  return x.toFixed(2).replace("-", MINUS);
}

function errorText(e) {
  return e >= 1e-3 ? e.toFixed(6) : exponential(e, 3);
}

/** numpy.linspace(a, b, n). */
function linspace(a, b, n) {
  const step = (b - a) / (n - 1);
  const out = Float64Array.from({ length: n }, (_, i) => i * step + a);
  out[n - 1] = b;
  return out;
}

/** numpy.geomspace(low, high, n): its endpoints exact. */
function geomspace(low, high, n) {
  const out = linspace(Math.log10(low), Math.log10(high), n).map((t) => 10 ** t);
  out[0] = low;
  out[n - 1] = high;
  return out;
}

/** landscape_explorer._span: a slider range widened to hold values, padded, whole. */
function span(d, name, values) {
  const [low, high] = d.ranges[name[0]];
  return [Math.floor(Math.min(low, ...values) - d.pad), Math.ceil(Math.max(high, ...values) + d.pad)];
}

/** (left, top, right, bottom) in SVG units of (left, bottom, width, height) fractions. */
function box(d, [left, bottom, width, height]) {
  const [W, H] = d.page;
  const r = (x) => Math.round(x * 100) / 100;
  return [r(left * W), r((1 - bottom - height) * H), r((left + width) * W), r((1 - bottom) * H)];
}

/** Multiples of step from low to high, rounded so that 3 * 0.1 reads 0.3. */
function multiples(low, high, step) {
  const out = [];
  for (let k = Math.ceil(low / step); k <= Math.floor(high / step); k++) {
    out.push(Number((k * step).toPrecision(12)));
  }
  return out;
}

/** landscape_explorer._ticks: the colour bar's. */
function barTicks(low, high) {
  const ticks = [];
  for (let d = Math.floor(Math.log10(low)); d <= Math.ceil(Math.log10(high)); d++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** d;
      if (low <= t && t <= high) ticks.push(t);
    }
  }
  if (ticks.length >= 3) return ticks;
  let even = ticks;
  for (let pieces = 4; pieces < 12; pieces++) {
    even = multiples(low, high, niceStep(high - low, pieces));
    if (even.length >= 3) break;
  }
  return even;
}

/** landscape_explorer._axis_ticks: [value, label] about 8 along an axis. */
function axisTicks(values) {
  const first = values[0], last = values[values.length - 1];
  const step = niceStep(last - first, 8);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return multiples(first, last, step).map((t) => [t, t.toFixed(decimals).replace("-", MINUS)]);
}

/** landscape_explorer._width: about how wide text is in DejaVu Sans. */
function textWidth(text, size) {
  return size * [...text].reduce((sum, c) => sum + ({ ".": 0.32, [MINUS]: 0.84 }[c] ?? 0.64), 0);
}

function rotated(d, x, y, text) {
  return `<text transform="translate(${x.toFixed(2)} ${y.toFixed(2)}) rotate(-90)" ` +
    `font-size="${d.label_font}" text-anchor="middle">${escape(text)}</text>`;
}

/** Background.to_svg: SVG coordinates of a data point. */
function toSvg(d, bg, x, y) {
  const [x0, x1, y0, y1] = [bg.xs[0], bg.xs[bg.xs.length - 1], bg.ys[0], bg.ys[bg.ys.length - 1]];
  const [left, bottom, width, height] = d.axes;
  const [W, H] = d.page;
  return [(left + width * (x - x0) / (x1 - x0)) * W, H - (bottom + height * (y - y0) / (y1 - y0)) * H];
}

/** landscape_explorer._axes: the frame, ticks, tick labels and axis labels. */
function axes(d, bg, pair) {
  const [left, top, right, bottom] = box(d, d.axes);
  const xticks = axisTicks(bg.xs), yticks = axisTicks(bg.ys);
  const xs = xticks.map(([t]) => toSvg(d, bg, t, bg.ys[0])[0]);
  const ys = yticks.map(([t]) => toSvg(d, bg, bg.xs[0], t)[1]);
  const marks = xs.map((x) => `M${x.toFixed(2)},${bottom}V${(bottom + d.tick).toFixed(2)}`).join("") +
    ys.map((y) => `M${left},${y.toFixed(2)}H${(left - d.tick).toFixed(2)}`).join("");
  const out = [`<g id="axes" fill="${d.ink}" font-size="${d.tick_font}">`,
    `<rect x="${left}" y="${top}" width="${(right - left).toFixed(2)}" ` +
    `height="${(bottom - top).toFixed(2)}" ${d.frame}/>`,
    `<path d="${marks}" ${d.frame}/>`];
  xticks.forEach(([, text], i) => out.push(
    `<text x="${xs[i].toFixed(2)}" y="${(bottom + 2 * d.tick + d.cap).toFixed(2)}" ` +
    `text-anchor="middle">${text}</text>`));
  yticks.forEach(([, text], i) => out.push(
    `<text x="${(left - 2 * d.tick).toFixed(2)}" y="${(ys[i] + d.cap / 2).toFixed(2)}" ` +
    `text-anchor="end">${text}</text>`));
  const widest = Math.max(...yticks.map(([, text]) => textWidth(text, d.tick_font)));
  const x = left - 2 * d.tick - widest - 6 - 3;
  out.push(`<text x="${((left + right) / 2).toFixed(2)}" ` +
    `y="${(bottom + 2 * d.tick + d.cap + 16).toFixed(2)}" font-size="${d.label_font}" ` +
    `text-anchor="middle">${escape(d.labels[pair[0]])}</text>`,
  rotated(d, x, (top + bottom) / 2, d.labels[pair[1]]), "</g>");
  return out.join("\n");
}

/** landscape_explorer._colour_bar: the bands' colours, log-scaled ticks, the label. */
function colourBar(d, bg) {
  const [left, top, right, bottom] = box(d, d.colorbar);
  const step = (bottom - top) / d.levels;
  const out = [`<g id="colorbar" fill="${d.ink}" font-size="${d.tick_font}">`];
  bg.colours.forEach((c, i) => out.push(
    `<rect x="${left}" y="${(bottom - (i + 1) * step).toFixed(2)}" ` +
    `width="${(right - left).toFixed(2)}" height="${step.toFixed(2)}" fill="${c}" ` +
    `stroke="${c}" stroke-width="0.5"/>`));
  out.push(`<rect x="${left}" y="${top}" width="${(right - left).toFixed(2)}" ` +
    `height="${(bottom - top).toFixed(2)}" ${d.frame}/>`);
  const ticks = barTicks(bg.low, bg.high);
  const ys = ticks.map((t) => bottom - (bottom - top) * Math.log(t / bg.edges[0]) /
    Math.log(bg.edges[d.levels] / bg.edges[0]));
  const texts = ticks.map((t) => general(t, 3));
  out.push(`<path d="${ys.map((y) => `M${right},${y.toFixed(2)}H${(right + d.tick).toFixed(2)}`)
    .join("")}" ${d.frame}/>`);
  ys.forEach((y, i) => out.push(`<text x="${(right + 2 * d.tick).toFixed(2)}" ` +
    `y="${(y + d.cap / 2).toFixed(2)}">${texts[i]}</text>`));
  const x = right + 2 * d.tick + Math.max(...texts.map((t) => textWidth(t, d.tick_font))) + 6 + 9;
  out.push(rotated(d, x, (top + bottom) / 2, "E_total (log scale)"), "</g>");
  return out.join("\n");
}

/** landscape_explorer.background: the grid, its bands' edges and colours, the axes. */
function background(d, held, example, pair, spanX, spanY) {
  const xs = linspace(...spanX, d.grid_points), ys = linspace(...spanY, d.grid_points);
  const E = landscape(held, example, pair, xs, ys);
  let low = Infinity, high = -Infinity;
  for (const e of E) { if (e < low) low = e; if (e > high) high = e; }
  const max = high;
  high = Math.max(high, low * (1 + 1e-9));  // a flat slice still gets one band
  const edges = geomspace(low, high, d.levels + 1);
  // _colours: the colormap at each band's middle on the log scale, as matplotlib picks it.
  const [tLow, tHigh] = [Math.log10(edges[0]), Math.log10(edges[d.levels])];
  const colours = Array.from({ length: d.levels }, (_, i) => {
    const middle = Math.sqrt(edges[i]) * Math.sqrt(edges[i + 1]);
    const index = Math.floor((Math.log10(middle) - tLow) / (tHigh - tLow) * d.colormap.length);
    return d.colormap[Math.min(Math.max(index, 0), d.colormap.length - 1)];
  });
  const bg = { xs, ys, E, low, high, max, edges, colours };
  bg.svg = axes(d, bg, pair) + "\n" + colourBar(d, bg);
  return bg;
}

/** Paints the bands onto canvas: each pixel the colour of its band. The grid's values are
 * interpolated bilinearly on the log scale the bands are even on, as band coordinates
 * (band k from k to k + 1), so a pixel's band is the whole part of a number. */
function paint(canvas, bg) {
  const W = canvas.width, H = canvas.height, n = bg.xs.length - 1, m = bg.ys.length - 1;
  const context = canvas.getContext("2d");
  const image = context.createImageData(W, H);
  const pixels = new Int32Array(image.data.buffer);
  const levels = bg.colours.length, top = levels - 1;
  const rgba = Int32Array.from(bg.colours, (c) => {  // RGBA bytes: little-endian ABGR words
    const v = parseInt(c.slice(1), 16);
    return 0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | (v >> 16);
  });
  const scale = levels / Math.log(bg.high / bg.low);
  const L = bg.E.map((e) => Math.log(e / bg.low) * scale);
  const column = Float64Array.from({ length: W }, (_, px) => (px + 0.5) / W * n);
  const nx = n + 1;
  for (let py = 0; py < H; py++) {
    const gy = (1 - (py + 0.5) / H) * m;  // the top row is the largest y
    const j = Math.min(Math.floor(gy), m - 1), fy = gy - j;
    for (let px = 0, row = py * W; px < W; px++) {
      const gx = column[px];
      const i = Math.min(Math.floor(gx), n - 1), fx = gx - i;
      const at = j * nx + i;
      const l = (1 - fy) * ((1 - fx) * L[at] + fx * L[at + 1]) +
        fy * ((1 - fx) * L[at + nx] + fx * L[at + nx + 1]);
      pixels[row + px] = rgba[Math.min(Math.max(Math.floor(l), 0), top)];
    }
  }
  context.putImageData(image, 0, 0);
}

/** landscape_explorer.dot_step: updates between dots, at most max_dots gaps. */
function dotStep(d, updates) {
  for (let power = 0; ; power++) {
    for (const m of [1, 2, 5]) {
      if (updates <= d.max_dots * m * 10 ** power) return m * 10 ** power;
    }
  }
}

/** landscape_explorer._thin: indices of the path points at least tolerance apart. */
function thin(sx, sy, tolerance = 0.5) {
  const keep = [0];
  let [lx, ly] = [sx[0], sy[0]];
  for (let i = 1; i < sx.length; i++) {
    if (Math.hypot(sx[i] - lx, sy[i] - ly) >= tolerance) {
      keep.push(i);
      [lx, ly] = [sx[i], sy[i]];
    }
  }
  if (keep[keep.length - 1] !== sx.length - 1) keep.push(sx.length - 1);
  return keep;
}

function startMarker(d, x, y) {
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5.5" fill="${d.start}" ` +
    `stroke="${d.ink}" stroke-width="1.6"/>`;
}

function endMarker(d, x, y) {
  return `<rect x="${(x - 5).toFixed(1)}" y="${(y - 5).toFixed(1)}" width="10" height="10" ` +
    `fill="${d.end}" stroke="${d.ink}" stroke-width="1.6"/>`;
}

function dot(d, x, y) {
  return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.2" fill="white" stroke="${d.ink}"/>`;
}

/** landscape_explorer.overlay: the path (line, dots, start and end) and its legend. */
function overlay(d, bg, descent) {
  const n = descent.errors.length - 1, p = descent.points;
  const sx = new Float64Array(n + 1), sy = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) [sx[k], sy[k]] = toSvg(d, bg, p[2 * k], p[2 * k + 1]);
  const line = thin(sx, sy).map((i) => `${sx[i].toFixed(1)},${sy[i].toFixed(1)}`).join(" ");
  const [a, b] = descent.pair;
  const step = dotStep(d, n);
  const out = ['<g id="descent">',
    `<polyline points="${line}" fill="none" stroke="${d.ink}" stroke-width="4" ` +
    'stroke-linejoin="round" stroke-linecap="round"/>',
    `<polyline points="${line}" fill="none" stroke="white" stroke-width="1.8" ` +
    'stroke-linejoin="round" stroke-linecap="round"/>'];
  for (let k = 0; k <= n; k += step) {
    out.push(`<circle cx="${sx[k].toFixed(1)}" cy="${sy[k].toFixed(1)}" r="2.2" fill="white" ` +
      `stroke="${d.ink}" stroke-width="0.8"/>`);
  }
  out.push(endMarker(d, sx[n], sy[n]), startMarker(d, sx[0], sy[0]));
  const [W, H] = d.page, x = d.axes[0] * W;
  const rows = [
    [startMarker, `start: ${a} = ${fixed2(p[0])}, ${b} = ${fixed2(p[1])}, ` +
      `E_total = ${errorText(descent.errors[0])}`],
    [endMarker, `after ${updatesText(n)}: ${a} = ${fixed2(p[2 * n])}, ` +
      `${b} = ${fixed2(p[2 * n + 1])}, E_total = ${errorText(descent.errors[n])}`],
    [dot, `a dot every ${updatesText(step)}; learning rate eta = ${general(descent.eta, 3)}`],
  ];
  rows.forEach(([marker, text], j) => {
    const y = H - 46 + 17 * j;
    out.push(marker(d, x + 6, y - 4));
    out.push(`<text x="${(x + 20).toFixed(1)}" y="${y.toFixed(1)}" font-size="${d.large}" ` +
      `fill="${d.ink}" font-family="DejaVu Sans, Verdana, sans-serif">${escape(text)}</text>`);
  });
  out.push("</g>");
  return out.join("\n");
}

/** landscape_explorer.turns: the updates after which coordinate i turns back. */
function turns(descent, i, tolerance) {
  const v = (k) => descent.points[2 * k + i];
  const found = [];
  let direction = 0, extreme = 0;
  for (let k = 1; k < descent.errors.length; k++) {
    const move = v(k) - v(extreme);
    if (direction === 0) {
      if (Math.abs(move) > tolerance) [direction, extreme] = [move > 0 ? 1 : -1, k];
    } else if (move * direction > 0) {
      extreme = k;
    } else if (-move * direction > tolerance) {
      found.push(extreme);
      [direction, extreme] = [-direction, k];
    }
  }
  return found;
}

/** landscape_explorer.error_trend. */
function errorTrend(descent) {
  const e = descent.errors, n = e.length - 1;
  let rises = 0;
  for (let k = 1; k <= n; k++) if (e[k] - e[k - 1] > 0) rises++;
  if (rises === 0) return `the error falls at ${n === 1 ? "the" : "every"} update`;
  return `the error rises at ${thousands(rises)} of the ${updatesText(n)}`;
}

/** landscape_explorer.describe: the alt text. */
function describe(bg, descent) {
  const [a, b] = descent.pair, p = descent.points, e = descent.errors, n = e.length - 1;
  const nx = bg.xs.length, last = (v) => v[v.length - 1];
  let lo = 0, hi = 0;
  bg.E.forEach((v, k) => { if (v < bg.E[lo]) lo = k; if (v > bg.E[hi]) hi = k; });
  const at = (k) => `${a} = ${fixed2(bg.xs[k % nx])}, ${b} = ${fixed2(bg.ys[Math.floor(k / nx)])}`;
  const parts = [
    `Filled contour map of the total error E_total over ${a} (horizontal axis, ` +
    `${fixed2(bg.xs[0])} to ${fixed2(last(bg.xs))}) and ${b} (vertical axis, ` +
    `${fixed2(bg.ys[0])} to ${fixed2(last(bg.ys))}), every other parameter held at its ` +
    "starting value; darker means lower error, on a logarithmic colour scale.",
    `On this window E_total ranges from ${errorText(bg.E[lo])} (at ${at(lo)}) to ` +
    `${errorText(bg.E[hi])} (at ${at(hi)}).`,
    `Gradient descent with learning rate eta = ${general(descent.eta, 3)} starts at ${a} = ` +
    `${fixed2(p[0])}, ${b} = ${fixed2(p[1])}, where E_total is ${errorText(e[0])}, ` +
    `and after ${updatesText(n)} reaches ${a} = ${fixed2(p[2 * n])}, ` +
    `${b} = ${fixed2(p[2 * n + 1])}, where E_total is ${errorText(e[n])}.`,
  ];
  [[a, bg.xs], [b, bg.ys]].forEach(([name, axis], i) => {
    const back = turns(descent, i, (last(axis) - axis[0]) / 200);  // about 1.5 pt on the map
    if (back.length === 1) {
      parts.push(`On the way ${name} turns back once, after update ${thousands(back[0])} ` +
        `(at ${name} = ${fixed2(p[2 * back[0] + i])}).`);
    } else if (back.length) {
      parts.push(`On the way ${name} changes direction ${thousands(back.length)} times, zigzagging.`);
    }
  });
  const trend = errorTrend(descent);
  parts.push(`${trend[0].toUpperCase()}${trend.slice(1)}.`);
  return parts.join(" ");
}

/** landscape_explorer._table: the start, the end, and the map's lowest and highest. */
function numbersTable(descent, bg) {
  const [a, b] = descent.pair, p = descent.points, e = descent.errors, n = e.length - 1;
  return table(["point", `\`${a}\``, `\`${b}\``, "`E_total`"], [
    ["start", p[0].toFixed(6), p[1].toFixed(6), e[0].toFixed(9)],
    [`after ${updatesText(n)}`, p[2 * n].toFixed(6), p[2 * n + 1].toFixed(6), e[n].toFixed(9)],
    ["lowest on the map", "", "", bg.low.toFixed(9)],
    ["highest on the map", "", "", bg.max.toFixed(9)],
  ]);
}

async function render({ model, el }) {
  const d = model.get("data");
  const controls = await controlModels(model);  // for the axes' swap; follow() reads them too
  const [W, H] = d.page, [left, top, right, bottom] = box(d, d.axes);
  const percent = (x, of) => `${(100 * x / of).toFixed(4)}%`;
  el.classList.add("backprop-live", "backprop-landscape-live");
  el.innerHTML =
    `<div class="backprop-live-chart" role="img" style="position: relative; width: 100%; ` +
    `max-width: ${W}pt; background: white">` +
    `<canvas width="${Math.round(1.5 * (right - left))}" height="${Math.round(1.5 * (bottom - top))}" ` +
    `style="position: absolute; left: ${percent(left, W)}; top: ${percent(top, H)}; ` +
    `width: ${percent(right - left, W)}; height: ${percent(bottom - top, H)}"></canvas>` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" aria-hidden="true" ` +
    'style="position: relative; display: block; width: 100%; height: auto" ' +
    'font-family="DejaVu Sans, Verdana, sans-serif"></svg></div>' +
    // The table scrolls sideways on a phone rather than spill out of the column.
    '<div class="backprop-live-tables" style="overflow-x: auto"></div>' +
    '<p class="backprop-live-error" role="alert" hidden></p>';
  const figure = el.children[0], [canvas, svg] = figure.children;
  const tables = el.children[1], error = el.children[2];
  let draws = 0, shown = null;
  const backgrounds = new Map();  // held values, pair and window -> background

  // Choosing the parameter the other axis shows swaps the two (Python does it with a kernel).
  const swap = (axis, other) => () => {
    const [mine, theirs] = [controls[axis], controls[other]];
    if (mine.comm_live || mine.get("index") !== theirs.get("index")) return;
    theirs.set("index", mine.previous("index"));
    theirs.save_changes();
  };
  const swaps = [["x", "y"], ["y", "x"]].map(([axis, other]) => [axis, swap(axis, other)]);
  swaps.forEach(([axis, handler]) => controls[axis].on("change:index", handler));

  function redraw(value) {
    const s = {
      params: Object.fromEntries(PARAMETERS.map((name) => [name, value(name)])),
      x: value("x"), y: value("y"), eta: value("eta"), updates: value("updates"),
    };
    if (s.x === s.y) return;  // a swap is under way: its second change redraws
    const pair = [s.x, s.y];
    try {
      const start = layered(s.params);
      const descent = descend(start, d.example, pair, s.eta, s.updates);
      const p = descent.points;
      const spanX = span(d, s.x, p.filter((_, k) => k % 2 === 0));
      const spanY = span(d, s.y, p.filter((_, k) => k % 2 === 1));
      const held = layered({ ...s.params, [s.x]: 0, [s.y]: 0 });  // what the map depends on
      const key = JSON.stringify([held, pair, spanX, spanY]);
      if (!backgrounds.has(key)) {
        if (backgrounds.size >= 32) backgrounds.delete(backgrounds.keys().next().value);
        backgrounds.set(key, background(d, held, d.example, pair, spanX, spanY));
      }
      const bg = backgrounds.get(key);
      if (shown !== bg) paint(canvas, bg);
      shown = bg;
      svg.innerHTML = bg.svg + "\n" + overlay(d, bg, descent);
      figure.setAttribute("aria-label", describe(bg, descent));
      tables.innerHTML = numbersTable(descent, bg);
      error.hidden = true;
    } catch (err) {  // bad input, as Python's ValueError would
      error.textContent = String(err.message || err);
      error.hidden = false;
    }
    el.dataset.state = JSON.stringify(s);
    el.dataset.draws = String(++draws);
  }

  const names = [...PARAMETERS, "x", "y", "eta", "updates"];
  const stop = await follow(model, names, redraw);
  return () => {
    swaps.forEach(([axis, handler]) => controls[axis].off("change:index", handler));
    stop();
  };
}

export default { render };
