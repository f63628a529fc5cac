// Settings → Label validation: a JavaScript function the editor runs on Save and Submit
// (POST /v2/project/:pid/labelValidation {customValidationEnabled, validationFunction}).
import { api } from '../api.js';
import { h, field } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';

const EXAMPLE = `function validate(answer) {
  // answer = {tools, classifications, relations}
  const errors = [];
  if (answer.tools.length === 0) {
    errors.push({ message: 'Draw at least one object.', preventSubmission: true });
  }
  return errors;
}`;

export function labelValidation({ pid, getProject, reloadProject }) {
  const p = getProject();
  const enabled = h('input', { id: 'lv-enabled', type: 'checkbox', checked: !!p.customValidationEnabled, dataset: { testid: 'validation-enabled' } });
  const code = h('textarea', { id: 'lv-function', rows: 12, spellcheck: 'false', class: 'code', placeholder: EXAMPLE, dataset: { testid: 'validation-function' } }, p.validationFunction || '');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'validation-error' } });
  const save = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'save-validation' } }, 'Save validation');
  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (enabled.checked) {
      // Catch syntax errors here rather than in every labeler's editor.
      try { new Function(`return (${code.value.trim() || 'null'})`); } catch (err) { error.textContent = `The function does not parse: ${err.message}`; error.hidden = false; return; }
      if (!code.value.trim()) { error.textContent = 'Write the validation function, or turn validation off.'; error.hidden = false; return; }
    }
    save.disabled = true;
    try {
      await api(`/v2/project/${pid}/labelValidation`, { method: 'POST', body: { customValidationEnabled: enabled.checked, validationFunction: code.value } });
      await reloadProject();
      toast('Label validation saved.');
    } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { save.disabled = false; }
  } },
  h('label', { class: 'check', for: enabled.id }, enabled, h('span', {}, h('strong', {}, 'Run a validation function on Save and Submit'),
    h('small', { class: 'hint' }, 'It gets the answer and returns a list of {message, preventSubmission}. Errors with preventSubmission block Submit; others let the labeler submit anyway.'))),
  field('Function', code), error, h('div', { class: 'save-row' }, save));
  return { node: form };
}
