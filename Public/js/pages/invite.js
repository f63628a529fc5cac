// Accepting an invite link (#/invite/<token>, made by POST /auth/invites): the invitee picks a
// name and password and is signed in.
import { api, loadSession } from '../api.js';
import { go, links } from '../router.js';
import { h, field } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';

export async function render(host, route, { setCrumbs }) {
  setCrumbs([]);
  const token = route.parts[1] || '';
  const card = h('section', { class: 'card login-card', 'aria-labelledby': 'invite-title' },
    h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'Gloss'));
  host.append(h('div', { class: 'login-wrap' }, card));
  let invite;
  try {
    invite = await api(`/auth/invites/${encodeURIComponent(token)}`);
  } catch (e) {
    card.append(h('h1', { id: 'invite-title' }, 'Invite not valid'), h('p', { class: 'form-error', role: 'alert' }, errorText(e)),
      h('a', { href: links.login() }, 'Go to sign in'));
    return {};
  }
  const name = h('input', { id: 'invite-name', autocomplete: 'name' });
  const password = h('input', { id: 'invite-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'invite-error' } });
  const submit = h('button', { type: 'submit', class: 'btn primary block', dataset: { testid: 'accept-invite' } }, 'Join');
  card.append(h('h1', { id: 'invite-title' }, 'Join your team'),
    h('p', { class: 'muted' }, `You were invited as ${invite.email} (${invite.orgRole}).`),
    h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      error.hidden = true;
      if (password.value.length < 8) { error.textContent = 'Choose a password of at least 8 characters.'; error.hidden = false; return; }
      submit.disabled = true;
      try {
        await api(`/auth/invites/${encodeURIComponent(token)}/accept`, { method: 'POST', body: { password: password.value, name: name.value.trim() || undefined } });
        await loadSession();
        go(links.projects());
      } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { submit.disabled = false; }
    } }, field('Your name', name), field('Password', password, 'At least 8 characters.'), error, submit));
  name.focus();
  return {};
}
