// The workflow editor: stages as a list (type, name, where each output goes, Review's read-only,
// who may work there) next to the drawn graph. Stage fields the list does not edit (logic rules,
// consensus config, webhook settings, positions) are kept as they are. Save sends {stages}; the
// server's validation message (a 400) is shown right under the list.
import { api } from '../api.js';
import { h, mount, randomHex } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';
import { workflowSvg, outputLabels } from './workflow-graph.js';

const ADDABLE = ['Label', 'Review', 'Hold', 'Webhook', 'Plugin', 'Complete', 'Archive'];
const OUTPUTS = { Start: 1, Label: 1, Review: 2, Hold: 1, Webhook: 1, Plugin: 1, Consensus: 2, Complete: 0, Archive: 0 };
const clone = (v) => JSON.parse(JSON.stringify(v ?? []));

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const x = randomHex(32);
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-4${x.slice(13, 16)}-a${x.slice(17, 20)}-${x.slice(20, 32)}`;
}

export function workflowEditor({ pid, getProject, reloadProject }) {
  let stages = clone(getProject().stages);
  const list = h('div', { class: 'stage-list', dataset: { testid: 'stage-list' } });
  const graph = h('div', { class: 'graph-wrap' });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'workflow-error' } });
  const status = h('span', { class: 'muted', 'aria-live': 'polite' });
  const addType = h('select', { id: 'add-stage-type', 'aria-label': 'Type of the new stage' }, ADDABLE.map((t) => h('option', { value: t }, t)));
  const save = h('button', { type: 'button', class: 'btn primary', dataset: { testid: 'save-workflow' }, onclick: () => doSave() }, 'Save workflow');
  const members = () => (getProject().assignedTo || []).map((m) => m.assignee);

  function changed(redrawList = true) {
    status.textContent = 'Unsaved changes';
    if (redrawList) draw(); else mount(graph, workflowSvg(stages));
  }

  function outputSelects(stage) {
    const count = OUTPUTS[stage.type] ?? (stage.next || []).length;
    stage.next = (stage.next || []).slice(0, Math.max(count, stage.type === 'Logic' ? (stage.next || []).length : 0));
    if (stage.consensusId) return h('p', { class: 'muted small' }, 'Returns to its Consensus stage.');
    const labels = outputLabels(stage);
    const n = stage.type === 'Logic' ? stage.next.length : count;
    if (!n) return h('p', { class: 'muted small' }, 'End of the workflow.');
    return Array.from({ length: n }, (_, i) => {
      const id = `out-${stage.id}-${i}`;
      const sel = h('select', { id, dataset: { field: 'next', output: i }, onchange: (e) => { stage.next[i] = e.target.value; changed(false); } },
        h('option', { value: '' }, '— choose —'),
        stages.filter((s) => s.id !== stage.id && s.type !== 'Start' && !s.consensusId).map((s) => h('option', { value: s.id, selected: stage.next[i] === s.id }, s.name || s.id)));
      return h('div', { class: 'field inline' }, h('label', { for: id }, `${labels[i] || 'Next'} →`), sel);
    });
  }

  function stageRow(stage, index) {
    const nameId = `stage-name-${index}`;
    const fields = [
      h('div', { class: 'field' }, h('label', { for: nameId }, 'Name'),
        h('input', { id: nameId, value: stage.name || '', dataset: { field: 'name' }, oninput: (e) => { stage.name = e.target.value; changed(false); } })),
    ];
    if (stage.type === 'Review') {
      fields.push(h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: !!stage.readOnly, dataset: { field: 'readOnly' }, onchange: (e) => { stage.readOnly = e.target.checked; changed(false); } }), 'Read only (reviewers cannot edit)'));
    }
    if (stage.type === 'Start') {
      fields.push(h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: stage.autoForward !== false, dataset: { field: 'autoForward' }, onchange: (e) => { stage.autoForward = e.target.checked; changed(false); } }), 'Forward new tasks automatically'));
    }
    if (stage.type === 'Label' || stage.type === 'Review') {
      const aid = `stage-assigned-${index}`;
      fields.push(h('div', { class: 'field' }, h('label', { for: aid }, 'Only these people (emails, comma-separated; empty = everyone)'),
        h('input', { id: aid, value: (stage.assignedTo || []).join(', '), list: 'member-emails', dataset: { field: 'assignedTo' },
          oninput: (e) => { stage.assignedTo = e.target.value.split(',').map((s) => s.trim()).filter(Boolean); changed(false); } })));
    }
    const removable = stage.type !== 'Start';
    return h('div', { class: 'stage-row', dataset: { stageId: stage.id, type: stage.type } },
      h('div', { class: 'stage-row-head' }, h('span', { class: `stage-type t-${stage.type}` }, stage.type), h('code', { class: 'muted small' }, stage.id),
        removable ? h('button', { type: 'button', class: 'icon-btn danger', 'aria-label': `Remove stage ${stage.name || stage.id}`, onclick: () => {
          stages.splice(index, 1);
          for (const s of stages) s.next = (s.next || []).map((t) => (t === stage.id ? '' : t));
          changed();
        } }, '×') : null),
      h('div', { class: 'stage-fields' }, fields), h('div', { class: 'stage-outputs' }, outputSelects(stage)));
  }

  function draw() {
    mount(list, stages.map(stageRow), h('datalist', { id: 'member-emails' }, members().map((m) => h('option', { value: m }))));
    mount(graph, workflowSvg(stages));
  }

  function addStage() {
    const type = addType.value;
    const count = stages.filter((s) => s.type === type).length;
    const stage = { id: uuid(), type, name: count ? `${type} ${count + 1}` : type, next: [] };
    if (type === 'Label' || type === 'Review') stage.assignedTo = [];
    if (type === 'Review') stage.readOnly = false;
    stages.push(stage);
    changed();
    list.querySelector(`[data-stage-id="${stage.id}"] [data-field=name]`)?.focus();
  }

  async function doSave() {
    error.hidden = true;
    const missing = stages.filter((s) => !s.consensusId && ((s.next || []).some((t) => !t) || (s.next || []).length < (OUTPUTS[s.type] ?? 0)));
    if (missing.length) {
      error.textContent = `Choose where every output goes: ${missing.map((s) => s.name || s.id).join(', ')}.`;
      error.hidden = false; return;
    }
    save.disabled = true;
    try {
      await api(`/v2/project/${pid}`, { method: 'POST', body: { stages } });
      await reloadProject();
      stages = clone(getProject().stages);
      draw();
      status.textContent = 'Saved';
      toast('Workflow saved.');
    } catch (e) {
      error.textContent = `The workflow was not saved: ${errorText(e)}`; error.hidden = false;
    } finally { save.disabled = false; }
  }

  draw();
  const node = h('div', { class: 'workflow-editor' },
    h('div', { class: 'workflow-grid' }, h('div', {}, list,
      h('div', { class: 'row add-stage' }, addType, h('button', { type: 'button', class: 'btn small', dataset: { testid: 'add-stage' }, onclick: addStage }, '+ Add stage'))),
    graph),
    error, h('div', { class: 'save-row' }, save, status));
  return { node };
}
