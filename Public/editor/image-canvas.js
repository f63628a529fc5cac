// The image stage: an SVG with the image, the drawn objects and the brush mask; zoom (wheel,
// buttons) and pan (space or middle-button drag, or the hand tool); drawing with the current tool,
// selecting, moving and resizing objects; issue pins (numbered markers at an issue's position).
import { h, svg, clear } from './dom.js';
import { SHAPES } from './shapes.js';
import { BrushLayer } from './tools/brush.js';
import { anchor } from './relations.js';

export class ImageStage {
  /**
   * `ui` gives {state, schema, tool() -> class|'select'|'pan'|'issue', readOnly() -> bool,
   * issuePins() -> [{id, n, x, y, open, focused}], placeIssue({x, y}), pinClicked(id)}.
   */
  constructor(ui) {
    this.ui = ui;
    this.scale = 1; this.tx = 0; this.ty = 0;
    this.width = 0; this.height = 0;
    this.brush = new BrushLayer();
    this.drawing = null;
    this.hovered = null;
    this.svg = svg('svg', { 'data-testid': 'canvas', class: 'canvas', tabindex: '0', role: 'application', 'aria-label': 'Image stage' });
    this.viewport = svg('g');
    this.image = svg('image', { x: 0, y: 0, preserveAspectRatio: 'none' });
    this.mask = svg('image', { x: 0, y: 0, preserveAspectRatio: 'none', class: 'brush-mask', opacity: 0.55 });
    this.objects = svg('g', { class: 'objects' });
    this.overlay = svg('g', { class: 'overlay' });
    this.pins = svg('g', { class: 'issue-pins' });
    this.viewport.append(this.image, this.mask, this.objects, this.overlay, this.pins);
    this.svg.append(this.viewport);
    const zoom = (f) => () => this.zoomAt(f, this.svg.clientWidth / 2, this.svg.clientHeight / 2);
    this.el = h('div.stage', {}, this.svg, h('div.zoom', {},
      h('button', { type: 'button', title: 'Zoom in', 'aria-label': 'Zoom in', on: { click: zoom(1.25) } }, '+'),
      h('button', { type: 'button', title: 'Zoom out', 'aria-label': 'Zoom out', on: { click: zoom(0.8) } }, '−'),
      h('button', { type: 'button', title: 'Fit to screen', on: { click: () => this.fit() } }, 'Fit')));
    this.listen();
  }

  listen() {
    const on = (target, name, fn, opts) => { target.addEventListener(name, fn, opts); (this.offs ||= []).push(() => target.removeEventListener(name, fn, opts)); };
    on(this.svg, 'wheel', (ev) => { ev.preventDefault(); const r = this.svg.getBoundingClientRect(); this.zoomAt(Math.pow(1.0015, -ev.deltaY), ev.clientX - r.left, ev.clientY - r.top); }, { passive: false });
    on(this.svg, 'pointerdown', (ev) => this.down(ev));
    on(this.svg, 'pointermove', (ev) => this.move(ev));
    on(this.svg, 'pointerup', (ev) => this.up(ev));
    on(this.svg, 'dblclick', () => this.finishDrawing());
    on(this.svg, 'auxclick', (ev) => ev.preventDefault());
    on(this.svg, 'pointerover', (ev) => { this.hovered = ev.target.closest?.('[data-object-id]')?.dataset.objectId || null; });
    on(this.svg, 'pointerleave', () => { this.hovered = null; });
    on(window, 'keydown', (ev) => { if (ev.code === 'Space' && this.takesSpace(ev)) { this.space = true; ev.preventDefault(); } });
    on(window, 'keyup', (ev) => { if (ev.code === 'Space') this.space = false; });
    on(window, 'blur', () => { this.space = false; });
    this.resizeObserver = new ResizeObserver(() => { if (this.width && !this.userZoomed) this.fit(); });
    this.resizeObserver.observe(this.svg);
  }

  /**
   * Space pans only while this stage is on screen and focus is on it or nowhere in particular:
   * on a checkbox, radio, button or row, Space keeps its own meaning (toggle, press, select).
   */
  takesSpace(ev) {
    if (!this.el.isConnected || ev.ctrlKey || ev.metaKey || ev.altKey) return false;
    const t = ev.target;
    if (t === document.body || t === document.documentElement || t === this.svg) return true;
    return this.el.contains(t) && !t.closest?.('button, input, select, textarea, a[href]');
  }

  destroy() { for (const off of this.offs || []) off(); this.resizeObserver.disconnect(); }

