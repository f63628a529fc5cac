// The category schema editor: tools, classifications and relations as cards, a JSON view to
// import or export the whole schema, and Save (POST /v2/project/:pid {categorySchema}).
import { api } from '../api.js';
import { h, mount } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';
import { classCard, newClass, WITH_OPTIONS_TYPES } from './schema-item.js';

const clone = (v) => JSON.parse(JSON.stringify(v ?? {}));

/** Problems the server would not catch but the editor and labelers would trip on. */
function problems(schema) {
  const out = [];
  const seen = new Map();
  const walk = (cls, where) => {
    if (!String(cls.title || '').trim()) out.push(`${where}: give it a title.`);
    if (seen.has(cls.schemaId)) out.push(`${where}: schemaId ${cls.schemaId} is used twice.`);
    seen.set(cls.schemaId, true);
    if (WITH_OPTIONS_TYPES.has(cls.tool) && cls.tool !== 'rank' && !(cls.options || []).length) out.push(`${where}: add at least one option.`);
    (cls.options || []).forEach((o, i) => { if (!String(o.value || '').trim()) out.push(`${where}: option ${i + 1} is empty.`); });
    if (cls.regex) { try { new RegExp(cls.regex); } catch { out.push(`${where}: the regex does not parse.`); } }
    (cls.classifications || []).forEach((c, i) => walk(c, `${where} › nested classification ${c.title || i + 1}`));
  };
  (schema.tools || []).forEach((c, i) => walk(c, `Tool ${c.title || i + 1}`));
  (schema.classifications || []).forEach((c, i) => walk(c, `Classification ${c.title || i + 1}`));
  (schema.relations || []).forEach((c, i) => walk(c, `Relation ${c.title || i + 1}`));
  const keys = new Map();
  for (const t of [...(schema.tools || []), ...(schema.classifications || [])]) {
    if (!t.shortcutKey) continue;
    if (keys.has(t.shortcutKey)) out.push(`Shortcut “${t.shortcutKey}” is used by ${keys.get(t.shortcutKey)} and ${t.title}.`);
    keys.set(t.shortcutKey, t.title);
  }
  return out;
}

/** Tree-dropdown options are typed as paths "A / B"; the editor also wants treeOptions. */
function withTrees(schema) {
  const fix = (cls) => {
    if (cls.tool === 'tree-dropdown') {
      const roots = [];
      for (const o of cls.options || []) {
        let level = roots;
        const parts = String(o.value).split('/').map((s) => s.trim()).filter(Boolean);
        parts.forEach((part, i) => {
          let node = level.find((n) => n.title === part);
          if (!node) { node = { title: part, value: part, schemaId: i === parts.length - 1 ? o.schemaId : `${o.schemaId}-${i}`, children: [] }; level.push(node); }
          level = node.children;
        });
      }
      cls.treeOptions = roots;
    }
    (cls.classifications || []).forEach(fix);
  };
  [...(schema.tools || []), ...(schema.classifications || [])].forEach(fix);
  return schema;
}

export function schemaEditor({ pid, getProject, reloadProject }) {
  let schema = clone(getProject().categorySchema);
  for (const k of ['tools', 'classifications', 'relations']) schema[k] = schema[k] || [];
  let dirty = false;
  const body = h('div', { class: 'schema-body' });
  const json = h('textarea', { id: 'schema-json', rows: 14, spellcheck: 'false', class: 'code', dataset: { testid: 'schema-json' } });
  const jsonError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'schema-error' } });
  const status = h('span', { class: 'muted', 'aria-live': 'polite', dataset: { testid: 'schema-status' } });
  const save = h('button', { type: 'button', class: 'btn primary', dataset: { testid: 'save-schema' }, onclick: () => doSave() }, 'Save schema');

  function changed(structural, focusSelector) {
    dirty = true;
    status.textContent = 'Unsaved changes';
    json.value = JSON.stringify(schema, null, 2);
    if (structural) draw(focusSelector);
  }

  function section(key, kind, label, addTestId, hint) {
    const list = schema[key];
    return h('section', { class: 'schema-section', dataset: { section: key } },
      h('div', { class: 'sub-head' }, h('h3', {}, label), h('span', { class: 'muted small' }, hint)),
      list.length ? list.map((cls, i) => classCard({ cls, kind, changed, remove: () => list.splice(i, 1) }))
        : h('p', { class: 'muted empty-inline' }, `No ${label.toLowerCase()} yet.`),
      h('button', { type: 'button', class: 'btn small', dataset: { testid: addTestId }, onclick: () => {
        const cls = newClass(kind, list.length);
        list.push(cls);
        changed(true, `[data-schema-id="${cls.schemaId}"] [data-field=title]`);
      } }, `+ Add ${kind}`));
  }

  function draw(focusSelector) {
    mount(body,
      section('tools', 'tool', 'Tools', 'add-tool', 'Drawn on the asset: boxes, polygons, points, brush, entities.'),
      section('classifications', 'classification', 'Classifications', 'add-classification', 'Questions about the whole asset.'),
      section('relations', 'relation', 'Relations', 'add-relation', 'Links between objects: single (from → to) or group.'));
    if (focusSelector) body.querySelector(focusSelector)?.focus();
  }

  async function doSave() {
    error.hidden = true;
    const found = problems(schema);
    if (found.length) { mount(error, h('strong', {}, 'Fix these first:'), h('ul', {}, found.map((p) => h('li', {}, p)))); error.hidden = false; return; }
    save.disabled = true;
    try {
      await api(`/v2/project/${pid}`, { method: 'POST', body: { categorySchema: withTrees(schema) } });
      await reloadProject();
      dirty = false;
      status.textContent = 'Saved';
      toast('Schema saved.');
    } catch (e) {
      error.textContent = errorText(e); error.hidden = false;
    } finally { save.disabled = false; }
  }

  function applyJSON() {
    jsonError.hidden = true;
    try {
      const parsed = JSON.parse(json.value);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('The schema must be an object with tools, classifications and relations.');
      for (const k of ['tools', 'classifications', 'relations']) {
        parsed[k] = parsed[k] || [];
        if (!Array.isArray(parsed[k])) throw new Error(`${k} must be a list.`);
      }
      schema = parsed;
      changed(true);
    } catch (e) { jsonError.textContent = `JSON not applied: ${e.message}`; jsonError.hidden = false; }
  }

  function download() {
    const blob = new Blob([JSON.stringify(schema, null, 2)], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `${getProject().name || 'project'}-schema.json` });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  json.value = JSON.stringify(schema, null, 2);
  draw();
  const node = h('div', { class: 'schema-editor' }, body,
    h('details', { class: 'json-view' }, h('summary', { dataset: { testid: 'schema-json-toggle' } }, 'JSON view (import / export the whole schema)'),
      h('label', { for: json.id, class: 'visually-hidden' }, 'Schema JSON'), json, jsonError,
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'btn small', dataset: { testid: 'apply-schema-json' }, onclick: applyJSON }, 'Apply JSON'),
        h('button', { type: 'button', class: 'btn small ghost', onclick: download }, 'Download .json'))),
    error, h('div', { class: 'save-row' }, save, status));
  return { node, isDirty: () => dirty };
}
