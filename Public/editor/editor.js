// The labeling and review editor. The app's router mounts it with
//   const unmount = await mountEditor(container, {mode: 'label'|'review'|'open', projectId, taskId, onExit})
// 'label' and 'review' claim tasks from the queues; 'open' edits one task outside the queue (Save only).
// The DOM is built once and its content swapped per task, so the next task shows right after Submit.
import { api, session } from '../js/api.js';
import { h, clear } from './dom.js';
import { Schema, IMAGE_KINDS } from './schema.js';
import { EditorState, normalize } from './state.js';
import { ImageStage } from './image-canvas.js';
import { TextStage } from './ner.js';
import { renderSidebar } from './sidebar.js';
import { installShortcuts, helpOverlay, editorShortcuts } from './shortcuts.js';
import { ActiveTimer } from './timer.js';
import { writeDraft, offeredDraft, clearDraft } from './drafts.js';
import { loadMedia, fetchTask } from './media.js';
import { renderHeader, renderToolbar, renderStopped, renderErrorBox, renderDraftBanner, timerDot } from './chrome.js';
import { Actions } from './actions.js';
import { Prefetcher } from './prefetch.js';
import { Issues } from './issues.js';

export async function mountEditor(container, { mode = 'label', projectId, taskId, onExit = () => {} } = {}) {
  let link = document.querySelector('link[data-editor-css]');
  const added = !link;
  if (added) {
    link = h('link', { rel: 'stylesheet', href: '/editor/editor.css', dataset: { editorCss: '' } });
    document.head.append(link);
  }
  const editor = new Editor(container, { mode, projectId, taskId, onExit });
  await editor.start();
  return () => {
    editor.destroy();
    if (added) link.remove();
    if (window.glossEditor?.editor === editor) delete window.glossEditor;
  };
}

class Editor {
  constructor(container, opts) {
    Object.assign(this, opts);
    this.container = container;
    this.state = new EditorState();
    this.tool = 'select';
    this.expanded = new Map();
    this.errors = [];
    this.busy = false;
    // The stages see the task as read-only while it is being submitted or reviewed (state.locked).
    this.ui = {
      state: this.state, schema: null, tool: () => this.tool, readOnly: () => this.readOnly || this.state.locked,
      issuePins: () => this.issues.pins(),
      placeIssue: async (pt) => { if (await this.issues.raiseAt(pt)) this.setTool('select'); },
      pinClicked: (id) => this.issues.focus(id, { showPanel: true }),
    };
    this.issues = new Issues(this);
    this.sidebarTab = 'labels'; // or 'issues'
    this.dialog = null; // the open issue dialog, if any
    // Drafts belong to the signed-in user as well as the task (a shared browser must not offer
    // one user's unsaved work to another).
    this.draftOwner = session()?.user?._id || 'anonymous';
    this.header = h('header.ed-header');
    this.toolbar = h('nav.ed-tools', { 'aria-label': 'Tools' });
    this.stageBox = h('div.ed-stage');
    this.banner = h('div.ed-banner', { hidden: true });
    this.errorBox = h('div.ed-errors', { 'data-testid': 'editor-error', role: 'alert', hidden: true });
    this.sidebar = h('aside.ed-sidebar', { 'aria-label': 'Questions and objects' });
    this.toast = h('div.ed-toast', { role: 'status', 'aria-live': 'polite' });
    this.body = h('div.ed-body', {}, this.toolbar, h('main.ed-main', {}, this.banner, this.errorBox, this.stageBox), this.sidebar);
    this.root = h('div.gloss-editor', { 'data-testid': 'editor', dataset: { mode: this.mode } }, this.header, this.body, this.toast);
    this.actions = new Actions(this);
    this.prefetch = new Prefetcher(this);
    window.glossEditor = { lastSwapMs: null, editor: this };
  }

  /** The editor fills the window below wherever the app placed it. */
  fitHeight() {
    const top = Math.max(0, this.container.getBoundingClientRect().top + window.scrollY);
    this.root.style.height = `calc(100vh - ${Math.round(top)}px)`;
  }