  /** Shows an already decoded image (and brush mask image, or null) of the given natural size. */
  show(url, width, height, maskImage) {
    this.width = width; this.height = height;
    this.image.setAttribute('href', url);
    for (const el of [this.image, this.mask]) { el.setAttribute('width', width); el.setAttribute('height', height); }
    this.brush.reset(width, height, maskImage);
    this.refreshMask();
    this.drawing = null;
    this.userZoomed = false;
    this.fit();
  }

  refreshMask() {
    if (this.brush.painted) this.mask.setAttribute('href', this.brush.dataUrl()); else this.mask.removeAttribute('href');
  }

  fit() {
    const W = this.svg.clientWidth || 800, H = this.svg.clientHeight || 600;
    if (!this.width) return;
    this.scale = Math.min(W / this.width, H / this.height) * 0.96;
    this.tx = (W - this.width * this.scale) / 2;
    this.ty = (H - this.height * this.scale) / 2;
    this.applyTransform();
  }

  zoomAt(factor, cx, cy) {
    const s = Math.min(40, Math.max(0.05, this.scale * factor));
    this.tx = cx - ((cx - this.tx) * s) / this.scale;
    this.ty = cy - ((cy - this.ty) * s) / this.scale;
    this.scale = s;
    this.userZoomed = true;
    this.applyTransform();
  }

  applyTransform() {
    this.viewport.setAttribute('transform', `translate(${this.tx} ${this.ty}) scale(${this.scale})`);
    this.render();
  }

  /** Pointer position in image pixels. */
  point(ev) {
    const r = this.svg.getBoundingClientRect();
    return { x: (ev.clientX - r.left - this.tx) / this.scale, y: (ev.clientY - r.top - this.ty) / this.scale };
  }

  down(ev) {
    const { state } = this.ui;
    const tool = this.ui.tool();
    this.svg.focus({ preventScroll: true });
    if (ev.button === 1 || (ev.button === 0 && (this.space || tool === 'pan'))) {
      ev.preventDefault();
      this.drag = { kind: 'pan', x: ev.clientX, y: ev.clientY, tx: this.tx, ty: this.ty };
      return this.capture(ev);
    }
    if (ev.button !== 0) return;
    const pt = this.point(ev);
    // Pins answer clicks only where no drawing tool is in use (a box may start on top of one).
    const pin = (tool === 'select' || tool === 'issue') && ev.target.closest?.('[data-issue-id]');
    if (pin) { ev.preventDefault(); this.ui.pinClicked(pin.dataset.issueId); return; }
    // The issue pin tool works in read-only stages too: raising issues is what reviewers do there.
    if (tool === 'issue') { ev.preventDefault(); this.ui.placeIssue(pt); return; }
    const readOnly = this.ui.readOnly();
    const handle = ev.target.closest?.('[data-handle]');
    if (handle && !readOnly) {
      state.beginLive();
      this.drag = { kind: 'handle', objectId: handle.dataset.objectId, handle: handle.dataset.handle, changed: false };
      return this.capture(ev);
    }
    if (tool && typeof tool === 'object' && !readOnly) {
      if (tool.tool === 'brush') {
        this.brush.begin(pt, tool.color || '#ff0000', ev.shiftKey);
        this.drag = { kind: 'brush' };
        this.render();
        return this.capture(ev);
      }
      const shape = SHAPES[tool.tool];
      if (!shape) return;
      if (!this.drawing || this.drawing.tool !== tool) this.drawing = { tool, shape };
      this.complete(shape.down(this.drawing, pt, this.scale, ev));
      this.drag = { kind: 'draw' };
      return this.capture(ev);
    }
    const target = ev.target.closest?.('[data-object-id]');
    state.select(target ? target.dataset.objectId : null);
    if (target && !readOnly) {
      state.beginLive();
      this.drag = { kind: 'move', objectId: target.dataset.objectId, last: pt, changed: false };
      this.capture(ev);
    }
  }

  capture(ev) { try { this.svg.setPointerCapture(ev.pointerId); } catch { /* synthetic events */ } }

  move(ev) {
    const d = this.drag;
    const pt = this.point(ev);
    if (!d) {
      if (this.drawing?.shape.active?.(this.drawing)) { this.drawing.shape.move(this.drawing, pt); this.render(); }
      return;
    }
    const { state } = this.ui;
    if (d.kind === 'pan') {
      this.tx = d.tx + ev.clientX - d.x; this.ty = d.ty + ev.clientY - d.y; this.userZoomed = true;
      this.applyTransform();
    } else if (d.kind === 'brush') {
      this.brush.extend(pt); this.render();
    } else if (d.kind === 'draw') {
      this.drawing?.shape.move(this.drawing, pt); this.render();
    } else {
      const object = state.object(d.objectId);
      const shape = object && SHAPES[this.ui.schema.tool(object.schemaId)?.tool];
      if (!shape) return;
      const kind = shape.kind;
      d.changed = true;
      state.live(() => {
        if (d.kind === 'handle') object[kind] = shape.dragHandle(object[kind], d.handle, pt);
        else { object[kind] = shape.translate(object[kind], pt.x - d.last.x, pt.y - d.last.y); d.last = pt; }
      });
    }
  }

