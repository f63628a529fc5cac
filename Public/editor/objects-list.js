// The Objects list: one row per tool object with its class color, a re-class menu (classes of the
// same tool type only, behaviour L1), hide and delete buttons, and its nested questions (shown for
// the selected object, or when expanded). An object with open issues shows a badge counting them;
// clicking it opens the Issues tab.
import { h } from './dom.js';
import { renderQuestions } from './classifications.js';

export function renderObjects(container, { state, schema, readOnly, expanded, issueCounts = new Map(), showIssues = () => {} }) {
  const objects = state.answer.tools;
  container.append(h('h3.panel-title', {}, 'Objects ', h('span.count', {}, String(objects.length))));
  if (!objects.length) {
    container.append(h('p.muted', {}, readOnly ? 'No objects.' : 'No objects yet. Pick a tool and draw on the asset.'));
    return;
  }
  const list = h('ul.objects');
  objects.forEach((object, index) => {
    const tool = schema.tool(object.schemaId);
    const id = object.objectId;
    const selected = state.selected === id;
    const open = expanded.has(id) ? expanded.get(id) : selected;
    const nested = tool?.classifications?.filter((c) => c && c.schemaId) || [];
    const same = tool ? schema.sameKind(object.schemaId) : [];
    const reclass = h('select.reclass', {
      'aria-label': 'Class', disabled: readOnly || same.length < 2, dataset: { focusKey: `reclass/${id}` },
      on: { click: (ev) => ev.stopPropagation(), change: (ev) => {
        const target = schema.tool(ev.target.value);
        if (!target) return;
        state.change(() => {
          const o = state.object(id);
          o.schemaId = target.schemaId; o.title = target.title;
          // Nested answers belong to the old class's questions: drop those the new class lacks.
          const keep = new Set((target.classifications || []).map((c) => c.schemaId));
          o.classifications = (o.classifications || []).filter((c) => keep.has(c.schemaId));
        });
      } },
    }, (same.length ? same : [{ schemaId: object.schemaId, title: object.title || 'Unknown class' }])
      .map((t) => h('option', { value: t.schemaId, selected: t.schemaId === object.schemaId }, t.title)));
    const hidden = state.hidden.has(id);
    const issues = issueCounts.get(id) || 0;
    const row = h('li.object-row', {
      'data-testid': 'object-row', dataset: { objectId: id, focusKey: `row/${id}` }, className: `object-row${selected ? ' selected' : ''}${hidden ? ' is-hidden' : ''}`,
      // Keyboard users pick an object as mouse users do: Tab to its row, Enter or Space.
      tabindex: '0', 'aria-current': selected ? 'true' : undefined, 'aria-label': `Object ${index + 1}: ${tool?.title || object.title || 'unknown class'}`,
      on: {
        click: () => state.select(id),
        keydown: (ev) => {
          if (ev.target !== ev.currentTarget || (ev.key !== 'Enter' && ev.key !== ' ')) return;
          ev.preventDefault(); // not Submit (Enter) nor a page scroll (Space)
          state.select(id);
        },
      },
    },
    h('div.row-head', {},
      h('span.swatch', { style: { background: tool?.color || '#999' } }),
      h('span.index', {}, `${index + 1}`),
      reclass,
      issues ? h('button.icon.issue-badge', { type: 'button', 'data-testid': 'object-issue-badge', title: `${issues} open issue${issues === 1 ? '' : 's'}`,
        'aria-label': `${issues} open issue${issues === 1 ? '' : 's'}: show them`, on: { click: (ev) => { ev.stopPropagation(); state.select(id); showIssues(); } } }, `⚑ ${issues}`) : null,
      nested.length ? h('button.icon', { type: 'button', 'aria-expanded': String(open), title: open ? 'Collapse' : 'Expand questions',
        on: { click: (ev) => { ev.stopPropagation(); expanded.set(id, !open); state.emit('select'); } } }, open ? '▾' : '▸') : null,
      h('button.icon', { type: 'button', title: hidden ? 'Show (H)' : 'Hide (H)', 'aria-label': hidden ? 'Show object' : 'Hide object',
        on: { click: (ev) => { ev.stopPropagation(); state.toggleHidden(id); } } }, hidden ? '◌' : '◉'),
      readOnly ? null : h('button.icon.danger', { type: 'button', title: 'Delete (Del)', 'aria-label': 'Delete object',
        on: { click: (ev) => { ev.stopPropagation(); state.removeObject(id); } } }, '✕')),
    h('div.row-sub', {}, geometryLabel(object, tool)));
    if (open && nested.length) {
      const questions = h('div.nested', { on: { click: (ev) => ev.stopPropagation() } });
      renderQuestions(questions, {
        schemas: nested, state, readOnly, keyPrefix: `obj/${id}`,
        getList: () => { const o = state.object(id); if (!Array.isArray(o.classifications)) o.classifications = []; return o.classifications; },
      });
      row.append(questions);
    }
    list.append(row);
  });
  container.append(list);
}

function geometryLabel(object, tool) {
  if (object.ner) return `“${String(object.ner.selection ?? '').slice(0, 24)}”`;
  return tool?.tool || 'unknown';
}
