// The events map, offline: Natural Earth country shapes (world-atlas TopoJSON, vendored in
// static/geo/) decoded here in plain JS, drawn in an equirectangular projection. Countries are
// shaded by how many events took place there; events with coordinates are points. Clicking a
// country or a point lists its events.
import { svgEl } from "./api.js";

const W = 960, H = 500;
const LAT_MAX = 84, LAT_MIN = -58; // Antarctica and the far north are left out: no news happens there
let topology = null;

export async function loadCountries() {
  if (!topology) {
    const response = await fetch("/static/geo/countries-110m.json");
    if (!response.ok) throw new Error(`country shapes could not be loaded (${response.status})`);
    topology = await response.json();
  }
  return topology;
}

// TopoJSON arcs are delta-encoded integer positions, scaled by the topology's transform.
function decodeArcs(topo) {
  const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
}

function ring(arcs, indexes) {
  const points = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

function project([lon, lat]) {
  const y = Math.max(LAT_MIN, Math.min(LAT_MAX, lat));
  return [((lon + 180) / 360) * W, ((LAT_MAX - y) / (LAT_MAX - LAT_MIN)) * H];
}

function pathOf(arcs, geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
  let d = "";
  for (const polygon of polygons) {
    for (const r of polygon) {
      const pts = ring(arcs, r).map(project);
      // A ring crossing the antimeridian would streak across the map: split it where it jumps.
      d += pts.map(([x, y], i) => `${i && Math.abs(x - pts[i - 1][0]) < W / 2 ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`).join("") + "Z";
    }
  }
  return d;
}

const SHADES = ["#e8edf3", "#fde2c4", "#f8b98b", "#ef8a5a", "#d9583a", "#a8321f"];

function shade(count, max) {
  if (!count) return SHADES[0];
  return SHADES[Math.min(SHADES.length - 1, 1 + Math.floor((Math.log(count) / Math.log(max + 1)) * (SHADES.length - 1)))];
}

// Draws the map; onPick(label, events) is called with the events of a clicked country or point.
export function drawMap(svg, topo, events, onPick) {
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  const arcs = decodeArcs(topo);
  const byCountry = new Map();
  for (const e of events) {
    if (!e.location_country) continue;
    if (!byCountry.has(e.location_country)) byCountry.set(e.location_country, []);
    byCountry.get(e.location_country).push(e);
  }
  const max = Math.max(1, ...[...byCountry.values()].map((v) => v.length));
  svg.append(svgEl("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  for (const geometry of topo.objects.countries.geometries) {
    const iso3 = geometry.properties?.iso3;
    const here = byCountry.get(iso3) || [];
    const name = geometry.properties?.name || iso3 || "";
    const path = svgEl("path", { d: pathOf(arcs, geometry), fill: shade(here.length, max), class: `country${here.length ? " has-events" : ""}`, "data-iso3": iso3 || "", "data-count": here.length });
    path.append(svgEl("title", {}, `${name}: ${here.length} event${here.length === 1 ? "" : "s"}`));
    if (here.length) path.addEventListener("click", () => onPick(`${name} (${iso3})`, here));
    svg.append(path);
  }
  const placed = new Map();
  for (const e of events) {
    if (e.lat === null || e.lat === undefined || e.lon === null || e.lon === undefined) continue;
    const key = `${e.lat.toFixed(2)},${e.lon.toFixed(2)}`;
    if (!placed.has(key)) placed.set(key, []);
    placed.get(key).push(e);
  }
  for (const group of placed.values()) {
    const [x, y] = project([group[0].lon, group[0].lat]);
    const point = svgEl("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: Math.min(12, 3 + 2 * Math.sqrt(group.length)), class: "event-point" });
    const label = group[0].location_name || `${group[0].lat}, ${group[0].lon}`;
    point.append(svgEl("title", {}, `${label}: ${group.length} event${group.length === 1 ? "" : "s"}`));
    point.addEventListener("click", (ev) => { ev.stopPropagation(); onPick(label, group); });
    svg.append(point);
  }
  return { countries: byCountry.size, points: placed.size };
}
