// One class of the category schema (a tool, a classification or a relation) as an editable card,
// with its options and nested classifications drawn recursively. Inputs write straight into the
// class object (no re-render, so focus stays); structural changes call `changed(true)` and the
// editor redraws.
import { h, randomHex } from '../ui/dom.js';

export const TOOL_TYPES = ['bounding-box', 'rotated-bounding-box', 'polygon', 'polyline', 'point', 'brush', 'ner'];
export const CLASSIFICATION_TYPES = ['radio', 'checkbox', 'single-dropdown', 'multi-dropdown', 'tree-dropdown', 'text', 'rank', 'boolean'];
export const RELATION_TYPES = [['one-to-one', 'Single relation'], ['group', 'Group relation'], ['one-to-many', 'One to many']];
export const WITH_OPTIONS_TYPES = new Set(['radio', 'checkbox', 'single-dropdown', 'multi-dropdown', 'tree-dropdown', 'rank']);
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#9a6324', '#469990', '#800000'];

/** A new class with every field the editor and exports expect. */
export function newClass(kind, index = 0) {
  const base = { schemaId: randomHex(23), title: '', required: false, classifications: [], options: [] };
  if (kind === 'tool') return { ...base, tool: 'bounding-box', color: PALETTE[index % PALETTE.length], shortcutKey: '', columnField: false };
  if (kind === 'relation') return { ...base, tool: 'one-to-one', color: PALETTE[(index + 5) % PALETTE.length], multiple: false };
  return { ...base, tool: 'radio', frameSpecific: false, parentOptionId: null, regex: null, shortcutKey: '' };
}

let uid = 0;
const nextId = (name) => `sch-${name}-${++uid}`;

/** A labelled control bound to `obj[key]`. */
function bound(label, control, key, obj, read, changed, structural = false) {
  control.id = control.id || nextId(key);
  control.addEventListener(control.tagName === 'SELECT' || control.type === 'checkbox' ? 'change' : 'input', () => { obj[key] = read(control); changed(structural); });
  return h('div', { class: control.type === 'checkbox' ? 'field check-field' : 'field' }, h('label', { for: control.id }, label), control);
}

/**
 * The card for `cls`. `kind`: tool | classification | relation. `parent` is the class this one is
 * nested in (for the conditional "show when parent option" choice). `remove()` drops it.
 */
