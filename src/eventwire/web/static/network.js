// The actor network: a small force-directed layout drawn as SVG; edges coloured by sign, width by count.
import { svgEl } from "./api.js";

const W = 960, H = 620;

function layout(nodes, edges, rounds = 300) {
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, n);
    d.x = W / 2 + Math.cos(a) * W * 0.3; d.y = H / 2 + Math.sin(a) * H * 0.3; d.vx = 0; d.vy = 0;
  });
  const byCode = new Map(nodes.map((d) => [d.code, d]));
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.45;
  for (let r = 0; r < rounds; r++) {
    const cool = 1 - r / rounds;
    for (const a of nodes) { a.vx = 0; a.vy = 0; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      let dx = a.x - b.x, dy = a.y - b.y; const dist = Math.hypot(dx, dy) || 0.01;
      const f = (k * k) / dist / dist; dx *= f; dy *= f;
      a.vx += dx; a.vy += dy; b.vx -= dx; b.vy -= dy;
    }
    for (const e of edges) {
      const a = byCode.get(e.source), b = byCode.get(e.target);
      if (!a || !b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, dist = Math.hypot(dx, dy) || 0.01;
      const f = dist / k;
      a.vx -= dx * f * 0.5; a.vy -= dy * f * 0.5; b.vx += dx * f * 0.5; b.vy += dy * f * 0.5;
    }
    for (const a of nodes) {
      a.vx += (W / 2 - a.x) * 0.02; a.vy += (H / 2 - a.y) * 0.02;
      const v = Math.hypot(a.vx, a.vy) || 1, cap = 30 * cool + 1;
      a.x = Math.min(W - 60, Math.max(60, a.x + (a.vx / v) * Math.min(v, cap)));
      a.y = Math.min(H - 30, Math.max(30, a.y + (a.vy / v) * Math.min(v, cap)));
    }
  }
  return byCode;
}

export function drawNetwork(svg, net, onPick) {
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  if (!net.nodes.length) {
    svg.append(svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no actor pairs"));
    return;
  }
  const defs = svgEl("defs");
  for (const s of ["pos", "neg", "zero"]) {
    const m = svgEl("marker", { id: `arrow-${s}`, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 12, markerHeight: 12, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    m.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", class: `edge-head ${s}` }));
    defs.append(m);
  }
  svg.append(defs);
  const byCode = layout(net.nodes, net.edges);
  const maxW = Math.max(...net.edges.map((e) => e.weight), 1), maxN = Math.max(...net.nodes.map((d) => d.weight), 1);
  const radius = (d) => 6 + 14 * Math.sqrt(d.weight / maxN);
  for (const e of net.edges) {
    const a = byCode.get(e.source), b = byCode.get(e.target);
    if (!a || !b) continue;
    const sign = e.sign > 0 ? "pos" : e.sign < 0 ? "neg" : "zero";
    const dx = b.x - a.x, dy = b.y - a.y, dist = Math.hypot(dx, dy) || 1, rb = radius(b) + 3;
    const bend = 0.15, mx = (a.x + b.x) / 2 - dy * bend, my = (a.y + b.y) / 2 + dx * bend;
    const ex = b.x - (dx / dist) * rb, ey = b.y - (dy / dist) * rb;
    const path = svgEl("path", {
      d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      class: `edge ${sign}`, "stroke-width": (1 + 7 * Math.sqrt(e.weight / maxW)).toFixed(1), "marker-end": `url(#arrow-${sign})`,
    });
    path.append(svgEl("title", {}, `${e.source} → ${e.target}: ${e.weight} events, mean Goldstein ${Number(e.goldstein_mean).toFixed(1)}`));
    svg.append(path);
  }
  for (const d of net.nodes) {
    const g = svgEl("g", { class: "node", transform: `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`, tabindex: 0 });
    g.append(svgEl("circle", { r: radius(d).toFixed(1) }));
    g.append(svgEl("text", { x: radius(d) + 4, y: 4 }, d.code));
    g.append(svgEl("title", {}, `${d.code} ${d.name || ""}: ${d.weight} events`));
    g.addEventListener("click", () => onPick(d.code));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPick(d.code); });
    svg.append(g);
  }
}
