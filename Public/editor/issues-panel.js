// The Issues tab of the sidebar: the task's issues, open first, each with its text, author,
// status, error codes and replies; Resolve/Reopen, Delete (asks once more) and a reply field.
// Clicking an issue highlights it (and its pin) and selects its object. The server decides who may
// change what (authors their own, Leads and above any): every button is offered, a refusal is
// shown with the server's message.
import { h } from './dom.js';

const when = (iso) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(); };

const codeText = (c) => `${c.category}: ${c.name}${c.key ? ` (${c.key})` : ''}`;

export function renderIssues(container, ed) {
  const issues = ed.issues;
  container.append(h('h3.panel-title', {}, 'Issues ', h('span.count', {}, String(issues.openCount())), ' open'));
  if (!issues.loaded) { container.append(h('p.muted', {}, 'Loading issues…')); return; }
  if (issues.loadError) container.append(h('p.issue-error', { role: 'alert' }, `The issues could not be loaded: ${issues.loadError}`));
  container.append(h('p.muted.issue-hint', {}, ed.mediaKind === 'image'
    ? 'Select an object and press I, or place a pin with the issue tool.'
    : 'Select an object and press I to raise an issue on it.'));
  if (!issues.list.length) { container.append(h('p.muted', {}, 'No issues on this task.')); return; }
  const objectIndex = new Map(ed.state.answer.tools.map((o, i) => [o.objectId, i + 1]));
  container.append(h('ul.issues', {}, issues.list.map((issue) => issueRow(ed, issue, objectIndex))));
}

function issueRow(ed, issue, objectIndex) {
  const issues = ed.issues;
  const id = issue._id;
  const open = issue.status === 'Open';
  const disabled = issues.busy;
  const stop = (fn) => (ev) => { ev.stopPropagation(); fn(); };
  const where = issue.objectId
    ? (objectIndex.has(issue.objectId) ? `Object ${objectIndex.get(issue.objectId)}` : 'A removed object')
    : issue.position ? `Pin at ${issue.position}` : 'Whole task';
  const replies = issue.comments || [];
  const reply = h('input', {
    type: 'text', 'data-testid': 'issue-comment-input', placeholder: 'Reply…', 'aria-label': 'Reply to the issue',
    value: issues.comments.get(id) || '', dataset: { focusKey: `issue-reply/${id}` },
    on: {
      click: (ev) => ev.stopPropagation(),
      input: (ev) => issues.comments.set(id, ev.target.value),
      keydown: (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); issues.comment(issue); } },
    },
  });
  const actions = issues.confirming === id
    ? [h('span.muted', {}, 'Delete this issue?'),
      h('button.danger', { type: 'button', 'data-testid': 'issue-delete-confirm', disabled, on: { click: stop(() => issues.remove(issue)) } }, 'Delete'),
      h('button', { type: 'button', disabled, on: { click: stop(() => { issues.confirming = null; ed.onIssues(); }) } }, 'Keep')]
    : [open
      ? h('button', { type: 'button', 'data-testid': 'issue-resolve', disabled, on: { click: stop(() => issues.setStatus(issue, 'Resolved')) } }, 'Resolve')
      : h('button', { type: 'button', 'data-testid': 'issue-reopen', disabled, on: { click: stop(() => issues.setStatus(issue, 'Open')) } }, 'Reopen'),
    h('button.danger', { type: 'button', 'data-testid': 'issue-delete', disabled, on: { click: stop(() => { issues.confirming = id; ed.onIssues(); }) } }, 'Delete')];
  return h('li.issue-row', {
    'data-testid': 'issue-row', className: `issue-row${open ? '' : ' closed'}${issues.focused === id ? ' focused' : ''}`,
    dataset: { issueId: id, status: issue.status, focusKey: `issue/${id}` }, tabindex: '0',
    'aria-label': `Issue ${issues.number(issue)}: ${issue.status}`,
    on: {
      click: () => issues.focus(id),
      keydown: (ev) => {
        if (ev.target !== ev.currentTarget || (ev.key !== 'Enter' && ev.key !== ' ')) return;
        ev.preventDefault(); // not Submit (Enter) nor a page scroll (Space)
        issues.focus(id);
      },
    },
  },
  h('div.issue-head', {},
    h('span.issue-num', {}, `#${issues.number(issue)}`),
    h('span.issue-status', { className: `issue-status ${open ? 'open' : 'done'}`, 'data-testid': 'issue-status' }, issue.status),
    h('span.issue-where', {}, where),
    h('span.issue-replies', { 'data-testid': 'issue-comment-count' }, `${replies.length} comment${replies.length === 1 ? '' : 's'}`)),
  h('p.issue-content', { 'data-testid': 'issue-content-text' }, issue.content),
  (issue.errorCodes || []).length ? h('div.issue-codes', {}, issue.errorCodes.map((c) => h('span.badge', { 'data-testid': 'issue-code-badge' }, codeText(c)))) : null,
  h('div.issue-meta', {}, `${issue.createdBy || 'unknown'} · ${when(issue.createdAt)}${issue.stageName ? ` · ${issue.stageName}` : ''}`,
    !open && issue.resolvedBy ? ` · ${issue.status.toLowerCase()} by ${issue.resolvedBy}` : ''),
  replies.length ? h('ul.issue-comments', {}, replies.map((c) => h('li', { 'data-testid': 'issue-comment' },
    h('span.issue-meta', {}, `${c.createdBy} · ${when(c.createdAt)}`), h('div', {}, c.content)))) : null,
  h('div.issue-actions', {}, actions),
  h('div.issue-reply', {}, reply,
    h('button', { type: 'button', 'data-testid': 'issue-comment', disabled, on: { click: stop(() => issues.comment(issue)) } }, 'Reply')));
}
