// The Tasks tab's Actions menu: Delete, Re-queue, Set priority, Assign, Export. Each works on
// the ticked rows, or on every task matching the filter ("Select all N matching").
import { api } from '../api.js';
import { buildHash, go } from '../router.js';
import { h, field } from '../ui/dom.js';
import { openDialog, confirmDialog } from '../ui/dialog.js';
import { toast, errorText } from '../ui/notify.js';
import { bulkSelector } from './tasks-filters.js';

const COLLECT_LIMIT = 20000; // beyond this, "all matching" needs a narrower filter

/** Every task matching the filter (ids, asset ids, external ids), 1000 per request. */
async function collectMatching(pid, sel) {
  if (sel.total > COLLECT_LIMIT) throw new Error(`${sel.total} tasks match; narrow the filter to ${COLLECT_LIMIT} or fewer for this action.`);
  const out = [];
  for (let page = 1; out.length < sel.total; page++) {
    const data = await api(`/v2/project/${pid}/tasks`, { query: { page, limit: 1000, sort: '_id', fields: '_id,asset,externalId,stage', filter: sel.filter || undefined } });
    if (!data.tasks?.length) break;
    out.push(...data.tasks);
  }
  return out;
}

/** The bulk-route selector for the selection: task ids, or the filter when it fits the selector. */
async function selectorFor(pid, sel) {
  if (!sel.allMatching) return { taskIds: sel.tasks.map((t) => t._id) };
  const simple = bulkSelector(sel.params);
  if (simple) return simple;
  return { taskIds: (await collectMatching(pid, sel)).map((t) => t._id) };
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function actionItems({ pid, getProject, selection, members, me, reload, clearSelection }) {
  const sel = selection();
  // After a bulk action the rows may have moved (stage, assignee): start a fresh selection.
  const after = () => { clearSelection(); reload(); };
  const none = sel.count === 0;
  const item = (action, label, run, extra = {}) => ({ label, disabled: none, dataset: { action }, action: () => run(selection()), ...extra });
  return [
    h('div', { class: 'menu-head' }, none ? 'Select tasks first' : `${plural(sel.count, 'task')} selected`),
    item('requeue', 'Re-queue…', (s) => requeue(pid, getProject(), s, after)),
    item('priority', 'Set priority…', (s) => setPriority(pid, s, after)),
    item('assign', 'Assign…', (s) => assign(pid, getProject(), s, members(), me, after)),
    item('export', 'Export…', (s) => exportSelected(pid, s)),
    item('delete', 'Delete…', (s) => remove(pid, s, after), { danger: true }),
  ];
}

async function remove(pid, sel, after) {
  const n = sel.count;
  const ok = await confirmDialog({
    title: `Delete ${plural(n, 'task')}?`, okLabel: `Delete ${plural(n, 'task')}`,
    message: [`Deleting removes the ${n === 1 ? 'task and its asset' : 'tasks and their assets'}, with all annotations and stage history.`,
      'This is irreversible: importing the asset again creates a new, empty task.'],
    onConfirm: async () => {
      const tasks = sel.allMatching ? await collectMatching(pid, sel) : sel.tasks;
      const assets = [...new Set(tasks.map((t) => t.asset).filter(Boolean))];
      const data = await api(`/v2/project/${pid}/assets`, { method: 'DELETE', body: { project: pid, assets } });
      toast(`${plural(data?.deletedCount ?? assets.length, 'task')} deleted.`);
    },
  });
  if (ok) after();
}

function stageSelect(id, project, { includeAny = false, filter = () => true, value } = {}) {
  const stages = (project.stages || []).filter((s) => !s.consensusId && filter(s));
  return h('select', { id, required: !includeAny },
    includeAny ? h('option', { value: '' }, 'Any stage') : null,
    stages.map((s) => h('option', { value: s.id, selected: s.id === value }, `${s.name || s.id} (${s.type})`)));
}

async function requeue(pid, project, sel, after) {
  const stage = stageSelect('requeue-stage', project, { filter: (s) => s.type !== 'Start' && s.type !== 'Consensus', value: 'Label' });
  const check = (id, label, hint) => h('label', { class: 'check', for: id }, h('input', { type: 'checkbox', id, name: id }), h('span', {}, h('strong', {}, label), h('small', { class: 'hint' }, hint)));
  const body = h('div', { class: 'stack' },
    h('p', {}, `Move ${plural(sel.count, 'task')} to another stage. Re-queuing adds no stage-history entry.`),
    field('Target stage', stage),
    h('fieldset', { class: 'stack' }, h('legend', {}, 'Options'),
      check('requeue-remove-annotations', 'Remove annotations', 'Clears the labels for good. This cannot be undone.'),
      check('requeue-remove-assignee', 'Remove assignee', 'Otherwise only the previous assignee can work on the task again.'),
      check('requeue-remove-history', 'Remove stage history', 'Deletes the record of the stages the task went through.')));
  const done = await openDialog({ title: 'Re-queue tasks', body, submitLabel: 'Re-queue', submitTestId: 'requeue-ok', testid: 'requeue-dialog', onSubmit: async (form) => {
    const options = {
      removeAnnotations: form.querySelector('#requeue-remove-annotations').checked,
      removeAssignee: form.querySelector('#requeue-remove-assignee').checked,
      removeStageHistory: form.querySelector('#requeue-remove-history').checked,
    };
    const data = await api(`/v2/project/${pid}/requeueTasks`, { method: 'POST', body: { toStageId: stage.value, filters: await selectorFor(pid, sel), options } });
    return data?.modifiedCount?.modified ?? 0;
  } });
  if (done !== null) { toast(`${plural(done, 'task')} re-queued.`); after(); }
}

async function setPriority(pid, sel, after) {
  const input = h('input', { id: 'priority-value', type: 'number', min: -1000, max: 1000, step: 1, value: 0, required: true });
  const done = await openDialog({ title: 'Set priority', submitLabel: 'Set priority', submitTestId: 'priority-ok', testid: 'priority-dialog',
    body: h('div', { class: 'stack' }, field('Priority', input, 'From −1000 to 1000. Higher priority tasks come first in the queue.')),
    onSubmit: async () => {
      const priority = Number(input.value);
      if (!Number.isInteger(priority) || priority < -1000 || priority > 1000) throw new Error('Priority must be a whole number from −1000 to 1000.');
      const data = await api(`/v2/project/${pid}/updatePriority`, { method: 'POST', body: { priority, filters: await selectorFor(pid, sel) } });
      return data?.result?.modifiedCount ?? 0;
    } });
  if (done !== null) { toast(`Priority set on ${plural(done, 'task')}.`); after(); }
}

async function assign(pid, project, sel, members, me, after) {
  const user = h('select', { id: 'assign-user', required: true }, members.map((m) => h('option', { value: m, selected: m === me }, m)));
  const stages = new Set(sel.tasks.map((t) => t.stage));
  const only = stages.size === 1 ? [...stages][0] : undefined;
  const stage = stageSelect('assign-stage', project, { includeAny: true, filter: (s) => s.type === 'Label' || s.type === 'Review', value: only });
  const done = await openDialog({ title: 'Assign tasks', submitLabel: 'Assign', submitTestId: 'assign-ok', testid: 'assign-dialog',
    body: h('div', { class: 'stack' }, field('Assign to', user, 'Project members and you.'), field('Stage', stage, 'Only tasks waiting in this stage are assigned.')),
    onSubmit: async () => {
      const tasks = sel.allMatching ? await collectMatching(pid, sel) : sel.tasks;
      const data = await api('/v2/task/assign', { method: 'POST', body: { project: pid, tasks: tasks.map((t) => t._id), user: user.value, stage: stage.value || undefined } });
      return data?.modifiedCount ?? 0;
    } });
  if (done !== null) { toast(`${plural(done, 'task')} assigned to ${user.value}.`); after(); }
}

/** The most tasks "Export selected" names (the server's limit for taskIds). */
const EXPORT_SELECTED_LIMIT = 1000;

/**
 * "Export selected": the chosen task ids go to the Export tab (kept in sessionStorage: a
 * thousand ids do not belong in a URL), which sends them with POST /v2/export. More than the
 * export's limit falls back to the view's stage and batch filter.
 */
async function exportSelected(pid, sel) {
  const count = sel.allMatching ? sel.total : sel.tasks.length;
  if (count > EXPORT_SELECTED_LIMIT) {
    toast(`${count} tasks are more than one export can name (${EXPORT_SELECTED_LIMIT}): the Export tab is preset with this view's stage and batch.`);
    go(buildHash(`/projects/${pid}/export`, { stage: sel.params.get('stage') || '', batch: sel.params.get('batch') || '', from: 'tasks' }));
    return;
  }
  try {
    const tasks = sel.allMatching ? await collectMatching(pid, sel) : sel.tasks;
    sessionStorage.setItem(`gloss.exportSelection.${pid}`, JSON.stringify(tasks.map((t) => t._id)));
    go(buildHash(`/projects/${pid}/export`, { selected: String(tasks.length) }));
  } catch (error) {
    toast(errorText(error));
  }
}
