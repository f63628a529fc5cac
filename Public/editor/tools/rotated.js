// Rotated bounding box: drawn like a box, then rotated with the handle above it. Stored as
// {x, y, width, height, rotation}: the unrotated box's top-left, its size, and degrees in
// [-180, 180] about its center (api spec §7.3).
import { svg } from '../dom.js';
import { round, paint } from './common.js';
import bbox from './bbox.js';

const rad = (deg) => (deg * Math.PI) / 180;
const center = (g) => ({ x: g.x + g.width / 2, y: g.y + g.height / 2 });
function rotate(p, c, deg) {
  const a = rad(deg), dx = p.x - c.x, dy = p.y - c.y;
  return { x: c.x + dx * Math.cos(a) - dy * Math.sin(a), y: c.y + dx * Math.sin(a) + dy * Math.cos(a) };
}
const CORNERS = { nw: [0, 0], ne: [1, 0], se: [1, 1], sw: [0, 1] };
const OPPOSITE = { nw: 'se', ne: 'sw', se: 'nw', sw: 'ne' };
function corner(g, id) {
  const [fx, fy] = CORNERS[id];
  return rotate({ x: g.x + fx * g.width, y: g.y + fy * g.height }, center(g), g.rotation || 0);
}

export default {
  kind: 'rotated-bounding-box',
  label: 'Rotated box',
  render(g, { color, selected }) {
    const c = center(g);
    return svg('rect', { x: g.x, y: g.y, width: g.width, height: g.height, transform: `rotate(${g.rotation || 0} ${c.x} ${c.y})`, ...paint(color, selected) });
  },
  handles(g, scale) {
    const list = Object.keys(CORNERS).map((id) => ({ id, ...corner(g, id) }));
    const c = center(g);
    list.push({ id: 'rot', ...rotate({ x: c.x, y: g.y - 24 / scale }, c, g.rotation || 0), rotate: true });
    return list;
  },
  dragHandle(g, id, pt) {
    const c = center(g);
    if (id === 'rot') {
      let deg = (Math.atan2(pt.y - c.y, pt.x - c.x) * 180) / Math.PI + 90;
      if (deg > 180) deg -= 360;
      return { ...g, rotation: round(deg) };
    }
    // The opposite corner stays put; the new center is halfway to the pointer.
    const o = corner(g, OPPOSITE[id]);
    const local = rotate(pt, o, -(g.rotation || 0));
    const width = Math.abs(local.x - o.x), height = Math.abs(local.y - o.y);
    const nc = { x: (o.x + pt.x) / 2, y: (o.y + pt.y) / 2 };
    return { ...g, x: round(nc.x - width / 2), y: round(nc.y - height / 2), width: round(width), height: round(height) };
  },
  translate(g, dx, dy) { return { ...g, x: round(g.x + dx), y: round(g.y + dy) }; },
  down: bbox.down,
  move: bbox.move,
  up(d, pt, scale) { const box = bbox.up(d, pt, scale); return box ? { ...box, rotation: 0 } : box; },
  preview: bbox.preview,
};
