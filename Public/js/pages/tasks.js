// The Tasks tab (the seed page): the server-paged, server-sorted table of the project's tasks,
// its URL-held filters, row selection (including "all N matching") and the bulk Actions.
import { api, session } from '../api.js';
import { buildHash, go, links } from '../router.js';
import { h, mount, emptyState, loading } from '../ui/dom.js';
import { menuButton } from '../ui/menu.js';
import { showError, clearError } from '../ui/notify.js';
import { pager } from '../ui/pager.js';
import { visibleColumns, columnChoices, nextSort } from './tasks-columns.js';
import { taskFilter, filterBar, activeFilterCount } from './tasks-filters.js';
import { actionItems } from './tasks-actions.js';

const DEFAULT_SORT = '-createdAt';

export async function render(host, route, ctx) {
  const { pid, getProject } = ctx;
  const root = h('section', { class: 'tasks', dataset: { testid: 'tasks-page' }, 'aria-label': 'Tasks' });
  const filtersSlot = h('div', {});
  const toolbar = h('div', { class: 'toolbar' });
  const notice = h('div', {});
  const tableSlot = h('div', { class: 'table-wrap' });
  const pagerSlot = h('div', {});
  root.append(filtersSlot, toolbar, notice, tableSlot, pagerSlot);
  host.append(root);

  let params = route.params;
  let tasks = [];
  let total = 0;
  let selected = new Map(); // task id -> task (the rows the user ticked)
  let allMatching = false;
  let loadToken = 0;
  const me = session()?.user?.email;

  const members = () => {
    const emails = new Set((getProject().assignedTo || []).map((m) => m.assignee).filter(Boolean));
    if (me) emails.add(me);
    return [...emails].sort();
  };
  const pageNo = () => Math.max(1, Number(params.get('page')) || 1);
  const limit = () => Number(params.get('limit')) || 25;
  const sort = () => params.get('sort') || DEFAULT_SORT;

  /** Writes a new query into the hash (which re-renders via update). Filter changes reset the page. */
  function setQuery(patch, { keepPage = false } = {}) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v === '' || v === null || v === undefined) next.delete(k); else next.set(k, String(v)); }
    if (!keepPage) next.delete('page');
    go(buildHash(`/projects/${pid}/tasks`, next));
  }

  const selection = () => ({
    allMatching, total, params, filter: taskFilter(params),
    tasks: [...selected.values()], count: allMatching ? total : selected.size,
  });

  // The toolbar is built once: redrawing it would close an open menu (e.g. Columns while the
  // user ticks several columns). Only the count text changes.
  const countEl = h('div', { class: 'selection-count', 'aria-live': 'polite', dataset: { testid: 'selection-count' } });
  mount(toolbar, countEl,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn ghost', title: 'Reload', dataset: { testid: 'refresh' }, onclick: () => load() }, '↻ Refresh'),
      menuButton({ label: 'Columns', testid: 'columns-menu', align: 'right', items: () => columnChoices(getProject(), () => drawTable()) }),
      menuButton({ label: 'Actions', testid: 'actions', align: 'right', buttonClass: 'btn primary',
        items: () => actionItems({ pid, getProject, selection, members, me, reload: () => load(), clearSelection }) })));

  function drawToolbar() {
    const count = allMatching ? total : selected.size;
    countEl.textContent = count ? `${count} selected` : `${total} task${total === 1 ? '' : 's'}`;
    drawNotice();
  }

  function drawNotice() {
    const pageAll = tasks.length > 0 && tasks.every((t) => selected.has(t._id));
    if (allMatching) {
      mount(notice, h('div', { class: 'banner info', dataset: { testid: 'all-matching-banner' } },
        `All ${total} matching tasks are selected. `,
        h('button', { type: 'button', class: 'link', onclick: () => clearSelection() }, 'Clear selection')));
    } else if (pageAll && total > tasks.length) {
      mount(notice, h('div', { class: 'banner info' },
        `All ${tasks.length} tasks on this page are selected. `,
        h('button', { type: 'button', class: 'link', dataset: { testid: 'select-all-matching' }, onclick: () => { allMatching = true; drawTable(); } }, `Select all ${total} matching`)));
    } else mount(notice);
  }

  function clearSelection() { selected = new Map(); allMatching = false; drawTable(); }

  function header(col) {
    if (!col.sort) return h('th', { scope: 'col', dataset: { col: col.id } }, col.label);
    const s = sort();
    const dir = s === col.sort ? 'ascending' : s === '-' + col.sort ? 'descending' : null;
    return h('th', { scope: 'col', class: col.numeric ? 'num' : '', 'aria-sort': dir || 'none', dataset: { col: col.id } },
      h('button', { type: 'button', class: 'sort-btn', dataset: { sort: col.sort }, onclick: () => setQuery({ sort: nextSort(s, col.sort) }) },
        col.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕')));
  }

  function drawTable() {
    drawToolbar();
    const cols = visibleColumns(getProject());
    if (!tasks.length) {
      const filtered = activeFilterCount(params) > 0;
      mount(tableSlot, filtered
        ? emptyState('No tasks match these filters', 'Change or clear the filters to see more tasks.',
          h('button', { type: 'button', class: 'btn', onclick: () => setQuery({ stage: '', batch: '', assignee: '', externalId: '', review: '', status: '', skipped: '', draft: '' }) }, 'Clear filters'))
        : emptyState('No tasks yet', 'Each imported asset gets one task. Import assets to fill this table.',
          h('a', { class: 'btn primary', href: links.project(pid, 'assets') }, 'Import assets')));
      mount(pagerSlot);
      return;
    }
    const pageAll = tasks.every((t) => selected.has(t._id)) || allMatching;
    const someOnPage = tasks.some((t) => selected.has(t._id));
    const headBox = h('input', { type: 'checkbox', 'aria-label': 'Select all tasks on this page', dataset: { testid: 'select-page' },
      checked: pageAll, indeterminate: !pageAll && someOnPage,
      onchange: (e) => { allMatching = false; for (const t of tasks) { if (e.target.checked) selected.set(t._id, t); else selected.delete(t._id); } drawTable(); } });
    const rows = tasks.map((t) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `Select task ${t.externalId || t._id}`, dataset: { testid: 'row-select' },
        checked: allMatching || selected.has(t._id),
        onchange: (e) => {
          if (allMatching) { allMatching = false; selected = new Map(tasks.map((x) => [x._id, x])); }
          if (e.target.checked) selected.set(t._id, t); else selected.delete(t._id);
          drawTable();
        } });
      return h('tr', { class: 'clickable' + (allMatching || selected.has(t._id) ? ' selected' : ''), dataset: { taskId: t._id }, onclick: (e) => {
        if (e.target.closest('input, button, a, label, .select-cell')) return;
        go(links.openTask(pid, t._id));
      } },
      h('td', { class: 'select-cell' }, box),
      cols.map((c) => h('td', { class: c.numeric ? 'num' : '', dataset: { col: c.id } },
        c.id === 'taskId' ? h('a', { href: links.openTask(pid, t._id), class: 'row-link', 'aria-label': `Open task ${t._id}` }, c.cell(t)) : c.cell(t))));
    });
    mount(tableSlot, h('table', { class: 'table tasks-table', dataset: { testid: 'tasks-table' } },
      h('thead', {}, h('tr', {}, h('th', { class: 'select-cell', scope: 'col' }, headBox), cols.map(header))),
      h('tbody', {}, rows)));
    mount(pagerSlot, pager({ page: pageNo(), limit: limit(), total, onChange: (p) => setQuery({ page: p.page, limit: p.limit }, { keepPage: true }) }));
  }

  // The filter bar is rebuilt only when the query changed, and the field being typed in keeps
  // its focus and caret across the rebuild.
  let filtersFor = null;
  function drawFilters() {
    const query = params.toString();
    if (filtersFor === query) return;
    filtersFor = query;
    const focused = filtersSlot.contains(document.activeElement) ? document.activeElement.id : null;
    mount(filtersSlot, filterBar(getProject(), params, members(), (patch) => setQuery(patch)));
    const again = focused && document.getElementById(focused);
    if (again) {
      again.focus();
      if (again.type === 'search') again.setSelectionRange(again.value.length, again.value.length);
    }
  }

  async function load() {
    const mine = ++loadToken;
    clearError(root);
    drawFilters();
    if (!tasks.length) mount(tableSlot, loading('Loading tasks…'));
    root.setAttribute('aria-busy', 'true');
    try {
      const filter = taskFilter(params);
      const data = await api(`/v2/project/${pid}/tasks`, { query: { page: pageNo(), limit: limit(), sort: sort(), filter: filter || undefined } });
      if (mine !== loadToken) return;
      tasks = data.tasks || [];
      total = data.total || 0;
      // Keep ticked rows that are still on screen; a new query starts a new selection.
      const onPage = new Set(tasks.map((t) => t._id));
      for (const id of [...selected.keys()]) if (!onPage.has(id)) selected.delete(id);
      drawTable();
    } catch (error) {
      if (mine !== loadToken) return;
      tasks = []; total = 0;
      mount(tableSlot); mount(pagerSlot); drawToolbar();
      showError(root, error, { title: 'Tasks could not be loaded' });
    } finally {
      if (mine === loadToken) root.removeAttribute('aria-busy');
    }
  }

  await load();
  return {
    update(r) {
      const changed = r.params.toString() !== params.toString();
      params = r.params;
      if (changed) { allMatching = false; selected = new Map(); }
      load();
    },
    destroy() { loadToken++; },
  };
}
