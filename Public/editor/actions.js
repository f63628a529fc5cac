// Save, Submit, Skip, Accept and Reject: client checks, the server calls, then (in the queue
// modes) the next task. Active time goes with Save / Submit / review as `duration` (ms since the
// last report); a failed call gives the time back to the timer.
import { api } from '../js/api.js';
import { builtinErrors, customErrors } from './validation.js';
import { uploadMask } from './media.js';
import { openIssueDialog } from './issue-dialog.js';

export class Actions {
  constructor(editor) { this.ed = editor; }

  /**
   * Runs `work(take)` with the buttons disabled, from the first check to the last server call, so a
   * second click or Enter while it runs does nothing. `take()` takes the active time to send. `lock`
   * refuses edits meanwhile (for actions that move the task on: later edits would be lost).
   * Returns whether `work` finished without throwing or returning false.
   */
  async run(label, work, { lock = false } = {}) {
    const ed = this.ed;
    if (ed.busy || !ed.task) return false;
    const task = ed.task;
    let duration = null;
    const take = () => { duration = ed.timer.take(); return duration; };
    this.setBusy(true, lock);
    try {
      return (await work(take)) !== false;
    } catch (error) {
      // The time was not recorded: give it back, unless another task is already on screen.
      if (duration !== null && ed.task === task) ed.timer.activeMs += duration;
      if (ed.task === task) ed.showErrors([{ message: `${label} failed: ${error.message || error}` }]);
      return false;
    } finally {
      this.setBusy(false);
    }
  }

  setBusy(busy, lock = false) {
    const ed = this.ed;
    ed.busy = busy;
    ed.state.locked = busy && lock;
    if (busy) ed.root.setAttribute('aria-busy', 'true'); else ed.root.removeAttribute('aria-busy');
    ed.header.querySelectorAll('.actions button[data-testid]').forEach((b) => { b.disabled = busy; });
    ed.errorBox.querySelectorAll('button[data-testid]').forEach((b) => { b.disabled = busy; });
  }

  /**
   * The request body for `answer`, plus brushDataUrl when the mask changed (uploaded first), and
   * the state's version when the answer was taken (see settled).
   */
  async body(answer, duration) {
    const ed = this.ed;
    const version = ed.state.version;
    const body = { answer, duration };
    if (ed.state.brushDirty && ed.imageStage && ed.mediaKind === 'image') {
      body.brushDataUrl = await uploadMask(ed.projectId, ed.task._id, await ed.imageStage.brush.blob());
    }
    return { body, version };
  }

  /**
   * After the server accepted the work sent at `version`: the draft is gone and the state clean,
   * unless the user edited meanwhile (then those edits stay dirty and in the draft).
   */
  settled(version) {
    const ed = this.ed;
    if (ed.state.version !== version) return;
    ed.clearDraft(ed.task._id);
    ed.state.dirty = false;
    ed.state.brushDirty = false;
  }

  /**
   * The next task of the queue. The work was already accepted, so a failure here must not leave
   * the old task editable (Save would overwrite a task that moved on): the editor drops it and
   * offers Retry.
   */
  async advance(t0) {
    const ed = this.ed;
    if (ed.destroyed) return;
    try { await ed.next(t0); } catch (error) { ed.showClaimFailure(error); }
  }

  async save() {
    const ed = this.ed;
    if (ed.readOnly) return;
    let custom = [];
    const ok = await this.run('Save', async (take) => {
      const answer = ed.state.exportAnswer(ed.schema);
      // Save runs the project's validation too (§10) but is never blocked by it: check meanwhile.
      const checking = customErrors(ed.project, answer);
      const { body, version } = await this.body(answer, take());
      const { task } = await api(`/v2/task/${ed.task._id}/save`, { method: 'POST', body });
      this.settled(version);
      ed.task = { ...ed.task, ...task };
      custom = await checking;
    });
    if (!ok) return;
    ed.showErrors(custom);
    ed.notify(custom.length ? 'Saved, with validation errors' : 'Saved');
  }

