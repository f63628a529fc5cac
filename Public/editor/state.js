// The working answer of one task, with undo/redo, selection and change listeners.
// The answer is kept in Ango's stored shape {tools, classifications, relations} (api spec §7).
import { clone, newId } from './dom.js';
import { pruneClassifications } from './schema.js';

const LIMIT = 200; // undo steps kept

export class EditorState {
  constructor() {
    this.listeners = new Set();
    // Counts every edit, so a Save can tell whether the user changed something while it was sent.
    this.version = 0;
    this.reset({ tools: [], classifications: [], relations: [] });
  }

  /** Replaces the answer (a newly shown task): empties history and selection. */
  reset(answer, { brushDirty = false } = {}) {
    this.answer = normalize(answer);
    this.undoStack = [];
    this.redoStack = [];
    this.selected = null;
    this.hidden = new Set();
    this.dirty = false;
    this.brushDirty = brushDirty;
    this.locked = false;
    this.lastKey = null;
    this.lastAt = 0;
    this.emit('reset');
  }

  on(listener) { this.listeners.add(listener); return () => this.listeners.delete(listener); }

  emit(kind) { for (const listener of this.listeners) listener(kind, this); }

  /**
   * Applies `mutate(answer)` as one undoable step. Changes with the same `coalesce` key within a
   * second (typing in a text field, dragging) share one undo step.
   */
  change(mutate, { coalesce = null } = {}) {
    // Locked while the task is being submitted or reviewed: an edit would be lost with the task,
    // so it is refused, and listeners re-render the panels back to the answer being sent.
    if (this.locked) { this.emit('change'); return; }
    const now = Date.now();
    const merge = coalesce && coalesce === this.lastKey && now - this.lastAt < 1000;
    if (!merge) {
      this.undoStack.push(JSON.stringify(this.answer));
      if (this.undoStack.length > LIMIT) this.undoStack.shift();
    }
    this.lastKey = coalesce;
    this.lastAt = now;
    this.redoStack = [];
    mutate(this.answer);
    this.edited();
    this.emit('change');
  }

  edited() { this.dirty = true; this.version += 1; }

  /** The brush mask (kept outside the answer) was painted or cleared. */
  brushEdited() { this.brushDirty = true; this.version += 1; this.emit('brush'); }

  /** Marks the start of a live edit (a drag): one undo step, later `live()` calls mutate freely. */
  beginLive() { if (this.locked) return; this.undoStack.push(JSON.stringify(this.answer)); this.redoStack = []; this.lastKey = null; }

  /** A mutation inside a live edit: no undo step, listeners told with kind 'live'. */
  live(mutate) { if (this.locked) return; mutate(this.answer); this.edited(); this.emit('live'); }

  /** Ends a live edit; `changed` false drops the undo step taken by beginLive. */
  endLive(changed = true) {
    if (!changed) this.undoStack.pop();
    this.emit('change');
  }

  undo() { this.step(this.undoStack, this.redoStack); }

  redo() { this.step(this.redoStack, this.undoStack); }

  step(from, to) {
    if (!from.length || this.locked) return;
    to.push(JSON.stringify(this.answer));
    this.answer = JSON.parse(from.pop());
    this.lastKey = null;
    if (this.selected && !this.object(this.selected)) this.selected = null;
    this.edited();
    this.emit('change');
  }

  object(objectId) { return this.answer.tools.find((o) => o.objectId === objectId); }

  select(objectId) {
    if (this.selected === objectId) return;
    this.selected = objectId;
    this.emit('select');
  }

  /** Adds a tool object of class `tool` with geometry `{key: value}`; selects it. */
  addObject(tool, geometryKey, geometry) {
    if (this.locked) { this.emit('change'); return null; }
    const object = { objectId: newId(), schemaId: tool.schemaId, title: tool.title, [geometryKey]: geometry, classifications: [] };
    this.change((a) => { a.tools.push(object); });
    this.selected = object.objectId;
    this.emit('select');
    return object;
  }

  removeObject(objectId) {
    if (!this.object(objectId) || this.locked) return;
    this.change((a) => {
      a.tools = a.tools.filter((o) => o.objectId !== objectId);
      // Relations pointing at a removed object would be refused by the server.
      a.relations = a.relations.filter((r) => r.from !== objectId && ![].concat(r.to ?? []).includes(objectId) && !(r.group || []).includes(objectId));
    });
    if (this.selected === objectId) this.select(null);
  }

  toggleHidden(objectId) {
    if (this.hidden.has(objectId)) this.hidden.delete(objectId); else this.hidden.add(objectId);
    this.emit('visibility');
  }

  /** The answer as sent to the server: unanswered and hidden-by-condition questions dropped. */
  exportAnswer(schema) {
    const a = this.answer;
    return {
      tools: a.tools.map((o) => ({ ...clone(o), classifications: pruneClassifications(o.classifications, schema.tool(o.schemaId)?.classifications || []) })),
      classifications: pruneClassifications(a.classifications, schema.classifications),
      relations: a.relations.map((r) => ({ ...clone(r), classifications: pruneClassifications(r.classifications, schema.relations.find((s) => s.schemaId === r.schemaId)?.classifications || []) })),
    };
  }
}

/** A copy of a server answer with the three lists present. */
export function normalize(answer) {
  const a = clone(answer || {}) || {};
  const objects = a.objects;
  delete a.objects;
  return {
    ...a,
    tools: Array.isArray(a.tools) ? a.tools : Array.isArray(objects) ? objects : [],
    classifications: Array.isArray(a.classifications) ? a.classifications : [],
    relations: Array.isArray(a.relations) ? a.relations : [],
  };
}
