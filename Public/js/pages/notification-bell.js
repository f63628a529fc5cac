// The notification bell in the top bar: the unread count, and a panel with the latest
// notifications (GET /v2/notifications). The count is refreshed on every navigation and every
// 30 s while the tab is visible (a hidden tab does not poll: nobody would see the number).
// Picking a notification marks it read and follows its link; links are only ever an absolute
// http(s) URL (opened in a new tab) or an in-app '#/...' route, anything else is shown unlinked.
import { api, session } from '../api.js';
import { go } from '../router.js';
import { h, mount, timeAgo, formatDate, loading } from '../ui/dom.js';
import { errorText, toast } from '../ui/notify.js';

const POLL_MS = 30000;
const SHOWN = 15; // the panel lists the latest ones; older ones only matter through the count

/** Builds the bell inside `slot`; returns {refresh(), close()} for the app shell. */
export function notificationBell(slot) {
  const badge = h('span', { class: 'bell-badge', hidden: true, dataset: { testid: 'bell-count' } });
  const button = h('button', { type: 'button', class: 'btn ghost bell-btn', 'aria-expanded': 'false', 'aria-controls': 'bell-panel',
    'aria-label': 'Notifications', dataset: { testid: 'bell' } }, bellIcon(), badge);
  const list = h('div', { class: 'bell-list', 'aria-live': 'polite' });
  const markAll = h('button', { type: 'button', class: 'link', dataset: { testid: 'mark-all-read' }, onclick: () => markAllRead() }, 'Mark all read');
  const panel = h('div', { class: 'bell-panel', id: 'bell-panel', role: 'region', 'aria-label': 'Notifications', hidden: true, dataset: { testid: 'bell-panel' } },
    h('div', { class: 'bell-head' }, h('strong', {}, 'Notifications'), markAll), list);
  const wrap = h('div', { class: 'bell' }, button, panel);
  mount(slot, wrap);

  let unread = 0;
  let countToken = 0; // only the newest count answer is shown (a slow poll must not undo a fresher one)

  function setCount(n) {
    unread = Math.max(0, Number(n) || 0);
    badge.textContent = unread > 99 ? '99+' : String(unread);
    badge.hidden = unread === 0;
    button.setAttribute('aria-label', unread ? `Notifications, ${unread} unread` : 'Notifications');
    markAll.disabled = unread === 0;
  }

  async function refresh() {
    if (!session()) return;
    const mine = ++countToken;
    try {
      const data = await api('/v2/notifications', { query: { unread: true, limit: 1 } });
      if (mine === countToken) setCount(data.unread);
    } catch (error) { console.warn('notification count', error); }
  }

  async function loadList() {
    mount(list, loading());
    const mine = ++countToken;
    try {
      const data = await api('/v2/notifications', { query: { limit: SHOWN } });
      if (mine === countToken) setCount(data.unread);
      const items = data.notifications || [];
      mount(list, items.length ? items.map(item) : h('p', { class: 'muted bell-empty' }, 'No notifications yet.'));
    } catch (error) {
      mount(list, h('p', { class: 'form-error' }, errorText(error)));
    }
  }

  function item(n) {
    const isUnread = !n.readAt;
    const link = safeLink(n.clickableLink);
    const body = [
      h('span', { class: 'bell-title' }, n.title || 'Message'),
      n.message ? h('span', { class: 'bell-message' }, n.message) : null,
      h('span', { class: 'bell-meta', title: formatDate(n.createdAt) }, `${n.sentBy || 'Gloss'} · ${timeAgo(n.createdAt)}`),
    ];
    const attrs = { class: 'bell-item' + (isUnread ? ' unread' : ''), dataset: { testid: 'notification', id: n._id, unread: String(isUnread) },
      onclick: (e) => pick(e, n, link, isUnread) };
    if (link?.external) return h('a', { ...attrs, href: link.href, target: '_blank', rel: 'noopener noreferrer' }, body);
    if (link) return h('a', { ...attrs, href: link.href }, body);
    return h('button', { ...attrs, type: 'button' }, body);
  }

  async function pick(event, n, link, isUnread) {
    close();
    // A new tab must open within the click (popup blockers), so an external link is followed at
    // once and marked read alongside. An in-app link waits for the mark, so the count shown on
    // the next page is already right.
    if (link && !link.external) event.preventDefault();
    if (isUnread) {
      setCount(unread - 1);
      try { await api('/v2/notifications/read', { method: 'POST', body: { ids: [n._id] } }); } catch (error) { toast(errorText(error), 'error'); }
      refresh();
    }
    if (link && !link.external) go(link.href);
  }

  async function markAllRead() {
    markAll.disabled = true;
    try {
      await api('/v2/notifications/read', { method: 'POST', body: { all: true } });
      setCount(0);
      list.querySelectorAll('.bell-item.unread').forEach((el) => { el.classList.remove('unread'); el.dataset.unread = 'false'; });
    } catch (error) {
      toast(errorText(error), 'error');
      markAll.disabled = false;
    }
  }

  const onOutside = (e) => { if (!wrap.contains(e.target)) close(); };
  function open() {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('mousedown', onOutside);
    loadList();
  }
  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', onOutside);
  }
  button.addEventListener('click', () => (panel.hidden ? open() : close()));
  wrap.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !panel.hidden) { e.stopPropagation(); close(); button.focus(); } });

  setCount(0);
  setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, POLL_MS);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh(); });
  return { refresh, close };
}

/** {href, external} for a link the UI may follow, or null: never a javascript: or other scheme. */
export function safeLink(text) {
  if (typeof text !== 'string' || !text) return null;
  if (text.startsWith('#/')) return { href: text, external: false };
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { href: url.href, external: true };
  } catch { /* not a URL */ }
  return null;
}

/** A bell outline drawn with DOM calls (no markup strings, no image request). */
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', width: '20', height: '20', fill: 'none', stroke: 'currentColor', 'stroke-width': '2',
    'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(k, v);
  for (const d of ['M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9', 'M13.73 21a2 2 0 0 1-3.46 0']) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
