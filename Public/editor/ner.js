// The text stage: the asset's text with entity (NER) highlights. Select a span and it becomes an
// object of the current NER class, `{objectId, schemaId, title, ner: {start, end, selection},
// classifications}`: character offsets into the text, `end` exclusive (api spec §7.3; the server
// requires end > start). With no NER class chosen, a menu asks for one.
import { h, clear } from './dom.js';

export class TextStage {
  /** `ui` gives {state, schema, tool() -> class|'select'|'pan', readOnly() -> bool}. */
  constructor(ui) {
    this.ui = ui;
    this.text = '';
    this.pre = h('pre.ner-text', { 'data-testid': 'ner-text', tabindex: '0' });
    this.menu = h('div.ner-menu', { hidden: true, role: 'menu' });
    this.el = h('div.text-stage', {}, this.pre, this.menu);
    this.onUp = () => setTimeout(() => this.selectionDone(), 0);
    this.pre.addEventListener('mouseup', this.onUp);
    this.pre.addEventListener('keyup', (ev) => { if (ev.shiftKey) this.onUp(); });
    this.pre.addEventListener('pointerover', (ev) => { this.hovered = ev.target.closest?.('[data-object-id]')?.dataset.objectId || null; });
    this.pre.addEventListener('pointerleave', () => { this.hovered = null; });
  }

  destroy() { this.pre.removeEventListener('mouseup', this.onUp); }

  show(text) { this.text = text; this.menu.hidden = true; this.render(); }

  cancel() { const was = !this.menu.hidden; this.menu.hidden = true; return was; }

  key() { return false; }

  /** Offset of a DOM position inside the text. */
  offset(node, offset) {
    const range = document.createRange();
    range.setStart(this.pre, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  selectionDone() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!this.pre.contains(range.commonAncestorContainer)) return;
    if (range.collapsed) {
      const el = (range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement)?.closest('[data-object-id]');
      this.ui.state.select(el ? el.dataset.objectId : null);
      return;
    }
    if (this.ui.readOnly()) return;
    let start = this.offset(range.startContainer, range.startOffset);
    let end = this.offset(range.endContainer, range.endOffset);
    // Leading and trailing spaces of a double-click or sloppy drag are not part of the entity.
    while (start < end && /\s/.test(this.text[start])) start += 1;
    while (end > start && /\s/.test(this.text[end - 1])) end -= 1;
    if (end <= start) return;
    const tool = this.ui.tool();
    if (tool && typeof tool === 'object' && tool.tool === 'ner') return this.add(tool, start, end);
    const classes = this.ui.schema.tools.filter((t) => t.tool === 'ner');
    if (classes.length === 1) return this.add(classes[0], start, end);
    this.pick(classes, range, start, end);
  }

  add(tool, start, end) {
    window.getSelection()?.removeAllRanges();
    this.menu.hidden = true;
    this.ui.state.addObject(tool, 'ner', { start, end, selection: this.text.slice(start, end) });
  }

  /** A small menu of NER classes next to the selection. */
  pick(classes, range, start, end) {
    clear(this.menu);
    if (!classes.length) return;
    const rect = range.getBoundingClientRect();
    const box = this.el.getBoundingClientRect();
    this.menu.style.left = `${rect.left - box.left + this.el.scrollLeft}px`;
    this.menu.style.top = `${rect.bottom - box.top + this.el.scrollTop + 4}px`;
    for (const tool of classes) {
      this.menu.append(h('button', { type: 'button', role: 'menuitem', dataset: { schemaId: tool.schemaId }, on: { click: () => this.add(tool, start, end) } },
        h('span.swatch', { style: { background: tool.color || '#3b82f6' } }), tool.title));
    }
    this.menu.hidden = false;
    this.menu.querySelector('button')?.focus();
  }

  render() {
    const { state, schema } = this.ui;
    const entities = state.answer.tools
      .filter((o) => o.ner && !state.hidden.has(o.objectId) && schema.tool(o.schemaId))
      .map((o) => ({ id: o.objectId, start: clamp(o.ner.start, this.text.length), end: clamp(o.ner.end, this.text.length), color: schema.color(o.schemaId) }))
      .filter((e) => e.end > e.start);
    const cuts = new Set([0, this.text.length]);
    for (const e of entities) { cuts.add(e.start); cuts.add(e.end); }
    const points = [...cuts].sort((a, b) => a - b);
    clear(this.pre);
    for (let i = 0; i + 1 < points.length; i += 1) {
      const a = points[i], b = points[i + 1];
      const covering = entities.filter((e) => e.start <= a && e.end >= b);
      const piece = this.text.slice(a, b);
      if (!covering.length) { this.pre.append(piece); continue; }
      // The shortest covering entity is the one on top.
      const top = covering.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
      this.pre.append(h('span.ent', {
        dataset: { objectId: top.id }, className: state.selected && covering.some((e) => e.id === state.selected) ? 'ent selected' : 'ent',
        style: { background: `${top.color}40`, borderBottom: `2px solid ${top.color}`, boxShadow: covering.length > 1 ? `inset 0 -4px 0 ${covering[0].color}80` : '' },
      }, piece));
    }
  }
}

const clamp = (n, max) => Math.max(0, Math.min(max, Number(n) || 0));
