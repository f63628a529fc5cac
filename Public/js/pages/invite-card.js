// "Invite someone" (org admins, on the Profile page): makes an invite link with POST /auth/invites.
// The link works once, for 7 days; the invitee opens it, picks a password and is signed in.
import { api } from '../api.js';
import { h, field } from '../ui/dom.js';
import { toast, errorText } from '../ui/notify.js';

export function inviteCard() {
  const email = h('input', { id: 'invite-email', type: 'email', autocomplete: 'off', required: true });
  const role = h('select', { id: 'invite-role' }, h('option', { value: 'Member' }, 'Member'), h('option', { value: 'Admin' }, 'Admin'));
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'invite-create-error' } });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', dataset: { testid: 'create-invite' } }, 'Make invite link');
  const form = h('form', { class: 'stack', novalidate: true, onsubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!email.value.trim()) { error.textContent = 'Enter the email address to invite.'; error.hidden = false; return; }
    submit.disabled = true;
    try {
      const made = await api('/auth/invites', { method: 'POST', body: { email: email.value.trim(), orgRole: role.value } });
      const link = h('input', { id: 'invite-link', readonly: true, value: made.inviteUrl, class: 'code', dataset: { testid: 'invite-link' },
        onfocus: (ev) => ev.target.select() });
      const copy = h('button', { type: 'button', class: 'btn small', onclick: async () => {
        try { await navigator.clipboard.writeText(made.inviteUrl); } catch { link.select(); document.execCommand('copy'); }
        toast('Invite link copied.');
      } }, 'Copy');
      result.replaceChildren(h('div', { class: 'banner new-key' },
        h('label', { for: link.id }, h('strong', {}, `Invite for ${made.email}. `), 'Send this link; it works once, for 7 days.'),
        h('div', { class: 'row' }, link, copy)));
      email.value = '';
    } catch (err) { error.textContent = errorText(err); error.hidden = false; } finally { submit.disabled = false; }
  } }, h('div', { class: 'row' }, field('Email', email), field('Organization role', role)), error, h('div', { class: 'row' }, submit));
  return h('section', { class: 'card', 'aria-labelledby': 'profile-invite' }, h('h2', { id: 'profile-invite' }, 'Invite someone'),
    h('p', { class: 'muted' }, 'They choose their own password from the link and join this organization.'),
    form, result);
}
