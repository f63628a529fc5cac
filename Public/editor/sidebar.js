// The editor's sidebar: two tabs, Labels (top-level classifications, the Objects list and the
// relations) and Issues (issues-panel.js), re-rendered on every change with keyboard focus kept
// where it was.
import { h, clear, preservingFocus } from './dom.js';
import { renderQuestions } from './classifications.js';
import { renderObjects } from './objects-list.js';
import { renderRelations } from './relations.js';
import { renderIssues } from './issues-panel.js';

export function renderSidebar(ed) {
  const { sidebar } = ed;
  preservingFocus(sidebar, () => {
    clear(sidebar);
    sidebar.append(tabs(ed));
    if (ed.sidebarTab === 'issues') {
      const box = h('section.panel', { 'aria-label': 'Issues', 'data-testid': 'issues-panel' });
      renderIssues(box, ed);
      sidebar.append(box);
    } else {
      renderLabels(ed);
    }
  });
}

/** The tab bar; the Issues tab counts the open issues so they are noticed from the Labels tab. */
function tabs(ed) {
  const open = ed.issues.openCount();
  const tab = (key, label, extra) => h('button.ed-tab', {
    type: 'button', role: 'tab', 'data-testid': `tab-${key}`, 'aria-selected': String(ed.sidebarTab === key),
    className: `ed-tab${ed.sidebarTab === key ? ' active' : ''}`, dataset: { focusKey: `tab/${key}` },
    on: { click: () => { ed.sidebarTab = key; ed.renderSidebar(); } },
  }, label, extra);
  return h('div.ed-tabs', { role: 'tablist' },
    tab('labels', 'Labels'),
    tab('issues', 'Issues', open ? h('span.count', { 'data-testid': 'issues-open-count' }, String(open)) : null));
}

function renderLabels(ed) {
  const { sidebar, state, schema, readOnly } = ed;
  const top = schema.classifications;
  if (top.length) {
    const box = h('section.panel', { 'aria-label': 'Classifications' }, h('h3.panel-title', {}, 'Classifications'));
    renderQuestions(box, { schemas: top, getList: () => state.answer.classifications, state, readOnly, keyPrefix: 'top' });
    sidebar.append(box);
  }
  const objects = h('section.panel', { 'aria-label': 'Objects' });
  renderObjects(objects, { state, schema, readOnly, expanded: ed.expanded, issueCounts: ed.issues.openByObject(), showIssues: () => { ed.sidebarTab = 'issues'; ed.renderSidebar(); } });
  sidebar.append(objects);
  if (schema.relations.length) {
    const relations = h('section.panel', { 'aria-label': 'Relations' });
    renderRelations(relations, { state, schema, readOnly });
    sidebar.append(relations);
  }
}
