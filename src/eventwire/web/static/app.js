// The dashboard: a hash router over the API's read endpoints, plus the ingest form.
import { actorName, download, el, fmtGold, getJSON, postForm, query, setToken, sideLabel, speakerLabel, token } from "./api.js";
import { showArticle } from "./article.js";
import { drawMap, loadCountries } from "./map.js";
import { drawNetwork } from "./network.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 50;
const $ = (id) => document.getElementById(id);

function parseHash() {
  const [path, qs] = (location.hash.replace(/^#\/?/, "") || "events").split("?");
  const [view, ...args] = path.split("/").map(decodeURIComponent);
  return { view: view || "events", args, params: Object.fromEntries(new URLSearchParams(qs || "")) };
}

function go(view, params = {}) { location.hash = `#/${view}${query(params)}`; }

function show(view) {
  for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== `view-${view}`;
  for (const a of document.querySelectorAll("#nav a[data-view]")) a.classList.toggle("active", a.dataset.view === view);
  $("error").hidden = true;
}

// Errors are sentences for the reader; what the failed view showed before is cleared, not left stale.
function fail(err) {
  $("error").textContent = String(err.message || err);
  $("error").hidden = false;
  for (const id of ["events-table", "map-chart", "timeline-chart", "quote-groups", "network-chart"]) {
    const node = id === "events-table" ? document.querySelector("#events-table tbody") : $(id);
    if (node && !node.closest(".view").hidden) node.replaceChildren();
  }
}

function defaultValue(input) {
  if (input.tagName !== "SELECT") return input.defaultValue ?? "";
  const chosen = [...input.options].find((o) => o.defaultSelected) || input.options[0];
  return chosen ? chosen.value : "";
}

function fillForm(form, params) {
  for (const input of form.elements) if (input.name && input.type !== "file") input.value = params[input.name] ?? defaultValue(input);
}

function formParams(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && v.trim()) out[k] = v.trim();
  return out;
}

// -- events -----------------------------------------------------------------------------------

// An actor resolved to a CAMEO code shows its name over the code; a person shows their name over
// the code and the code's name ("Dmitry Peskov" over "RUSGOV · Russia (government)"). An unresolved
// one (a generic phrase such as "the talks", or a name outside the dictionaries) is marked as such.
function actorCell(side) {
  const { name, code, person } = side || {};
  const label = actorName(person ? person.name : name, code);
  if (code) {
    const codeLine = person ? `${code} · ${actorName(name, code)}` : code;
    return el("td", person ? { title: `person ${person.id}` } : {}, label, el("span", { class: "code" }, codeLine));
  }
  if (!label) return el("td", { class: "none" }, "—");
  return el("td", { class: "unresolved", title: "not resolved to an actor code" }, label, el("span", { class: "code" }, "unresolved"));
}

const FLAG_PARAMS = {
  real: { negated: false, hypothetical: false, future: false },
  negated: { negated: true }, hypothetical: { hypothetical: true }, future: { future: true }, reported: { reported: true },
};

function eventRow(e) {
  const flags = ["negated", "hypothetical", "future"].filter((f) => e[f]);
  const gold = e.goldstein ?? 0;
  return el("tr", { class: `q${e.quad_class || 0}`, "data-event": e.event_id, onclick: () => go(`event/${encodeURIComponent(e.event_id)}`) },
    el("td", { class: "date" }, e.event_date || el("span", { class: "undated", title: "no date found in the text" }, "undated")),
    actorCell(e.source),
    el("td", {}, e.plover_type || "", el("span", { class: "code" }, `CAMEO ${e.cameo_code}`), ...flags.map((f) => el("span", { class: "badge flag" }, f))),
    actorCell(e.target),
    el("td", { class: `num gold ${gold < 0 ? "neg" : gold > 0 ? "pos" : ""}` }, fmtGold(e.goldstein)),
    el("td", { class: "num col-reports" }, e.num_articles ?? ""),
    el("td", { class: "col-sentence" }, e.sentence || ""));
}

async function eventsView(params) {
  show("events");
  const form = $("event-filters");
  fillForm(form, params);
  const offset = Number(params.offset || 0), sort = params.sort || "-date";
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.classList.toggle("sorted", sort.replace("-", "") === th.dataset.sort);
    th.classList.toggle("asc", sort === th.dataset.sort);
  }
  const { flags, ...filters } = params;
  const page = await getJSON("/events", { ...filters, ...(FLAG_PARAMS[flags] || {}), sort, limit: PAGE, offset });
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...page.items.map(eventRow));
  if (!page.items.length) {
    const any = Object.keys(filters).some((k) => !["sort", "offset"].includes(k));
    body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, any
      ? "No events match these filters. Loosen or clear them (Clear) to see more."
      : "No events yet. Ingest news with `eventwire ingest FILES-OR-URLS`, or from the Ingest page when writes are on.")));
  }
  $("map-link").href = `#/map${query(filters)}`;
  setupExport({ ...filters, ...(FLAG_PARAMS[flags] || {}) });
  $("page-info").textContent = page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : "0 events";
  $("prev").disabled = offset === 0;
  $("next").disabled = offset + PAGE >= page.total;
  $("prev").onclick = () => go("events", { ...params, offset: Math.max(0, offset - PAGE) });
  $("next").onclick = () => go("events", { ...params, offset: offset + PAGE });
}

