// The options every import shares: which batch the new assets join (an existing one, or a new
// one created on the spot) and the priority of their tasks.
import { api } from '../api.js';
import { h, field } from '../ui/dom.js';

const NEW = '__new__';

/** Batch + priority controls. `values()` creates the new batch if asked and returns {batchId, priority}. */
export function importOptions({ pid, getProject, reloadProject, idPrefix, priorityOptional = false }) {
  const batchSelect = h('select', { id: `${idPrefix}-batch`, dataset: { testid: 'import-batch' } });
  const newName = h('input', { id: `${idPrefix}-new-batch`, placeholder: 'New batch name', autocomplete: 'off', hidden: true, 'aria-label': 'New batch name', dataset: { testid: 'new-batch-name' } });
  const priority = h('input', { id: `${idPrefix}-priority`, type: 'number', min: -1000, max: 1000, step: 1, value: priorityOptional ? '' : '0', placeholder: priorityOptional ? 'Per item' : '', dataset: { testid: 'import-priority' } });
  const fill = () => {
    const keep = batchSelect.value;
    batchSelect.replaceChildren(h('option', { value: '' }, 'No batch'),
      ...(getProject().batches || []).map((b) => h('option', { value: b._id }, b.name)),
      h('option', { value: NEW }, '+ New batch…'));
    if ([...batchSelect.options].some((o) => o.value === keep)) batchSelect.value = keep;
  };
  fill();
  batchSelect.addEventListener('change', () => { newName.hidden = batchSelect.value !== NEW; if (!newName.hidden) newName.focus(); });

  const node = h('div', { class: 'import-options' },
    h('div', { class: 'field' }, h('label', { for: batchSelect.id }, 'Batch'), h('div', { class: 'row' }, batchSelect, newName)),
    field('Priority', priority, priorityOptional ? 'Empty keeps each item’s own priority; a value overrides it (−1000…1000).' : '−1000…1000; higher comes first in the queue.'));

  async function values() {
    let batchId = batchSelect.value;
    if (batchId === NEW) {
      const name = newName.value.trim();
      if (!name) throw new Error('Name the new batch, or choose an existing one.');
      const existing = (getProject().batches || []).find((b) => b.name === name);
      batchId = existing ? existing._id : (await api(`/v2/batches/${pid}`, { method: 'POST', body: { name } })).project._id;
      await reloadProject();
      fill();
      batchSelect.value = batchId; newName.hidden = true; newName.value = '';
    }
    const text = priority.value.trim();
    const p = text === '' ? null : Number(text);
    if (p !== null && (!Number.isInteger(p) || p < -1000 || p > 1000)) throw new Error('Priority must be a whole number from −1000 to 1000.');
    return { batchId: batchId || null, priority: p };
  }
  return { node, values, refresh: fill };
}
