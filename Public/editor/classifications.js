// The classification questions of every type (api spec §7.4, behaviour L4/L6), rendered into a
// container and bound to a live list inside the state's answer. Used for the top-level panel and
// for each object's nested questions.
import { h } from './dom.js';
import { optionsOf, isAnswered, visibleChildren } from './schema.js';

/** The entry for `schema` in `list`, created when missing. */
export function ensureEntry(list, schema) {
  let entry = list.find((e) => e && e.schemaId === schema.schemaId);
  if (!entry) {
    entry = { schemaId: schema.schemaId, title: schema.title, tool: schema.tool, classifications: [] };
    list.push(entry);
  }
  if (!Array.isArray(entry.classifications)) entry.classifications = [];
  return entry;
}

/**
 * Renders `schemas` into `container`. `getList()` returns the live array of answers (resolved
 * against the state's current answer each time, so it survives undo).
 */
export function renderQuestions(container, { schemas, getList, state, readOnly, keyPrefix }) {
  for (const schema of schemas) {
    const entry = (getList() || []).find((e) => e && e.schemaId === schema.schemaId);
    const answer = entry?.answer;
    const set = (value, coalesce) => state.change(() => { ensureEntry(getList(), schema).answer = value; }, { coalesce });
    const key = `${keyPrefix}/${schema.schemaId}`;
    const box = h('div.q', { dataset: { schemaId: schema.schemaId, tool: schema.tool } });
    const title = h('span.q-title', {}, schema.title || schema.schemaId, schema.required ? h('span.req', { title: 'Required' }, ' *') : null);
    const widget = (WIDGETS[schema.tool] || unsupported)({ schema, answer, set, readOnly, key });
    box.append(h('div.q-head', {}, title, widget.clear && !readOnly && isAnswered(answer)
      ? h('button.link', { type: 'button', title: 'Clear answer', on: { click: () => set(undefined) } }, 'Clear') : null));
    box.append(widget.el);
    if (schema.tool === 'text' && schema.regex && isAnswered(answer) && !matches(schema.regex, answer)) {
      box.append(h('div.q-error', {}, `Must match ${schema.regex}`));
    }
    const children = visibleChildren(schema, answer);
    if (children.length) {
      const nested = h('div.q-children');
      renderQuestions(nested, { schemas: children, getList: () => ensureEntry(getList(), schema).classifications, state, readOnly, keyPrefix: key });
      box.append(nested);
    }
    container.append(box);
  }
}

/** Whether `text` matches `pattern` as a whole (the server's rule). */
export function matches(pattern, text) {
  try { return new RegExp(`^(?:${pattern})$`, 'u').test(text); } catch { return true; }
}

function choice({ schema, answer, set, readOnly, key }, type) {
  const options = optionsOf(schema);
  const chosen = type === 'radio' ? [answer] : Array.isArray(answer) ? answer : [];
  const isOn = (o) => chosen.includes(o.value) || chosen.includes(o.schemaId);
  const el = h('div.q-options', { role: type === 'radio' ? 'radiogroup' : 'group' });
  options.forEach((o, i) => {
    const input = h('input', {
      type, name: key, value: o.value, checked: isOn(o), disabled: readOnly, dataset: { focusKey: `${key}/${i}`, optionId: o.schemaId },
      on: {
        change: (ev) => {
          if (type === 'radio') return set(o.value);
          const rest = chosen.filter((v) => v !== o.value && v !== o.schemaId);
          set(ev.target.checked ? options.filter((x) => x === o || rest.includes(x.value)).map((x) => x.value) : rest);
        },
      },
    });
    el.append(h('label.opt', {}, input, h('span', {}, o.value)));
  });
  return { el, clear: type === 'radio' };
}

function dropdown({ schema, answer, set, readOnly, key }, multiple) {
  const options = optionsOf(schema);
  const chosen = multiple ? (Array.isArray(answer) ? answer : []) : [answer];
  const select = h('select', {
    multiple, disabled: readOnly, 'aria-label': schema.title, dataset: { focusKey: key },
    size: multiple ? Math.min(6, Math.max(2, options.length)) : undefined,
    on: { change: (ev) => {
      const values = Array.from(ev.target.selectedOptions, (opt) => opt.value).filter((v) => v !== '');
      set(multiple ? values : values[0]);
    } },
  });
  if (!multiple) select.append(h('option', { value: '' }, '— choose —'));
  for (const o of options) {
    select.append(h('option', { value: o.value, selected: chosen.includes(o.value) || chosen.includes(o.schemaId) }, o.value));
  }
  return { el: select, clear: false };
}

