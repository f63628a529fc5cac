// The Issues tab: the project's issues (GET /v2/issues, server-paged), filtered by status, author
// and task, with Resolve / Reopen. The filters live in the hash query like the Tasks table's, so
// a mention notification's link (#/projects/:pid/issues/:issueId) and a filtered view are links.
// A Labeler only gets the issues they opened or are mentioned in: the server filters, not us.
import { api, session } from '../api.js';
import { buildHash, go, links } from '../router.js';
import { h, mount, formatDate, emptyState, loading } from '../ui/dom.js';
import { showError, clearError, toast } from '../ui/notify.js';
import { pager } from '../ui/pager.js';
import { atLeast } from './roles.js';

const STATUSES = ['Open', 'Resolved', 'Closed'];
const STATUS_CLASS = { Open: 'warn', Resolved: 'ok', Closed: '' };

export async function render(host, route, { pid, getProject }) {
  const root = h('section', { class: 'issues', dataset: { testid: 'issues-page' }, 'aria-label': 'Issues' });
  const filtersSlot = h('div', {});
  const countEl = h('div', { class: 'selection-count', 'aria-live': 'polite', dataset: { testid: 'issues-count' } });
  const tableSlot = h('div', { class: 'table-wrap' });
  const pagerSlot = h('div', {});
  root.append(filtersSlot, h('div', { class: 'toolbar' }, countEl,
    h('button', { type: 'button', class: 'btn ghost', dataset: { testid: 'refresh-issues' }, onclick: () => load() }, '↻ Refresh')), tableSlot, pagerSlot);
  host.append(root);

  let r = route;
  let issues = [];
  let total = 0;
  let loadToken = 0;
  const me = session()?.user?.email;

  const focused = () => r.parts[3] || '';
  // A link to one issue shows it whatever its status; the list alone starts on the open ones.
  const status = () => r.params.get('status') || (focused() ? 'all' : 'Open');
  const pageNo = () => Math.max(1, Number(r.params.get('page')) || 1);
  const limit = () => Number(r.params.get('limit')) || 25;

  function setQuery(patch, { keepPage = false } = {}) {
    const next = new URLSearchParams(r.params);
    for (const [k, v] of Object.entries(patch)) { if (v === '' || v === null || v === undefined) next.delete(k); else next.set(k, String(v)); }
    if (!keepPage) next.delete('page');
    go(buildHash(`/projects/${pid}/issues${focused() ? '/' + encodeURIComponent(focused()) : ''}`, next));
  }

  function drawFilters() {
    const statusSel = h('select', { id: 'issue-status', dataset: { testid: 'issue-status' }, onchange: (e) => setQuery({ status: e.target.value }) },
      [...STATUSES, 'all'].map((s) => h('option', { value: s, selected: s === status() }, s === 'all' ? 'All' : s)));
    const authors = new Set((getProject().assignedTo || []).map((m) => m.assignee).filter(Boolean));
    if (me) authors.add(me);
    const author = r.params.get('author') || '';
    if (author) authors.add(author);
    const authorSel = h('select', { id: 'issue-author', dataset: { testid: 'issue-author' }, onchange: (e) => setQuery({ author: e.target.value }) },
      h('option', { value: '' }, 'Anyone'), [...authors].sort().map((a) => h('option', { value: a, selected: a === author }, a)));
    const task = r.params.get('task');
    mount(filtersSlot, h('div', { class: 'filters', role: 'search', 'aria-label': 'Filter issues' },
      h('div', { class: 'filter' }, h('label', { for: statusSel.id }, 'Status'), statusSel),
      h('div', { class: 'filter' }, h('label', { for: authorSel.id }, 'Opened by'), authorSel),
      task ? h('div', { class: 'filter' }, h('span', { class: 'filter-label' }, 'Task'),
        h('span', { class: 'pill subtle', dataset: { testid: 'issue-task-filter' } }, h('code', {}, task), ' ',
          h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Show issues of every task', onclick: () => setQuery({ task: '' }) }, '×'))) : null));
  }

  function canChange(issue) { return issue.createdBy === me || atLeast(getProject(), 'Lead'); }

  async function setStatus(issue, next, button) {
    button.disabled = true;
    clearError(root);
    try {
      const data = await api(`/v2/issues/${encodeURIComponent(issue._id)}`, { method: 'POST', body: { status: next } });
      // The row stays with its new status (it may no longer match the filter) so Reopen can undo.
      issues = issues.map((i) => (i._id === issue._id ? { ...i, ...data.issue } : i));
      drawTable();
      toast(next === 'Open' ? 'Issue reopened.' : `Issue ${next.toLowerCase()}.`);
    } catch (error) {
      button.disabled = false;
      showError(root, error, { title: 'The issue could not be changed' });
    }
  }

  function codes(issue) {
    const list = issue.errorCodes || [];
    if (!list.length) return h('span', { class: 'muted' }, '—');
    return list.map((c) => h('span', { class: 'pill subtle', title: c.category }, `${c.category}: ${c.name}${c.key ? ` (${c.key})` : ''}`));
  }

  function contentCell(issue) {
    const comments = issue.comments || [];
    const mentions = (issue.contentMentions || []).map((m) => m.userName || m.userEmail);
    // <details> keeps the table one line per issue; the full text and the thread are one click away.
    return h('details', { class: 'issue-text', open: issue._id === focused() },
      h('summary', {}, issue.content || h('span', { class: 'muted' }, '(no text)')),
      mentions.length ? h('p', { class: 'muted small' }, `Mentions: ${mentions.join(', ')}`) : null,
      comments.length ? h('ol', { class: 'comment-list' }, comments.map((c) => h('li', {},
        h('span', { class: 'muted small' }, `${c.createdBy} · ${formatDate(c.createdAt)}`), h('div', {}, c.content)))) : null);
  }

  function drawTable() {
    countEl.textContent = `${total} issue${total === 1 ? '' : 's'}`;
    if (!issues.length) {
      mount(tableSlot, emptyState('No issues here', status() === 'Open'
        ? 'Nobody has an open issue in this project. Issues are raised from the editor.'
        : 'No issue matches these filters.'));
      mount(pagerSlot);
      return;
    }
    const rows = issues.map((issue) => {
      const actions = [];
      if (canChange(issue)) {
        const next = issue.status === 'Open' ? 'Resolved' : 'Open';
        const button = h('button', { type: 'button', class: 'btn small', dataset: { testid: next === 'Open' ? 'reopen-issue' : 'resolve-issue' },
          onclick: () => setStatus(issue, next, button) }, next === 'Open' ? 'Reopen' : 'Resolve');
        actions.push(button);
      }
      return h('tr', { class: issue._id === focused() ? 'selected' : '', dataset: { issueId: issue._id, status: issue.status } },
        h('td', { dataset: { col: 'content' } }, contentCell(issue)),
        h('td', { dataset: { col: 'task' } }, h('a', { href: links.openTask(pid, issue.labelTask), class: 'row-link', dataset: { testid: 'issue-task-link' },
          'aria-label': `Open task ${issue.labelTask}` }, h('code', { class: 'id' }, issue.labelTask))),
        h('td', { dataset: { col: 'author' } }, issue.createdBy || '—'),
        h('td', { dataset: { col: 'stage' } }, issue.stageName || issue.stage ? h('span', { class: 'pill' }, issue.stageName || issue.stage) : h('span', { class: 'muted' }, '—')),
        h('td', { dataset: { col: 'errorCodes' } }, codes(issue)),
        h('td', { class: 'nowrap', dataset: { col: 'createdAt' } }, formatDate(issue.createdAt)),
        h('td', { class: 'num', dataset: { col: 'comments' } }, String((issue.comments || []).length)),
        h('td', { dataset: { col: 'status' } }, h('span', { class: `badge ${STATUS_CLASS[issue.status] ?? ''}`, dataset: { testid: 'issue-status-badge' } }, issue.status)),
        h('td', { class: 'nowrap' }, actions));
    });
    const th = (label, cls) => h('th', { scope: 'col', class: cls || null }, label);
    mount(tableSlot, h('table', { class: 'table issues-table', dataset: { testid: 'issues-table' } },
      h('thead', {}, h('tr', {}, th('Issue'), th('Task'), th('Opened by'), th('Stage'), th('Error codes'), th('Created'), th('Comments', 'num'), th('Status'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')))),
      h('tbody', {}, rows)));
    mount(pagerSlot, pager({ page: pageNo(), limit: limit(), total, testid: 'issues-pager', onChange: (p) => setQuery({ page: p.page, limit: p.limit }, { keepPage: true }) }));
    tableSlot.querySelector('tr.selected')?.scrollIntoView({ block: 'center' });
  }

  async function load() {
    const mine = ++loadToken;
    clearError(root);
    drawFilters();
    if (!issues.length) mount(tableSlot, loading('Loading issues…'));
    try {
      const data = await api('/v2/issues', { query: {
        project: pid, status: status() === 'all' ? undefined : status(), createdBy: r.params.get('author') || undefined,
        labelTask: r.params.get('task') || undefined, page: pageNo(), limit: limit(),
      } });
      if (mine !== loadToken) return;
      issues = data.issue || [];
      total = data.total || 0;
      drawTable();
    } catch (error) {
      if (mine !== loadToken) return;
      issues = []; total = 0;
      mount(tableSlot); mount(pagerSlot); countEl.textContent = '';
      showError(root, error, { title: 'Issues could not be loaded' });
    }
  }

  await load();
  return {
    update(next) { r = next; load(); },
    destroy() { loadToken++; },
  };
}
