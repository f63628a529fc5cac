// The one way the web UI talks to the server. Every page and the editor import from here.
//
// Requests go to the same origin with the session cookie (HttpOnly, set by POST /auth/login).
// Writes (anything but GET/HEAD) carry the session's CSRF token in `X-CSRF-Token`; the server
// refuses cookie-authenticated writes without it.

/** A failed request: `status` is the HTTP status, `message` the server's `message`. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

let current = null; // {user, csrfToken, apiKeyHint} once signed in

/** The signed-in session, or null. Call `loadSession()` first. */
export function session() { return current; }

/** Asks the server who we are; null when not signed in. */
export async function loadSession() {
  try {
    current = await api('/auth/me');
  } catch (error) {
    if (error.status === 401) { current = null; } else { throw error; }
  }
  return current;
}

/** Signs in with `{email, password}` or `{apiKey}`; returns the session. */
export async function signIn(credentials) {
  current = await api('/auth/login', { method: 'POST', body: credentials });
  return current;
}

/** Ends the session on the server and forgets it here, with the editor's drafts (unsaved answers). */
export async function signOut() {
  try { await api('/auth/logout', { method: 'POST' }); } finally { current = null; clearDrafts(); }
}

/** Removes every `gloss.draft.*` key (editor/drafts.js): the next user of this browser must not see them. */
function clearDrafts() {
  try {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key && key.startsWith('gloss.draft.')) keys.push(key);
    }
    keys.forEach((key) => localStorage.removeItem(key));
  } catch { /* storage disabled: there are no drafts */ }
}

/**
 * Calls the API. `path` is absolute ('/v2/project/123', '/auth/me'); `query` an object whose
 * values are strings, numbers, booleans or (JSON-encoded) objects; `body` is sent as JSON.
 * Returns the envelope's `data` (the whole JSON when there is no `data`), or null for 204.
 * Throws ApiError with the server's message on any non-2xx answer.
 */
export async function api(path, { method = 'GET', query, body, signal } = {}) {
  let url = path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue;
      params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const text = params.toString();
    if (text) url += (url.includes('?') ? '&' : '?') + text;
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && current?.csrfToken) headers['X-CSRF-Token'] = current.csrfToken;
  const response = await fetch(url, {
    method, headers, signal, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  let json = null;
  const text = await response.text();
  if (text) { try { json = JSON.parse(text); } catch { json = null; } }
  if (!response.ok) {
    const message = json?.message || `${method} ${path} failed (${response.status})`;
    if (response.status === 401 && !path.startsWith('/auth/')) {
      current = null;
      window.dispatchEvent(new CustomEvent('gloss:signed-out'));
    }
    throw new ApiError(response.status, message, json);
  }
  return json && Object.prototype.hasOwnProperty.call(json, 'data') ? json.data : json;
}

/**
 * A browser-usable URL for an asset's `data`: Gloss file URLs need a signature (they expire),
 * public URLs are returned as they are.
 */
export async function signedUrl(url, context = {}) {
  if (!url) return url;
  // `context` ({project, task}) tells the server where the file belongs: storage objects are
  // presigned only for people who may see them there.
  const data = await api('/v2/getSignedUrl', { query: { url, ...context } });
  return data?.signedUrl || url;
}
