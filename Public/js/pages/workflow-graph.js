// Draws the workflow as boxes and arrows (SVG) with a simple layered layout: a stage's column is
// its distance from Start, stages in a column stack downwards; edges going back (rework loops)
// curve below the boxes so they do not cross them.
const W = 150, H = 46, GAP_X = 60, GAP_Y = 26, PAD = 16;
const NS = 'http://www.w3.org/2000/svg';
const COLORS = { Start: '#0f766e', Label: '#4f46e5', Review: '#b45309', Complete: '#15803d', Consensus: '#7c3aed', Logic: '#0369a1', Hold: '#6b7280', Webhook: '#be185d', Plugin: '#9333ea', Archive: '#52525b' };

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Output labels per stage type (Review: accepted/rejected, ...). */
export function outputLabels(stage) {
  const n = (stage.next || []).length;
  switch (stage.type) {
    case 'Review': return ['Accepted', 'Rejected'];
    case 'Consensus': return ['Agreement', 'Disagreement'];
    case 'Logic': return Array.from({ length: Math.max(n, 1) }, (_, i) => (i === Math.max(n, 1) - 1 ? 'Else' : `Rule ${i + 1}`));
    case 'Complete': case 'Archive': return [];
    default: return ['Next'];
  }
}

function layers(stages) {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const depth = new Map();
  const start = stages.find((s) => s.type === 'Start');
  const queue = start ? [start.id] : [];
  if (start) depth.set(start.id, 0);
  while (queue.length) {
    const id = queue.shift();
    const s = byId.get(id);
    const targets = [...(s?.next || []), ...stages.filter((c) => c.consensusId === id).map((c) => c.id)];
    for (const t of targets) if (byId.has(t) && !depth.has(t)) { depth.set(t, depth.get(id) + 1); queue.push(t); }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  for (const s of stages) if (!depth.has(s.id)) depth.set(s.id, last);
  return depth;
}

/** An <svg> picture of `stages`. */
export function workflowSvg(stages) {
  const depth = layers(stages);
  const rows = new Map();
  const pos = new Map();
  for (const s of stages) {
    const d = depth.get(s.id);
    const r = rows.get(d) || 0; rows.set(d, r + 1);
    pos.set(s.id, { x: PAD + d * (W + GAP_X), y: PAD + r * (H + GAP_Y) });
  }
  const cols = Math.max(1, ...[...depth.values()].map((d) => d + 1));
  const maxRows = Math.max(1, ...rows.values());
  const width = PAD * 2 + cols * W + (cols - 1) * GAP_X;
  const height = PAD * 2 + maxRows * H + (maxRows - 1) * GAP_Y + 40;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'workflow-svg', 'data-testid': 'workflow-graph' });
  svg.append(el('title', {}, 'Workflow graph: ' + stages.map((s) => `${s.name || s.id} → ${(s.next || []).join(', ') || 'end'}`).join('; ')));
  const defs = el('defs', {});
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#64748b' }));
  defs.append(marker); svg.append(defs);
  for (const s of stages) {
    const from = pos.get(s.id);
    const labels = outputLabels(s);
    (s.next || []).forEach((target, i) => {
      const to = pos.get(target);
      if (!to) return;
      const x1 = from.x + W, y1 = from.y + H / 2 + (s.next.length > 1 ? (i - (s.next.length - 1) / 2) * 12 : 0);
      let d;
      if (to.x > from.x) {
        const x2 = to.x, y2 = to.y + H / 2, mx = (x1 + x2) / 2;
        d = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2 - 2},${y2}`;
      } else {
        const sx = from.x + W / 2, tx = to.x + W / 2, low = Math.max(from.y, to.y) + H + 22 + i * 8;
        d = `M${sx},${from.y + H} C${sx},${low} ${tx},${low} ${tx},${to.y + H + 2}`;
      }
      svg.append(el('path', { d, fill: 'none', stroke: s.type === 'Review' && i === 1 ? '#dc2626' : '#64748b', 'stroke-width': 1.6, 'marker-end': 'url(#arrow)', 'stroke-dasharray': to.x > from.x ? '' : '4 3' }));
      if (labels.length > 1 && to.x > from.x) svg.append(el('text', { x: x1 + 6, y: y1 - 4, class: 'edge-label' }, labels[i] || ''));
    });
  }
  for (const s of stages) {
    const p = pos.get(s.id);
    const g = el('g', { 'data-stage-id': s.id });
    g.append(el('rect', { x: p.x, y: p.y, width: W, height: H, rx: 8, fill: '#fff', stroke: COLORS[s.type] || '#334155', 'stroke-width': 2 }));
    g.append(el('rect', { x: p.x, y: p.y, width: 6, height: H, rx: 3, fill: COLORS[s.type] || '#334155' }));
    g.append(el('text', { x: p.x + 14, y: p.y + 19, class: 'node-title' }, (s.name || s.id).slice(0, 18)));
    g.append(el('text', { x: p.x + 14, y: p.y + 35, class: 'node-type' }, s.consensusId ? `${s.type} (consensus)` : s.type));
    svg.append(g);
  }
  return svg;
}
