// Sign in: email + password, or the API key `gloss serve` prints on first start (for the very
// first admin, who has no password yet).
import { signIn } from '../api.js';
import { afterSignIn } from '../app.js';
import { h, field } from '../ui/dom.js';
import { errorText } from '../ui/notify.js';

export function render(host, route, { setCrumbs }) {
  setCrumbs([]);
  const email = h('input', { id: 'login-email', type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'login-error' } });
  const submit = h('button', { id: 'login-submit', type: 'submit', class: 'btn primary block' }, 'Sign in');

  const apiKey = h('input', { id: 'login-apikey', type: 'password', name: 'apiKey', autocomplete: 'off', required: true, spellcheck: 'false' });
  const keyError = h('p', { class: 'form-error', role: 'alert', hidden: true, dataset: { testid: 'login-apikey-error' } });
  const keySubmit = h('button', { id: 'login-apikey-submit', type: 'submit', class: 'btn block' }, 'Sign in with key');

  async function attempt(credentials, button, errorEl) {
    errorEl.hidden = true;
    button.disabled = true; button.classList.add('busy');
    try {
      await signIn(credentials);
      afterSignIn();
    } catch (e) {
      errorEl.textContent = e.status === 401 || e.status === 400 ? (e.message || 'Wrong email or password.') : errorText(e);
      errorEl.hidden = false;
    } finally {
      button.disabled = false; button.classList.remove('busy');
    }
  }

  const passwordForm = h('form', { class: 'stack', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    if (!email.value.trim() || !password.value) {
      error.textContent = 'Enter your email and password.'; error.hidden = false; return;
    }
    attempt({ email: email.value.trim(), password: password.value }, submit, error);
  } }, field('Email', email), field('Password', password), error, submit);

  const keyForm = h('form', { class: 'stack', novalidate: true, onsubmit: (e) => {
    e.preventDefault();
    if (!apiKey.value.trim()) { keyError.textContent = 'Paste an API key.'; keyError.hidden = false; return; }
    attempt({ apiKey: apiKey.value.trim() }, keySubmit, keyError);
  } }, field('API key', apiKey, 'The admin key is printed by “gloss serve” on its first start; every user finds theirs on the Profile page.'), keyError, keySubmit);

  host.append(h('div', { class: 'login-wrap' },
    h('section', { class: 'card login-card', 'aria-labelledby': 'login-title' },
      h('div', { class: 'login-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'Gloss'),
      h('h1', { id: 'login-title' }, 'Sign in'),
      h('p', { class: 'muted' }, 'Label, review and export your data.'),
      passwordForm,
      h('details', { class: 'alt-login' }, h('summary', {}, 'Sign in with an API key'), keyForm))));
  email.focus();
  return {};
}
