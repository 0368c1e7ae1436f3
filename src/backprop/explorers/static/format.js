// Python's text formats in JavaScript, for the views that compute in the page: the page
// must print a number exactly as the Python explorer does (tests/browser/ compare them).
// Appended after engine.js and before a view module (live.module), so one ES module.

/** Python's f"{x:,}" for a whole number. */
function thousands(k) {
  return String(k).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** True when the exact decimal digits of a double, after `kept` of them, are 5 then
 * zeros: a tie, which Python rounds to even and toFixed/toExponential away from zero. */
function tie(exact, kept) {
  return /^50*$/.test(exact.slice(kept));
}

/** Python's f"{x:.{d}f}": ties to even, and -0.0 keeps its sign. */
function fixed(x, d) {
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  let text = a.toFixed(d);
  const exact = a.toFixed(100).replace(".", "");
  const whole = a.toFixed(0).length;  // digits before the point, the same in both
  if (tie(exact, whole + d) && Number(exact[whole + d - 1]) % 2 === 0) {
    text = a.toFixed(100).slice(0, whole + (d ? d + 1 : 0));  // the even digit: truncate
  }
  return sign + text;
}

/** Python's f"{x:.{d}e}": ties to even, the exponent signed with at least two digits. */
function exponential(x, d) {
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const a = Math.abs(x);
  let [m, e] = a.toExponential(d).split("e");
  const [exactM, exactE] = a.toExponential(100).split("e");
  const exact = exactM.replace(".", "");
  if (tie(exact, d + 1) && Number(exact[d]) % 2 === 0) {
    [m, e] = [exactM.slice(0, d ? d + 2 : 1), exactE];
  }
  const n = Number(e);
  return `${sign}${m}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
}

/** Python's f"{x:.{p}g}" (f"{x:+.{p}g}" with plus): p significant digits, trailing zeros
 * dropped, an exponent below 1e-4 or from 10^p on. */
function general(x, p, plus = false) {
  const e = x === 0 ? 0 : Number(exponential(x, p - 1).split("e")[1]);
  let text = e >= -4 && e < p ? fixed(x, p - 1 - e) : exponential(x, p - 1);
  text = text.replace(/(\.\d*?)0+(?=e|$)/, "$1").replace(/\.(?=e|$)/, "");
  return plus && !text.startsWith("-") ? `+${text}` : text;
}

function escape(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

/** tables.Table.html(): Markdown `code` spans as <code>, everything else escaped. */
function table(header, rows) {
  const cell = (text) => escape(text).split("`")
    .map((part, i) => (i % 2 ? `<code>${part}</code>` : part)).join("");
  const row = (tag, cells) => "<tr>" + cells.map((c) => `<${tag}>${cell(c)}</${tag}>`).join("") + "</tr>";
  return '<table class="backprop-table">' + row("th", header) + rows.map((r) => row("td", r)).join("") +
    "</table>";
}

/** svgchart.nice_step: 1, 2 or 5 times a power of ten, cutting span into ~ticks pieces. */
function niceStep(span, ticks = 5) {
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
}

/** error_histories.updates_text: "1 update", "10,000 updates". */
function updatesText(k) {
  return `${thousands(k)} update${k === 1 ? "" : "s"}`;
}
