// The single-page app: session check, the shell (top bar, breadcrumb, bell, user menu) and the hash
// router that mounts one view at a time. A view is {update?(route), destroy?()}; when the next
// route has the same view key (same project), the view is updated in place instead of rebuilt,
// so changing a Tasks filter does not refetch the project or flash the page.
import { loadSession, session, signOut } from './api.js';
import { currentRoute, go, links } from './router.js';
import { h, mount, loading } from './ui/dom.js';
import { menuButton } from './ui/menu.js';
import { showError } from './ui/notify.js';
import { notificationBell } from './pages/notification-bell.js';

const RETURN_KEY = 'gloss.returnTo';
const main = document.getElementById('main');
const crumbs = document.getElementById('crumbs');
const userSlot = document.getElementById('user-slot');
const orgLink = document.getElementById('org-link');
const bell = notificationBell(document.getElementById('bell-slot'));
let current = { key: null, view: null };
let renderToken = 0;

/** Pages call this to show where the user is: [{label, href?}]. */
export function setCrumbs(items) {
  mount(crumbs, items.flatMap((item, i) => [
    i ? h('span', { class: 'crumb-sep', 'aria-hidden': 'true' }, '/') : null,
    item.href && i < items.length - 1 ? h('a', { href: item.href, dataset: { testid: 'crumb' } }, item.label)
      : h('span', { 'aria-current': i === items.length - 1 ? 'page' : null, dataset: { testid: 'crumb' } }, item.label),
  ]));
}

function renderUserMenu() {
  const me = session()?.user;
  if (!me) { mount(userSlot); return; }
  mount(userSlot, menuButton({
    label: h('span', { class: 'avatar', 'aria-hidden': 'true' }, (me.name || me.email || '?').slice(0, 1).toUpperCase()),
    testid: 'user-menu', align: 'right', buttonClass: 'btn ghost',
    items: [
      h('div', { class: 'menu-head' }, h('strong', {}, me.name || me.email), h('small', {}, me.email)),
      { label: 'Profile', dataset: { testid: 'menu-profile' }, action: () => go(links.profile()) },
      { label: 'Sign out', dataset: { testid: 'sign-out' }, action: async () => { await signOut().catch(() => {}); go(links.login()); } },
    ],
  }));
  userSlot.querySelector('.menu-btn').setAttribute('aria-label', `Account: ${me.email}`);
}

/** Which module renders a route, and the key under which a live view may be reused. */
function resolve(route) {
  const [first, pid, tab, taskId, verb] = route.parts;
  if (first === 'login') return { key: 'login', load: () => import('./pages/login.js') };
  if (first === 'invite') return { key: `invite:${pid}`, load: () => import('./pages/invite.js') };
  if (first === 'profile') return { key: 'profile', load: () => import('./pages/profile.js') };
  if (first === 'organization') return { key: 'organization', load: () => import('./pages/organization.js') };
  if (first === 'projects' && pid) {
    if (tab === 'label' || tab === 'review') return { key: `editor:${route.path}`, load: () => import('./pages/editor-host.js') };
    if (tab === 'tasks' && taskId && verb === 'open') return { key: `editor:${route.path}`, load: () => import('./pages/editor-host.js') };
    return { key: `project:${pid}`, load: () => import('./pages/project.js') };
  }
  return { key: 'projects', load: () => import('./pages/projects.js') };
}

async function render() {
  const token = ++renderToken;
  const route = currentRoute();
  const isLogin = route.parts[0] === 'login';
  const isPublic = isLogin || route.parts[0] === 'invite'; // pages for people not signed in
  if (!session() && !isPublic) {
    sessionStorage.setItem(RETURN_KEY, location.hash || links.projects());
    go(links.login(), { replace: true });
    return;
  }
  if (session() && isLogin) { go(links.projects(), { replace: true }); return; }
  document.body.classList.toggle('signed-out', !session() || isPublic);
  renderUserMenu();
  // The header's bell and Organization link: the count is refreshed on every navigation.
  bell.close();
  if (session() && !isPublic) bell.refresh();
  if (route.parts[0] === 'organization') orgLink.setAttribute('aria-current', 'page'); else orgLink.removeAttribute('aria-current');
  const target = resolve(route);
  if (current.key === target.key && current.view?.update) { current.view.update(route); return; }
  try { current.view?.destroy?.(); } catch (e) { console.error(e); }
  current = { key: null, view: null };
  mount(main, loading());
  try {
    const module = await target.load();
    if (token !== renderToken) return;
    const host = h('div', { class: 'page-host' });
    mount(main, host);
    const view = await module.render(host, route, { setCrumbs });
    if (token !== renderToken) { view?.destroy?.(); return; }
    current = { key: target.key, view: view || {} };
    const heading = main.querySelector('h1');
    if (heading) document.title = `${heading.textContent} · Gloss`;
  } catch (error) {
    if (token !== renderToken) return;
    console.error(error);
    setCrumbs([{ label: 'Projects', href: links.projects() }, { label: 'Error' }]);
    mount(main, h('div', { class: 'page' }, h('p', {}, h('a', { href: links.projects() }, '← All projects'))));
    showError(main.firstChild, error, { title: 'This page could not be shown' });
  }
}

/** After sign-in: the page the user was sent away from, else the projects list. */
export function afterSignIn() {
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  go(back && !back.startsWith('#/login') ? back : links.projects());
}

window.addEventListener('gloss:signed-out', () => {
  if (currentRoute().parts[0] !== 'login') sessionStorage.setItem(RETURN_KEY, location.hash);
  go(links.login());
});
window.addEventListener('hashchange', render);
// The skip link must not change the hash (that would be a route); it only moves focus.
document.querySelector('.skip-link')?.addEventListener('click', (e) => { e.preventDefault(); main.focus(); });

(async () => {
  try { await loadSession(); } catch (error) { console.error(error); }
  render();
})();
