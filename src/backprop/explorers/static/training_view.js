// The training explorer's display, computed in the page: appended to engine.js's,
// format.js's and controls.js's text to make one ES module, the _esm of training_explorer.TrainingDisplay (an anywidget).
//
// It follows the explorer's ipywidgets controls (controls.js's follow: sliders, dropdowns,
// the buttons, also where no kernel answers), trains with engine.js's train() and redraws
// the error chart and the two tables. The same module runs in JupyterLab (anywidget's own
// front end) and on the static site (tools/sphinx_ext/static/anywidget-amd.js).
//
// The model's "data" holds what does not depend on the controls, from Python: the
// example, the reset values, the chart's geometry and colours (svgchart.py's constants),
// the tutorial's reference curve already sampled, and the reference's alt text.
// The chart is svgchart.error_chart's, element for element, with one labelled run, at its
// full width; in a narrower column (a phone) it is drawn as wide as the column, so that its
// text keeps its size, with fewer tick labels.
//
// After each redraw the view's element carries data-state (the controls' values, JSON)
// and data-draws (a count), for tests and benchmarks to read.

const MIN_CHART_WIDTH = 280;  // px: room for the legend inside the plot (190 px from its right)
const SUPERSCRIPT = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3",
  4: "\u2074", 5: "\u2075", 6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };

