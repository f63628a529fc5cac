// The Performance tab: the overview charts, then one row per member from POST /v2/performance
// (Leads and above; anyone else gets the server's 403 shown as it is). The date range and batch
// go to the server; sorting is done here (the report is one small array) and, like the filters,
// lives in the hash query so a sorted, filtered report is a link. A sort change redraws only.
import { api } from '../api.js';
import { buildHash, go } from '../router.js';
import { h, mount, formatClock, emptyState, loading } from '../ui/dom.js';
import { showError, clearError } from '../ui/notify.js';
import { nextSort } from './tasks-columns.js';
import { overviewCharts } from './performance-charts.js';

const DEFAULT_SORT = '-submitted';
const FILTER_KEYS = ['from', 'to', 'batch'];

const COLUMNS = [
  { id: 'member', label: 'Member', text: true, value: (r) => (r.name && r.name !== r.email ? r.name : r.email),
    cell: (r) => [h('div', {}, r.name || r.email), r.name && r.name !== r.email ? h('small', { class: 'muted' }, r.email) : null] },
  { id: 'submitted', label: 'Submitted' },
  { id: 'reviewed', label: 'Reviewed' },
  { id: 'accepted', label: 'Accepted' },
  { id: 'rejected', label: 'Rejected' },
  { id: 'acceptedByReview', label: 'Accepted by review', title: 'Tasks this member labeled that a reviewer accepted' },
  { id: 'rejectedByReview', label: 'Rejected by review', title: 'Tasks this member labeled that a reviewer rejected' },
  { id: 'labelingTime', label: 'Labeling time', time: true },
  { id: 'averageLabelingTime', label: 'Avg. per task', time: true, title: 'Labeling time per submitted task' },
  { id: 'reviewingTime', label: 'Reviewing time', time: true },
  { id: 'issuesOpened', label: 'Issues opened' },
  { id: 'benchmarkScore', label: 'Benchmark', cell: (r) => (r.benchmarkScore === null || r.benchmarkScore === undefined
    ? h('span', { class: 'muted' }, '—') : `${Math.round(r.benchmarkScore)}% (${r.benchmarkCount})`) },
];

