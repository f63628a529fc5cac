// The overview above the Performance table: tasks per stage and the annotation status as bar
// charts, and the time per task by stage (GET /v2/:pid/overview/:metric). Bars are plain divs
// whose width is set through the CSSOM (no markup strings, nothing for the CSP to object to).
// The metrics cover the whole project: the server takes no date range or batch for them.
import { api } from '../api.js';
import { h, mount, formatClock, loading } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';

const metric = (pid, name) => api(`/v2/${encodeURIComponent(pid)}/overview/${name}`);

/** The three overview cards; `reload()` fetches them again. */
export function overviewCharts(pid) {
  const stages = card('Tasks per stage', 'chart-stages');
  const status = card('Annotation status', 'chart-status');
  const times = card('Time per task', 'time-per-task');
  const node = h('div', { class: 'overview-grid' }, stages.node, status.node, times.node);

  async function reload() {
    [stages, status, times].forEach((c) => mount(c.body, loading()));
    const [a, b, c] = await Promise.allSettled([metric(pid, 'LabelStageGroups'), metric(pid, 'AnnotationStatus'), metric(pid, 'TimePerTask')]);
    show(stages, a, (d) => bars((d.stages || []).map((s) => ({ id: s.stageId, label: s.name || s.stageId, count: s.count })), d.total,
      'No tasks yet.'));
    show(status, b, (d) => bars([
      { id: 'completed', label: 'Completed', count: d.completed },
      { id: 'todo', label: 'To do', count: d.todo },
      { id: 'drafts', label: 'Drafts', count: d.drafts },
      { id: 'skipped', label: 'Skipped', count: d.skipped },
      { id: 'benchmarks', label: 'Benchmarks', count: d.benchmarks },
      { id: 'withOpenIssues', label: 'With open issues', count: d.withOpenIssues },
    ], d.total, 'No tasks yet.', `${d.total || 0} tasks in all`));
    show(times, c, (d) => timeTable(d.stages || []));
  }

  return { node, reload };
}

function card(title, testid) {
  const body = h('div', {});
  return { body, node: h('section', { class: 'card overview-card', 'aria-label': title, dataset: { testid } }, h('h3', {}, title), body) };
}

function show(c, settled, draw) {
  if (settled.status === 'fulfilled') mount(c.body, draw(settled.value || {}));
  else mount(c.body, h('p', { class: 'form-error' }, errorText(settled.reason)));
}

/**
 * A horizontal bar chart: one row per item, the bar's length relative to `scale` (the total, so
 * bars read as shares) or to the largest count when there is no total.
 */
function bars(items, scale, emptyText, caption) {
  const max = Math.max(Number(scale) || 0, ...items.map((i) => Number(i.count) || 0));
  if (!max) return h('p', { class: 'muted' }, emptyText);
  return h('div', {},
    h('ul', { class: 'bar-chart' }, items.map((item) => {
      const count = Number(item.count) || 0;
      const fill = h('span', { class: 'bar-fill' });
      fill.style.width = `${(count / max) * 100}%`;
      return h('li', { class: 'bar-row', dataset: { key: item.id, count: String(count) } },
        h('span', { class: 'bar-label', title: item.label }, item.label),
        h('span', { class: 'bar-track', role: 'img', 'aria-label': `${item.label}: ${count}` }, fill),
        h('span', { class: 'bar-value' }, String(count)));
    })),
    caption ? h('p', { class: 'muted small' }, caption) : null);
}

function timeTable(rows) {
  if (!rows.length) return h('p', { class: 'muted' }, 'No submitted tasks yet.');
  const num = (text) => h('td', { class: 'num' }, text);
  return h('table', { class: 'table compact' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Stage'), ...['Tasks', 'Total', 'Average', 'Median'].map((t) => h('th', { scope: 'col', class: 'num' }, t)))),
    h('tbody', {}, rows.map((s) => h('tr', { dataset: { stageId: s.stageId } },
      h('td', {}, s.name || s.stageId), num(String(s.count ?? 0)), num(formatClock(s.totalMillis)), num(formatClock(s.averageMillis)), num(formatClock(s.medianMillis))))));
}