  up(ev) {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (d.kind === 'brush') {
      if (this.brush.end()) { this.refreshMask(); this.ui.state.brushEdited(); }
      this.render();
    } else if (d.kind === 'draw' && this.drawing) {
      this.complete(this.drawing.shape.up(this.drawing, this.point(ev), this.scale));
    } else if (d.kind === 'handle' || d.kind === 'move') {
      this.ui.state.endLive(d.changed);
    }
  }

  /** A tool step's result: undefined = still drawing, null = nothing drawn, else the geometry. */
  complete(result) {
    if (result === undefined) { if (this.drawing?.done) this.drawing = null; this.render(); return; }
    const tool = this.drawing.tool;
    this.drawing = null;
    if (result) this.ui.state.addObject(tool, tool.tool, result); else this.render();
  }

  finishDrawing() {
    if (!this.drawing?.shape.key) return false;
    const step = this.drawing.shape.key(this.drawing, { key: 'Enter' });
    if (step.handled && step.result !== undefined) this.complete(step.result);
    return step.handled;
  }

  /** Keys while drawing (Enter, Backspace); true when used. Escape cancels. */
  key(ev) {
    if (!this.drawing?.shape.active?.(this.drawing)) return false;
    if (ev.key === 'Escape') { this.drawing = null; this.render(); return true; }
    const step = this.drawing.shape.key?.(this.drawing, ev) || { handled: false };
    if (step.handled) { if (step.result !== undefined) this.complete(step.result); else this.render(); }
    return step.handled;
  }

  cancel() { const was = Boolean(this.drawing || this.drag); this.drawing = null; this.render(); return was; }

  /** Dashed lines between related objects (single and one-to-many relations). */
  renderRelations() {
    const { state } = this.ui;
    for (const rel of state.answer.relations) {
      const from = state.object(rel.from);
      for (const to of [].concat(rel.to ?? []).map((id) => state.object(id))) {
        const a = from && anchor(from), b = to && anchor(to);
        if (a && b) this.objects.append(svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: 'relation', stroke: '#1d2330', 'stroke-width': 1.5, 'stroke-dasharray': '5 4', 'vector-effect': 'non-scaling-stroke' }));
      }
    }
  }

  /**
   * Issue pins: a numbered marker per positioned issue, drawn at its image pixel inside the
   * zoomed and panned viewport but sized by 1/scale, so it stays the same size on screen.
   */
  renderPins() {
    clear(this.pins);
    const r = 10 / this.scale;
    for (const pin of this.ui.issuePins?.() || []) {
      const cls = `issue-pin${pin.open ? '' : ' closed'}${pin.focused ? ' focused' : ''}`;
      const g = svg('g', { class: cls, 'data-testid': 'issue-pin', 'data-issue-id': pin.id, transform: `translate(${pin.x} ${pin.y})` },
        svg('title', {}, `Issue ${pin.n}`),
        svg('circle', { r: pin.focused ? r * 1.25 : r, 'vector-effect': 'non-scaling-stroke' }),
        svg('text', { 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 11 / this.scale }, String(pin.n)));
      this.pins.append(g);
    }
  }

  render() {
    const { state, schema } = this.ui;
    this.renderPins();
    clear(this.objects); clear(this.overlay);
    for (const object of state.answer.tools) {
      const tool = schema.tool(object.schemaId);
      const shape = tool && SHAPES[tool.tool];
      if (!shape || state.hidden.has(object.objectId) || object[shape.kind] == null) continue;
      const selected = state.selected === object.objectId;
      const el = shape.render(object[shape.kind], { color: tool.color || '#3b82f6', selected, scale: this.scale });
      el.dataset.objectId = object.objectId;
      this.objects.append(el);
      if (selected && !this.ui.readOnly()) {
        for (const hd of shape.handles(object[shape.kind], this.scale)) {
          this.overlay.append(svg('circle', { cx: hd.x, cy: hd.y, r: 5 / this.scale, class: hd.rotate ? 'handle rotate' : 'handle', 'data-handle': hd.id, 'data-object-id': object.objectId, 'vector-effect': 'non-scaling-stroke' }));
        }
      }
    }
    this.renderRelations();
    if (this.drawing) {
      const preview = this.drawing.shape.preview(this.drawing, this.drawing.tool.color || '#3b82f6', this.scale);
      if (preview) this.overlay.append(preview);
    }
    const stroke = this.brush.preview();
    if (stroke) this.overlay.append(stroke);
  }
}
