// The Organization page: its members (GET /v2/organization/:orgId/users, server-paged and
// searched) and, for Owners and Admins, role changes, removal and invites (org-invites.js).
// Everyone may list the members; the admin controls are not drawn for the rest (the server would
// answer 403 anyway). The search and page live in the hash query, like every list of the app.
import { api, session } from '../api.js';
import { buildHash, go } from '../router.js';
import { h, mount, formatDate, emptyState, loading } from '../ui/dom.js';
import { confirmDialog } from '../ui/dialog.js';
import { showError, clearError, toast } from '../ui/notify.js';
import { pager } from '../ui/pager.js';
import { isOrgAdmin } from './roles.js';
import { invitesSection } from './org-invites.js';

export async function render(host, route, { setCrumbs }) {
  setCrumbs([{ label: 'Organization' }]);
  const me = session()?.user || {};
  const orgId = me.organizationId;
  const admin = isOrgAdmin();
  const base = `/v2/organization/${encodeURIComponent(orgId)}`;

  const search = h('input', { id: 'member-search', type: 'search', placeholder: 'Name or email…', value: route.params.get('search') || '', dataset: { testid: 'member-search' } });
  const countEl = h('span', { class: 'muted', 'aria-live': 'polite', dataset: { testid: 'member-count' } });
  const tableSlot = h('div', { class: 'table-wrap' });
  const pagerSlot = h('div', {});
  const members = h('section', { class: 'card', 'aria-labelledby': 'org-members' },
    h('div', { class: 'toolbar' }, h('h2', { id: 'org-members' }, 'Members ', countEl),
      h('div', { class: 'filter' }, h('label', { for: search.id, class: 'visually-hidden' }, 'Search members'), search)),
    tableSlot, pagerSlot);
  const invites = admin ? invitesSection({ base }) : null;
  const page = h('div', { class: 'page', dataset: { testid: 'organization-page' } },
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Organization'),
      h('p', { class: 'muted' }, admin ? 'The people of your organization: change their role, remove them, invite new ones.'
        : 'The people of your organization. Owners and Admins manage members and invites.'))),
    members, invites?.node);
  host.append(page);

  let params = route.params;
  let loadToken = 0;
  const pageNo = () => Math.max(1, Number(params.get('page')) || 1);
  const limit = () => Number(params.get('limit')) || 25;

  function setQuery(patch, { keepPage = false } = {}) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) { if (v === '' || v === null || v === undefined) next.delete(k); else next.set(k, String(v)); }
    if (!keepPage) next.delete('page');
    go(buildHash('/organization', next), { replace: true });
  }

  // Searching waits for a pause in typing (Enter searches at once), so each key is not a request.
  let timer = null;
  const applySearch = () => {
    clearTimeout(timer);
    if (!search.isConnected) return;
    if ((params.get('search') || '') !== search.value.trim()) setQuery({ search: search.value.trim() });
  };
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(applySearch, 400); });
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); applySearch(); } });

  /** A bulk route's single outcome: throws its status when the server did not do it. */
  function checkOutcome(results, email) {
    const outcome = (results || []).find((o) => o.email === email);
    if (outcome && outcome.status !== 'updated' && outcome.status !== 'deleted') throw new Error(`${email}: ${outcome.status}`);
  }

  async function changeRole(user, select) {
    const previous = user.organizationRole;
    select.disabled = true;
    clearError(members);
    try {
      const data = await api(`${base}/users`, { method: 'POST', body: { users: [{ email: user.email, organizationRole: select.value.toLowerCase() }] } });
      checkOutcome(data.users?.results, user.email);
      user.organizationRole = select.value;
      toast(`${user.email} is now ${select.value === 'Admin' ? 'an Admin' : 'a Member'}.`);
    } catch (error) {
      select.value = previous;
      showError(members, error, { title: 'The role could not be changed' });
    } finally { select.disabled = false; }
  }

  async function remove(user) {
    const ok = await confirmDialog({ title: `Remove ${user.email}?`, okLabel: 'Remove member',
      message: [`${user.name && user.name !== user.email ? user.name + ' (' + user.email + ')' : user.email} loses access to the organization and every project in it at once.`,
        'Their labels, reviews and issues stay. To bring them back, invite them again.'],
      onConfirm: async () => { const data = await api(`${base}/users`, { method: 'DELETE', body: { users: [user.email] } }); checkOutcome(data.results, user.email); } });
    if (!ok) return;
    toast(`${user.email} was removed.`);
    load();
  }

  function roleCell(user) {
    const self = user.email === me.email;
    if (!admin || user.organizationRole === 'Owner' || self) {
      return h('span', { class: `badge ${user.organizationRole === 'Member' ? '' : 'info'}`, dataset: { testid: 'member-role' },
        title: self && admin && user.organizationRole !== 'Owner' ? 'Another Owner or Admin changes your own role.' : null }, user.organizationRole);
    }
    const select = h('select', { 'aria-label': `Role of ${user.email}`, dataset: { testid: 'member-role-select' }, onchange: () => changeRole(user, select) },
      ['Admin', 'Member'].map((r) => h('option', { value: r, selected: r === user.organizationRole }, r)));
    return select;
  }

  function draw(users, total) {
    countEl.textContent = `(${total})`;
    if (!users.length) {
      mount(tableSlot, emptyState('No members found', params.get('search') ? 'Nobody matches this search.' : 'This organization has no members yet.'));
      mount(pagerSlot);
      return;
    }
    mount(tableSlot, h('table', { class: 'table', dataset: { testid: 'members-table' } },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Role', 'Joined'].map((t) => h('th', { scope: 'col' }, t)),
        admin ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
      h('tbody', {}, users.map((u) => h('tr', { dataset: { email: u.email } },
        h('td', {}, u.name || '—'), h('td', {}, u.email), h('td', { dataset: { col: 'role' } }, roleCell(u)),
        h('td', { class: 'nowrap' }, formatDate(u.createdAt)),
        admin ? h('td', { class: 'nowrap' }, u.organizationRole === 'Owner' || u.email === me.email ? null
          : h('button', { type: 'button', class: 'btn small', dataset: { testid: 'remove-member' }, onclick: () => remove(u) }, 'Remove')) : null)))));
    mount(pagerSlot, pager({ page: pageNo(), limit: limit(), total, testid: 'members-pager', onChange: (p) => setQuery({ page: p.page, limit: p.limit }, { keepPage: true }) }));
  }

  async function load() {
    const mine = ++loadToken;
    clearError(members);
    mount(tableSlot, loading('Loading members…'));
    try {
      const data = await api(`${base}/users`, { query: { search: params.get('search') || undefined, page: pageNo(), limit: limit() } });
      if (mine === loadToken) draw(data.users || [], data.total || 0);
    } catch (error) {
      if (mine !== loadToken) return;
      mount(tableSlot); mount(pagerSlot);
      showError(members, error, { title: 'Members could not be loaded' });
    }
  }

  await Promise.all([load(), invites?.load()]);
  return {
    update(r) {
      params = r.params;
      if (document.activeElement !== search) search.value = params.get('search') || '';
      load();
    },
    destroy() { loadToken++; clearTimeout(timer); },
  };
}
