// The editor's header (task facts, timer dot, action buttons) and its tool bar.
import { h } from './dom.js';
import { IMAGE_KINDS } from './schema.js';

const MODE_NAMES = { label: 'Labeling', review: 'Reviewing', open: 'Opened from Tasks' };

export function renderHeader(header, ed) {
  const { task, mode, actions } = ed;
  const button = (id, label, onClick, cls = '') => h(`button${cls}`, { type: 'button', 'data-testid': id, disabled: ed.busy, on: { click: onClick } }, label);
  const buttons = [];
  if (!ed.readOnly) buttons.push(button('save', 'Save', () => actions.save()));
  if (mode === 'label') {
    if (ed.project.taskSkipEnabled !== false) buttons.push(button('skip', 'Skip', () => actions.skip()));
    buttons.push(button('submit', 'Submit', () => actions.submit(), '.primary'));
  } else if (mode === 'review') {
    buttons.push(button('reject', 'Reject', () => actions.review('Rejected'), '.danger'));
    buttons.push(button('accept', 'Accept', () => actions.review('Accepted'), '.primary'));
  }
  header.append(
    h('button.back', { type: 'button', title: 'Back to the Tasks table', on: { click: () => ed.onExit() } }, '← Tasks'),
    h('div.facts', {},
      h('span.fact', {}, h('span.label', {}, 'Task '), h('code', { 'data-testid': 'task-id' }, task._id)),
      h('span.fact', {}, h('span.label', {}, 'External ID '), h('span', { 'data-testid': 'external-id' }, task.externalId || '—')),
      h('span.fact', {}, h('span.label', {}, 'Stage '), h('span', {}, ed.stage.name || ed.stage.id)),
      h('span.badge', {}, MODE_NAMES[mode] || mode),
      ed.readOnly ? h('span.badge.warn', {}, 'Read only') : null,
      timerDot(ed.timer.active)),
    h('div.actions', {},
      h('button.icon', { type: 'button', title: 'Keyboard shortcuts (?)', 'aria-label': 'Keyboard shortcuts', on: { click: () => ed.toggleHelp() } }, '?'),
      buttons));
}

/** Green while time is counted, gray while idle; the state is spelled out for screen readers too. */
export function timerDot(active) {
  const text = active ? 'Active: time is counted' : 'Idle: time is not counted';
  return h('span.timer-dot', { className: `timer-dot${active ? ' active' : ''}`, role: 'img', title: text, 'aria-label': text, 'data-testid': 'timer-dot', dataset: { state: active ? 'active' : 'idle' } });
}

