// Save, Submit, Skip, Accept and Reject: client checks, the server calls, then (in the queue
// modes) the next task. Active time goes with Save / Submit / review as `duration` (ms since the
// last report); a failed call gives the time back to the timer.
import { api } from '../js/api.js';
import { builtinErrors, customErrors } from './validation.js';
import { clearDraft } from './drafts.js';
import { uploadMask } from './media.js';

export class Actions {
  constructor(editor) { this.ed = editor; }

  /** Runs `work(duration)` with the buttons disabled; shows its error. */
  async run(label, work) {
    const ed = this.ed;
    if (ed.busy || !ed.task) return false;
    ed.busy = true;
    ed.root.setAttribute('aria-busy', 'true');
    ed.header.querySelectorAll('.actions button[data-testid]').forEach((b) => { b.disabled = true; });
    const duration = ed.timer.take();
    try {
      await work(duration);
      return true;
    } catch (error) {
      ed.timer.activeMs += duration;
      ed.showErrors([{ message: `${label} failed: ${error.message || error}` }]);
      return false;
    } finally {
      ed.busy = false;
      ed.root.removeAttribute('aria-busy');
      ed.header.querySelectorAll('.actions button[data-testid]').forEach((b) => { b.disabled = false; });
    }
  }

  /** The answer to send, plus brushDataUrl when the mask changed (uploaded first). */
  async body(duration) {
    const ed = this.ed;
    const body = { answer: ed.state.exportAnswer(ed.schema), duration };
    if (ed.state.brushDirty && ed.imageStage && ed.mediaKind === 'image') {
      body.brushDataUrl = await uploadMask(ed.projectId, ed.task._id, await ed.imageStage.brush.blob());
    }
    return body;
  }

  /** After the server accepted the work: the draft is gone, the state clean. */
  settled() {
    const ed = this.ed;
    clearDraft(ed.task._id);
    ed.state.dirty = false;
    ed.state.brushDirty = false;
  }

  /** The next task of the queue; a failure here is not the submit's failure. */
  async advance(t0) {
    try { await this.ed.next(t0); } catch (error) { this.ed.showFailure(error); }
  }

  async save() {
    const ed = this.ed;
    if (ed.readOnly) return;
    const custom = customErrors(ed.project, ed.state.exportAnswer(ed.schema));
    const ok = await this.run('Save', async (duration) => {
      const { task } = await api(`/v2/task/${ed.task._id}/save`, { method: 'POST', body: await this.body(duration) });
      this.settled();
      ed.task = { ...ed.task, ...task };
    });
    if (!ok) return;
    // Save runs the project's validation too (§10) but is never blocked by it.
    ed.showErrors(custom, false);
    ed.notify(custom.length ? 'Saved, with validation errors' : 'Saved');
  }

  /** Submit (label mode); `force` skips errors that allow "Submit anyway". */
  async submit(force = false) {
    const t0 = performance.now();
    const ed = this.ed;
    if (ed.mode !== 'label' || ed.busy || !ed.task) return;
    const answer = ed.state.exportAnswer(ed.schema);
    const errors = [...builtinErrors(answer, ed.schema), ...customErrors(ed.project, answer)];
    const blocking = errors.filter((e) => e.preventSubmission !== false);
    if (blocking.length || (errors.length && !force)) {
      ed.showErrors(errors, !blocking.length);
      return;
    }
    ed.showErrors([]);
    await this.run('Submit', async (duration) => {
      await api(`/v2/task/${ed.task._id}/submit`, { method: 'POST', body: await this.body(duration) });
      this.settled();
      await this.advance(t0);
    });
  }

  async skip() {
    const t0 = performance.now();
    const ed = this.ed;
    await this.run('Skip', async (duration) => {
      await api(`/v2/task/${ed.task._id}/skip`, { method: 'POST', body: {} });
      // Skipping throws away unsaved work and reports no time (it creates no history entry).
      clearDraft(ed.task._id);
      void duration;
      await this.advance(t0);
    });
  }

  /** Accept or Reject; edits go along unless the stage is read-only. */
  async review(status) {
    const t0 = performance.now();
    const ed = this.ed;
    if (ed.busy || !ed.task) return;
    const body = { reviewStatus: status };
    if (!ed.readOnly && (ed.state.dirty || ed.state.brushDirty)) {
      const answer = ed.state.exportAnswer(ed.schema);
      const errors = builtinErrors(answer, ed.schema);
      if (errors.length) { ed.showErrors(errors, false); return; }
    }
    ed.showErrors([]);
    await this.run(status === 'Accepted' ? 'Accept' : 'Reject', async (duration) => {
      body.duration = duration;
      if (!ed.readOnly && (ed.state.dirty || ed.state.brushDirty)) Object.assign(body, await this.body(duration));
      await api(`/v2/review/${ed.task._id}`, { method: 'POST', body });
      this.settled();
      if (ed.mode === 'review') await this.advance(t0);
      else ed.onExit();
    });
  }
}
