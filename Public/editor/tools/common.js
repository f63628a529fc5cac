// Shared bits of the image tools: rounding, the class style of a shape.
export const round = (n) => Math.round(n * 100) / 100;

/** SVG attributes drawing a shape in its class color. */
export function paint(color, selected, fill = true) {
  return {
    stroke: color, 'stroke-width': selected ? 3 : 2, fill: fill ? color : 'none', 'fill-opacity': fill ? (selected ? 0.28 : 0.15) : 0,
    'vector-effect': 'non-scaling-stroke', class: selected ? 'shape selected' : 'shape',
  };
}

export const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
