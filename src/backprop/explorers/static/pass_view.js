// The pass explorer's display, computed in the page: appended to engine.js's, format.js's
// and controls.js's text to make one ES module, the _esm of pass_explorer.PassDisplay.
//
// It follows the explorer's sliders and reset button (controls.js), runs engine.js's
// backward() and redraws what pass_explorer.PassExplorer shows for its part: E_total, the
// network diagram with the live numbers on it, the bar chart and the tables. The diagram's
// drawing (matplotlib's, without numbers) is put in once; each move rewrites only its
// group of labels, as network_svg writes them, and its alt text. The bar chart is
// svgchart.bar_chart's, element for element.
//
// The model's "data" holds, from Python: the part's names (each neuron's label lines, the
// tables' rows, the bars), the reset values, the drawing and its labels' anchors, and the
// chart's geometry and colours. After each redraw the view's element carries data-state
// (the sliders' values, JSON) and data-draws (a count), for tests and benchmarks to read.

/** diagram._num: 2 decimals, or up to 4 when 2 would hide digits. */
function num(x) {
  for (const d of [2, 3]) {
    if (Math.abs(x - Number(fixed(x, d))) < 1e-12) return fixed(x, d);
  }
  return fixed(x, 4);
}

/** pass_explorer.svg_text: <text> set against (x, y) as matplotlib sets its labels. */
function svgText([x, y, ha, va], text, size, d, halo) {
  const lines = text.split("\n");
  const pad = lines.length > 1 ? (d.line - 1) / 2 : 0;
  const height = d.ascent + d.descent + (lines.length - 1) * d.line + 2 * pad;
  const top = { top: 0, center: -height / 2, bottom: -height }[va];
  const first = y + size * (top + pad + d.ascent);
  const spans = lines.map((line, k) => `<tspan x="${fixed(x, 2)}" ` +
    `y="${fixed(first + k * d.line * size, 2)}">${escape(line)}</tspan>`).join("");
  const style = halo ? ' stroke="white" stroke-width="6" stroke-linejoin="round" paint-order="stroke"' : "";
  return `<text text-anchor="${d.align[ha]}" font-size="${size}"${style}>${spans}</text>`;
}

/** The diagram's labels: default_node_labels, the part's live ones, then the edges'. */
function labels(data, g, v) {
  const four = (name) => `${name} = ${fixed(v[name], 4)}`;
  const nodes = {
    i1: `i1 = ${num(g.i1)}`, i2: `i2 = ${num(g.i2)}`, b1: `b1 = ${num(g.b1)}`, b2: `b2 = ${num(g.b2)}`,
    ...Object.fromEntries(Object.entries(data.neurons).map(([n, names]) =>
      [n, names.map(four).join("\n")])),
    E_total: data.shows_error ? four("E_total") : "E_total",
  };
  const edges = {
    ...Object.fromEntries(WEIGHTS.map((w) => [w, `${w} = ${num(g[w])}`])),
    E_o1: `t1 = ${num(g.t1)}`, E_o2: `t2 = ${num(g.t2)}`,
  };
  return { nodes, edges };
}

function labelGroup(d, { nodes, edges }) {
  return Object.entries(nodes).filter(([, t]) => t)
    .map(([n, t]) => svgText(d.anchors[n], t, d.font, d, false))
    .concat(Object.entries(edges).filter(([, t]) => t)
      .map(([e, t]) => svgText(d.anchors[e], t, d.small, d, true))).join("");
}

/** PassExplorer.describe_diagram: diagram.describe_network (one bias per layer), then
 * the neurons' labels and the error box. */
function describeDiagram(data, g, { nodes }) {
  const weights = (...ws) => ws.map((w) =>
    `${w} = ${num(g[w])} (${data.edges[w][0]} to ${data.edges[w][1]})`).join(", ");
  const network = "Diagram of a neural network with two inputs, two hidden neurons and two " +
    `output neurons. Inputs i1 = ${num(g.i1)} and i2 = ${num(g.i2)} connect to hidden ` +
    `neurons h1 and h2 through weights ${weights("w1", "w2", "w3", "w4")}; a bias b1 = ` +
    `${num(g.b1)} feeds both hidden neurons. The hidden neurons connect to outputs o1 and ` +
    `o2 through weights ${weights("w5", "w6", "w7", "w8")}; a bias b2 = ${num(g.b2)} feeds ` +
    `both outputs. The outputs are compared with targets t1 = ${num(g.t1)} and t2 = ` +
    `${num(g.t2)}, giving the errors E_o1 and E_o2 that add up to the total error E_total.`;
  const beside = Object.keys(data.neurons).map((n) => nodes[n].replace(/\n/g, ", ")).join("; ");
  const total = data.shows_error ? ` The total error box reads ${nodes.E_total}.`
    : " The total error box is empty until the next chapter.";
  return `${network} Beside the neurons: ${beside}.${total}`;
}

