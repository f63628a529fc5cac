// Polygon and polyline: click to place points. A polygon closes on a click on its first point or
// Enter; a polyline finishes with Enter or a double-click (on its last point). Backspace removes
// the last point.
// Stored as [[x, y], ...] in click order (api spec §7.3).
import { svg } from '../dom.js';
import { round, paint, dist } from './common.js';

function make(closed) {
  const min = closed ? 3 : 2;
  const finish = (d) => {
    if (d.points.length < min) return undefined;
    d.done = true;
    return d.points.map((p) => [round(p.x), round(p.y)]);
  };
  return {
    kind: closed ? 'polygon' : 'polyline',
    label: closed ? 'Polygon' : 'Polyline',
    render(g, { color, selected }) {
      const points = g.map((p) => p.join(',')).join(' ');
      return svg(closed ? 'polygon' : 'polyline', { points, ...paint(color, selected, closed) });
    },
    handles(g) { return g.map((p, i) => ({ id: String(i), x: p[0], y: p[1] })); },
    dragHandle(g, id, pt) { return g.map((p, i) => (String(i) === id ? [round(pt.x), round(pt.y)] : p)); },
    translate(g, dx, dy) { return g.map(([x, y]) => [round(x + dx), round(y + dy)]); },
    down(d, pt, scale, event) {
      d.points = d.points || [];
      const near = (p) => dist(p, pt) * scale < 8;
      if (closed && d.points.length >= min && near(d.points[0])) return finish(d);
      // A double-click is told from two presses close in time and place: pointerdown's `detail`
      // is always 0, and `dblclick` is lost when the stage re-renders under the pointer.
      const at = event?.timeStamp ?? performance.now();
      const double = d.lastDown && at - d.lastDown.at < 500 && dist(d.lastDown.pt, pt) * scale < 8;
      d.lastDown = { at, pt };
      if (!closed && double && d.points.length >= min) return finish(d);
      if (d.points.length && near(d.points[d.points.length - 1])) return undefined;
      d.points.push(pt);
      d.cur = pt;
      return undefined;
    },
    move(d, pt) { d.cur = pt; },
    up() { return undefined; },
    key(d, event) {
      if (event.key === 'Enter') return { handled: true, result: finish(d) };
      if (event.key === 'Backspace' && d.points?.length) { d.points.pop(); return { handled: true }; }
      return { handled: false };
    },
    active(d) { return Boolean(d.points?.length); },
    preview(d, color, scale) {
      if (!d.points?.length) return null;
      const pts = [...d.points, d.cur].filter(Boolean).map((p) => `${p.x},${p.y}`).join(' ');
      const g = svg('g', {}, svg('polyline', { points: pts, ...paint(color, true, false), 'stroke-dasharray': '6 4' }));
      d.points.forEach((p, i) => g.append(svg('circle', { cx: p.x, cy: p.y, r: (i === 0 && closed ? 6 : 4) / scale, fill: i === 0 ? '#fff' : color, stroke: color, 'vector-effect': 'non-scaling-stroke' })));
      return g;
    },
  };
}

export const polygon = make(true);
export const polyline = make(false);