/** NumPy's rint: to the nearest whole number, ties to even. */
function rint(x) {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** error_histories.plot_indices: which of the n + 1 errors the curve draws. */
export function plotIndices(n, points) {
  if (n + 1 <= points) return Array.from({ length: n + 1 }, (_, k) => k);
  const half = Math.floor(points / 2), rest = points - half;
  const ks = new Set([0, n]);
  const top = Math.log10(n), logStep = top / (half - 1);
  for (let i = 0; i < half; i++) {  // np.geomspace(1, n, half): both ends exact
    ks.add(i === 0 ? 1 : i === half - 1 ? n : rint(10 ** (i * logStep)));
  }
  const step = n / (rest - 1);
  for (let i = 0; i < rest; i++) ks.add(i === rest - 1 ? n : rint(i * step));
  return [...ks].sort((a, b) => a - b);
}

/** error_histories._short: 3 significant digits in fixed point. */
function short(x) {
  return x.toFixed(Math.max(0, 2 - Math.floor(Math.log10(x))));
}

/** error_histories.describe_error_curve for one labelled run; the reference's sentence
 * comes from Python. */
function describe(label, e, referenceText) {
  const n = e.length - 1;
  const ks = [0];
  for (let j = 1; 10 ** j < n; j++) ks.push(10 ** j);
  if (n > 0) ks.push(n);
  const stops = ks.slice(1).map((k) => `${short(e[k])} after ${updatesText(k)}`);
  const path = stops.length === 1 ? stops[0]
    : `${stops.slice(0, -1).join(", ")} and ${stops[stops.length - 1]}`;
  let body = `it starts at ${short(e[0])} and falls to ${path}`;
  if (e.length > 10) {
    const split = Math.floor(n / 10);
    const early = Math.log10(e[0] / e[split]), late = Math.log10(e[split] / e[n]);
    body += `; it falls by ${early.toFixed(1)} orders of magnitude over the first ` +
      `${updatesText(split)} and by ${late.toFixed(1)} over the remaining ${thousands(n - split)}`;
  }
  return `Line chart of the total error E_total (vertical axis, logarithmic) against the ` +
    `number of updates (horizontal axis, 0 to ${thousands(n)}). ${label}: ${body}. ` +
    referenceText;
}

/** svgchart.error_chart({label: errors}, reference): the same SVG elements, `width` wide
 * (at most c.width, svgchart's; narrower, the ticks are fewer, about one per 110 px). */
export function errorChart(errors, c, width = c.width) {
  const ref = c.reference;  // {points: [[k, e], ...], min, max, n, label, text}
  const n = Math.max(errors.length - 1, ref.n);
  let min = ref.min, max = ref.max;
  for (let k = 0; k < errors.length; k++) {
    const e = errors[k];
    if (e < min) min = e;
    if (e > max) max = e;
  }
  const low = Math.floor(Math.log10(min));
  let high = Math.ceil(Math.log10(max));
  if (high === low) high += 1;
  const { height: H, left: L, right: R, top: T, bottom: B } = c;
  const W = width, w = W - L - R, h = H - T - B;
  const x = (k) => L + w * k / Math.max(n, 1);
  const y = (e) => T + h * (high - Math.log10(e)) / (high - low);
  const alt = describe(c.label, errors, ref.text);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" ` +
    `height="${H}" style="display: block; max-width: 100%; height: auto" role="img" ` +
    `aria-label="${escape(alt)}" ` +
    `font-family="DejaVu Sans, Verdana, sans-serif" font-size="12" fill="${c.ink}">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  for (let d = low; d <= high; d++) {
    const yd = y(10 ** d).toFixed(1), yt = (y(10 ** d) + 4).toFixed(1);
    out.push(`<line x1="${L}" x2="${L + w}" y1="${yd}" y2="${yd}" stroke="${c.grid}"/>`);
    const sup = String(d).split("").map((ch) => SUPERSCRIPT[ch]).join("");
    out.push(`<text x="${L - 6}" y="${yt}" text-anchor="end">10${sup}</text>`);
  }
  const step = n ? niceStep(n, Math.max(2, Math.round(5 * w / (c.width - L - R)))) : 1;
  for (let k = 0; k <= n; k += step) {
    out.push(`<text x="${x(k).toFixed(1)}" y="${T + h + 17}" text-anchor="middle">` +
      `${thousands(k)}</text>`);
  }
  out.push(`<path d="M${L},${T}V${T + h}H${L + w}" fill="none" stroke="${c.ink}"/>`);
  out.push(`<text x="${(L + w / 2).toFixed(0)}" y="${H - 6}" text-anchor="middle">updates</text>`);
  out.push(`<text transform="translate(14 ${(T + h / 2).toFixed(0)}) rotate(-90)" ` +
    `text-anchor="middle">E_total (log scale)</text>`);
  const refStyle = `stroke="${c.reference_color}" stroke-width="5"`;
  const refPoints = ref.points.map(([k, e]) => `${x(k).toFixed(1)},${y(e).toFixed(1)}`);
  out.push(`<polyline fill="none" stroke-linejoin="round" ${refStyle} ` +
    `stroke-linecap="round" points="${refPoints.join(" ")}"/>`);
  const runStyle = `stroke="${c.run_color}" stroke-width="2" stroke-dasharray="${c.dash}"`;
  const runPoints = plotIndices(errors.length - 1, c.points)
    .map((k) => `${x(k).toFixed(1)},${y(errors[k]).toFixed(1)}`);
  out.push(`<polyline fill="none" stroke-linejoin="round" ${runStyle} ` +
    `points="${runPoints.join(" ")}"/>`);
  [[ref.label, refStyle], [c.label, runStyle]].forEach(([label, style], j) => {
    const ly = T + 12 + 18 * j;
    out.push(`<line x1="${L + w - 190}" x2="${L + w - 160}" y1="${ly - 4}" y2="${ly - 4}" ` +
      `${style}/>`);
    out.push(`<text x="${L + w - 152}" y="${ly}">${escape(label)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n");
}


/** training_explorer's two tables: outputs against targets, and the trained parameters. */
function tables(run, n, example) {
  const outputs = table(["value", `after ${thousands(n)} updates`, "target"], [
    ["`out_o1`", run.final.out_o1.toFixed(9), example.t1_text],
    ["`out_o2`", run.final.out_o2.toFixed(9), example.t2_text],
    ["`E_total`", exponential(run.errors[n], 6), `from ${run.errors[0].toFixed(9)}`],
  ]);
  const p = run.params;
  // Params.biases(): b1 and b2 while each layer shares one, else the four slots.
  const shared = p.b_h1 === p.b_h2 && p.b_o1 === p.b_o2;
  const biasValues = shared ? { b1: p.b_h1, b2: p.b_o1 }
    : { b_h1: p.b_h1, b_h2: p.b_h2, b_o1: p.b_o1, b_o2: p.b_o2 };
  const values = { ...Object.fromEntries(WEIGHTS.map((w) => [w, p[w]])), ...biasValues };
  const names = Object.keys(values);
  const half = Math.ceil(names.length / 2);
  const rows = names.slice(0, half).map((a, i) => {
    const b = names[half + i];
    return [`\`${a}\``, values[a].toFixed(6), ...(b ? [`\`${b}\``, values[b].toFixed(6)] : ["", ""])];
  });
  return [outputs, table(["trained", "value", "trained", "value"], rows)];
}


async function render({ model, el }) {
  const data = model.get("data");
  el.classList.add("backprop-live", "backprop-training-live");
  el.innerHTML = '<div class="backprop-live-chart"></div>' +
    '<div class="backprop-live-tables" style="display: flex; flex-wrap: wrap; gap: 24px">' +
    "<div></div><div></div></div><p class=\"backprop-live-error\" role=\"alert\" hidden></p>";
  const chart = el.children[0], [outputs, parameters] = el.children[1].children;
  const error = el.children[2];
  const errors = new Float64Array(data.max_updates + 1);  // one buffer for every run
  let draws = 0;
  let shown = null, drawnWidth = 0;  // the history the chart shows, and at what width

  // The chart's width: the column's, at most svgchart's; below MIN_CHART_WIDTH it scales.
  const chartWidth = () => Math.min(data.chart.width, Math.max(MIN_CHART_WIDTH, chart.clientWidth));

  function drawChart() {
    drawnWidth = chartWidth();
    chart.innerHTML = errorChart(shown, data.chart, drawnWidth);
  }

  function redraw(value) {
    const s = {
      params: Object.fromEntries(PARAMETERS.map((name) => [name, value(name)])),
      eta: value("eta"), updates: value("updates"),
      biases: value("biases"), hidden_deltas: value("hidden_deltas"),
    };
    try {
      const run = train(layered(s.params), data.example, s.eta, s.updates,
                        { biases: s.biases, hidden_deltas: s.hidden_deltas, errors });
      const history = errors.subarray(0, s.updates + 1);
      shown = history;
      drawChart();
      [outputs.innerHTML, parameters.innerHTML] = tables({ ...run, errors: history },
                                                         s.updates, data.example);
      error.hidden = true;
    } catch (err) {  // a run that diverges: say so, as Python's ValueError would
      shown = null;  // (and the buffer no longer holds the chart's run)
      error.textContent = String(err.message || err);
      error.hidden = false;
    }
    el.dataset.state = JSON.stringify(s);
    el.dataset.draws = String(++draws);
  }

  // The column's width changes (a phone turned, a window resized, the view attached to
  // the page after this render): redraw the chart at the new width, without training.
  const resized = new ResizeObserver(() => {
    if (shown && chartWidth() !== drawnWidth) drawChart();
  });
  resized.observe(chart);

  const stop = await follow(model, [...PARAMETERS, "eta", "updates", "biases", "hidden_deltas"], redraw);
  return () => {
    resized.disconnect();
    stop();
  };
}

export default { render };