/** Tree dropdown: one node chosen; the answer lists the node's full path and its ancestors' (§7.4). */
function tree({ schema, answer, set, readOnly, key }) {
  const options = optionsOf(schema);
  const chosen = Array.isArray(answer) ? answer : [];
  const leaf = chosen.reduce((a, b) => (String(b).length > String(a).length ? b : a), '');
  const el = h('div.q-options.tree', { role: 'radiogroup' });
  options.forEach((o, i) => {
    const input = h('input', {
      type: 'radio', name: key, value: o.value, checked: o.value === leaf, disabled: readOnly, dataset: { focusKey: `${key}/${i}` },
      on: { change: () => {
        const parts = o.value.split(' / ');
        set(parts.map((_, n) => parts.slice(0, n + 1).join(' / ')));
      } },
    });
    el.append(h('label.opt', { style: { paddingLeft: `${o.depth * 16}px` } }, input, h('span', {}, o.title)));
  });
  return { el, clear: true };
}

function text({ schema, answer, set, readOnly, key }) {
  const Tag = schema.richText ? 'textarea' : 'input';
  const input = h(Tag, {
    type: Tag === 'input' ? 'text' : undefined, value: typeof answer === 'string' ? answer : '', disabled: readOnly,
    'aria-label': schema.title, placeholder: schema.regex ? `Pattern: ${schema.regex}` : 'Type an answer', dataset: { focusKey: key },
    on: { input: (ev) => set(ev.target.value, key) },
  });
  return { el: input, clear: false };
}

function boolean({ schema, answer, set, readOnly, key }) {
  const el = h('div.q-options', { role: 'radiogroup' });
  for (const [label, value] of [['Yes', true], ['No', false]]) {
    el.append(h('label.opt', {}, h('input', {
      type: 'radio', name: key, checked: answer === value, disabled: readOnly, dataset: { focusKey: `${key}/${label}` },
      on: { change: () => set(value) },
    }), h('span', {}, label)));
  }
  return { el, clear: true };
}

/** Rank: options in the chosen order, moved with the arrow buttons; the answer is that list of values. */
function rank({ schema, answer, set, readOnly, key }) {
  const values = optionsOf(schema).map((o) => o.value);
  const order = Array.isArray(answer) && answer.length ? answer.slice() : values.slice();
  const el = h('ol.rank');
  order.forEach((value, i) => {
    const move = (d) => { const next = order.slice(); [next[i], next[i + d]] = [next[i + d], next[i]]; set(next); };
    el.append(h('li', {}, h('span', {}, value),
      h('button.icon', { type: 'button', disabled: readOnly || i === 0, 'aria-label': `Move ${value} up`, dataset: { focusKey: `${key}/${i}/up` }, on: { click: () => move(-1) } }, '↑'),
      h('button.icon', { type: 'button', disabled: readOnly || i === order.length - 1, 'aria-label': `Move ${value} down`, dataset: { focusKey: `${key}/${i}/down` }, on: { click: () => move(1) } }, '↓')));
  });
  const wrap = h('div', {}, el);
  if (!isAnswered(answer) && !readOnly) {
    wrap.append(h('button.link', { type: 'button', on: { click: () => set(order) } }, 'Use this order'));
  }
  return { el: wrap, clear: true };
}

function unsupported({ schema }) {
  return { el: h('div.muted', {}, `${schema.tool} questions are not supported in the web editor yet.`), clear: false };
}

const WIDGETS = {
  radio: (a) => choice(a, 'radio'),
  checkbox: (a) => choice(a, 'checkbox'),
  'single-dropdown': (a) => dropdown(a, false),
  'multi-dropdown': (a) => dropdown(a, true),
  'tree-dropdown': tree,
  text,
  boolean,
  rank,
};