// The export buttons download what the current filters select (the bearer token goes in the header).
function setupExport(filters) {
  for (const button of document.querySelectorAll("#export-bar button[data-format]")) {
    button.onclick = async () => {
      const format = button.dataset.format;
      try {
        await download("/export", { ...filters, what: "events", format }, `eventwire-events${{ csv: ".csv", parquet: ".parquet", gdelt: ".export.CSV" }[format]}`);
      } catch (err) { fail(err); }
    };
  }
}

// -- map ----------------------------------------------------------------------------------------

const MAP_LIMIT = 1000;

async function mapView(params) {
  show("map");
  const { flags, ...filters } = params;
  const [topo, page] = await Promise.all([loadCountries(), getJSON("/events", { ...filters, ...(FLAG_PARAMS[flags] || {}), limit: MAP_LIMIT })]);
  const picked = $("map-picked"), title = $("map-picked-title");
  const onPick = (label, events) => {
    title.hidden = false;
    title.textContent = `${label}: ${events.length} event${events.length === 1 ? "" : "s"}`;
    picked.replaceChildren(...events.map((e) => el("li", {}, el("a", { href: `#/event/${encodeURIComponent(e.event_id)}` },
      `${e.event_date || "undated"} ${sideLabel(e.source)} ${e.plover_type || ""} ${sideLabel(e.target)}`))));
  };
  const drawn = drawMap($("map-chart"), topo, page.items, onPick);
  title.hidden = true;
  picked.replaceChildren();
  const shown = page.items.length < page.total ? `the newest ${page.items.length} of ${page.total}` : `${page.total}`;
  const filterText = Object.entries(filters).map(([k, v]) => `${k} ${v}`).join(", ");
  $("map-info").textContent = page.total
    ? `${shown} events${filterText ? ` (${filterText})` : ""}: ${drawn.countries} countries, ${drawn.points} places with coordinates.`
    : "No events to map. Change the filters on the Events page, or ingest news first.";
}

function setupEvents() {
  const form = $("event-filters");
  form.addEventListener("submit", (ev) => { ev.preventDefault(); go("events", formParams(form)); });
  form.addEventListener("reset", () => setTimeout(() => go("events"), 0));
  for (const th of document.querySelectorAll("#events-table th[data-sort]")) {
    th.addEventListener("click", () => {
      const { params } = parseHash();
      const key = th.dataset.sort;
      go("events", { ...params, sort: params.sort === `-${key}` ? key : `-${key}`, offset: 0 });
    });
  }
}

// -- event and article ------------------------------------------------------------------------

async function eventView([eventId]) {
  const event = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  const mention = event.mentions[0];
  if (!mention) throw new Error("this event has no stored mention");
  const article = await getJSON(`/articles/${encodeURIComponent(mention.article_id)}`);
  show("article");
  showArticle(article, mention.mention_id, event, true);
}

async function articleView([articleId, mentionId]) {
  const article = await getJSON(`/articles/${encodeURIComponent(articleId)}`);
  const mention = article.event_mentions.find((m) => m.mention_id === mentionId);
  const event = mention ? await getJSON(`/events/${encodeURIComponent(mention.event_id)}`) : null;
  show("article");
  showArticle(article, mentionId, event, Boolean(mention));
}

