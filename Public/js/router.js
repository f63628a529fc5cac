// Hash routes: '#/projects/<pid>/tasks?stage=Label&page=2' -> {path, parts, params}. The query
// lives inside the hash so a filtered view is one shareable link and survives reloads.

/** The current route. */
export function currentRoute() { return parseHash(location.hash); }

export function parseHash(hash) {
  const text = (hash || '').replace(/^#/, '') || '/projects';
  const q = text.indexOf('?');
  const path = q < 0 ? text : text.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { path, parts, params };
}

/** '#/path?query' from a path and a params object/URLSearchParams (empty values dropped). */
export function buildHash(path, params) {
  const search = new URLSearchParams();
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params || {});
  for (const [k, v] of entries) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const text = search.toString();
  return '#' + path + (text ? '?' + text : '');
}

/** Goes to a hash; `replace` keeps the history entry (for filter tweaks that should not pile up). */
export function go(hash, { replace = false } = {}) {
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(null, '', location.pathname + location.search + hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** The project link helpers, so every page spells routes the same way. */
export const links = {
  projects: () => '#/projects',
  project: (pid, tab = 'tasks') => `#/projects/${encodeURIComponent(pid)}/${tab}`,
  openTask: (pid, taskId) => `#/projects/${encodeURIComponent(pid)}/tasks/${encodeURIComponent(taskId)}/open`,
  issue: (pid, issueId) => `#/projects/${encodeURIComponent(pid)}/issues/${encodeURIComponent(issueId)}`,
  profile: () => '#/profile',
  organization: () => '#/organization',
  login: () => '#/login',
};
