// The Export tab: options (stages, batches, format, what to include, time windows), then a
// background job whose progress is polled until the zip can be downloaded.
import { api } from '../api.js';
import { h, mount, field } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';

const FORMATS = [['json', 'Ango JSON'], ['ndjson', 'Ango NDJSON (one asset per line)'], ['coco', 'COCO'], ['yolo', 'YOLO'], ['voc', 'Pascal VOC'], ['csv', 'CSV']];

/** A datetime-local value as the ISO string the server wants, or null. */
const iso = (value) => (value ? new Date(value).toISOString() : null);

function window_(after, before) {
  const w = {};
  if (iso(after.value)) w.$gt = iso(after.value);
  if (iso(before.value)) w.$lt = iso(before.value);
  return Object.keys(w).length ? w : undefined;
}

export function render(host, route, { pid, getProject }) {
  const project = getProject();
  const preset = { stage: route.params.get('stage'), batch: route.params.get('batch') };
  const selected = selectedTasks(pid, route);
  const checks = (name, items, isOn) => h('div', { class: 'check-grid' }, items.map(([value, label]) => {
    const id = `exp-${name}-${value}`;
    return h('label', { class: 'check', for: id }, h('input', { type: 'checkbox', id, name, value, checked: isOn(value) }), label);
  }));
  const stages = (project.stages || []).filter((s) => !s.consensusId);
  const stageBox = checks('stage', stages.map((s) => [s.id, s.name || s.id]),
    (id) => (preset.stage ? preset.stage.split(',').includes(id) : id === 'Complete' || stages.find((s) => s.id === id)?.type === 'Complete'));
  const batchBox = (project.batches || []).length ? checks('batch', project.batches.map((b) => [b._id, b.name]), (id) => (preset.batch || '').split(',').includes(id))
    : h('p', { class: 'muted small' }, 'This project has no batches.');
  const typeBox = checks('taskType', [['default', 'Tasks'], ['consensus', 'Consensus sub-tasks'], ['benchmark', 'Benchmarks']], (t) => t === 'default');
  const format = h('select', { id: 'exp-format', dataset: { testid: 'export-format' } }, FORMATS.map(([v, l]) => h('option', { value: v }, l)));
  const kind = h('select', { id: 'exp-kind' }, h('option', { value: 'task' }, 'Tasks and labels'), h('option', { value: 'issue' }, 'Issues'));
  const flag = (id, label, on) => h('label', { class: 'check', for: id }, h('input', { type: 'checkbox', id, checked: on }), label);
  const metadata = flag('exp-metadata', 'Asset metadata', true);
  const history = flag('exp-history', 'Stage history', true);
  const idle = flag('exp-idle', 'Idle and blur durations', false);
  const dt = (id) => h('input', { id, type: 'datetime-local' });
  const cAfter = dt('exp-created-after'), cBefore = dt('exp-created-before'), uAfter = dt('exp-updated-after'), uBefore = dt('exp-updated-before');
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'export-error' } });
  const progress = h('div', { 'aria-live': 'polite', dataset: { testid: 'export-progress' } });
  const start = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'start-export' } }, 'Start export');
  let polling = null;

  const picked = (box) => [...box.querySelectorAll?.('input:checked') || []].map((i) => i.value);

  async function run(e) {
    e.preventDefault();
    error.hidden = true;
    clearTimeout(polling);
    const chosenStages = picked(stageBox);
    const taskTypes = picked(typeBox);
    if (kind.value === 'task' && !selected && !chosenStages.length) { error.textContent = 'Choose at least one stage.'; error.hidden = false; return; }
    if (!taskTypes.length) { error.textContent = 'Choose at least one kind of task.'; error.hidden = false; return; }
    const query = {
      project: pid, format: format.value, type: kind.value, taskTypes,
      stage: kind.value === 'task' && !selected ? chosenStages : undefined,
      taskIds: kind.value === 'task' && selected ? selected : undefined,
      batches: picked(batchBox).length ? picked(batchBox) : undefined,
      includeMetadata: metadata.querySelector('input').checked, includeHistory: history.querySelector('input').checked,
      includeIdleBlurDurations: idle.querySelector('input').checked,
      createdAt: window_(cAfter, cBefore), updatedAt: window_(uAfter, uBefore), doNotNotify: true, sendEmail: false,
    };
    start.disabled = true;
    try {
      // Selected task ids go in a POST body (a URL would not hold a thousand of them).
      const job = selected ? await api('/v2/export', { method: 'POST', body: query }) : await api('/v2/export', { query });
      track(job.exportId, job.exportPath);
    } catch (err) {
      error.textContent = errorText(err); error.hidden = false; start.disabled = false;
    }
  }

  function track(id, url) {
    const bar = h('progress', { max: 1, value: 0, 'aria-label': 'Export progress' });
    const text = h('span', {}, 'Starting…');
    mount(progress, h('div', { class: 'export-job' }, bar, text));
    const tick = async () => {
      try {
        const job = (await api(`/v2/exports/${id}`)).export;
        if (job.total) bar.value = job.done / job.total;
        text.textContent = `${job.done} of ${job.total} tasks`;
        if (job.state === 'done') {
          bar.value = 1;
          mount(progress, h('div', { class: 'banner ok export-job' }, `Export ready: ${job.done} task${job.done === 1 ? '' : 's'}, ${(job.bytes / 1024).toFixed(1)} KB. `,
            h('a', { href: url, class: 'btn primary small', download: '', dataset: { testid: 'export-download' } }, 'Download zip')));
          start.disabled = false;
          return;
        }
        if (job.state === 'failed') {
          mount(progress, h('div', { class: 'banner error' }, `The export failed: ${job.error || 'see the server log'}`));
          start.disabled = false;
          return;
        }
        polling = setTimeout(tick, 500);
      } catch (err) {
        mount(progress, h('div', { class: 'banner error' }, errorText(err)));
        start.disabled = false;
      }
    };
    tick();
  }

  const form = h('form', { class: 'export-form', novalidate: true, onsubmit: run },
    selected ? h('div', { class: 'banner info', dataset: { testid: 'export-selected' } },
      `Exports the ${selected.length} task${selected.length === 1 ? '' : 's'} selected in the Tasks view, whatever their stage. `,
      h('a', { href: `#/projects/${pid}/export` }, 'Export by stage instead'))
      : preset.stage || preset.batch ? h('div', { class: 'banner info' }, 'Preset from the Tasks view: exports select tasks by stage and batch.') : null,
    h('div', { class: 'grid-2' },
      h('div', { class: 'stack' },
        field('What', kind), field('Format', format),
        selected ? null : h('fieldset', {}, h('legend', {}, 'Stages'), stageBox),
        h('fieldset', {}, h('legend', {}, 'Batches (none ticked = all)'), batchBox),
        h('fieldset', {}, h('legend', {}, 'Task kinds'), typeBox)),
      h('div', { class: 'stack' },
        h('fieldset', { class: 'stack' }, h('legend', {}, 'Include'), metadata, history, idle),
        h('fieldset', { class: 'stack' }, h('legend', {}, 'Created'), h('div', { class: 'row' }, field('After', cAfter), field('Before', cBefore))),
        h('fieldset', { class: 'stack' }, h('legend', {}, 'Updated'), h('div', { class: 'row' }, field('After', uAfter), field('Before', uBefore))))),
    error, h('div', { class: 'save-row' }, start), progress);
  host.append(h('section', { class: 'card', 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, 'Export'),
    h('p', { class: 'muted' }, 'Builds a zip in the background; big projects take a while, and you can keep working.'), form));
  return { destroy: () => clearTimeout(polling) };
}

/** The task ids "Export selected" left for this project, when the route asks for them. */
function selectedTasks(pid, route) {
  if (!route.params.get('selected')) return null;
  try {
    const ids = JSON.parse(sessionStorage.getItem(`gloss.exportSelection.${pid}`) || 'null');
    return Array.isArray(ids) && ids.length ? ids : null;
  } catch { return null; }
}