export function classCard({ cls, kind, parent, remove, changed, depth = 0 }) {
  cls.classifications = cls.classifications || [];
  cls.options = cls.options || [];
  const typeList = kind === 'tool' ? TOOL_TYPES.map((t) => [t, t]) : kind === 'relation' ? RELATION_TYPES : CLASSIFICATION_TYPES.map((t) => [t, t]);
  const typeSelect = h('select', { dataset: { field: kind === 'classification' ? 'type' : 'tool' } },
    typeList.map(([v, label]) => h('option', { value: v, selected: cls.tool === v }, label)));
  const title = h('input', { value: cls.title || '', required: true, placeholder: kind === 'tool' ? 'e.g. Car' : 'e.g. Color', dataset: { field: 'title' } });
  const fields = [
    bound('Title', title, 'title', cls, (c) => c.value, changed),
    bound(kind === 'tool' ? 'Tool' : 'Type', typeSelect, 'tool', cls, (c) => c.value, changed, true),
  ];
  fields.push(bound('Required', h('input', { type: 'checkbox', checked: !!cls.required, dataset: { field: 'required' } }), 'required', cls, (c) => c.checked, changed));
  if (kind !== 'classification') {
    fields.push(bound('Color', h('input', { type: 'color', value: cls.color || '#4363d8', dataset: { field: 'color' } }), 'color', cls, (c) => c.value, changed));
  }
  if (kind !== 'relation') {
    fields.push(bound('Shortcut', h('input', { value: cls.shortcutKey || '', maxlength: 6, size: 6, placeholder: '1, a, ctrl+1', dataset: { field: 'shortcutKey' } }), 'shortcutKey', cls, (c) => c.value.trim(), changed));
  }
  if (kind === 'classification' && cls.tool === 'text') {
    fields.push(bound('Regex', h('input', { value: cls.regex || '', placeholder: '^[0-9]+$', class: 'code', dataset: { field: 'regex' } }), 'regex', cls, (c) => c.value || null, changed));
  }
  if (kind === 'classification' && parent && WITH_OPTIONS_TYPES.has(parent.tool) && (parent.options || []).length) {
    const when = h('select', { dataset: { field: 'parentOptionId' } }, h('option', { value: '' }, 'Any answer'),
      parent.options.map((o) => h('option', { value: o.schemaId, selected: cls.parentOptionId === o.schemaId }, `“${o.value}” is chosen`)));
    fields.push(bound('Show when', when, 'parentOptionId', cls, (c) => c.value || null, changed));
  }

  const card = h('div', { class: `schema-item depth-${Math.min(depth, 3)}`, dataset: { kind, schemaId: cls.schemaId, testid: `schema-${kind}` } },
    h('div', { class: 'schema-item-head' },
      kind === 'tool' ? h('span', { class: 'swatch', style: `background:${cls.color || '#999'}`, 'aria-hidden': 'true' }) : null,
      h('span', { class: 'schema-kind' }, depth ? 'Nested classification' : kind[0].toUpperCase() + kind.slice(1)),
      h('code', { class: 'muted small', title: 'schemaId' }, cls.schemaId),
      h('button', { type: 'button', class: 'icon-btn danger', 'aria-label': `Remove ${cls.title || kind}`, dataset: { testid: 'remove-item' }, onclick: () => { remove(); changed(true); } }, '×')),
    h('div', { class: 'schema-fields' }, fields));

  if (kind === 'classification' && WITH_OPTIONS_TYPES.has(cls.tool)) card.append(optionsEditor(cls, changed));
  if (kind !== 'relation') card.append(nestedEditor(cls, changed, depth));
  return card;
}

function optionsEditor(cls, changed) {
  const list = h('ol', { class: 'options-list' }, cls.options.map((opt, i) => {
    const input = h('input', { value: opt.value || '', 'aria-label': `Option ${i + 1}`, placeholder: cls.tool === 'tree-dropdown' ? 'Parent / Child' : `Option ${i + 1}`, dataset: { field: 'option' } });
    input.addEventListener('input', () => {
      opt.value = input.value;
      // Rename this option in the nested classes' "Show when" lists in place: a redraw here
      // would swallow the click that moved focus away (e.g. on "+ Option").
      document.querySelectorAll(`select[data-field=parentOptionId] option[value="${opt.schemaId}"]`).forEach((o) => { o.textContent = `“${input.value}” is chosen`; });
      changed(false);
    });
    return h('li', { class: 'option-row' }, input,
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': `Remove option ${opt.value || i + 1}`, onclick: () => { cls.options.splice(i, 1); changed(true); } }, '×'));
  }));
  return h('div', { class: 'schema-options' }, h('div', { class: 'sub-head' }, 'Options'), list,
    h('button', { type: 'button', class: 'btn small', dataset: { testid: 'add-option' }, onclick: () => {
      cls.options.push({ value: '', schemaId: randomHex(23) });
      changed(true, `[data-schema-id="${cls.schemaId}"] > .schema-options li:last-child input`);
    } }, '+ Option'));
}

function nestedEditor(cls, changed, depth) {
  const list = h('div', { class: 'nested-list' }, cls.classifications.map((child, i) => classCard({
    cls: child, kind: 'classification', parent: cls, depth: depth + 1, changed,
    remove: () => cls.classifications.splice(i, 1),
  })));
  return h('div', { class: 'schema-nested' }, list,
    h('button', { type: 'button', class: 'btn small ghost', dataset: { testid: 'add-nested' }, onclick: () => {
      const child = newClass('classification');
      cls.classifications.push(child);
      changed(true, `[data-schema-id="${child.schemaId}"] [data-field=title]`);
    } }, '+ Nested classification'));
}