  async start() {
    clear(this.container).append(this.root);
    this.onResize = () => this.fitHeight();
    window.addEventListener('resize', this.onResize);
    this.fitHeight();
    this.showLoading('Loading project…');
    try {
      this.project = (await api(`/v2/project/${encodeURIComponent(this.projectId)}`)).project;
      this.schema = this.ui.schema = new Schema(this.project.categorySchema);
      // 0 is a real setting (idle detection off), so only a missing value means the default.
      this.timer = new ActiveTimer({ idleTimeoutSeconds: this.project.idleTimeout ?? 300, onState: (active) => this.setDot(active) });
      this.offState = this.state.on((kind) => this.onState(kind));
      this.offKeys = installShortcuts(() => this.schema, editorShortcuts(this));
      if (this.mode === 'open') {
        const { task, asset } = await fetchTask(this.projectId, this.taskId);
        await this.show(task, asset);
      } else {
        await this.next();
      }
    } catch (error) {
      this.showFailure(error);
    }
  }

  destroy() {
    this.destroyed = true;
    this.offState?.(); this.offKeys?.(); this.timer?.stop();
    window.removeEventListener('resize', this.onResize);
    this.imageStage?.destroy(); this.textStage?.destroy();
    delete document.body.dataset.taskId;
    this.root.remove();
  }

  /** Claims the next task of this mode's queue and shows it; `t0` (performance.now() of the click) times the swap. */
  async next(t0) {
    const mark = (name) => { if (t0 !== undefined && window.glossEditor) (window.glossEditor.lastSwapSteps ||= {})[name] = Math.round(performance.now() - t0); };
    mark('submitted');
    // Leaving the editor mid-Submit must not claim (and so lock) a task nobody will see.
    if (this.destroyed) return;
    const claimed = await api(`/v2/project/${encodeURIComponent(this.projectId)}/queue/next`, { method: 'POST', body: { kind: this.mode === 'review' ? 'review' : 'label' } });
    if (this.destroyed) return;
    mark('claimed');
    if (!claimed?.task) return this.showEmpty(t0);
    await this.show(claimed.task, claimed.asset, t0, mark);
  }

  /** Loads the asset, then swaps the task in. */
  async show(task, asset, t0, mark = () => {}) {
    const media = this.prefetch.take(task, asset) || await loadMedia(task, asset, this.schema);
    mark('loaded');
    if (this.destroyed) return;
    this.task = task; this.asset = asset;
    this.stage = (this.project.stages || []).find((s) => s.id === task.stage) || { id: task.stage, name: task.stageName || task.stage };
    this.readOnly = this.stage.type === 'Review' && this.stage.readOnly === true;
    this.mediaKind = media.kind;
    if (!this.toolUsable(this.tool)) this.tool = 'select';
    this.errors = [];
    this.state.reset(normalize(task.answer));
    this.issues.reset(task);
    this.mountStage(media);
    this.renderAll();
    this.sidebar.scrollTop = 0;
    this.offerDraft();
    this.timer.restart();
    this.root.dataset.taskId = task._id;
    document.body.dataset.taskId = task._id;
    this.recordSwap(t0);
    // The issues are asked for once the task is painted: neither their request nor their
    // rendering may hold up the swap (rAF runs before the paint, a task queued from it after).
    requestAnimationFrame(() => setTimeout(() => { if (!this.destroyed && this.task === task) this.issues.load(); }, 0));
    // After the first paint, guess and load the next task's asset.
    setTimeout(() => { if (!this.destroyed && this.task === task) this.prefetch.warm(task._id); }, 250);
  }

  toolFits(tool, kind) { return kind === 'text' ? tool.tool === 'ner' : tool.tool !== 'ner'; }

  /** Whether the tool bar offers `tool` (a class shortcut must not pick one it disables). */
  toolUsable(tool) {
    if (tool === 'select') return true;
    if (tool === 'pan' || tool === 'issue') return this.mediaKind !== 'text';
    const supported = tool.tool === 'ner' || IMAGE_KINDS.includes(tool.tool);
    return supported && !this.readOnly && this.toolFits(tool, this.mediaKind);
  }

  /**
   * Records ms from the Submit click (`t0`) to the next task on screen, once the browser has
   * painted it: rAF runs just before the paint, a task queued from it runs after.
   */
  recordSwap(t0) {
    if (t0 === undefined) return;
    requestAnimationFrame(() => setTimeout(() => {
      if (window.glossEditor?.editor === this) window.glossEditor.lastSwapMs = Math.round(performance.now() - t0);
    }, 0));
  }

  clearDraft(taskId) { clearDraft(this.draftOwner, taskId); }

