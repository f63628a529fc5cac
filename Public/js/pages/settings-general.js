// Settings → General: idle timeout, skipping, benchmarks, error codes (POST /v2/project/:pid,
// partial update with Ango's field names).
import { api } from '../api.js';
import { h, field } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';
import { errorSchemaEditor } from './error-schema-editor.js';

export function generalSettings({ pid, getProject, reloadProject }) {
  const p = getProject();
  const name = h('input', { id: 'set-name', value: p.name || '', required: true });
  const description = h('textarea', { id: 'set-description', rows: 2 }, p.description || '');
  const idle = h('input', { id: 'set-idle', type: 'number', min: 0, step: 1, value: p.idleTimeout ?? 300, dataset: { field: 'idleTimeout' } });
  const check = (id, label, checked, hint, key) => h('label', { class: 'check', for: id },
    h('input', { id, type: 'checkbox', checked: !!checked, dataset: { field: key } }), h('span', {}, h('strong', {}, label), hint ? h('small', { class: 'hint' }, hint) : null));
  const skip = check('set-skip', 'Enable skipping', p.taskSkipEnabled !== false, 'A Skip button next to Submit moves on without submitting.', 'taskSkipEnabled');
  const unassign = check('set-unassign', 'Unassign on skip', p.unassignSkippedTask, 'A skipped task goes back to the common pool.', 'unassignSkippedTask');
  const bench = check('set-bench', 'Benchmarks', p.benchmarkEnabled, 'Serve benchmark tasks to labelers now and then.', 'benchmarkEnabled');
  const ratio = h('input', { id: 'set-bench-ratio', type: 'number', min: 0, max: 100, step: 1, value: p.benchmarkRatio ?? 10, dataset: { field: 'benchmarkRatio' } });
  const codesOn = check('set-error-codes', 'Use error codes', p.errorCodesEnabled, 'Reviewers pick a category and code when they raise an issue or reject.', 'errorCodesEnabled');
  const codesBox = codesOn.querySelector('input');
  const schema = errorSchemaEditor(p.errorSchema);
  schema.node.hidden = !codesBox.checked; // the schema is kept while codes are off, just not shown
  codesBox.addEventListener('change', () => { schema.node.hidden = !codesBox.checked; });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'general-error' } });
  const save = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'save-general' } }, 'Save');

  const form = h('form', { class: 'stack narrow', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const idleTimeout = Number(idle.value), benchmarkRatio = Number(ratio.value);
    if (!name.value.trim()) { error.textContent = 'The project needs a name.'; error.hidden = false; return; }
    if (!Number.isFinite(idleTimeout) || idleTimeout < 0) { error.textContent = 'Idle timeout must be zero or more seconds.'; error.hidden = false; return; }
    if (!Number.isFinite(benchmarkRatio) || benchmarkRatio < 0 || benchmarkRatio > 100) { error.textContent = 'Benchmark ratio is a percentage from 0 to 100.'; error.hidden = false; return; }
    // With codes off the (hidden) schema is neither checked nor sent: a half-edited category the
    // user cannot see must not block saving the rest.
    const schemaProblem = codesBox.checked ? schema.problem() || (schema.isEmpty() ? 'Add an error category, or turn error codes off.' : null) : null;
    if (schemaProblem) { error.textContent = `Error codes: ${schemaProblem}`; error.hidden = false; return; }
    save.disabled = true;
    try {
      await api(`/v2/project/${pid}`, { method: 'POST', body: {
        name: name.value.trim(), description: description.value, idleTimeout,
        taskSkipEnabled: skip.querySelector('input').checked, unassignSkippedTask: unassign.querySelector('input').checked,
        benchmarkEnabled: bench.querySelector('input').checked, benchmarkRatio,
        errorCodesEnabled: codesBox.checked, ...(codesBox.checked && schema.touched() ? { errorSchema: schema.value() } : {}),
      } });
      await reloadProject();
      toast('Settings saved.');
    } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { save.disabled = false; }
  } },
  field('Project name', name), field('Description', description),
  field('Idle timeout (seconds)', idle, 'After this long without input a labeler counts as idle and the timer stops. 0 turns idle detection off.'),
  h('fieldset', { class: 'stack' }, h('legend', {}, 'Skipping'), skip, unassign),
  h('fieldset', { class: 'stack' }, h('legend', {}, 'Benchmarks'), bench, field('Benchmark ratio (%)', ratio)),
  h('fieldset', { class: 'stack', dataset: { testid: 'error-codes' } }, h('legend', {}, 'Error codes'), codesOn, schema.node),
  error, h('div', { class: 'save-row' }, save));
  return { node: form };
}