// -- timeline, network ------------------------------------------------------------------------

// A later route supersedes a timeline still loading (the first view loads the busiest pair first).
let timelineSeq = 0;

async function timelineView(params) {
  const seq = ++timelineSeq;
  show("timeline");
  const form = $("timeline-form");
  fillForm(form, params);
  if (!params.source) {
    // Open on the busiest pair of actors, so the first view is never empty.
    // Pairs of countries (RUSGOV and RUSMIL count as RUS), a country with itself left out.
    const net = await getJSON("/network", { min_weight: 1, limit: 150 });
    const pairs = new Map();
    for (const e of net.edges || []) {
      const [x, y] = [e.source.slice(0, 3), (e.target || "").slice(0, 3)];
      if (!y || x === y) continue;
      const key = [x, y].sort().join(":");
      pairs.set(key, (pairs.get(key) || 0) + e.weight);
    }
    const top = [...pairs.entries()].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))[0];
    const busiest = top && { source: top[0].split(":")[0], target: top[0].split(":")[1] };
    if (!busiest) {
      $("timeline-chart").replaceChildren();
      $("alert-list").replaceChildren(el("li", { class: "empty" }, "No pairs of actors yet: ingest news, then draw a timeline."));
      return;
    }
    // A user who started typing a dyad meanwhile keeps it: the busiest pair does not overwrite it.
    if (seq !== timelineSeq || form.elements.source.value.trim()) return;
    params = { ...params, ...busiest };
    fillForm(form, params);
  }
  const data = await getJSON("/timeline", { source: params.source, target: params.target, freq: params.freq || "week", fill: true });
  if (seq !== timelineSeq) return;
  const [a, b] = [params.source.toUpperCase(), (params.target || "*").toUpperCase()];
  const wanted = { 0: `${a}→${b}`, 1: `${b}→${a}` }[params.direction] || "";
  drawTimeline($("timeline-chart"), data.rows, data.alerts, wanted);
  $("timeline-chart").dataset.rendered = String(data.rows.length);
  $("alert-list").replaceChildren(...data.alerts.map((a) => el("li", {},
    el("b", {}, `${a.period} ${a.dyad}`), ` escalation index ${a.index.toFixed(1)} (${a.reason}${a.z !== null ? `, z = ${a.z.toFixed(1)}` : ""})`)));
}

async function networkView(params) {
  show("network");
  const form = $("network-form");
  fillForm(form, params);
  const net = await getJSON("/network", { actor: params.actor, min_weight: params.min_weight || 1, limit: 150 });
  drawNetwork($("network-chart"), net, (code) => go("events", { actor: code }));
}

// -- quotes, stories --------------------------------------------------------------------------

async function quotesView(params) {
  show("quotes");
  fillForm($("quote-form"), params);
  const page = await getJSON("/quotes", { speaker: params.speaker, q: params.q, limit: 500 });
  const groups = new Map();
  for (const q of page.items) {
    // Grouped by the resolved speaker actor ("Trump" and "Mr. Trump" are one); unresolved speakers
    // by what a pronoun refers to, else the speaker as named.
    const key = q.speaker_actor_id ? `actor:${q.speaker_actor_id}` : q.speaker_ref || q.speaker || "(unattributed)";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(q);
  }
  // Most quoted first; a group is named by its most frequent way of naming the speaker.
  const named = (quotes) => {
    const counts = new Map();
    for (const q of quotes) { const n = actorName(q.speaker_ref || q.speaker || "(unattributed)"); counts.set(n, (counts.get(n) || 0) + 1); }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0][0];
  };
  const sorted = [...groups.values()].sort((a, b) => b.length - a.length || named(a).localeCompare(named(b)));
  const out = sorted.map((quotes) => el("section", { class: "speaker-group", "data-count": quotes.length },
    el("h2", {}, named(quotes), quotes[0].speaker_code ? el("span", { class: "badge" }, quotes[0].speaker_code) : null,
      el("span", { class: "badge" }, `${quotes.length} quote${quotes.length > 1 ? "s" : ""}`)),
    ...quotes.map((q) => el("blockquote", {}, q.content || "",
      el("cite", {}, q.speaker ? el("span", { class: "speaker-mention" }, speakerLabel(q)) : null,
        `${q.speaker ? " · " : ""}${q.kind} · ${q.cue || ""} · `,
        el("a", { href: `#/article/${encodeURIComponent(q.article_id)}` }, q.article_title || q.article_id))))));
  const none = params.speaker || params.q ? "No quotes match; try part of a name or an actor code (e.g. RUS)." : "No quotes yet: ingest news that quotes someone.";
  $("quote-groups").replaceChildren(...(out.length ? out : [el("p", { class: "empty" }, none)]));
}

