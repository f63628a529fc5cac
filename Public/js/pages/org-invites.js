// The Organization page's invites (Owners and Admins): a form that invites one or more emails,
// optionally straight into a project with a project role, and the pending invites with Withdraw.
// Gloss sends no email: each new invite's one-time link is shown here for the admin to pass on,
// and it is shown only once (the server keeps only a hash of it).
import { api } from '../api.js';
import { h, mount, field, formatDate, loading } from '../ui/dom.js';
import { showError, clearError, errorText, toast } from '../ui/notify.js';

const PROJECT_ROLES = ['Labeler', 'Reviewer', 'Lead', 'Manager'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** {node, load()} for the invites card; `base` is '/v2/organization/<orgId>'. */
export function invitesSection({ base }) {
  const emails = h('textarea', { id: 'invite-emails', rows: 2, placeholder: 'ana@example.com, li@example.com', dataset: { testid: 'invite-emails' } });
  const role = h('select', { id: 'invite-org-role', dataset: { testid: 'invite-org-role' } }, h('option', { value: 'member' }, 'Member'), h('option', { value: 'admin' }, 'Admin'));
  const project = h('select', { id: 'invite-project', dataset: { testid: 'invite-project' } }, h('option', { value: '' }, 'No project'));
  const projectRole = h('select', { id: 'invite-project-role', disabled: true, dataset: { testid: 'invite-project-role' } },
    PROJECT_ROLES.map((r) => h('option', { value: r }, r)));
  project.addEventListener('change', () => { projectRole.disabled = !project.value; });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'invite-error' } });
  const made = h('div', { 'aria-live': 'polite', dataset: { testid: 'invite-results' } });
  const submit = h('button', { type: 'submit', class: 'btn primary', dataset: { testid: 'send-invites' } }, 'Make invite links');
  const pendingSlot = h('div', {});
  let projectNames = new Map();
  let projectsLoaded = false;

  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    const to = [...new Set(emails.value.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean))];
    const bad = to.filter((x) => !EMAIL.test(x));
    if (!to.length || bad.length) {
      error.textContent = !to.length ? 'Enter at least one email address.' : `Not an email address: ${bad.join(', ')}`;
      error.hidden = false;
      return;
    }
    const body = { to, organizationRole: role.value };
    if (project.value) body.projectAssignments = [{ projectId: project.value, projectRole: projectRole.value }];
    submit.disabled = true;
    try {
      const data = await api(`${base}/invites`, { method: 'POST', body });
      showLinks(data.invites || []);
      emails.value = '';
      load();
    } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { submit.disabled = false; }
  } },
  field('Emails', emails, 'One or more, separated by commas or new lines.'),
  h('div', { class: 'row invite-options' }, field('Organization role', role), field('Project (optional)', project), field('Project role', projectRole)),
  error, h('div', { class: 'row' }, submit));

  function showLinks(invites) {
    mount(made, invites.map((invite, i) => {
      const id = `invite-link-${i}`;
      const input = h('input', { id, readonly: true, value: invite.link || '', class: 'code', dataset: { testid: 'invite-link', email: invite.to },
        onfocus: (ev) => ev.target.select() });
      const copy = h('button', { type: 'button', class: 'btn small', onclick: async () => {
        try { await navigator.clipboard.writeText(invite.link); } catch { input.select(); document.execCommand('copy'); }
        toast('Invite link copied.');
      } }, 'Copy');
      return h('div', { class: 'banner new-key' },
        h('label', { for: id }, h('strong', {}, `Invite for ${invite.to}. `), `Send this link; it works once, until ${formatDate(invite.expiresAt)}. It is not shown again.`),
        h('div', { class: 'row' }, input, copy));
    }));
  }

  async function withdraw(invite, button) {
    button.disabled = true;
    clearError(card);
    try {
      await api(`${base}/invites`, { method: 'DELETE', body: { invites: [invite.to] } });
      toast(`The invite for ${invite.to} was withdrawn.`);
      await load();
    } catch (err) {
      button.disabled = false;
      showError(card, err, { title: 'The invite could not be withdrawn' });
    }
  }

  function drawPending(invites) {
    if (!invites.length) { mount(pendingSlot, h('p', { class: 'muted', dataset: { testid: 'no-invites' } }, 'No pending invites.')); return; }
    const assignments = (list) => (list || []).map((a) => h('span', { class: 'pill subtle' }, `${projectNames.get(a.projectId) || a.projectId}: ${a.projectRole}`));
    mount(pendingSlot, h('div', { class: 'table-wrap' }, h('table', { class: 'table', dataset: { testid: 'invites-table' } },
      h('thead', {}, h('tr', {}, ['Email', 'Role', 'Projects', 'Invited by', 'Expires'].map((t) => h('th', { scope: 'col' }, t)),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, invites.map((invite) => {
        const button = h('button', { type: 'button', class: 'btn small', dataset: { testid: 'withdraw-invite' }, onclick: () => withdraw(invite, button) }, 'Withdraw');
        return h('tr', { dataset: { email: invite.to } },
          h('td', {}, invite.to), h('td', {}, invite.organizationRole), h('td', {}, assignments(invite.projectAssignments)),
          h('td', {}, invite.createdBy || '—'), h('td', { class: 'nowrap' }, formatDate(invite.expiresAt)), h('td', {}, button));
      })))));
  }

  async function loadProjects() {
    // The first 100 projects are offered; an organization with more invites into the rest from the project.
    const data = await api('/v2/listProjects', { query: { page: 1, limit: 100 } });
    const projects = data.projects || [];
    projectNames = new Map(projects.map((p) => [p._id, p.name]));
    mount(project, h('option', { value: '' }, 'No project'), projects.map((p) => h('option', { value: p._id }, p.name)));
  }

  async function load() {
    clearError(card);
    if (!pendingSlot.firstChild) mount(pendingSlot, loading('Loading invites…'));
    try {
      if (!projectsLoaded) { await loadProjects().catch((err) => console.warn('projects for invites', err)); projectsLoaded = true; }
      drawPending((await api(`${base}/invites`)).invites || []);
    } catch (err) {
      mount(pendingSlot);
      showError(card, err, { title: 'Invites could not be loaded' });
    }
  }

  const card = h('section', { class: 'card', 'aria-labelledby': 'org-invites', dataset: { testid: 'invites-section' } },
    h('h2', { id: 'org-invites' }, 'Invites'),
    h('p', { class: 'muted' }, 'Invited people choose their own password from the link and join this organization (and the project, if you pick one).'),
    form, made, h('h3', { class: 'section-title' }, 'Pending invites'), pendingSlot);
  return { node: card, load };
}