/** A value as the part's BAR_FORMAT writes it ("{:+.3g}" or "{:.3g}"). */
function barText(x, format) {
  const [, plus, digits] = /^\{:(\+?)\.(\d+)g\}$/.exec(format);
  return general(x, Number(digits), plus === "+");
}

/** svgchart.bar_chart: one bar per value from a zero line, each labelled. */
function barChart(values, alt, format, c) {
  const entries = Object.entries(values).map(([k, v]) => [k, v + 0.0]);
  const vs = entries.map(([, v]) => v);
  const low = Math.min(0.0, ...vs);
  let high = Math.max(0.0, ...vs);
  if (high === low) high += 1;
  const top = c.room, bottom = c.height - 24 - c.room;
  const slot = (c.width - 2 * c.margin) / entries.length;
  const half = Math.min(0.3 * slot, 36);
  const y = (v) => top + (bottom - top) * (high - v) / (high - low);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${c.width} ${c.height}" ` +
    `width="${c.width}" height="${c.height}" role="img" aria-label="${escape(alt)}" ` +
    `font-family="DejaVu Sans, Verdana, sans-serif" font-size="${c.font}" fill="${c.ink}" ` +
    'text-anchor="middle">',
    `<rect width="${c.width}" height="${c.height}" fill="white"/>`,
  ];
  entries.forEach(([label, v], i) => {
    const x = c.margin + slot * (i + 0.5);
    const y0 = y(0.0), yv = y(v);
    out.push(`<rect x="${fixed(x - half, 1)}" y="${fixed(Math.min(y0, yv), 1)}" ` +
      `width="${fixed(2 * half, 1)}" height="${fixed(Math.abs(yv - y0), 1)}" ` +
      `fill="${v < 0 ? c.negative : c.positive}"/>`);
    out.push(`<text x="${fixed(x, 1)}" y="${fixed(v < 0 ? yv + 15 : yv - 5, 1)}">` +
      `${escape(barText(v, format))}</text>`);
    out.push(`<text x="${fixed(x, 1)}" y="${c.height - 8}">${escape(label)}</text>`);
  });
  out.push(`<line x1="${c.margin}" x2="${c.width - c.margin}" y1="${fixed(y(0.0), 1)}" ` +
    `y2="${fixed(y(0.0), 1)}" stroke="${c.ink}"/>`);
  out.push("</svg>");
  return out.join("\n");
}

/** PassExplorer.describe_chart. */
function describeChart(data, v) {
  const bars = data.bars.map((n) => `${n} = ${barText(v[n], data.bar_format)}`).join(", ");
  if (data.part === "error") return `Bar chart of the two output errors, from a zero line: ${bars}.`;
  return `Bar chart of the gradients, from a zero line: ${bars}. Positive values are ` +
    "blue bars above the line, negative ones vermillion bars below it.";
}

/** PassExplorer._table for each of the part's sections, side by side. */
function tables(data, v) {
  return data.sections.map(([title, rows]) =>
    `<div class="backprop-pass-section"><p><strong>${escape(title)}</strong></p>` +
    table(["quantity", "value", "quantity", "value"],
          rows.map(([a, b]) => [`\`${a}\``, fixed(v[a], 9), `\`${b}\``, fixed(v[b], 9)])) +
    "</div>").join("");
}

async function render({ model, el }) {
  const data = model.get("data"), d = data.diagram;
  el.classList.add("backprop-live", "backprop-pass-live");
  el.innerHTML = '<p class="backprop-pass-total"></p>' +
    `<div class="backprop-pass-diagram"><svg ${d.attributes} role="img">${d.body}` +
    `<g class="backprop-pass-labels" font-family="DejaVu Sans, Verdana, sans-serif" ` +
    `fill="${d.ink}"></g></svg></div>` +
    '<div class="backprop-live-chart"></div><div class="backprop-pass"></div>';
  const [total, diagram, chart, sections] = el.children;
  const svg = diagram.firstElementChild, group = svg.lastElementChild;
  total.hidden = !data.shows_error;
  chart.hidden = !data.bars.length;
  let draws = 0;

  function redraw(value) {
    const g = Object.fromEntries(Object.keys(data.defaults).map((n) => [n, value(n)]));
    const v = backward(layered(g), g);
    const shown = labels(data, g, v);
    if (data.shows_error) total.innerHTML = `<code>E_total</code> = ${fixed(v.E_total, 9)}`;
    group.innerHTML = labelGroup(d, shown);
    svg.setAttribute("aria-label", describeDiagram(data, g, shown));
    if (data.bars.length) {
      const values = Object.fromEntries(data.bars.map((n) => [n, v[n]]));
      chart.innerHTML = barChart(values, describeChart(data, v), data.bar_format, data.chart);
    }
    sections.innerHTML = tables(data, v);
    el.dataset.state = JSON.stringify(g);
    el.dataset.draws = String(++draws);
  }

  return follow(model, Object.keys(data.defaults), redraw);
}

export default { render };
