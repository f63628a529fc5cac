// The projects list (server-paged, newest first) and the "New project" dialog.
import { api } from '../api.js';
import { buildHash, go, links } from '../router.js';
import { h, mount, field, formatDate, emptyState, loading } from '../ui/dom.js';
import { openDialog } from '../ui/dialog.js';
import { showError, clearError } from '../ui/notify.js';
import { pager } from '../ui/pager.js';

export async function render(host, route, { setCrumbs }) {
  setCrumbs([{ label: 'Projects' }]);
  const page = h('div', { class: 'page', dataset: { testid: 'projects-page' } });
  const body = h('div', {});
  const newButton = h('button', { type: 'button', class: 'btn primary', dataset: { testid: 'new-project' }, onclick: () => newProject() }, '+ New project');
  page.append(h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Projects'), h('p', { class: 'muted' }, 'Every labeling project of your organization you can see.')), newButton), body);
  host.append(page);

  async function load(r) {
    const pageNo = Math.max(1, Number(r.params.get('page')) || 1);
    const limit = Number(r.params.get('limit')) || 25;
    mount(body, loading());
    clearError(page);
    try {
      const data = await api('/v2/listProjects', { query: { page: pageNo, limit } });
      const projects = data.projects || [];
      if (!projects.length && pageNo === 1) {
        mount(body, emptyState('No projects yet', 'Create a project, import assets, and start labeling.',
          h('button', { type: 'button', class: 'btn primary', onclick: () => newProject() }, 'Create your first project')));
        return;
      }
      mount(body, h('div', { class: 'table-wrap' }, h('table', { class: 'table', dataset: { testid: 'projects-table' } },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, 'Created'))),
        h('tbody', {}, projects.map((p) => h('tr', { dataset: { projectId: p._id }, class: 'clickable', onclick: (e) => { if (e.target.tagName !== 'A') go(links.project(p._id)); } },
          h('td', {}, h('a', { href: links.project(p._id), dataset: { testid: 'project-link' } }, p.name)),
          h('td', { class: 'muted' }, p.description || '—'),
          h('td', { class: 'nowrap' }, formatDate(p.createdAt))))))),
      pager({ page: pageNo, limit, total: data.total || 0, onChange: (next) => go(buildHash('/projects', next)) }));
    } catch (error) {
      mount(body);
      showError(page, error, { title: 'Projects could not be loaded' });
    }
  }

  async function newProject() {
    const name = h('input', { id: 'project-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off' });
    const description = h('textarea', { id: 'project-description', name: 'description', rows: 3 });
    const created = await openDialog({
      title: 'New project', submitLabel: 'Create project', submitTestId: 'create-project', testid: 'new-project-dialog',
      body: h('div', { class: 'stack' }, field('Name', name), field('Description', description, 'Optional. Shown in the projects list.')),
      onSubmit: async () => {
        if (!name.value.trim()) throw new Error('Give the project a name.');
        const data = await api('/v2/project', { method: 'POST', body: { name: name.value.trim(), description: description.value.trim() } });
        return data.project;
      },
    });
    if (created && created._id) go(links.project(created._id, 'settings'));
  }

  await load(route);
  return { update: load };
}
