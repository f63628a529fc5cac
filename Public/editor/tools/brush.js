// Brush: paints into one image-sized mask, saved as a PNG and referenced by the task's
// `brushDataUrl` (api spec §7.3). Choice (kept simple, as Ango's own format describes): one PNG per
// task, transparent background, each trace painted opaque in its brush class's color, so several
// classes share the mask and a class is recovered from the pixel color. Brush traces are not tool
// objects. Shift (or the eraser toggle) erases. Strokes are not part of undo/redo.
import { svg } from '../dom.js';

export class BrushLayer {
  constructor() {
    this.canvas = document.createElement('canvas');
    this.ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    this.radius = 12;
    this.erase = false;
    this.painted = false;
  }

  /** Sizes the mask to the image and draws the stored mask (an already loaded <img>) when there is one. */
  reset(width, height, image) {
    this.canvas.width = width;
    this.canvas.height = height;
    this.ctx.clearRect(0, 0, width, height);
    this.painted = Boolean(image);
    if (image) this.ctx.drawImage(image, 0, 0, width, height);
  }

  begin(pt, color, erase) { this.stroke = { points: [pt], color, erase: erase || this.erase }; }

  extend(pt) { if (this.stroke) this.stroke.points.push(pt); }

  /** Paints the stroke into the mask; true when something was painted. */
  end() {
    const s = this.stroke;
    this.stroke = null;
    if (!s) return false;
    const ctx = this.ctx;
    ctx.save();
    ctx.globalCompositeOperation = s.erase ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = s.color;
    ctx.lineWidth = this.radius * 2;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    s.points.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
    if (s.points.length === 1) ctx.arc(s.points[0].x, s.points[0].y, this.radius, 0, Math.PI * 2);
    s.points.length === 1 ? ctx.fill() : ctx.stroke();
    ctx.restore();
    this.harden(s.points);
    this.painted = true;
    return true;
  }

  /** Antialiased edges become fully opaque or transparent, so every pixel is one class color. */
  harden(points) {
    const r = this.radius + 2;
    const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
    const x = Math.max(0, Math.floor(Math.min(...xs) - r)), y = Math.max(0, Math.floor(Math.min(...ys) - r));
    const w = Math.min(this.canvas.width, Math.ceil(Math.max(...xs) + r)) - x, h = Math.min(this.canvas.height, Math.ceil(Math.max(...ys) + r)) - y;
    if (w <= 0 || h <= 0) return;
    const data = this.ctx.getImageData(x, y, w, h);
    for (let i = 3; i < data.data.length; i += 4) data.data[i] = data.data[i] >= 128 ? 255 : 0;
    this.ctx.putImageData(data, x, y);
  }

  clear() { this.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height); this.painted = true; }

  /** The mask for display in the SVG stage. */
  dataUrl() { return this.canvas.toDataURL('image/png'); }

  /** The live stroke as an SVG polyline (before it is painted into the mask). */
  preview() {
    const s = this.stroke;
    if (!s) return null;
    const points = s.points.map((p) => `${p.x},${p.y}`).join(' ');
    return svg('polyline', { points, fill: 'none', stroke: s.erase ? '#ffffff' : s.color, 'stroke-opacity': 0.6, 'stroke-width': this.radius * 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' });
  }

  blob() { return new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png')); }
}
