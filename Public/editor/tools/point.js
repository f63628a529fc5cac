// Point: one click; stored as [x, y] (api spec §7.3).
import { svg } from '../dom.js';
import { round } from './common.js';

export default {
  kind: 'point',
  label: 'Point',
  render(g, { color, selected, scale }) {
    return svg('circle', { cx: g[0], cy: g[1], r: (selected ? 7 : 5) / scale, fill: color, stroke: '#fff', 'stroke-width': 1.5, 'vector-effect': 'non-scaling-stroke', class: 'shape' });
  },
  handles() { return []; },
  dragHandle(g) { return g; },
  translate(g, dx, dy) { return [round(g[0] + dx), round(g[1] + dy)]; },
  down(d, pt) { d.pt = pt; },
  move() {},
  up(d) { d.done = true; return d.pt ? [round(d.pt.x), round(d.pt.y)] : null; },
  preview() { return null; },
};
