// The small dialog that asks for an issue: its text and, when the project has error codes turned
// on (errorCodesEnabled), a category and code from the project's errorSchema. Used by the I key,
// the issue pin tool and "Open Issue & Reject". A native <dialog> opened modal keeps the page
// behind it inert and closes on Escape; keys typed in it never reach the editor's shortcuts.
import { h } from './dom.js';

// Without a stored errorSchema the server accepts Ango Hub v3's three categories, any code name.
const DEFAULT_CATEGORIES = ['Wrong', 'Missing', 'Unqualified'].map((name) => ({ name, codes: [] }));

/** The categories issues of `project` may use, or null when error codes are off. */
export function errorCategories(project) {
  if (!project?.errorCodesEnabled) return null;
  const stored = project.errorSchema?.categories;
  return Array.isArray(stored) && stored.length ? stored.map((c) => ({ name: c.name, codes: Array.isArray(c.codes) ? c.codes : [] })) : DEFAULT_CATEGORIES;
}

/**
 * Opens the dialog. `submit(fields)` (optional) runs on the primary button with {content,
 * errorCodes?}; while it runs the buttons are disabled, and if it throws its message is shown in
 * the dialog, which stays open. `withoutLabel` adds a second way out (Reject without issue).
 * Resolves with submit's result (or the fields when there is no submit), 'without', or null when
 * cancelled.
 */
export function openIssueDialog(ed, { title, submitLabel, submitTestId, submit = null, withoutLabel = null, text = null }) {
  return new Promise((resolve) => {
    const categories = errorCategories(ed.project);
    const content = h('textarea.issue-text', { 'data-testid': 'issue-content', rows: 4, required: true, placeholder: 'What is wrong?', 'aria-label': 'Issue' });
    const codeBox = h('div.issue-code');
    const category = categories && h('select', {
      'data-testid': 'issue-category', 'aria-label': 'Error category', on: { change: () => renderCode() },
    }, h('option', { value: '' }, 'No error code'), categories.map((c, i) => h('option', { value: String(i) }, c.name)));
    // A category with codes offers them in a list; one without takes any code name.
    const renderCode = () => {
      const chosen = categories[Number(category.value)];
      codeBox.replaceChildren(!category.value ? '' : chosen.codes.length
        ? h('select', { 'data-testid': 'issue-code', 'aria-label': 'Error code' }, chosen.codes.map((c, i) => h('option', { value: String(i) }, c.key ? `${c.name} (${c.key})` : c.name)))
        : h('input', { type: 'text', 'data-testid': 'issue-code-text', 'aria-label': 'Error code', placeholder: 'Error code' }));
    };
    const error = h('p.issue-error', { 'data-testid': 'issue-dialog-error', role: 'alert', hidden: true });
    const primary = h('button.primary', { type: 'submit', 'data-testid': submitTestId }, submitLabel);
    const without = withoutLabel && h('button', { type: 'button', 'data-testid': 'issue-without', on: { click: () => finish('without') } }, withoutLabel);
    const cancel = h('button', { type: 'button', 'data-testid': 'issue-cancel', on: { click: () => finish(null) } }, 'Cancel');
    const headingId = `issue-dialog-${Math.random().toString(36).slice(2)}`;
    const form = h('form.issue-form', { novalidate: true, on: { submit: (ev) => { ev.preventDefault(); send(); }, input: () => { error.hidden = true; } } },
      h('h2', { id: headingId }, title),
      text ? h('p.muted', {}, text) : null,
      content,
      categories ? h('div.issue-codes', {}, h('label', {}, 'Error code', category), codeBox) : null,
      error,
      h('div.row', {}, cancel, without, primary));
    const dialog = h('dialog.issue-dialog', { 'data-testid': 'issue-dialog', 'aria-labelledby': headingId }, form);
    let busy = false;

    const fields = () => {
      const body = { content: content.value.trim() };
      if (!body.content) throw new Error('Describe the issue.');
      if (category?.value) {
        const chosen = categories[Number(category.value)];
        const code = chosen.codes.length ? chosen.codes[Number(codeBox.querySelector('select').value)] : { name: codeBox.querySelector('input').value.trim() };
        if (!code?.name) throw new Error('Type the error code, or choose "No error code".');
        body.errorCodes = [{ category: chosen.name, name: code.name, ...(code.key ? { key: code.key } : {}) }];
      }
      return body;
    };
    const setBusy = (on) => { busy = on; for (const b of [primary, without, cancel]) if (b) b.disabled = on; };
    const send = async () => {
      if (busy) return;
      error.hidden = true;
      try {
        const body = fields();
        setBusy(true);
        finish(submit ? await submit(body) : body, true);
      } catch (e) {
        setBusy(false);
        error.textContent = e.message || String(e);
        error.hidden = false;
      }
    };
    const finish = (result, force = false) => {
      if (busy && !force) return;
      if (dialog.open) dialog.close();
      dialog.remove();
      if (ed.dialog === dialog) ed.dialog = null;
      resolve(result);
    };

    // Escape cancels (the browser's own cancel event), except while the request runs.
    dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); finish(null); });
    dialog.addEventListener('keydown', (ev) => {
      if ((ev.ctrlKey || ev.metaKey) && ev.key === 'Enter') { ev.preventDefault(); send(); }
      ev.stopPropagation();
    });
    dialog.addEventListener('keyup', (ev) => ev.stopPropagation());
    ed.dialog = dialog;
    ed.root.append(dialog);
    dialog.showModal();
    content.focus();
  });
}
