// One project: its header (name, Start Labeling / Start Reviewing) and tabs. The project is
// fetched once per visit; tabs get it plus `reloadProject()` for after settings change it.
import { api, session } from '../api.js';
import { links } from '../router.js';
import { h, mount, loading } from '../ui/dom.js';
import { showError } from '../ui/notify.js';
import { atLeast } from './roles.js';

const TABS = [
  { id: 'tasks', label: 'Tasks', load: () => import('./tasks.js') },
  { id: 'assets', label: 'Assets & import', load: () => import('./assets.js') },
  { id: 'issues', label: 'Issues', load: () => import('./issues.js') },
  // Performance is every member's numbers: Leads and above only (the server answers 403 to the
  // rest). The tab is hidden from them; a shared link still opens it and shows that 403.
  { id: 'performance', label: 'Performance', load: () => import('./performance.js'), shown: (p) => atLeast(p, 'Lead') },
  { id: 'settings', label: 'Settings', load: () => import('./settings.js') },
  { id: 'export', label: 'Export', load: () => import('./export.js') },
];

export async function render(host, route, { setCrumbs }) {
  const pid = route.parts[1];
  let project = (await api(`/v2/project/${encodeURIComponent(pid)}`)).project;
  const page = h('div', { class: 'page project-page', dataset: { testid: 'project-page', projectId: pid } });
  const title = h('h1', {}, project.name);
  const subtitle = h('p', { class: 'muted' }, project.description || '');
  const tabList = h('nav', { class: 'tabs', 'aria-label': 'Project sections' });
  const tabBody = h('div', { class: 'tab-body' });
  page.append(
    h('div', { class: 'page-head' }, h('div', {}, title, subtitle),
      h('div', { class: 'row' },
        canReview(project) ? h('a', { class: 'btn', href: `#/projects/${pid}/review`, dataset: { testid: 'start-reviewing' } }, 'Start reviewing') : null,
        h('a', { class: 'btn primary', href: `#/projects/${pid}/label`, dataset: { testid: 'start-labeling' } }, 'Start labeling'))),
    tabList, tabBody);
  host.append(page);

  let tab = { id: null, view: null };
  let token = 0;

  async function reloadProject() {
    project = (await api(`/v2/project/${encodeURIComponent(pid)}`)).project;
    title.textContent = project.name;
    subtitle.textContent = project.description || '';
    return project;
  }

  async function show(r) {
    const wanted = TABS.find((t) => t.id === r.parts[2]) || TABS[0];
    setCrumbs([{ label: 'Projects', href: links.projects() }, { label: project.name, href: links.project(pid) }, { label: wanted.label }]);
    mount(tabList, TABS.filter((t) => t === wanted || !t.shown || t.shown(project)).map((t) => h('a', {
      href: links.project(pid, t.id), class: 'tab' + (t === wanted ? ' active' : ''),
      'aria-current': t === wanted ? 'page' : null, dataset: { testid: `tab-${t.id}` },
    }, t.label)));
    if (tab.id === wanted.id && tab.view?.update) { tab.view.update(r); return; }
    const mine = ++token;
    try { tab.view?.destroy?.(); } catch (e) { console.error(e); }
    tab = { id: null, view: null };
    mount(tabBody, loading());
    try {
      const module = await wanted.load();
      if (mine !== token) return;
      const slot = h('div', { class: 'tab-panel' });
      mount(tabBody, slot);
      const view = await module.render(slot, r, { project, pid, reloadProject, getProject: () => project });
      if (mine !== token) { view?.destroy?.(); return; }
      tab = { id: wanted.id, view: view || {} };
      document.title = `${wanted.label} · ${project.name} · Gloss`;
    } catch (error) {
      if (mine !== token) return;
      console.error(error);
      mount(tabBody);
      showError(tabBody, error, { title: `The ${wanted.label} tab could not be shown` });
    }
  }

  await show(route);
  return { update: show, destroy: () => { token++; tab.view?.destroy?.(); } };
}


/** Reviewers, Leads, Managers and org admins review; Labelers do not (spec §19), so they get no button. */
function canReview(project) {
  const user = session()?.user;
  if (!user || user.orgRole === 'Owner' || user.orgRole === 'Admin') return true;
  const member = (project.assignedTo || []).find((m) => m.assignee === user.email);
  return !member || member.role !== 'Labeler';
}