export function renderToolbar(bar, ed) {
  const { schema, mediaKind, state } = ed;
  const pick = (tool) => () => ed.setTool(tool);
  const current = ed.tool;
  const tools = schema.tools.filter((t) => (mediaKind === 'text' ? t.tool === 'ner' : t.tool !== 'ner'));
  const item = (key, label, icon, tool, extra = {}) => h('button.tool', {
    type: 'button', 'data-testid': `tool-${key}`, 'aria-pressed': String(current === tool), title: label,
    className: `tool${current === tool ? ' active' : ''}`, ...extra, on: { click: pick(tool) },
  }, icon, h('span.tool-label', {}, label));
  bar.append(item('select', 'Select (V)', h('span.glyph', {}, '↖'), 'select'));
  if (mediaKind !== 'text') bar.append(item('pan', 'Pan (Space)', h('span.glyph', {}, '✥'), 'pan'));
  // Issues are raised in every mode, read-only reviews included; a click on the image places one.
  if (mediaKind !== 'text') bar.append(item('issue-pin', 'Issue pin', h('span.glyph', {}, '⚑'), 'issue'));
  if (tools.length) bar.append(h('div.sep'));
  for (const tool of tools) {
    const supported = tool.tool === 'ner' || IMAGE_KINDS.includes(tool.tool);
    bar.append(item(tool.schemaId, tool.title || tool.schemaId,
      h('span.swatch', { style: { background: tool.color || '#3b82f6' } }), tool, {
        disabled: ed.readOnly || !supported,
        title: `${tool.title} · ${tool.tool}${tool.shortcutKey ? ` (${tool.shortcutKey})` : ''}${supported ? '' : ' — not supported in the web editor'}`,
        dataset: { kind: tool.tool },
      }));
    const last = bar.lastChild;
    if (tool.shortcutKey) last.append(h('kbd', {}, tool.shortcutKey));
  }
  if (current?.tool === 'brush' && ed.imageStage) {
    const brush = ed.imageStage.brush;
    bar.append(h('div.brush-controls', {},
      h('label', {}, `Size ${brush.radius}`, h('input', { type: 'range', min: 1, max: 100, value: brush.radius, 'aria-label': 'Brush size', on: { input: (ev) => { brush.radius = Number(ev.target.value); ev.target.previousSibling.textContent = `Size ${brush.radius}`; } } })),
      h('label.opt', {}, h('input', { type: 'checkbox', checked: brush.erase, on: { change: (ev) => { brush.erase = ev.target.checked; } } }), 'Eraser'),
      h('button', { type: 'button', disabled: ed.ui.readOnly(), on: { click: () => { if (ed.ui.readOnly()) return; brush.clear(); ed.imageStage.refreshMask(); state.brushEdited(); } } }, 'Clear mask')));
  }
  bar.append(h('div.sep'),
    h('button.tool', { type: 'button', title: 'Undo (Ctrl+Z)', disabled: ed.readOnly || !state.undoStack.length, on: { click: () => state.undo() } }, h('span.glyph', {}, '↶'), h('span.tool-label', {}, 'Undo')),
    h('button.tool', { type: 'button', title: 'Redo (Ctrl+Shift+Z)', disabled: ed.readOnly || !state.redoStack.length, on: { click: () => state.redo() } }, h('span.glyph', {}, '↷'), h('span.tool-label', {}, 'Redo')));
}

/** The screen shown instead of a task: {testid, title, text, retry?}; Back leaves the editor. */
export function renderStopped(ed, { testid, title, text, retry = null }) {
  const back = () => ed.onExit();
  ed.stageBox.replaceChildren(h('div.ed-empty', { 'data-testid': testid },
    h('h2', {}, title), h('p', {}, text),
    h('div.row', {},
      retry ? h('button.primary', { type: 'button', 'data-testid': 'retry', on: { click: retry } }, 'Retry') : null,
      h(retry ? 'button' : 'button.primary', { type: 'button', 'data-testid': 'back', on: { click: back } }, 'Back to tasks'))));
  ed.header.append(h('button.back', { type: 'button', on: { click: back } }, '← Tasks'), h('strong', {}, ed.project?.name || ''));
}

/** The errors above the asset, with "Submit anyway" (or its review twin) when none blocks. */
export function renderErrorBox(ed) {
  const box = ed.errorBox;
  box.replaceChildren();
  box.hidden = !ed.errors.length;
  if (!ed.errors.length) return;
  box.append(h('ul', {}, ed.errors.map((e) => h('li', { className: e.preventSubmission === false ? 'warn' : '' }, e.message))),
    h('div.row', {}, ed.anyway ? h('button', { type: 'button', 'data-testid': 'submit-anyway', disabled: ed.busy, on: { click: ed.anyway.run } }, ed.anyway.label) : null,
      h('button.link', { type: 'button', on: { click: () => ed.showErrors([]) } }, 'Dismiss')));
}

/** Offers back unsaved work this browser kept for the task (`draft`, or null to hide the banner). */
export function renderDraftBanner(ed, draft, restore) {
  const banner = ed.banner;
  banner.replaceChildren();
  banner.hidden = !draft;
  if (!draft) return;
  const id = ed.task._id;
  banner.append(h('span', {}, `Unsaved changes from ${new Date(draft.savedAt).toLocaleString()} were kept in this browser.`),
    h('button.primary', { type: 'button', 'data-testid': 'draft-restore', on: { click: () => { restore(); banner.hidden = true; } } }, 'Restore unsaved changes'),
    h('button', { type: 'button', 'data-testid': 'draft-discard', on: { click: () => { ed.clearDraft(id); banner.hidden = true; } } }, 'Discard'));
}
