// Modal dialogs on the native <dialog> element: it traps focus, closes on Escape and returns
// focus to the opener, so every dialog of the app is keyboard-usable without extra code.
import { h } from './dom.js';
import { errorText } from './notify.js';

/**
 * Opens a dialog. `body` is a node (usually form fields); `onSubmit(form)` runs on the primary
 * button and may return a promise: while it runs the button is busy; if it throws, the error is
 * shown inside the dialog (next to the form) and the dialog stays open. Resolves with what
 * onSubmit returned, or null when cancelled.
 */
export function openDialog({ title, body, submitLabel = 'Save', submitTestId, danger = false, testid, onSubmit }) {
  return new Promise((resolve) => {
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'dialog-error' } });
    const submit = h('button', { type: 'submit', class: danger ? 'btn danger' : 'btn primary', dataset: submitTestId ? { testid: submitTestId } : {} }, submitLabel);
    const cancel = h('button', { type: 'button', class: 'btn', dataset: { testid: 'dialog-cancel' } }, 'Cancel');
    const headingId = 'dlg-' + Math.random().toString(36).slice(2);
    const form = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true },
      h('h2', { id: headingId }, title), body, error, h('div', { class: 'dialog-actions' }, cancel, submit));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': headingId, dataset: testid ? { testid } : {} }, form);
    let result = null;
    // While the work runs the dialog stays: closing it then would hide the outcome (a delete that
    // succeeded would not reload the table).
    let busy = false;
    const close = () => { dialog.close(); };
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    dialog.addEventListener('cancel', (event) => { if (busy) event.preventDefault(); });
    cancel.addEventListener('click', () => { if (!busy) close(); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      error.hidden = true;
      if (busy) return;
      busy = true;
      submit.disabled = true; cancel.disabled = true; submit.classList.add('busy');
      try {
        result = onSubmit ? await onSubmit(form) : true;
        if (result === undefined) result = true;
        busy = false;
        close();
      } catch (e) {
        error.textContent = errorText(e);
        error.hidden = false;
      } finally {
        busy = false;
        submit.disabled = false; cancel.disabled = false; submit.classList.remove('busy');
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = body?.querySelector?.('input:not([type=hidden]), select, textarea');
    (first || submit).focus();
  });
}

/** A yes/no question; resolves true when confirmed. `onConfirm` may do the work (errors stay in the dialog). */
export async function confirmDialog({ title, message, okLabel = 'Confirm', danger = true, onConfirm }) {
  const body = h('div', { class: 'confirm-text' }, Array.isArray(message) ? message.map((m) => h('p', {}, m)) : h('p', {}, message));
  const done = await openDialog({ title, body, submitLabel: okLabel, submitTestId: 'confirm-ok', danger, testid: 'confirm-dialog', onSubmit: async () => { if (onConfirm) await onConfirm(); return true; } });
  return done === true;
}