async function storiesView(params) {
  show("stories");
  fillForm($("story-form"), params);
  const clusters = await getJSON("/clusters", { min_size: params.min_size || 2, limit: 100 });
  const items = clusters.map((c) => el("li", {},
    el("a", { href: `#/article/${encodeURIComponent(c.representative_id)}` }, el("b", {}, c.headline)),
    el("div", { class: "meta" }, `${c.size} article${c.size > 1 ? "s" : ""}, ${c.copies} cop${c.copies === 1 ? "y" : "ies"} · ${c.sites.join(", ")} · ${(c.first_published || "").slice(0, 10)}`)));
  $("story-list").replaceChildren(...(items.length ? items : [el("li", {}, "No multi-article stories yet.")]));
}

// -- ingest -----------------------------------------------------------------------------------

function setupIngest() {
  const form = $("ingest-form");
  form.elements.token.value = token();
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    setToken(String(data.get("token") || ""));
    data.delete("token");
    for (const key of ["text", "url", "title"]) if (!String(data.get(key) || "").trim()) data.delete(key);
    const file = data.get("file");
    if (!file || !file.name) data.delete("file");
    const out = $("ingest-result");
    out.hidden = false;
    out.textContent = "ingesting…";
    try {
      let job = await postForm("/ingest", data);
      while (job.status === "queued" || job.status === "running") {
        await new Promise((r) => setTimeout(r, 1000));
        job = await getJSON(`/ingest/${job.id}`);
      }
      out.textContent = JSON.stringify(job, null, 2);
    } catch (err) {
      out.textContent = String(err.message || err);
    }
  });
}

// -- router -----------------------------------------------------------------------------------

const VIEWS = {
  events: (r) => eventsView(r.params), event: (r) => eventView(r.args), article: (r) => articleView(r.args),
  timeline: (r) => timelineView(r.params), network: (r) => networkView(r.params), quotes: (r) => quotesView(r.params),
  stories: (r) => storiesView(r.params), map: (r) => mapView(r.params),
  ingest: () => { show("ingest"); if (document.body.dataset.writes === "disabled") fail("This server does not accept writes: start it with EVENTWIRE_TOKEN set (or --allow-anonymous-writes on loopback) to ingest here."); },
};

async function route() {
  const r = parseHash();
  const view = VIEWS[r.view] || VIEWS.events;
  document.body.dataset.loading = "1";
  try { await view(r); } catch (err) { fail(err); } finally { delete document.body.dataset.loading; }
}

function setupForms() {
  for (const [id, view] of [["timeline-form", "timeline"], ["network-form", "network"], ["quote-form", "quotes"], ["story-form", "stories"]]) {
    $(id).addEventListener("submit", (ev) => { ev.preventDefault(); go(view, formParams($(id))); });
  }
}

async function status() {
  try {
    const info = await getJSON("/info");
    $("status").textContent = `${info.events} events · ${info.articles} articles${info.watching.length ? " · watching" : ""}`;
    // The ingest form only where the server accepts writes.
    document.querySelector("#nav a[data-view=ingest]").hidden = info.writes === "disabled";
    document.body.dataset.writes = info.writes;
  } catch { $("status").textContent = ""; }
}

// The article view's sticky event summary sits just under the header, whose height wraps on phones.
function measureHeader() {
  document.documentElement.style.setProperty("--header-h", `${document.querySelector("header.top").offsetHeight}px`);
}

measureHeader();
window.addEventListener("resize", measureHeader);
setupEvents();
setupForms();
setupIngest();
window.addEventListener("hashchange", route);
route();
status();
