// The dyad timeline chart: Goldstein sum per period as a line (with escalation alerts marked) over
// bars of event counts by quad class (cooperation above the axis, conflict below). Plain SVG.
import { svgEl } from "./api.js";

const M = { left: 48, right: 16, top: 24, bottom: 36 }, GAP = 24;
// The drawing is as wide as its box (between these bounds), so text keeps its size on a phone.
const MIN_W = 320, MAX_W = 960, LABEL_W = 90;

function combine(rows, direction) {
  const byPeriod = new Map();
  for (const r of rows) {
    if (direction !== "" && r.direction !== direction) continue;
    const p = byPeriod.get(r.period) || { period: r.period, q1: 0, q2: 0, q3: 0, q4: 0, events: 0, goldstein_sum: 0 };
    for (const k of ["q1", "q2", "q3", "q4", "events", "goldstein_sum"]) p[k] += r[k] || 0;
    byPeriod.set(r.period, p);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

function ticks(lo, hi, n = 4) {
  const step = Math.max(1, Math.ceil((hi - lo) / n));
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

export function drawTimeline(svg, rows, alerts, direction = "") {
  const W = Math.round(Math.max(MIN_W, Math.min(MAX_W, svg.clientWidth || MAX_W)));
  const H = W < 600 ? 360 : 440;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const data = combine(rows, direction);
  if (!data.length) {
    svg.append(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no events for this dyad"));
    return;
  }
  const plotW = W - M.left - M.right;
  const topH = (H - M.top - M.bottom - GAP) * 0.55, botH = (H - M.top - M.bottom - GAP) * 0.45;
  const top0 = M.top, bot0 = M.top + topH + GAP;
  const step = plotW / data.length, barW = Math.max(1, Math.min(28, step * 0.7));
  const x = (i) => M.left + step * (i + 0.5);
  // Goldstein panel
  const gVals = data.map((d) => d.goldstein_sum);
  const gMin = Math.min(0, ...gVals), gMax = Math.max(0, ...gVals), gSpan = gMax - gMin || 1;
  const gy = (v) => top0 + (gMax - v) / gSpan * topH;
  for (const t of ticks(gMin, gMax)) {
    svg.append(svgEl("line", { x1: M.left, x2: W - M.right, y1: gy(t), y2: gy(t), class: "grid" }));
    svg.append(svgEl("text", { x: M.left - 6, y: gy(t) + 4, "text-anchor": "end" }, String(t)));
  }
  svg.append(svgEl("line", { x1: M.left, x2: W - M.right, y1: gy(0), y2: gy(0), class: "axis" }));
  svg.append(svgEl("text", { x: M.left, y: top0 - 8 }, "Goldstein sum"));
  const path = data.map((d, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${gy(d.goldstein_sum).toFixed(1)}`).join(" ");
  svg.append(svgEl("path", { d: path, class: "gline" }));
  data.forEach((d, i) => {
    const dot = svgEl("circle", { cx: x(i), cy: gy(d.goldstein_sum), r: 3, class: "gpoint" });
    dot.append(svgEl("title", {}, `${d.period}: Goldstein ${d.goldstein_sum.toFixed(1)}, ${d.events} events`));
    svg.append(dot);
  });
  // quad-class panel: cooperation up, conflict down
  const up = data.map((d) => d.q1 + d.q2), down = data.map((d) => d.q3 + d.q4);
  const cMax = Math.max(0, ...up), dMax = Math.max(0, ...down);
  const scale = botH / Math.max(1, cMax + dMax), zero = bot0 + cMax * scale;
  svg.append(svgEl("text", { x: M.left, y: bot0 - 8 }, "events by quad class"));
  data.forEach((d, i) => {
    let yUp = zero, yDown = zero;
    for (const q of ["q2", "q1"]) {
      const h = d[q] * scale; yUp -= h;
      if (h) svg.append(svgEl("rect", { x: x(i) - barW / 2, y: yUp, width: barW, height: h, class: `bar ${q}` }));
    }
    for (const q of ["q3", "q4"]) {
      const h = d[q] * scale;
      if (h) svg.append(svgEl("rect", { x: x(i) - barW / 2, y: yDown, width: barW, height: h, class: `bar ${q}` }));
      yDown += h;
    }
  });
  svg.append(svgEl("line", { x1: M.left, x2: W - M.right, y1: zero, y2: zero, class: "axis" }));
  if (cMax) svg.append(svgEl("text", { x: M.left - 6, y: bot0 + 4, "text-anchor": "end" }, `▲${cMax}`));
  if (dMax) svg.append(svgEl("text", { x: M.left - 6, y: H - M.bottom, "text-anchor": "end" }, `▼${dMax}`));
  // period labels
  const every = Math.max(1, Math.ceil(data.length / Math.floor(plotW / LABEL_W)));
  data.forEach((d, i) => {
    if (i % every === 0) svg.append(svgEl("text", { x: x(i), y: H - M.bottom + 16, "text-anchor": "middle" }, d.period));
  });
  // alerts
  const index = new Map(data.map((d, i) => [d.period, i]));
  for (const a of alerts) {
    const i = index.get(a.period);
    if (i === undefined) continue;
    svg.append(svgEl("line", { x1: x(i), x2: x(i), y1: top0, y2: H - M.bottom, class: "alert-line" }));
    const mark = svgEl("path", { d: `M${x(i) - 7},${top0 + 2} L${x(i) + 7},${top0 + 2} L${x(i)},${top0 + 14} Z`, class: "alert-mark" });
    mark.append(svgEl("title", {}, `alert ${a.dyad} ${a.period}: index ${a.index.toFixed(1)} (${a.reason})`));
    svg.append(mark);
  }
}