  /** Submit (label mode); `force` skips errors that allow "Submit anyway". */
  async submit(force = false) {
    const t0 = performance.now();
    const ed = this.ed;
    if (ed.mode !== 'label' || ed.busy || !ed.task || ed.readOnly) return;
    if (window.glossEditor) window.glossEditor.lastSwapMs = null;
    await this.run('Submit', async (take) => {
      const answer = ed.state.exportAnswer(ed.schema);
      if (!(await this.checked(answer, force, { label: 'Submit anyway', run: () => this.submit(true) }))) return false;
      const { body, version } = await this.body(answer, take());
      await api(`/v2/task/${ed.task._id}/submit`, { method: 'POST', body });
      this.settled(version);
      await this.advance(t0);
      return true;
    }, { lock: true });
  }

  /**
   * Built-in and custom checks of `answer`: true when it may be sent. Otherwise shows the errors,
   * with `anyway` offered when none of them blocks.
   */
  async checked(answer, force, anyway) {
    const ed = this.ed;
    const errors = [...builtinErrors(answer, ed.schema), ...await customErrors(ed.project, answer)];
    const blocking = errors.filter((e) => e.preventSubmission !== false);
    if (blocking.length || (errors.length && !force)) {
      ed.showErrors(errors, blocking.length ? null : anyway);
      return false;
    }
    ed.showErrors([]);
    return true;
  }

  async skip() {
    const t0 = performance.now();
    const ed = this.ed;
    await this.run('Skip', async () => {
      const id = ed.task._id;
      // Skipping throws away unsaved work and reports no time (it creates no history entry).
      await api(`/v2/task/${id}/skip`, { method: 'POST', body: {} });
      ed.clearDraft(id);
      await this.advance(t0);
    }, { lock: true });
  }

  /**
   * Accept or Reject; edits go along (checked as Submit checks them) unless the stage is read-only.
   * `issue` ({content, errorCodes?}) goes with a Reject; left undefined, Reject asks for one first
   * when the task has no open issue in this stage (see rejectIssue).
   */
  async review(status, force = false, issue = undefined) {
    const t0 = performance.now();
    const ed = this.ed;
    const label = status === 'Accepted' ? 'Accept' : 'Reject';
    if (status === 'Rejected' && issue === undefined) {
      issue = await this.rejectIssue();
      if (issue === undefined) return;
    }
    await this.run(label, async (take) => {
      const edited = !ed.readOnly && (ed.state.dirty || ed.state.brushDirty);
      let body = { reviewStatus: status };
      let version = ed.state.version;
      if (edited) {
        const answer = ed.state.exportAnswer(ed.schema);
        if (!(await this.checked(answer, force, { label: `${label} anyway`, run: () => this.review(status, true, issue) }))) return false;
        ({ body, version } = await this.body(answer, take()));
        body.reviewStatus = status;
      } else {
        ed.showErrors([]);
        body.duration = take();
      }
      // The server rejects and opens the issue in one transaction: an invalid issue changes nothing.
      if (issue) body.issue = issue;
      await api(`/v2/review/${ed.task._id}`, { method: 'POST', body });
      this.settled(version);
      if (ed.mode === 'review') await this.advance(t0);
      else ed.onExit();
      return true;
    }, { lock: true });
  }

  /**
   * "Open Issue & Reject" (Ango Hub): a Reject must tell the labeler why, so when the task has no
   * Open issue in its current stage the reviewer is asked for one. Resolves with the issue to send,
   * null to reject without one (or when an open issue exists), undefined when cancelled.
   */
  async rejectIssue() {
    const ed = this.ed;
    if (ed.busy || !ed.task || ed.dialog || this.asking) return undefined;
    const task = ed.task;
    this.asking = true;
    try {
      if (await ed.issues.openInCurrentStage()) return null;
      if (ed.task !== task) return undefined;
      const answer = await openIssueDialog(ed, {
        title: 'Open Issue & Reject', submitLabel: 'Open Issue & Reject', submitTestId: 'issue-reject',
        withoutLabel: 'Reject without issue', text: 'Tell the labeler what to fix. The issue opens when the task is rejected.',
      });
      if (ed.task !== task || answer === null) return undefined;
      return answer === 'without' ? null : answer;
    } finally {
      this.asking = false;
    }
  }
}
