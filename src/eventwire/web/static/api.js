// Talking to the eventwire API: JSON GETs with the optional bearer token, errors shown to the user.
const TOKEN_KEY = "eventwire-token";

export function token() { return localStorage.getItem(TOKEN_KEY) || ""; }
export function setToken(value) { if (value) localStorage.setItem(TOKEN_KEY, value); }

function headers() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

// The API's errors as one readable sentence: a validation error (422) names each field and its problem.
async function readError(response) {
  try {
    const body = await response.json();
    if (typeof body.detail === "string") return body.detail;
    if (Array.isArray(body.detail)) return body.detail.map((d) => `${(d.loc || []).slice(-1)[0] || "request"}: ${d.msg}`).join("; ");
    return response.statusText;
  } catch {
    return response.statusText;
  }
}

export async function getJSON(path, params = {}) {
  const response = await fetch(path + query(params), { headers: headers() });
  if (!response.ok) throw new Error(`Could not load ${path.replace(/^\//, "")}: ${await readError(response)} (HTTP ${response.status}).`);
  return response.json();
}

// Downloads a GET response as a file (fetch keeps the bearer token in the header, unlike a link).
export async function download(path, params, filename) {
  const response = await fetch(path + query(params), { headers: headers() });
  if (!response.ok) throw new Error(`Export failed: ${await readError(response)} (HTTP ${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function postForm(path, form) {
  const response = await fetch(path, { method: "POST", body: form, headers: headers() });
  if (!response.ok && response.status !== 202) throw new Error(`${response.status}: ${await readError(response)}`);
  return response.json();
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export function fmtGold(value) {
  if (value === null || value === undefined) return "";
  return (value > 0 ? "+" : "") + Number(value).toFixed(1);
}

// Names as stored may carry line breaks or runs of spaces from the article; long ones are cut.
const NAME_MAX = 60;
export function actorName(name, code) {
  const text = String(name || "").replace(/\s+/g, " ").trim() || code || "";
  return text.length > NAME_MAX ? `${text.slice(0, NAME_MAX - 1)}…` : text;
}

// An event side as the API gives it ({code, name: the code's name, person}): who it is (the person,
// else the code's name) and, for a person, the code it holds: "Dmitry Peskov · RUSGOV".
export function sideLabel(side) {
  if (!side) return "";
  const who = actorName(side.person ? side.person.name : side.name, side.code);
  return side.person && side.code ? `${who} · ${side.code}` : who;
}

// A quote's speaker as found ("He") and, for a pronoun, whom it refers to: "He → Dmitry Peskov".
export function speakerLabel(q) {
  const mention = actorName(q.speaker);
  return q.speaker_ref ? `${mention} → ${actorName(q.speaker_ref)}` : mention;
}
