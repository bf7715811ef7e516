// The actor network: a small force-directed layout drawn as SVG; edges coloured by sign, width by count.
import { actorName, svgEl } from "./api.js";

const W = 960, H = 620, PAD = { x: 70, y: 30 };
// Pull towards the centre, relative to the spring length: keeps unconnected pairs near the rest.
const GRAVITY = 0.05;
// Springs weaker than plain Fruchterman-Reingold: linked nodes settle about 1.7 k apart, room for labels.
const SPRING = 5;
// After scaling, nodes closer than this are pushed apart (circles are at most 40 px across).
const MIN_GAP = 40;
// Labels run to the right of their node, so side-by-side nodes need this many times more room.
const LABEL_STRETCH = 2.5;

// Fruchterman-Reingold with gravity; the result is then stretched to fill the drawing, so no node
// is ever pushed against (and stacked along) an edge of it.
function layout(nodes, edges, rounds = 300) {
  const n = nodes.length;
  const golden = Math.PI * (3 - Math.sqrt(5));
  nodes.forEach((d, i) => {
    const r = Math.sqrt((i + 0.5) / Math.max(1, n)), a = i * golden;
    d.x = W / 2 + Math.cos(a) * r * W * 0.4; d.y = H / 2 + Math.sin(a) * r * H * 0.4;
  });
  const byCode = new Map(nodes.map((d) => [d.code, d]));
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
  for (let r = 0; r < rounds; r++) {
    const temp = (W / 10) * (1 - r / rounds) + 0.5;
    for (const a of nodes) { a.vx = 0; a.vy = 0; }
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = a.x - b.x, dy = a.y - b.y, dist = Math.hypot(dx, dy) || 0.01;
      const f = (k * k) / dist / dist;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const e of edges) {
      const a = byCode.get(e.source), b = byCode.get(e.target);
      if (!a || !b || a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, f = Math.hypot(dx, dy) / k / SPRING;
      a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
    }
    for (const a of nodes) {
      a.vx += (W / 2 - a.x) * GRAVITY * k / 20; a.vy += (H / 2 - a.y) * GRAVITY * k / 20;
      const v = Math.hypot(a.vx, a.vy) || 1, step = Math.min(v, temp);
      a.x += (a.vx / v) * step; a.y += (a.vy / v) * step;
    }
  }
  const xs = nodes.map((d) => d.x), ys = nodes.map((d) => d.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (const d of nodes) {
    d.x = x1 > x0 ? PAD.x + ((d.x - x0) / (x1 - x0)) * (W - 2 * PAD.x) : W / 2;
    d.y = y1 > y0 ? PAD.y + ((d.y - y0) / (y1 - y0)) * (H - 2 * PAD.y) : H / 2;
  }
  separate(nodes);
  return byCode;
}

function separate(nodes, rounds = 40) {
  for (let r = 0; r < rounds; r++) {
    let moved = false;
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j];
      const dx = (a.x - b.x) / LABEL_STRETCH, dy = a.y - b.y, dist = Math.hypot(dx, dy);
      if (dist >= MIN_GAP) continue;
      const [ux, uy] = dist > 0.01 ? [dx / dist, dy / dist] : [Math.cos(i + j), Math.sin(i + j)];
      const push = (MIN_GAP - dist) / 2, px = ux * push * LABEL_STRETCH, py = uy * push;
      a.x += px; a.y += py; b.x -= px; b.y -= py;
      moved = true;
    }
    for (const d of nodes) {
      d.x = Math.min(W - PAD.x, Math.max(PAD.x / 2, d.x)); d.y = Math.min(H - PAD.y, Math.max(PAD.y, d.y));
    }
    if (!moved) break;
  }
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
    // Labelled with the actor's name (the code is in the tooltip and on the events page).
    g.append(svgEl("text", { x: radius(d) + 4, y: 4 }, actorName(d.name, d.code).slice(0, 28)));
    g.append(svgEl("title", {}, `${d.code} ${d.name || ""}: ${d.weight} events`));
    g.addEventListener("click", () => onPick(d.code));
    g.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPick(d.code); });
    svg.append(g);
  }
}
