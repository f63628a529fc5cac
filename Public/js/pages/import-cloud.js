// Cloud import: a JSON list of {data: URL, externalId, metadata?, contextData?, batches?,
// priority?} (Ango's cloud-import format), pasted or read from a .json file.
import { api } from '../api.js';
import { h, field } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';
import { importOptions } from './import-options.js';

const EXAMPLE = '[\n  {"data": "https://example.com/images/1.jpg", "externalId": "1.jpg"},\n  {"data": "https://example.com/images/2.jpg", "externalId": "2.jpg", "batches": ["Batch 1"]}\n]';

/** Accepts a list, or {assets: [...]} as the API body has it. */
function parseItems(text) {
  let json;
  try { json = JSON.parse(text); } catch (e) { throw new Error(`The JSON does not parse: ${e.message}`); }
  const items = Array.isArray(json) ? json : json?.assets;
  if (!Array.isArray(items) || !items.length) throw new Error('Expected a non-empty JSON list of assets, e.g. [{"data": "https://…", "externalId": "…"}].');
  items.forEach((item, i) => { if (!item || typeof item.data !== 'string' || !item.data) throw new Error(`Item ${i + 1} needs a "data" URL.`); });
  return items;
}

export function cloudImportCard({ pid, getProject, reloadProject, onImported }) {
  const options = importOptions({ pid, getProject, reloadProject, idPrefix: 'cloud', priorityOptional: true });
  const text = h('textarea', { id: 'cloud-json', rows: 8, spellcheck: 'false', class: 'code', placeholder: EXAMPLE, dataset: { testid: 'cloud-json' } });
  const file = h('input', { id: 'cloud-file', type: 'file', accept: '.json,application/json' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'cloud-error' } });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'cloud-import' } }, 'Import JSON');
  file.addEventListener('change', async () => { if (file.files[0]) text.value = await file.files[0].text(); });

  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true; result.replaceChildren();
    submit.disabled = true;
    try {
      const items = parseItems(text.value);
      const { batchId, priority } = await options.values();
      const body = { assets: items };
      if (priority !== null) body.priority = priority;
      const data = await api(`/v2/project/${pid}/cloud`, { method: 'POST', query: batchId ? { batches: [batchId] } : undefined, body });
      const s = data?.assets || {};
      result.append(h('div', { class: 'banner ok', dataset: { testid: 'cloud-summary' } },
        `${s.assetsCreated ?? items.length} assets and ${s.tasksCreated ?? items.length} tasks created`,
        s.preLabelsCount ? `; ${s.validPreLabelsCount} of ${s.preLabelsCount} pre-labels fit the schema` : '', '.'));
      text.value = '';
      await reloadProject().catch(() => {});
      options.refresh();
      onImported();
    } catch (err) {
      error.textContent = errorText(err); error.hidden = false;
    } finally { submit.disabled = false; }
  } }, options.node, field('Assets JSON', text, 'A list of {"data": URL, "externalId": …}; optional metadata, contextData, batches (names), priority.'),
  field('…or a .json file', file), error, h('div', { class: 'row' }, submit), result);

  const node = h('section', { class: 'card', 'aria-labelledby': 'cloud-title' }, h('h2', { id: 'cloud-title' }, 'Cloud import (JSON)'),
    h('p', { class: 'muted' }, 'Files stay where they are; Gloss stores their URLs.'), form);
  return { node, refresh: options.refresh };
}
