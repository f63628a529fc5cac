// The Tasks table's columns: the seed page's defaults plus optional ones from the Columns menu.
// Each column knows its header, the server sort key (if the server can sort by it) and how to
// show a task. The optional-column choice is remembered per browser in localStorage.
import { h, formatDate, formatDuration } from '../ui/dom.js';
import { buildHash } from '../router.js';

const STORE_KEY = 'gloss.tasks.columns';

const REVIEW_CLASS = { Accepted: 'ok', Rejected: 'bad', Fixed: 'info', Todo: 'muted' };

/** Column list; `optional` ones are off unless chosen. */
export function columnDefs(project) {
  const batchNames = new Map((project.batches || []).map((b) => [b._id, b.name]));
  return [
    { id: 'taskId', label: 'Task ID', sort: '_id', cell: (t) => h('code', { class: 'id', title: t._id }, t._id) },
    { id: 'externalId', label: 'External ID', sort: 'externalId', cell: (t) => h('span', { class: 'ext-id', title: t.externalId || '' }, t.externalId || '—') },
    { id: 'stage', label: 'Stage', sort: 'stage', cell: (t) => h('span', { class: 'pill' }, t.stageName || t.stage) },
    { id: 'assignee', label: 'Assignee', sort: 'assignee', cell: (t) => t.assignee || h('span', { class: 'muted' }, 'Unassigned') },
    { id: 'updatedAt', label: 'Updated At', sort: 'updatedAt', cell: (t) => h('span', { class: 'nowrap', title: t.updatedAt || '' }, formatDate(t.updatedAt)) },
    { id: 'duration', label: 'Duration', sort: 'totalDuration', numeric: true, cell: (t) => formatDuration(t.totalDuration) },
    { id: 'consensus', label: 'Consensus', sort: 'consensusScore', numeric: true, cell: (t) => (t.consensusScore === null || t.consensusScore === undefined ? h('span', { class: 'muted' }, '—') : `${Math.round(t.consensusScore)}%`) },
    { id: 'reviewStatus', label: 'Last review', sort: 'reviewStatus', cell: (t) => (t.reviewStatus ? h('span', { class: `badge ${REVIEW_CLASS[t.reviewStatus] || ''}` }, t.reviewStatus) : h('span', { class: 'muted' }, '—')) },
    // A task with open issues links to them (the Issues tab filtered to that task).
    { id: 'openIssues', label: 'Open Issues', sort: 'openIssuesCount', numeric: true, cell: (t) => (t.openIssuesCount
      ? h('a', { class: 'badge warn', href: buildHash(`/projects/${encodeURIComponent(project._id)}/issues`, { task: t._id, status: 'Open' }),
        title: 'Show the open issues of this task', dataset: { testid: 'open-issues-link' } }, String(t.openIssuesCount))
      : '0') },
    { id: 'priority', label: 'Priority', sort: 'priority', numeric: true, optional: true, cell: (t) => String(t.priority ?? 0) },
    { id: 'batches', label: 'Batches', optional: true, cell: (t) => ((t.batches || []).length ? (t.batches || []).map((id) => h('span', { class: 'pill subtle' }, batchNames.get(id) || id)) : h('span', { class: 'muted' }, '—')) },
    { id: 'createdAt', label: 'Created At', sort: 'createdAt', optional: true, cell: (t) => h('span', { class: 'nowrap' }, formatDate(t.createdAt)) },
  ];
}

/** The optional columns the user turned on. */
export function chosenOptional() {
  try { return new Set(JSON.parse(localStorage.getItem(STORE_KEY) || '[]')); } catch { return new Set(); }
}

/** Remembers the optional-column choice. */
export function saveOptional(set) { localStorage.setItem(STORE_KEY, JSON.stringify([...set])); }

/** Columns to show now. */
export function visibleColumns(project) {
  const on = chosenOptional();
  return columnDefs(project).filter((c) => !c.optional || on.has(c.id));
}

/** Checkbox rows for the Columns menu; onChange() after a toggle. */
export function columnChoices(project, onChange) {
  const on = chosenOptional();
  return columnDefs(project).filter((c) => c.optional).map((c) => {
    const id = `col-${c.id}`;
    const box = h('input', { type: 'checkbox', id, checked: on.has(c.id), dataset: { col: c.id }, onchange: (e) => {
      const now = chosenOptional();
      if (e.target.checked) now.add(c.id); else now.delete(c.id);
      saveOptional(now);
      onChange();
    } });
    return h('label', { for: id, class: 'menu-check' }, box, c.label);
  });
}

/** The next sort after clicking a header: ascending first, then descending, toggling. */
export function nextSort(current, key) {
  if (current === key) return '-' + key;
  if (current === '-' + key) return key;
  return key;
}
