// What the explorers' view modules share: Python's number formats, the tables
// (tables.Table.html), and the wiring of a view to its ipywidgets controls. Appended to
// engine.js's text and followed by one view module (live.module), all one ES module.

const REF_PREFIX = "IPY_MODEL_";

/** Python's f"{x:,}" for a whole number. */
function thousands(k) {
  return String(k).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Python's f"{x:.{d}e}": the exponent with a sign and at least two digits. */
function exponential(x, d) {
  const [m, e] = x.toExponential(d).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

/** Python's f"{x:.{p}g}": p significant digits, trailing zeros dropped. */
function general(x, p) {
  if (x === 0) return "0";
  const e = Number(x.toExponential(p - 1).split("e")[1]);
  const strip = (s) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
  if (e < -4 || e >= p) {
    const [m, n] = exponential(x, p - 1).split("e");
    return `${strip(m)}e${n}`;
  }
  return strip(x.toFixed(p - 1 - e));
}

/** error_histories.updates_text: '1 update', '10,000 updates'. */
function updatesText(k) {
  return `${thousands(k)} update${k === 1 ? "" : "s"}`;
}

/** html.escape. */
function escape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** svgchart.nice_step: 1, 2 or 5 times a power of ten, cutting span into ~ticks pieces. */
function niceStep(span, ticks = 5) {
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/** tables.Table.html(): Markdown `code` spans as <code>, everything else escaped. */
function table(header, rows) {
  const cell = (text) => escape(text).split("`")
    .map((part, i) => (i % 2 ? `<code>${part}</code>` : part)).join("");
  const row = (tag, cells) => "<tr>" + cells.map((c) => `<${tag}>${cell(c)}</${tag}>`).join("") + "</tr>";
  return '<table class="backprop-table">' + row("th", header) + rows.map((r) => row("td", r)).join("") +
    "</table>";
}

async function controlModels(model) {
  const refs = model.get("controls");
  const entries = await Promise.all(Object.entries(refs).map(async ([name, ref]) => {
    if (typeof ref !== "string") return [name, ref];  // already a model
    const id = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
    return [name, await model.widget_manager.get_model(id)];
  }));
  return Object.fromEntries(entries);
}

/**
 * Calls redraw(value) now and after every change of the controls named, where value(name)
 * is a control's value (a dropdown's chosen label). Several changes at once (reset) redraw
 * once, still before the next frame. controls.reset, the reset button: with a kernel
 * Python resets the controls (and the changes come back here); on the static site nothing
 * answers its click message, so it puts them back to defaults here. Returns the function
 * that disconnects.
 */
function connect(controls, names, defaults, redraw) {
  // A dropdown's model holds the chosen option's index (ipywidgets 8), a slider's its value.
  const choice = (m) => m.get("_options_labels") !== undefined;
  const event = (name) => (choice(controls[name]) ? "change:index" : "change:value");
  const value = (name) => {
    const m = controls[name];
    return choice(m) ? m.get("_options_labels")[m.get("index")] : m.get("value");
  };
  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    queueMicrotask(() => { pending = false; redraw(value); });
  }
  names.forEach((name) => controls[name].on(event(name), schedule));

  const button = controls.reset;
  const send = button.send;
  button.send = function (content, ...rest) {
    if (content && content.event === "click" && !button.comm_live) {
      names.forEach((name) => {
        const m = controls[name], v = defaults[name];
        if (choice(m)) m.set("index", m.get("_options_labels").indexOf(v));
        else m.set("value", v);
        m.save_changes();
      });
    }
    return send.call(this, content, ...rest);
  };

  redraw(value);
  return () => {
    names.forEach((name) => controls[name].off(event(name), schedule));
    button.send = send;
  };
}
