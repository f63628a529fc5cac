// The Settings tab: General, Category schema, Workflow, Label validation, one card each, with a
// side navigation that jumps between them.
import { h } from '../ui/dom.js';
import { generalSettings } from './settings-general.js';
import { schemaEditor } from './schema-editor.js';
import { workflowEditor } from './workflow-editor.js';
import { labelValidation } from './label-validation.js';

const SECTIONS = [
  ['general', 'General', generalSettings, 'Name, idle time, skipping, benchmarks and error codes.'],
  ['schema', 'Category schema', schemaEditor, 'The classes labelers use: tools, classifications and relations.'],
  ['workflow', 'Workflow', workflowEditor, 'The stages a task goes through, and where each output leads.'],
  ['validation', 'Label validation', labelValidation, 'A check that runs in the editor before Save and Submit.'],
];

export function render(host, route, ctx) {
  const parts = SECTIONS.map(([id, label, make, hint]) => ({ id, label, hint, part: make(ctx) }));
  const nav = h('nav', { class: 'side-nav', 'aria-label': 'Settings sections' }, parts.map((p) =>
    h('a', { href: `#/projects/${ctx.pid}/settings?section=${p.id}`, dataset: { section: p.id } }, p.label)));
  const cards = parts.map((p) => h('section', { class: 'card settings-card', id: `settings-${p.id}`, 'aria-labelledby': `settings-${p.id}-title`, dataset: { testid: `settings-${p.id}` } },
    h('h2', { id: `settings-${p.id}-title` }, p.label), h('p', { class: 'muted' }, p.hint), p.part.node));
  host.append(h('div', { class: 'settings-layout' }, nav, h('div', { class: 'settings-cards' }, cards)));

  const jump = (r) => {
    const section = r.params.get('section');
    nav.querySelectorAll('a').forEach((a) => a.classList.toggle('active', a.dataset.section === (section || 'general')));
    if (section) document.getElementById(`settings-${section}`)?.scrollIntoView({ block: 'start' });
  };
  jump(route);
  const beforeUnload = (e) => { if (parts.some((p) => p.part.isDirty?.())) { e.preventDefault(); e.returnValue = ''; } };
  window.addEventListener('beforeunload', beforeUnload);
  return { update: jump, destroy: () => window.removeEventListener('beforeunload', beforeUnload) };
}