export async function render(host, route, { pid, getProject }) {
  const root = h('section', { class: 'performance', dataset: { testid: 'performance-page' }, 'aria-label': 'Performance' });
  const charts = overviewCharts(pid);
  const filtersSlot = h('div', {});
  const tableSlot = h('div', { class: 'table-wrap' });
  root.append(charts.node, h('h2', { class: 'section-title' }, 'Members'), filtersSlot, tableSlot);
  host.append(root);

  let params = route.params;
  let rows = [];
  let failed = false; // the last load failed: its banner stays, a sort click draws no empty table over it
  let loadToken = 0;
  const sort = () => params.get('sort') || DEFAULT_SORT;

  function setQuery(patch) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (!v) next.delete(k); else next.set(k, String(v)); }
    go(buildHash(`/projects/${pid}/performance`, next), { replace: true });
  }

  function drawFilters() {
    const date = (key, label) => h('div', { class: 'filter' }, h('label', { for: `perf-${key}` }, label),
      h('input', { id: `perf-${key}`, type: 'date', value: params.get(key) || '', dataset: { filter: key }, onchange: (e) => setQuery({ [key]: e.target.value }) }));
    const batches = getProject().batches || [];
    const current = params.get('batch') || '';
    const batch = h('select', { id: 'perf-batch', dataset: { filter: 'batch' }, onchange: (e) => setQuery({ batch: e.target.value }) },
      h('option', { value: '' }, 'All batches'), batches.map((b) => h('option', { value: b._id, selected: b._id === current }, b.name)));
    const active = FILTER_KEYS.some((k) => params.get(k));
    mount(filtersSlot, h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter the performance report', dataset: { testid: 'performance-filters' } },
      date('from', 'From'), date('to', 'To'),
      h('div', { class: 'filter' }, h('label', { for: batch.id }, 'Batch'), batch),
      active ? h('button', { type: 'button', class: 'btn ghost clear-filters', onclick: () => setQuery({ from: '', to: '', batch: '' }) }, 'Clear filters') : null));
  }

  /** The request body: dates are whole local days, `to` included (a report "to today" has today's work). */
  function body() {
    const out = {};
    const from = params.get('from'), to = params.get('to');
    if (from) out.startDate = new Date(`${from}T00:00:00`).toISOString();
    if (to) out.endDate = new Date(`${to}T23:59:59.999`).toISOString();
    if (params.get('batch')) out.batches = [params.get('batch')];
    return out;
  }

  function header(col) {
    const key = col.id;
    const s = sort();
    const dir = s === key ? 'ascending' : s === '-' + key ? 'descending' : null;
    return h('th', { scope: 'col', class: col.text ? '' : 'num', 'aria-sort': dir || 'none', title: col.title || null, dataset: { col: key } },
      h('button', { type: 'button', class: 'sort-btn', dataset: { sort: key }, onclick: () => setQuery({ sort: nextSort(s, key) }) },
        col.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕')));
  }

  function sorted() {
    const s = sort();
    const key = s.replace(/^-/, '');
    const col = COLUMNS.find((c) => c.id === key) || COLUMNS[1];
    const dir = s.startsWith('-') ? -1 : 1;
    const value = col.value || ((r) => r[col.id]);
    // Numbers compare as numbers (10 after 9), text by locale; missing values go last either way.
    return [...rows].sort((a, b) => {
      const x = value(a), y = value(b);
      const xMissing = x === null || x === undefined, yMissing = y === null || y === undefined;
      if (xMissing || yMissing) return xMissing === yMissing ? 0 : xMissing ? 1 : -1;
      const c = col.text ? String(x).localeCompare(String(y)) : Number(x) - Number(y);
      return c * dir || String(a.email).localeCompare(String(b.email));
    });
  }

  function drawTable() {
    if (!rows.length) {
      mount(tableSlot, emptyState('No work in this range', 'Nobody submitted, reviewed or opened an issue in this project for these filters.'));
      return;
    }
    const cell = (col, r) => {
      if (col.cell) return col.cell(r);
      return col.time ? formatClock(r[col.id]) : String(r[col.id] ?? 0);
    };
    mount(tableSlot, h('table', { class: 'table performance-table', dataset: { testid: 'performance-table' } },
      h('thead', {}, h('tr', {}, COLUMNS.map(header))),
      h('tbody', {}, sorted().map((r) => h('tr', { dataset: { email: r.email } },
        COLUMNS.map((col) => h('td', { class: col.text ? '' : 'num', dataset: { col: col.id } }, cell(col, r))))))));
  }

  async function load() {
    const mine = ++loadToken;
    clearError(root);
    drawFilters();
    const from = params.get('from'), to = params.get('to');
    if (from && to && from > to) {
      rows = []; failed = true; mount(tableSlot);
      showError(root, new Error('The range ends before it starts: pick a “To” date on or after “From”.'), { title: 'Check the dates' });
      return;
    }
    mount(tableSlot, loading('Loading the report…'));
    try {
      const data = await api(`/v2/performance/${encodeURIComponent(pid)}`, { method: 'POST', body: body() });
      if (mine !== loadToken) return;
      rows = data.performance || [];
      failed = false;
      drawTable();
    } catch (error) {
      if (mine !== loadToken) return;
      rows = []; failed = true;
      mount(tableSlot);
      showError(root, error, { title: 'The performance report could not be loaded' });
    }
  }

  charts.reload();
  await load();
  return {
    update(r) {
      const changed = FILTER_KEYS.some((k) => (r.params.get(k) || '') !== (params.get(k) || ''));
      params = r.params;
      if (changed) load(); else if (!failed) drawTable();
    },
    destroy() { loadToken++; },
  };
}
