// Sign-in by token: kept in localStorage, taken from #token=… (kiosks, screenshots), pasted, or
// picked from the development identities the server offers while it uses its development secret.
import { getPublic } from './api.js';
import { fill, h } from './dom.js';
import { applyStatic, t } from './i18n.js';
import { departmentName } from './reference.js';

const STORAGE_KEY = 'cityloop.token';
const listeners = new Set();
let current = null; // {token, role, dept, sub, exp}

/** The claims of a JWT (not verified here: the server does that on every call). */
export function decode(token) {
  const parts = String(token ?? '')
    .trim()
    .split('.');
  if (parts.length !== 3) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      [...atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))]
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json);
    if (typeof claims.role !== 'string') return null;
    return {
      token: parts.join('.'),
      role: claims.role,
      dept: claims.dept ?? null,
      sub: claims.sub ?? '',
      exp: claims.exp ?? null,
    };
  } catch {
    return null;
  }
}

const expired = (identity) => identity.exp !== null && identity.exp * 1000 < Date.now();

/** Reads #token=… (then removes it from the address bar) or the stored token. */
export function initAuth() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const fromHash = hash.get('token');
  if (fromHash) {
    // not left in the address bar (nor in the history) once read
    hash.delete('token');
    const rest = hash.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    const identity = decode(fromHash);
    if (identity) localStorage.setItem(STORAGE_KEY, identity.token);
  }
  const stored = decode(localStorage.getItem(STORAGE_KEY));
  current = stored && !expired(stored) ? stored : null;
  return current;
}

export const identity = () => current;
export const token = () => current?.token ?? null;
export const onIdentityChange = (fn) => listeners.add(fn);

function setIdentity(next) {
  current = next;
  if (next) localStorage.setItem(STORAGE_KEY, next.token);
  else localStorage.removeItem(STORAGE_KEY);
  for (const fn of listeners) fn(current);
}

export const signOut = () => setIdentity(null);

/** The token was refused by the server: forget it and ask again. */
export function rejected() {
  if (!current) return;
  setIdentity(null);
  openSignIn(t('auth.rejected'));
}

/** The sign-in dialog: paste box and the development picker. */
export function openSignIn(message) {
  const dialog = document.getElementById('signin');
  const error = h('p', { class: 'signin-error', role: 'alert' }, message ?? '');
  const input = h('textarea', {
    id: 'signin-token',
    autofocus: true,
    rows: 3,
    spellcheck: 'false',
    autocomplete: 'off',
    'data-i18n-placeholder': 'auth.pastePlaceholder',
  });
  const picker = h('div', { class: 'signin-picker' }, h('p', { class: 'muted' }, t('drawer.loading')));
  const use = () => {
    const next = decode(input.value);
    if (!next) return void (error.textContent = t('auth.invalidToken'));
    if (expired(next)) return void (error.textContent = t('auth.expired'));
    dialog.close();
    setIdentity(next);
  };
  fill(
    dialog,
    h(
      'form',
      { method: 'dialog', class: 'signin', onsubmit: (e) => (e.preventDefault(), use()) },
      h(
        'header',
        null,
        h('h2', { 'data-i18n': 'auth.dialogTitle' }),
        h(
          'button',
          {
            type: 'button',
            class: 'icon-button',
            'data-i18n-title': 'auth.close',
            onclick: () => dialog.close(),
          },
          '×',
        ),
      ),
      error,
      h('label', { for: 'signin-token', 'data-i18n': 'auth.pasteLabel' }),
      input,
      h(
        'div',
        { class: 'signin-actions' },
        h('button', { type: 'submit', class: 'primary', 'data-i18n': 'auth.useToken' }),
      ),
      h('h3', { 'data-i18n': 'auth.devPicker' }),
      h('p', { class: 'muted small', 'data-i18n': 'auth.devPickerHint' }),
      picker,
      h('p', { class: 'muted small', 'data-i18n': 'auth.kioskHint' }),
    ),
  );
  applyStatic(dialog);
  if (!dialog.open) dialog.showModal();
  getPublic('/api/v1/dev/tokens')
    .then((body) => {
      const items = body.items ?? [];
      if (items.length === 0) return void fill(picker, h('p', { class: 'muted' }, t('auth.devNone')));
      // The command centre's own roles first.
      const order = (role) => (role === 'command' ? 0 : role === 'evaluator' ? 1 : 2);
      fill(
        picker,
        [...items]
          .sort((a, b) => order(a.role) - order(b.role))
          .map((item) =>
            h(
              'button',
              {
                type: 'button',
                class: `pick ${order(item.role) < 2 ? 'pick-main' : ''}`,
                onclick: () => {
                  const next = decode(item.token);
                  if (!next) return void (error.textContent = t('auth.invalidToken'));
                  dialog.close();
                  setIdentity(next);
                },
              },
              h('span', { class: 'pick-role' }, t(`role.${item.role}`)),
              h('span', { class: 'pick-label' }, item.label ?? ''),
              item.scope ? h('span', { class: 'pick-scope' }, item.scope) : null,
            ),
          ),
      );
    })
    .catch(() => fill(picker, h('p', { class: 'muted' }, t('auth.devNone'))));
}

/** Who is signed in (role, and department where there is one), with switch and sign-out. */
export function showWho(el) {
  const id = current;
  if (!id)
    return void fill(
      el,
      h('button', { type: 'button', class: 'primary small', onclick: () => openSignIn() }, t('auth.signIn')),
    );
  fill(
    el,
    h(
      'span',
      { class: 'role-badge', title: id.sub },
      t(`role.${id.role}`),
      id.dept ? ` · ${departmentName(id.dept)}` : '',
    ),
    h('button', { type: 'button', class: 'ghost small', onclick: () => openSignIn() }, t('auth.switch')),
    h('button', { type: 'button', class: 'ghost small', onclick: () => signOut() }, t('auth.signOut')),
  );
}
