// Bounding box: drag to draw; stored as {x, y, width, height} with (x, y) the top-left corner in
// image pixels (api spec §7.3; sizes normalized to positive, as imports and exports read them).
import { svg } from '../dom.js';
import { round, paint } from './common.js';

export function boxFrom(a, b) {
  return { x: round(Math.min(a.x, b.x)), y: round(Math.min(a.y, b.y)), width: round(Math.abs(b.x - a.x)), height: round(Math.abs(b.y - a.y)) };
}

const HANDLES = { nw: [0, 0], n: [0.5, 0], ne: [1, 0], e: [1, 0.5], se: [1, 1], s: [0.5, 1], sw: [0, 1], w: [0, 0.5] };

export default {
  kind: 'bounding-box',
  label: 'Box',
  render(g, { color, selected }) {
    return svg('rect', { x: g.x, y: g.y, width: Math.abs(g.width), height: Math.abs(g.height), ...paint(color, selected) });
  },
  handles(g) {
    return Object.entries(HANDLES).map(([id, [fx, fy]]) => ({ id, x: g.x + fx * g.width, y: g.y + fy * g.height }));
  },
  dragHandle(g, id, pt) {
    let x1 = g.x, y1 = g.y, x2 = g.x + g.width, y2 = g.y + g.height;
    if (id.includes('w')) x1 = pt.x;
    if (id.includes('e')) x2 = pt.x;
    if (id.includes('n')) y1 = pt.y;
    if (id.includes('s')) y2 = pt.y;
    return boxFrom({ x: x1, y: y1 }, { x: x2, y: y2 });
  },
  translate(g, dx, dy) { return { ...g, x: round(g.x + dx), y: round(g.y + dy) }; },
  // Drawing: press, drag, release.
  down(d, pt) { d.start = pt; d.cur = pt; },
  move(d, pt) { if (d.start) d.cur = pt; },
  up(d, pt, scale) {
    if (!d.start) return undefined;
    d.cur = pt;
    const box = boxFrom(d.start, d.cur);
    d.done = true;
    // A click without a drag draws nothing (under 3 screen pixels).
    return box.width * scale < 3 || box.height * scale < 3 ? null : box;
  },
  preview(d, color) {
    if (!d.start || !d.cur) return null;
    const b = boxFrom(d.start, d.cur);
    return svg('rect', { ...b, ...paint(color, true), 'stroke-dasharray': '6 4' });
  },
};
