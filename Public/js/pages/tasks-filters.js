// The Tasks filters. Their whole state is the hash query (stage, batch, assignee, externalId,
// review, skipped, draft, status) so a filtered view is a link; this file turns that query into
// the server's TaskFilter JSON (spec §9) and draws the filter bar.
import { h, escapeRegex } from '../ui/dom.js';

export const FILTER_KEYS = ['stage', 'batch', 'assignee', 'externalId', 'review', 'status', 'skipped', 'draft'];
const NONE = '__none__';

/** The TaskFilter for the hash query, or null when nothing filters. */
export function taskFilter(params) {
  const f = {};
  const get = (k) => params.get(k) || '';
  if (get('stage')) f.stage = { $in: get('stage').split(',') };
  if (get('batch')) f.batches = { $in: get('batch').split(',') };
  if (get('assignee') === NONE) f.assignee = { $exists: false };
  else if (get('assignee')) f.assignee = { $eq: get('assignee') };
  if (get('externalId')) f.externalId = { $regex: escapeRegex(get('externalId')) };
  if (get('review') === NONE) f.reviewStatus = { $exists: false };
  else if (get('review')) f.reviewStatus = { $eq: get('review') };
  if (get('status')) f.status = { $eq: get('status') };
  if (get('skipped')) f.isSkipped = { $eq: get('skipped') === 'true' };
  if (get('draft')) f.isDraft = { $eq: get('draft') === 'true' };
  return Object.keys(f).length ? f : null;
}

/**
 * The bulk routes (requeue, priority) take a smaller selector {fromStageIds, batches}; when the
 * filter says no more than that, "all matching" can be sent as a selector. Otherwise null: the
 * caller must collect the matching task ids.
 */
export function bulkSelector(params) {
  const extra = FILTER_KEYS.filter((k) => k !== 'stage' && k !== 'batch' && params.get(k));
  if (extra.length) return null;
  const selector = {};
  if (params.get('stage')) selector.fromStageIds = params.get('stage').split(',');
  if (params.get('batch')) selector.batches = params.get('batch').split(',');
  return selector;
}

export function activeFilterCount(params) { return FILTER_KEYS.filter((k) => params.get(k)).length; }

/** The filter bar. `onChange(patch)` receives {key: value|''} to merge into the query. */
export function filterBar(project, params, members, onChange) {
  const select = (key, label, options) => {
    const id = `filter-${key}`;
    const current = params.get(key) || '';
    const opts = [['', 'Any'], ...options];
    if (current && !opts.some(([v]) => v === current)) opts.push([current, current]);
    return h('div', { class: 'filter' }, h('label', { for: id }, label),
      h('select', { id, dataset: { filter: key }, onchange: (e) => onChange({ [key]: e.target.value }) },
        opts.map(([value, text]) => h('option', { value, selected: value === current }, text))));
  };
  const stages = (project.stages || []).filter((s) => !s.consensusId).map((s) => [s.id, s.name || s.id]);
  const batches = (project.batches || []).map((b) => [b._id, b.name]);
  const people = [[NONE, 'Unassigned'], ...members.map((m) => [m, m])];
  const reviews = [[NONE, 'Not reviewed'], ...['Accepted', 'Rejected', 'Fixed', 'Todo'].map((r) => [r, r])];
  const yesNo = [['true', 'Yes'], ['false', 'No']];

  const ext = h('input', { id: 'filter-externalId', type: 'search', placeholder: 'Contains…', value: params.get('externalId') || '', dataset: { filter: 'externalId' } });
  let timer = null;
  const applyExt = () => {
    clearTimeout(timer);
    // The page may be gone by the time the pause ends (the user moved to another tab).
    if (!ext.isConnected) return;
    if ((params.get('externalId') || '') !== ext.value.trim()) onChange({ externalId: ext.value.trim() });
  };
  ext.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(applyExt, 500); });
  ext.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applyExt(); } });

  const count = activeFilterCount(params);
  return h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter tasks', dataset: { testid: 'task-filters' } },
    select('stage', 'Stage', stages),
    select('batch', 'Batch', batches),
    select('assignee', 'Assignee', people),
    h('div', { class: 'filter' }, h('label', { for: ext.id }, 'External ID'), ext),
    select('review', 'Last review', reviews),
    select('status', 'Status', [['TODO', 'To do'], ['Completed', 'Completed']]),
    select('skipped', 'Skipped', yesNo),
    select('draft', 'Draft', yesNo),
    count ? h('button', { type: 'button', class: 'btn ghost clear-filters', dataset: { testid: 'clear-filters' },
      onclick: () => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, '']))) }, `Clear ${count} filter${count > 1 ? 's' : ''}`) : null);
}
