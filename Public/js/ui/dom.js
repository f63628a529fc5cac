// Tiny DOM helpers shared by every page: an element builder (so pages never build HTML strings
// from server data, which would open the door to injected markup) and display formatters.

/**
 * h('button', {class: 'btn', onclick: fn, dataset: {testid: 'x'}}, 'Label', child, ...)
 * Attributes named on* become listeners; `dataset` fills data-*; false/null attributes are skipped;
 * children may be strings, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'class') el.className = value;
    else if (key === 'value' || key === 'checked' || key === 'selected' || key === 'indeterminate') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field: <div class=field><label for=id>text</label>control<small/></div>. */
export function field(label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null);
}

/** "2025-01-15 10:30" in the browser's time zone, or an em dash. */
export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Milliseconds as "1h 02m 05s", "1m 05s", "12s" (0 and missing show as "0s"). */
export function formatDuration(ms) {
  const total = Math.round((Number(ms) || 0) / 1000);
  const hours = Math.floor(total / 3600), minutes = Math.floor((total % 3600) / 60), seconds = total % 60;
  const pad = (n) => String(n).padStart(2, '0');
  if (hours) return `${hours}h ${pad(minutes)}m ${pad(seconds)}s`;
  if (minutes) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/** Milliseconds as a clock, "h:mm:ss" ("0:00:00" for 0 or missing): the Performance table's times. */
export function formatClock(ms) {
  const total = Math.max(0, Math.round((Number(ms) || 0) / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/** "just now", "5 min ago", "3 h ago", else the date: how recent a notification is matters more than when. */
export function timeAgo(iso, now = Date.now()) {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '—';
  const seconds = Math.round((now - t) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDate(iso);
}

/** A random lower-case hex string (schema ids, upload names). */
export function randomHex(length = 24) {
  const bytes = crypto.getRandomValues(new Uint8Array(Math.ceil(length / 2)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, length);
}

/** Escapes text for use inside a regular expression (the external-id "contains" filter). */
export function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A "nothing here" block with a title, a sentence and optional actions. */
export function emptyState(title, text, ...actions) {
  return h('div', { class: 'empty', role: 'status' }, h('h3', {}, title), h('p', {}, text), actions.length ? h('div', { class: 'row' }, actions) : null);
}

/** A spinner line while something loads. */
export function loading(text = 'Loading…') {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}
