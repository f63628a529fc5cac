// Where messages go: API errors of a page appear in a banner at the top of that page (with the
// server's own message); short confirmations appear as toasts in the corner.
import { h } from './dom.js';

/** The text to show for an error: the server's message for ApiError, else the JS message. */
export function errorText(error) {
  if (!error) return 'Something went wrong.';
  if (error.status === 403) return `Not allowed: ${error.message}`;
  if (error.status === 0 || error instanceof TypeError) return 'The server cannot be reached. Check your connection and try again.';
  return error.message || String(error);
}

/** An error banner with a dismiss button, placed inside `host` (replacing an earlier one). */
export function showError(host, error, { title = 'Something went wrong' } = {}) {
  clearError(host);
  const banner = h('div', { class: 'banner error', role: 'alert', dataset: { testid: 'error-banner' } },
    h('strong', {}, title + ': '), h('span', { class: 'banner-text' }, errorText(error)),
    h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Dismiss', onclick: () => banner.remove() }, '×'));
  host.prepend(banner);
  return banner;
}

/** Removes the error banner of `host`, if any. */
export function clearError(host) {
  host.querySelectorAll(':scope > .banner.error').forEach((b) => b.remove());
}

let toastHost = null;

/** A short message that goes away by itself; kind is 'ok' or 'error'. */
export function toast(message, kind = 'ok') {
  if (!toastHost || !toastHost.isConnected) {
    toastHost = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(toastHost);
  }
  const item = h('div', { class: `toast ${kind}`, dataset: { testid: 'toast' } }, message);
  toastHost.append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 8000 : 4000);
}
