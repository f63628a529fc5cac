// Mounts the labeling / review editor (written separately under /editor/) for the routes
// #/projects/:pid/label, /review and /tasks/:taskId/open, and unmounts it on the way out.
import { api } from '../api.js';
import { go, links } from '../router.js';
import { h } from '../ui/dom.js';
import { showError } from '../ui/notify.js';

export async function render(host, route, { setCrumbs }) {
  const [, pid, what, taskId] = route.parts;
  const mode = what === 'label' ? 'label' : what === 'review' ? 'review' : 'open';
  const title = mode === 'label' ? 'Labeling' : mode === 'review' ? 'Reviewing' : 'Task';
  const crumbs = (name) => setCrumbs([{ label: 'Projects', href: links.projects() }, { label: name, href: links.project(pid) }, { label: mode === 'open' ? `Task ${taskId}` : title }]);
  crumbs('Project');
  // The project's name is only for the breadcrumb: do not hold the editor up for it.
  let gone = false;
  api(`/v2/project/${encodeURIComponent(pid)}`).then((d) => { if (!gone) crumbs(d.project.name); }).catch(() => {});
  document.body.classList.add('editor-open');
  const container = h('div', { class: 'editor-container', dataset: { testid: 'editor-container' } });
  host.append(container);
  let unmount = null;
  try {
    const m = await import('/editor/editor.js');
    const options = { mode, projectId: pid, onExit: () => go(links.project(pid, 'tasks')) };
    if (mode === 'open') options.taskId = taskId;
    unmount = await m.mountEditor(container, options);
  } catch (error) {
    console.error(error);
    document.body.classList.remove('editor-open');
    const page = h('div', { class: 'page' });
    host.replaceChildren(page);
    page.append(h('p', {}, h('a', { href: links.project(pid, 'tasks') }, '← Back to the tasks')));
    showError(page, error, { title: 'The editor could not be loaded' });
  }
  return {
    destroy() {
      gone = true;
      document.body.classList.remove('editor-open');
      if (typeof unmount === 'function') { try { unmount(); } catch (e) { console.error(e); } }
    },
  };
}
