// The editor's sidebar: top-level classifications, the Objects list and the relations, re-rendered
// on every change with keyboard focus kept where it was.
import { h, clear, preservingFocus } from './dom.js';
import { renderQuestions } from './classifications.js';
import { renderObjects } from './objects-list.js';
import { renderRelations } from './relations.js';

export function renderSidebar(ed) {
  const { sidebar, state, schema, readOnly } = ed;
  preservingFocus(sidebar, () => {
    clear(sidebar);
    const top = schema.classifications;
    if (top.length) {
      const box = h('section.panel', { 'aria-label': 'Classifications' }, h('h3.panel-title', {}, 'Classifications'));
      renderQuestions(box, { schemas: top, getList: () => state.answer.classifications, state, readOnly, keyPrefix: 'top' });
      sidebar.append(box);
    }
    const objects = h('section.panel', { 'aria-label': 'Objects' });
    renderObjects(objects, { state, schema, readOnly, expanded: ed.expanded });
    sidebar.append(objects);
    if (schema.relations.length) {
      const relations = h('section.panel', { 'aria-label': 'Relations' });
      renderRelations(relations, { state, schema, readOnly });
      sidebar.append(relations);
    }
  });
}
