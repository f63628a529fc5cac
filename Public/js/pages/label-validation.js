// Settings → Label validation: a JavaScript function the editor runs on Save and Submit
// (POST /v2/project/:pid/labelValidation {customValidationEnabled, validationFunction}).
// Checking and trying it out go through the editor's validation worker, so this page accepts
// exactly the sources the editor can run, and the manager's code never runs in this page either.
import { api } from '../api.js';
import { h, field, mount } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';
import { checkValidationSource, runCustomValidation } from '../../editor/validation.js';

const EXAMPLE = `function validate(answer) {
  // answer = {tools, classifications, relations}
  const errors = [];
  if (answer.tools.length === 0) {
    errors.push({ message: 'Draw at least one object.', preventSubmission: true });
  }
  return errors;
}`;

/** Geometry for one sample object of each tool kind (brush masks live outside the answer). */
const SAMPLE_GEOMETRY = {
  'bounding-box': { x: 10, y: 10, width: 60, height: 40 },
  'rotated-bounding-box': { x: 10, y: 10, width: 60, height: 40, rotation: 0 },
  polygon: [[10, 10], [70, 10], [40, 50]],
  polyline: [[10, 10], [70, 40]],
  point: [20, 20],
  ner: { start: 0, end: 6, selection: 'sample' },
};

/** The sample answers "Validate Code" runs the function on: an empty one and one object per class. */
function samples(schema) {
  const empty = { tools: [], classifications: [], relations: [] };
  const tools = (schema?.tools || []).filter((t) => t && t.schemaId).map((t, i) => ({
    objectId: `sample${i + 1}`, schemaId: t.schemaId, title: t.title, classifications: [],
    ...(SAMPLE_GEOMETRY[t.tool] ? { [t.tool]: SAMPLE_GEOMETRY[t.tool] } : {}),
  }));
  const list = [['An empty answer', empty]];
  if (tools.length) list.push(['One object of each class', { ...empty, tools }]);
  return list;
}

export function labelValidation({ pid, getProject, reloadProject }) {
  const p = getProject();
  const enabled = h('input', { id: 'lv-enabled', type: 'checkbox', checked: !!p.customValidationEnabled, dataset: { testid: 'validation-enabled' } });
  const code = h('textarea', { id: 'lv-function', rows: 12, spellcheck: 'false', class: 'code', placeholder: EXAMPLE, dataset: { testid: 'validation-function' } }, p.validationFunction || '');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'validation-error' } });
  const results = h('div', { class: 'stack', 'aria-live': 'polite', dataset: { testid: 'validation-results' } });
  const save = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'save-validation' } }, 'Save validation');
  const validate = h('button', { type: 'button', class: 'btn', dataset: { testid: 'validate-code' }, onclick: () => tryOut() }, 'Validate Code');
  const fail = (text) => { error.textContent = text; error.hidden = false; };

  /** Catches a source that does not compile here rather than in every labeler's editor. */
  async function compiles() {
    const checked = await checkValidationSource(code.value);
    if (checked.ok) return true;
    fail(`The function cannot run: ${checked.failure}`);
    return false;
  }

  /** "Validate Code" (§10): checks the syntax, then shows what the function returns for sample answers. */
  async function tryOut() {
    error.hidden = true;
    mount(results);
    if (!code.value.trim()) { fail('Write the validation function first.'); return; }
    validate.disabled = true;
    try {
      if (!(await compiles())) return;
      for (const [name, answer] of samples(getProject().categorySchema)) {
        const errors = await runCustomValidation(code.value, answer);
        results.append(h('div', {}, h('strong', {}, `${name}: `),
          errors.length ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : 'no errors',
          errors.length ? h('ul', {}, errors.map((e) => h('li', {}, e.message, e.preventSubmission ? ' (blocks Submit)' : ' (allows Submit anyway)'))) : null));
      }
    } finally { validate.disabled = false; }
  }

  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (enabled.checked) {
      if (!code.value.trim()) { fail('Write the validation function, or turn validation off.'); return; }
      save.disabled = true;
      const ok = await compiles().finally(() => { save.disabled = false; });
      if (!ok) return;
    }
    save.disabled = true;
    try {
      await api(`/v2/project/${pid}/labelValidation`, { method: 'POST', body: { customValidationEnabled: enabled.checked, validationFunction: code.value } });
      await reloadProject();
      toast('Label validation saved.');
    } catch (err) { fail(errorText(err)); } finally { save.disabled = false; }
  } },
  h('label', { class: 'check', for: enabled.id }, enabled, h('span', {}, h('strong', {}, 'Run a validation function on Save and Submit'),
    h('small', { class: 'hint' }, 'It gets the answer and returns a list of {message, preventSubmission}. Errors with preventSubmission block Submit; others let the labeler submit anyway. It runs isolated from the page, without network access, and must finish within a second.'))),
  field('Function', code), error, results, h('div', { class: 'save-row' }, validate, save));
  return { node: form };
}
