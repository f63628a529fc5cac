// Small DOM helpers shared by the editor modules.

/** h('div.cls', {attrs, on: {click}}, ...children): creates an element. */
export function h(tag, props = {}, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  applyProps(el, props);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** svg('rect', {x, y, ...}): an SVG element with attributes. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function applyProps(el, props) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(el.style, value);
    } else if (key in el && !key.includes('-') && key !== 'list' && key !== 'form') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Removes every child of `el`. */
export function clear(el) { while (el.firstChild) el.firstChild.remove(); return el; }

/** A fresh id like the SDK's uuid4().hex (32 hex characters). */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Deep copy of plain JSON data. */
export const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Whether a keyboard event comes from a place where the user types. */
export function isTyping(event) {
  const t = event.target;
  if (!t || !t.tagName) return false;
  if (t.isContentEditable) return true;
  if (t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') return true;
  if (t.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit'].includes(t.type);
  return false;
}

/**
 * Re-renders `container` with `render()` while keeping keyboard focus (and the caret) on the
 * element with the same `data-focus-key`, so typing in a panel survives a re-render.
 */
export function preservingFocus(container, render) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? active.dataset?.focusKey : null;
  let selection = null;
  if (key && typeof active.selectionStart === 'number') selection = [active.selectionStart, active.selectionEnd];
  render();
  if (!key) return;
  const again = container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
  if (!again) return;
  again.focus({ preventScroll: true });
  if (selection && typeof again.setSelectionRange === 'function') {
    try { again.setSelectionRange(selection[0], selection[1]); } catch { /* not a text input */ }
  }
}
