// The dashboard: a hash router over the API's read endpoints, plus the ingest form.
import { actorName, el, fmtGold, getJSON, postForm, query, setToken, speakerLabel, token } from "./api.js";
import { showArticle } from "./article.js";
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

function fail(err) {
  $("error").textContent = String(err.message || err);
  $("error").hidden = false;
}

function fillForm(form, params) {
  for (const input of form.elements) if (input.name && input.type !== "file") input.value = params[input.name] ?? input.defaultValue ?? "";
}

function formParams(form) {
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === "string" && v.trim()) out[k] = v.trim();
  return out;
}

// -- events -----------------------------------------------------------------------------------

// An actor resolved to a CAMEO code shows its name over the code; an unresolved one (a generic
// phrase such as "the talks", or a name outside the dictionaries) is marked as such.
function actorCell(name, code) {
  const label = actorName(name, code);
  if (code) return el("td", {}, label, el("span", { class: "code" }, code));
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
    actorCell(e.source_name, e.source_code),
    el("td", {}, e.plover_type || "", el("span", { class: "code" }, `CAMEO ${e.cameo_code}`), ...flags.map((f) => el("span", { class: "badge flag" }, f))),
    actorCell(e.target_name, e.target_code),
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
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 7 }, "No events match these filters.")));
  $("page-info").textContent = page.total ? `${offset + 1}–${offset + page.items.length} of ${page.total}` : "0 events";
  $("prev").disabled = offset === 0;
  $("next").disabled = offset + PAGE >= page.total;
  $("prev").onclick = () => go("events", { ...params, offset: Math.max(0, offset - PAGE) });
  $("next").onclick = () => go("events", { ...params, offset: offset + PAGE });
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

async function timelineView(params) {
  show("timeline");
  const form = $("timeline-form");
  fillForm(form, params);
  if (!params.source) { $("timeline-chart").replaceChildren(); $("alert-list").replaceChildren(); return; }
  const data = await getJSON("/timeline", { source: params.source, target: params.target, freq: params.freq || "week", fill: true });
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
    // Grouped by who speaks: what a pronoun speaker refers to, else the speaker as named.
    const key = q.speaker_ref || q.speaker || "(unattributed)";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(q);
  }
  const out = [...groups.entries()].map(([speaker, quotes]) => el("section", { class: "speaker-group" },
    el("h2", {}, speaker, quotes[0].speaker_code ? el("span", { class: "badge" }, quotes[0].speaker_code) : null,
      el("span", { class: "badge" }, `${quotes.length} quote${quotes.length > 1 ? "s" : ""}`)),
    ...quotes.map((q) => el("blockquote", {}, q.content || "",
      el("cite", {}, q.speaker ? el("span", { class: "speaker-mention" }, speakerLabel(q)) : null,
        `${q.speaker ? " · " : ""}${q.kind} · ${q.cue || ""} · `,
        el("a", { href: `#/article/${encodeURIComponent(q.article_id)}` }, q.article_title || q.article_id))))));
  $("quote-groups").replaceChildren(...(out.length ? out : [el("p", {}, "No quotes found.")]));
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
  stories: (r) => storiesView(r.params), ingest: () => show("ingest"),
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
