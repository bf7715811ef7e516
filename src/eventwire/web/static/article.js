// The article view: the text with the chosen event's sentence, source, action and target marked,
// and every quote, speaker and time expression; offsets come straight from the API.
import { actorName, el, fmtGold, sideLabel, speakerLabel } from "./api.js";

function spansFor(article, mention) {
  const spans = [];
  const add = (start, end, cls, title) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) spans.push({ start, end, cls, title });
  };
  for (const q of article.annotations.quotes || []) {
    const code = q.speaker_code ? " " + q.speaker_code : "";
    add(q.content_start, q.content_end, "quote", `quote (${q.kind}) by ${q.speaker ? speakerLabel(q) : "unknown"}`);
    add(q.speaker_start, q.speaker_end, "speaker", `speaker ${speakerLabel(q)}${code}`);
    add(q.speaker_ref_start, q.speaker_ref_end, "speaker-ref", `speaker "${actorName(q.speaker)}" refers to this${code}`);
  }
  for (const t of article.annotations.timexes || []) add(t.start, t.end, "timex", `${t.type} ${t.value || ""}`);
  if (mention) {
    add(mention.sentence_start, mention.sentence_end, "ev-sentence", "event sentence");
    add(mention.source_start, mention.source_end, "ev-source", `source ${mention.source_code || ""}`);
    add(mention.target_start, mention.target_end, "ev-target", `target ${mention.target_code || ""}`);
    add(mention.action_start, mention.action_end, "ev-action", `CAMEO ${mention.cameo_code} ${mention.plover_type}`);
  }
  return spans;
}

// Cut the text at every span boundary; each piece carries the classes of all spans covering it.
export function renderText(container, text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  container.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { container.append(document.createTextNode(piece)); continue; }
    const node = el("span", { class: "hl " + covering.map((s) => s.cls).join(" "), title: covering.map((s) => s.title).join(" · ") }, piece);
    node.dataset.start = a;
    container.append(node);
  }
}

// A side of the event: the person and the code it holds ("Dmitry Peskov · RUSGOV", the code's name
// on hover), the code's name for a code-level actor, or the unresolved text.
function side(s, missing) {
  const label = sideLabel(s);
  if (!label) return el("b", { class: "none" }, missing);
  if (!s.code) return el("b", { class: "unresolved", title: "not resolved to an actor code" }, label);
  return el("b", { title: `${s.code} · ${actorName(s.name, s.code)}` }, label);
}

function describe(m) {
  const flags = ["negated", "hypothetical", "future", "reported"].filter((f) => m[f]);
  return el("span", {},
    side(m.source, "?"), ` ${m.action_text || m.cameo_code} `,
    side(m.target, "—"),
    el("span", { class: "badge" }, `${m.plover_type} · CAMEO ${m.cameo_code}`),
    el("span", { class: "badge" }, `Goldstein ${fmtGold(m.goldstein)}`),
    ...flags.map((f) => el("span", { class: "badge flag" }, f)));
}

// Only http(s) addresses become links: a stored url such as javascript:… is shown as text.
function webLink(url) {
  try { return ["http:", "https:"].includes(new URL(url).protocol); } catch { return false; }
}

export function showArticle(article, mentionId, event, navigate) {
  const mention = article.event_mentions.find((m) => m.mention_id === mentionId) || null;
  document.getElementById("article-title").textContent = article.title || "(untitled)";
  const when = article.published ? new Date(article.published).toISOString().slice(0, 10) : "undated";
  const meta = document.getElementById("article-meta");
  meta.replaceChildren(`${article.site || "unknown site"} · ${when} · ${article.id} `);
  if (webLink(article.url)) meta.append(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank" }, "source"));
  else if (article.url) meta.append(`source: ${article.url}`);
  if (article.duplicates.length) meta.append(` · ${article.duplicates.length} near-duplicate cop${article.duplicates.length > 1 ? "ies" : "y"}`);
  const summary = document.getElementById("event-summary");
  summary.replaceChildren(mention ? describe(mention) : "Choose an event to see its evidence.");
  summary.hidden = false;
  renderText(document.getElementById("article-text"), article.text, spansFor(article, mention));
  const list = document.getElementById("article-events");
  list.replaceChildren(...article.event_mentions.map((m) => el("li", { class: m.mention_id === mentionId ? "current" : "" },
    el("a", { href: `#/article/${encodeURIComponent(article.id)}/${encodeURIComponent(m.mention_id)}` }, describe(m)))));
  if (!article.event_mentions.length) list.append(el("li", {}, "no coded events"));
  const others = document.getElementById("event-mentions");
  const heading = document.getElementById("mentions-heading");
  const rest = event ? event.mentions.filter((m) => m.article_id !== article.id) : [];
  heading.hidden = !rest.length;
  others.replaceChildren(...rest.map((m) => el("li", {},
    el("a", { href: `#/article/${encodeURIComponent(m.article_id)}/${encodeURIComponent(m.mention_id)}` }, m.article_title || m.article_id),
    el("span", { class: "code" }, m.site || ""))));
  const first = document.querySelector("#article-text .ev-action");
  if (navigate) window.scrollTo({ top: 0 });
  if (first && navigate && !inView(first)) first.scrollIntoView({ block: "center" });
}

// The evidence is only scrolled to when it is off screen, so a short article keeps its headline.
function inView(node) {
  const box = node.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}
