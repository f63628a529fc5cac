// Editor keyboard shortcuts (behaviour L2) and the `?` overlay listing them. Keys typed into
// inputs are ignored. A class's own shortcutKey wins over a built-in key it shares (a–k include H).
import { h, isTyping } from './dom.js';

/** The key of an event in the schema's spelling: "1", "c", "ctrl+1". */
function keyName(ev) {
  const base = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
  return (ev.ctrlKey || ev.metaKey ? 'ctrl+' : '') + base;
}

/**
 * Installs the handler; `actions` has selectTool(tool), hideHovered(), deleteSelected(), undo(),
 * redo(), submit(), escape(), stageKey(ev) -> bool, toggleHelp(), raiseIssue(), canEdit(), canSubmit().
 * Returns a function that removes it.
 */
export function installShortcuts(getSchema, actions) {
  const handler = (ev) => {
    if (ev.defaultPrevented) return;
    if (ev.key === 'Escape' && isTyping(ev)) { ev.target.blur(); return; }
    if (isTyping(ev)) return;
    if (actions.stageKey(ev)) { ev.preventDefault(); return; }
    const name = keyName(ev);
    const ctrl = ev.ctrlKey || ev.metaKey;
    if (ctrl && ev.key.toLowerCase() === 'z') { ev.preventDefault(); if (actions.canEdit()) (ev.shiftKey ? actions.redo : actions.undo)(); return; }
    if (ctrl && ev.key.toLowerCase() === 'y') { ev.preventDefault(); if (actions.canEdit()) actions.redo(); return; }
    const tool = getSchema()?.tools.find((t) => t.shortcutKey && t.shortcutKey.toLowerCase() === name);
    if (tool) { ev.preventDefault(); if (actions.canEdit()) actions.selectTool(tool); return; }
    if (ctrl || ev.altKey) return;
    switch (ev.key) {
      case 'Escape': actions.escape(); break;
      case 'Delete': case 'Backspace': if (actions.canEdit()) actions.deleteSelected(); break;
      case 'Enter':
        if (ev.target.closest?.('button, a, [role=menuitem]')) return;
        if (actions.canSubmit()) actions.submit(); else return;
        break;
      case '?': actions.toggleHelp(); break;
      case 'h': case 'H': actions.hideHovered(); break;
      case 'i': case 'I': actions.raiseIssue(); break;
      case 'v': case 'V': actions.selectTool('select'); break;
      default: return;
    }
    ev.preventDefault();
  };
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}

/** The overlay listing every shortcut, with the project's class keys. */
export function helpOverlay(schema, onClose) {
  const rows = [
    ...schema.tools.filter((t) => t.shortcutKey).map((t) => [t.shortcutKey.toUpperCase(), `Tool: ${t.title}`]),
    ['V', 'Select / move tool'],
    ['H', 'Hide or show the hovered (or selected) object'],
    ['Delete', 'Delete the selected object'],
    ['I', 'Raise an issue on the selected object'],
    ['Ctrl+Z', 'Undo'],
    ['Ctrl+Shift+Z', 'Redo'],
    ['Enter', 'Submit (label mode); finish a polygon or polyline'],
    ['Backspace', 'Remove the last point while drawing a polygon'],
    ['Escape', 'Cancel drawing, or deselect'],
    ['Space + drag', 'Pan (also middle mouse button or the hand tool)'],
    ['Wheel', 'Zoom'],
    ['Shift + brush', 'Erase the brush mask'],
    ['[ / ]', 'Brush size'],
    ['?', 'Show or hide this list'],
  ];
  const close = h('button', { type: 'button', on: { click: onClose } }, 'Close');
  const dialog = h('div.help', { role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Keyboard shortcuts', 'data-testid': 'shortcuts' },
    h('h2', {}, 'Keyboard shortcuts'),
    h('table', {}, h('tbody', {}, rows.map(([k, what]) => h('tr', {}, h('td', {}, h('kbd', {}, k)), h('td', {}, what))))),
    close);
  const backdrop = h('div.help-backdrop', { on: { click: (ev) => { if (ev.target === backdrop) onClose(); } } }, dialog);
  setTimeout(() => close.focus(), 0);
  return backdrop;
}

/** The shortcut actions of an editor (see installShortcuts). */
export function editorShortcuts(ed) {
  const has = () => Boolean(ed.task);
  const stageKey = (ev) => {
    if (!ed.task || !ed.activeStage) return false;
    if (ev.key === 'Escape' && ed.help) return false;
    if (ed.activeStage.key(ev)) return true;
    if (ed.tool?.tool === 'brush' && (ev.key === '[' || ev.key === ']')) {
      const brush = ed.imageStage.brush;
      brush.radius = Math.max(1, Math.min(200, brush.radius + (ev.key === ']' ? 2 : -2)));
      ed.renderTools();
      return true;
    }
    return false;
  };
  return {
    canEdit: () => has() && !ed.ui.readOnly(),
    canSubmit: () => has() && ed.mode === 'label' && !ed.busy && !ed.help,
    // Only what the tool bar offers: not a kind it disables (unsupported here, other media, read-only).
    selectTool: (tool) => { if (ed.toolUsable(tool)) ed.setTool(tool); },
    hideHovered: () => { const id = ed.activeStage?.hovered || ed.state.selected; if (id) ed.state.toggleHidden(id); },
    deleteSelected: () => { if (ed.state.selected) ed.state.removeObject(ed.state.selected); },
    undo: () => ed.state.undo(),
    redo: () => ed.state.redo(),
    submit: () => ed.actions.submit(),
    escape: () => {
      if (ed.help) return ed.toggleHelp();
      if (ed.tool === 'issue') return ed.setTool('select');
      if (!ed.activeStage?.cancel()) ed.state.select(null);
      return undefined;
    },
    // Also in read-only stages: reviewers raise issues on what they cannot change.
    raiseIssue: () => { if (has() && !ed.help) ed.issues.raiseOnSelected(); },
    stageKey,
    toggleHelp: () => ed.toggleHelp(),
  };
}
