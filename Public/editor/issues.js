// The current task's issues (/v2/issues): loaded after the task is on screen (never in the way of
// the next-task swap), reloaded from the server after every change, so the panel, the pins and
// the objects' badges always show what the server holds. Failures go to the editor's error box.
import { api } from '../js/api.js';
import { openIssueDialog } from './issue-dialog.js';

/** `"[x, y]"` (the API's position string) as {x, y}, or null for any other position. */
export function parsePosition(position) {
  if (typeof position !== 'string' || !position.trim().startsWith('[')) return null;
  try {
    const [x, y] = JSON.parse(position);
    return Number.isFinite(x) && Number.isFinite(y) ? { x, y } : null;
  } catch { return null; }
}

export class Issues {
  constructor(editor) {
    this.ed = editor;
    this.reset(null);
  }

  /** A new task is shown: forget the last one's issues (they must not be drawn on this one). */
  reset(task) {
    this.task = task;
    this.list = [];
    this.loaded = false;
    this.loadError = null;
    this.busy = false;
    this.focused = null; // the issue whose row and pin are highlighted
    this.confirming = null; // the issue whose Delete waits for a second click
    this.comments = new Map(); // issue id -> reply being typed (the panel is rebuilt on re-render)
    this.numbers = new Map();
  }

  get projectId() { return this.ed.projectId; }

  /** Fetches the task's issues; a task swapped in meanwhile wins (its own load will render). */
  async load() {
    const task = this.ed.task;
    if (!task) return;
    try {
      const data = await api('/v2/issues', { query: { project: this.projectId, labelTask: task._id, limit: 1000 } });
      if (this.ed.task !== task) return;
      this.setList(data?.issue || []);
      this.loadError = null;
    } catch (error) {
      if (this.ed.task !== task) return;
      this.loadError = error.message || String(error);
    }
    this.loaded = true;
    this.ed.onIssues();
  }

  /** Oldest first gives each issue a stable number (a pin keeps its label when others change). */
  setList(issues) {
    const byAge = [...issues].sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
    this.numbers = new Map(byAge.map((issue, i) => [issue._id, i + 1]));
    // The panel lists open issues first, each group in creation order.
    this.list = byAge.filter((i) => i.status === 'Open').concat(byAge.filter((i) => i.status !== 'Open'));
    if (this.focused && !this.numbers.has(this.focused)) this.focused = null;
  }

  number(issue) { return this.numbers.get(issue._id) || 0; }

  openCount() { return this.list.filter((i) => i.status === 'Open').length; }

  /** Open issues per objectId, for the badges in the Objects list. */
  openByObject() {
    const counts = new Map();
    for (const issue of this.list) {
      if (issue.status === 'Open' && issue.objectId) counts.set(issue.objectId, (counts.get(issue.objectId) || 0) + 1);
    }
    return counts;
  }

  /** The pins the image stage draws: [{id, n, x, y, open, focused}]. */
  pins() {
    const pins = [];
    for (const issue of this.list) {
      const at = parsePosition(issue.position);
      if (at) pins.push({ id: issue._id, n: this.number(issue), ...at, open: issue.status === 'Open', focused: this.focused === issue._id });
    }
    return pins;
  }

  /** Highlights an issue (a row or pin was clicked); an object-bound one selects its object. */
  focus(issueId, { showPanel = false } = {}) {
    const issue = this.list.find((i) => i._id === issueId);
    if (!issue) return;
    this.focused = issueId;
    if (showPanel) this.ed.sidebarTab = 'issues';
    if (issue.objectId && this.ed.state.object(issue.objectId)) this.ed.state.select(issue.objectId);
    this.ed.onIssues();
  }

  /**
   * Runs one server change with the panel's buttons disabled, then reloads the list. A refusal
   * (403 for someone else's issue, 400...) is shown with the server's words in the error box.
   */
  async change(label, call, done) {
    if (this.busy || !this.task) return false;
    const task = this.task;
    this.busy = true;
    this.ed.onIssues();
    try {
      await call();
      if (done) this.ed.notify(done);
      return true;
    } catch (error) {
      if (this.task === task) this.ed.showErrors([{ message: `${label} failed: ${error.message || error}` }]);
      return false;
    } finally {
      this.busy = false;
      if (this.task === task) await this.load();
    }
  }

  setStatus(issue, status) {
    const label = status === 'Open' ? 'Reopen' : 'Resolve';
    return this.change(label, () => api(`/v2/issues/${encodeURIComponent(issue._id)}`, { method: 'POST', body: { status } }),
      status === 'Open' ? 'Issue reopened' : 'Issue resolved');
  }

  async comment(issue) {
    const content = (this.comments.get(issue._id) || '').trim();
    if (!content) return;
    const ok = await this.change('Comment', () => api(`/v2/issues/${encodeURIComponent(issue._id)}/comment`, { method: 'POST', body: { content } }), 'Comment added');
    if (ok) this.comments.delete(issue._id);
    this.ed.onIssues();
  }

  remove(issue) {
    this.confirming = null;
    return this.change('Delete', () => api(`/v2/issues/${encodeURIComponent(issue._id)}`, { method: 'DELETE', query: { project: this.projectId } }), 'Issue deleted');
  }

  /**
   * Asks for the issue's text (and error code) and creates it on the current task. `where` is
   * {objectId} or {position: "[x, y]"}. A refusal keeps the dialog open with the server's message.
   */
  async raise(where, title) {
    const task = this.ed.task;
    if (!task || this.ed.dialog) return null;
    const created = await openIssueDialog(this.ed, {
      title, submitLabel: 'Create issue', submitTestId: 'issue-create',
      submit: async (fields) => (await api('/v2/issues', { method: 'POST', body: { labelTask: task._id, ...where, ...fields } })).issue,
    });
    if (!created || this.ed.task !== task) return null;
    this.focused = created._id;
    this.ed.sidebarTab = 'issues';
    this.ed.notify('Issue created');
    await this.load();
    return created;
  }

  /** Shortcut I: an issue on the selected object. */
  raiseOnSelected() {
    const id = this.ed.state.selected;
    if (!id) { this.ed.notify('Select an object first (or place an issue pin on the image)'); return null; }
    return this.raise({ objectId: id }, 'New issue on the selected object');
  }

  /** The issue pin tool: an issue at a point of the image (pixels, rounded). */
  raiseAt(pt) {
    const { width, height } = this.ed.imageStage || {};
    if (!(pt.x >= 0 && pt.y >= 0 && pt.x <= width && pt.y <= height)) { this.ed.notify('Place the pin on the image'); return null; }
    return this.raise({ position: `[${Math.round(pt.x)}, ${Math.round(pt.y)}]` }, 'New issue at this point');
  }

  /**
   * Before a Reject: whether the task already has an Open issue in its current stage (then the
   * Reject goes as before). Reloads first, so an issue raised meanwhile (or elsewhere) counts.
   */
  async openInCurrentStage() {
    await this.load();
    const stage = this.ed.task?.stage;
    return this.list.some((i) => i.status === 'Open' && i.stage === stage);
  }
}
