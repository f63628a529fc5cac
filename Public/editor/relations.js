// Relations between objects (api spec §7.5, behaviour L5): single (`one-to-one`: from, to and a
// direction), `one-to-many` (from and a list of targets) and `group` (two or more members).
// Listed in the sidebar, each with its class's nested questions (L5: the server requires the
// required ones on submit), and a small form to add one.
import { h, newId } from './dom.js';
import { renderQuestions } from './classifications.js';

const DIRECTIONS = ['straight', 'reverse', 'bidirectional'];

export function renderRelations(container, { state, schema, readOnly }) {
  if (!schema.relations.length) return;
  const objects = state.answer.tools;
  const name = (id) => {
    const index = objects.findIndex((o) => o.objectId === id);
    return index < 0 ? 'missing object' : `${index + 1} ${objects[index].title || schema.tool(objects[index].schemaId)?.title || ''}`;
  };
  container.append(h('h3.panel-title', {}, 'Relations ', h('span.count', {}, String(state.answer.relations.length))));
  const list = h('ul.objects');
  state.answer.relations.forEach((rel) => {
    const cls = schema.relations.find((r) => r.schemaId === rel.schemaId);
    const what = rel.group ? rel.group.map(name).join(', ')
      : `${name(rel.from)} ${rel.direction === 'bidirectional' ? '↔' : rel.direction === 'reverse' ? '←' : '→'} ${[].concat(rel.to ?? []).map(name).join(', ')}`;
    const direction = cls?.tool === 'one-to-one' ? h('select', {
      'aria-label': 'Direction', disabled: readOnly,
      on: { change: (ev) => state.change(() => { find(state, rel.objectId).direction = ev.target.value; }) },
    }, DIRECTIONS.map((d) => h('option', { value: d, selected: (rel.direction || 'straight') === d }, d))) : null;
    const row = h('li.object-row', { 'data-testid': 'relation-row', dataset: { objectId: rel.objectId } },
      h('div.row-head', {}, h('span.swatch', { style: { background: cls?.color || '#999' } }), h('strong', {}, cls?.title || rel.schemaId),
        h('span.grow'), direction,
        readOnly ? null : h('button.icon.danger', { type: 'button', 'aria-label': 'Delete relation', on: { click: () => state.change((a) => { a.relations = a.relations.filter((r) => r.objectId !== rel.objectId); }) } }, '✕')),
      h('div.row-sub', {}, what));
    const nested = (cls?.classifications || []).filter((c) => c && c.schemaId);
    if (nested.length) {
      const questions = h('div.nested');
      renderQuestions(questions, {
        schemas: nested, state, readOnly, keyPrefix: `rel/${rel.objectId}`,
        // Resolved each time against the live answer, so the binding survives undo.
        getList: () => {
          const r = find(state, rel.objectId) || rel;
          if (!Array.isArray(r.classifications)) r.classifications = [];
          return r.classifications;
        },
      });
      row.append(questions);
    }
    list.append(row);
  });
  container.append(list);
  if (!readOnly && objects.length >= 2) container.append(addForm(state, schema, objects, name));
}

function find(state, id) { return state.answer.relations.find((r) => r.objectId === id); }

function addForm(state, schema, objects, name) {
  const classSel = h('select', { 'aria-label': 'Relation class' }, schema.relations.map((r) => h('option', { value: r.schemaId }, `${r.title} (${r.tool})`)));
  const fields = h('div.rel-fields');
  const objectOptions = (selected) => objects.map((o) => h('option', { value: o.objectId, selected: o.objectId === selected }, name(o.objectId)));
  const draw = () => {
    fields.replaceChildren();
    const cls = schema.relations.find((r) => r.schemaId === classSel.value);
    if (cls?.tool === 'group') {
      objects.forEach((o) => fields.append(h('label.opt', {}, h('input', { type: 'checkbox', value: o.objectId, dataset: { member: '' } }), name(o.objectId))));
    } else {
      const from = state.selected && state.object(state.selected) ? state.selected : objects[0].objectId;
      const to = objects.find((o) => o.objectId !== from).objectId;
      fields.append(h('select', { 'aria-label': 'From', dataset: { role: 'from' } }, objectOptions(from)),
        h('select', { 'aria-label': 'To', dataset: { role: 'to' }, multiple: cls?.tool === 'one-to-many' }, objectOptions(to)));
      if (cls?.tool === 'one-to-one') fields.append(h('select', { 'aria-label': 'Direction', dataset: { role: 'direction' } }, DIRECTIONS.map((d) => h('option', { value: d }, d))));
    }
  };
  classSel.addEventListener('change', draw);
  draw();
  const error = h('div.q-error', { hidden: true });
  const add = () => {
    const cls = schema.relations.find((r) => r.schemaId === classSel.value);
    const rel = { objectId: newId(), schemaId: cls.schemaId, title: cls.title, classifications: [] };
    if (cls.tool === 'group') {
      rel.group = [...fields.querySelectorAll('[data-member]:checked')].map((i) => i.value);
      if (rel.group.length < 2) { error.textContent = 'Pick at least two objects.'; error.hidden = false; return; }
    } else {
      rel.from = fields.querySelector('[data-role=from]').value;
      const to = [...fields.querySelector('[data-role=to]').selectedOptions].map((o) => o.value).filter((v) => v !== rel.from);
      if (!to.length) { error.textContent = 'Pick a target other than the source.'; error.hidden = false; return; }
      rel.to = cls.tool === 'one-to-many' ? to : to[0];
      if (cls.tool === 'one-to-one') rel.direction = fields.querySelector('[data-role=direction]').value;
    }
    state.change((a) => { a.relations.push(rel); });
  };
  return h('div.rel-add', {}, classSel, fields, error, h('button', { type: 'button', 'data-testid': 'add-relation', on: { click: add } }, 'Add relation'));
}

/** The point a relation line attaches to, for an object's geometry. */
export function anchor(object) {
  const box = object['bounding-box'] || object['rotated-bounding-box'];
  if (box) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const points = object.polygon || object.polyline;
  if (points?.length) return { x: points.reduce((s, p) => s + p[0], 0) / points.length, y: points.reduce((s, p) => s + p[1], 0) / points.length };
  if (Array.isArray(object.point)) return { x: object.point[0], y: object.point[1] };
  return null;
}
