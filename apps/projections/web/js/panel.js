// What every panel shares: an error as a sentence, and a panel's loading / error / empty note.
import { ApiError } from './api.js';
import { fill, h } from './dom.js';
import { t } from './i18n.js';

export function errorText(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    return t('error.generic', { message: `${error.status} ${error.message}` });
  }
  return t('error.generic', { message: error?.message ?? String(error) });
}

/** Replace a panel body's content with a note (loading, error with retry, empty). */
export function note(el, text, { error = false, retry = null } = {}) {
  fill(
    el,
    h(
      'div',
      { class: `panel-note ${error ? 'error' : ''}` },
      h('span', null, text),
      retry ? h('button', { type: 'button', class: 'link', onclick: retry }, t('error.retry')) : null,
    ),
  );
}
