// Profile: who you are, and your API key (only its last characters are ever shown again; a
// rotated key is shown once, and the old one stops working at once).
import { api, session, loadSession } from '../api.js';
import { h, field } from '../ui/dom.js';
import { confirmDialog } from '../ui/dialog.js';
import { toast, errorText } from '../ui/notify.js';
import { inviteCard } from './invite-card.js';

export async function render(host, route, { setCrumbs }) {
  setCrumbs([{ label: 'Profile' }]);
  await loadSession().catch(() => {});
  const s = session();
  const me = s?.user || {};
  const hint = h('code', { dataset: { testid: 'api-key-hint' } }, s?.apiKeyHint ? `…${s.apiKeyHint}` : 'not set');
  const keySlot = h('div', { 'aria-live': 'polite' });
  const rotate = h('button', { type: 'button', class: 'btn', dataset: { testid: 'rotate-key' }, onclick: async () => {
    let key = null;
    const ok = await confirmDialog({ title: 'Rotate API key?', okLabel: 'Rotate key', danger: true,
      message: ['A new key is made and shown once. The current key stops working right away: scripts and SDK clients using it must get the new one.'],
      onConfirm: async () => { key = (await api('/auth/apikey', { method: 'POST' })).apiKey; } });
    if (!ok || !key) return;
    const value = h('input', { id: 'new-api-key', readonly: true, value: key, class: 'code', dataset: { testid: 'new-api-key' }, onfocus: (e) => e.target.select() });
    const copy = h('button', { type: 'button', class: 'btn small', dataset: { testid: 'copy-key' }, onclick: async () => {
      try { await navigator.clipboard.writeText(key); toast('API key copied.'); } catch { value.select(); document.execCommand('copy'); toast('API key copied.'); }
    } }, 'Copy');
    keySlot.replaceChildren(h('div', { class: 'banner warn new-key' }, h('label', { for: value.id }, h('strong', {}, 'Your new API key. '), 'Copy it now: it will not be shown again.'), h('div', { class: 'row' }, value, copy)));
    hint.textContent = `…${key.slice(-4)}`;
    value.focus();
    loadSession().catch(() => {});
  } }, 'Rotate API key');
  const dl = (rows) => h('dl', { class: 'props' }, rows.flatMap(([k, v, testid]) => [h('dt', {}, k), h('dd', { dataset: testid ? { testid } : {} }, v)]));
  host.append(h('div', { class: 'page narrow', dataset: { testid: 'profile-page' } },
    h('div', { class: 'page-head' }, h('h1', {}, 'Profile')),
    h('section', { class: 'card', 'aria-labelledby': 'profile-me' }, h('h2', { id: 'profile-me' }, 'Account'),
      dl([['Name', me.name || '—', 'profile-name'], ['Email', me.email || '—', 'profile-email'], ['Organization role', me.orgRole || '—', 'profile-role'], ['Organization', h('code', {}, me.organizationId || '—')]])),
    h('section', { class: 'card', 'aria-labelledby': 'profile-key' }, h('h2', { id: 'profile-key' }, 'API key'),
      h('p', { class: 'muted' }, 'Use it with the imerit-ango SDK or the REST API (header “apikey”).'),
      dl([['Current key', hint]]), h('div', { class: 'row' }, rotate), keySlot),
    passwordCard(),
    me.orgRole === 'Owner' || me.orgRole === 'Admin' ? inviteCard() : null));
  return {};
}

/** Changing the password ends the user's other sessions; this one stays signed in. */
function passwordCard() {
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', minlength: 8 });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'password-error' } });
  const submit = h('button', { type: 'submit', class: 'btn', dataset: { testid: 'change-password' } }, 'Change password');
  return h('section', { class: 'card', 'aria-labelledby': 'profile-pw' }, h('h2', { id: 'profile-pw' }, 'Password'),
    h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      error.hidden = true;
      if (next.value.length < 8) { error.textContent = 'The new password needs at least 8 characters.'; error.hidden = false; return; }
      submit.disabled = true;
      try {
        await api('/auth/password', { method: 'POST', body: { currentPassword: current.value, newPassword: next.value } });
        await loadSession();
        current.value = ''; next.value = '';
        toast('Password changed. Other sessions were signed out.');
      } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { submit.disabled = false; }
    } }, field('Current password', current, 'Leave empty if you signed in with an API key and never set one.'), field('New password', next, 'At least 8 characters.'), error, h('div', { class: 'row' }, submit)));
}