  mountStage(media) {
    if (media.kind === 'text') {
      this.textStage ||= new TextStage(this.ui);
      this.activeStage = this.textStage;
      if (this.stageBox.firstChild !== this.textStage.el) clear(this.stageBox).append(this.textStage.el);
      this.textStage.show(media.text);
    } else {
      this.imageStage ||= new ImageStage(this.ui);
      this.activeStage = this.imageStage;
      if (this.stageBox.firstChild !== this.imageStage.el) clear(this.stageBox).append(this.imageStage.el);
      this.imageStage.show(media.url, media.width, media.height, media.mask);
    }
  }

  renderAll() {
    this.body.classList.remove('empty');
    clear(this.header); renderHeader(this.header, this);
    this.renderTools();
    this.renderSidebar();
    this.renderErrors();
  }

  renderTools() { clear(this.toolbar); renderToolbar(this.toolbar, this); }

  renderSidebar() { renderSidebar(this); }

  /** The issues changed (loaded, created, resolved...): the sidebar and the pins show them. */
  onIssues() {
    if (!this.task || this.destroyed) return;
    this.renderSidebar();
    this.activeStage?.render();
  }

  onState(kind) {
    if (kind === 'reset') return;
    this.activeStage?.render();
    if (kind === 'live') return;
    if (kind !== 'brush') this.renderSidebar();
    if ((kind === 'change' || kind === 'brush') && this.task && this.state.dirty) writeDraft(this.draftOwner, this.task._id, this.state.exportAnswer(this.schema));
    if (kind === 'change' || kind === 'select') this.renderTools();
  }

  offerDraft() {
    const draft = this.readOnly ? null : offeredDraft(this.draftOwner, this.task);
    renderDraftBanner(this, draft, () => this.state.change((a) => Object.assign(a, normalize(draft.answer))));
  }

  setTool(tool) {
    this.activeStage?.cancel();
    this.tool = tool;
    this.renderTools();
    this.activeStage?.render();
  }

  setDot(active) { this.header.querySelector('.timer-dot')?.replaceWith(timerDot(active)); }

  /**
   * Errors shown above the asset: [{message, preventSubmission}]; `anyway` ({label, run}) offers
   * to go ahead despite them ("Submit anyway").
   */
  showErrors(errors, anyway = null) { this.errors = errors; this.anyway = anyway; this.renderErrors(); }

  renderErrors() { renderErrorBox(this); }

  notify(text) {
    this.toast.textContent = text;
    this.toast.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => this.toast.classList.remove('show'), 2200);
  }

  showLoading(text) { clear(this.stageBox).append(h('div.ed-empty', {}, h('p', {}, text))); }

  showEmpty(t0) {
    this.recordSwap(t0);
    const what = this.mode === 'review' ? 'review' : 'label';
    this.showStopped({ testid: 'queue-empty', title: 'No more tasks', text: `There is nothing left for you to ${what} in this project right now.` });
  }

  /**
   * Claiming or loading the next task failed after the last one was submitted (or at start). The
   * old task is dropped from the screen, so nothing can be saved onto a task that moved on.
   */
  showClaimFailure(error) {
    const retry = this.project && this.mode !== 'open' ? () => this.retryClaim() : null;
    this.showStopped({ testid: 'editor-failure', title: 'The next task could not be opened', text: error.message || String(error), retry });
  }

  async retryClaim() {
    this.showLoading('Opening the next task…');
    try { await this.next(); } catch (error) { this.showClaimFailure(error); }
  }

  showFailure(error) {
    if (this.task) { this.showErrors([{ message: error.message || String(error) }]); return; }
    const retry = this.project && this.mode !== 'open' ? () => this.retryClaim() : null;
    this.showStopped({ testid: 'editor-failure', title: 'The editor could not open', text: error.message || String(error), retry });
  }

  /** No task on screen: a message with Back (and Retry when given) instead of the editor. */
  showStopped(screen) {
    this.task = null;
    this.issues.reset(null);
    this.body.classList.add('empty');
    delete this.root.dataset.taskId;
    delete document.body.dataset.taskId;
    clear(this.header); clear(this.toolbar); clear(this.sidebar); this.banner.hidden = true;
    this.errors = []; this.renderErrors();
    renderStopped(this, screen);
  }

  toggleHelp() {
    if (this.help) { this.help.remove(); this.help = null; return; }
    this.help = helpOverlay(this.schema, () => this.toggleHelp());
    this.root.append(this.help);
  }
}
