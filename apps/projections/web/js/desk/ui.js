// What the work desks share: buttons that act once, fields, photo pickers, lights and deadlines.
import { ApiError, objectUrl, upload, via } from '../api.js';
import { h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { t } from '../i18n.js';
import { errorText } from '../panel.js';

/** A fresh idempotency key for one submission (kept across its retries, new for the next one). */
export const newKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`;

/** An error as one line, naming the refused field where the server names one. */
export function refusal(error) {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
    // The message names the refused fields ("invalid fields: location.lat").
    return t('desk.refused', { code: error.code, text: error.message });
  }
  return errorText(error);
}

/**
 * A button that runs act() once at a time: disabled (and marked busy) while it runs; a failure
 * goes to onError (the view's toast), success to onDone.
 */
export function actionButton(label, act, { kind = 'primary', onError, onDone, attrs = {} } = {}) {
  const button = h('button', { type: 'button', class: `${kind} small`, ...attrs }, label);
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    button.dataset.busy = '1';
    try {
      const result = await act();
      onDone?.(result);
    } catch (error) {
      onError?.(error);
    } finally {
      button.disabled = false;
      delete button.dataset.busy;
    }
  });
  return button;
}

/** A labelled field: label text above its control. */
export const field = (label, control, hint) =>
  h(
    'label',
    { class: 'field' },
    h('span', { class: 'field-label' }, label),
    control,
    hint ? h('small', { class: 'muted' }, hint) : null,
  );

/** The traffic light of an order: a lamp with its word. */
export const lightBadge = (light) =>
  h(
    'span',
    { class: `lamp-badge light-${light}`, dataset: { light } },
    h('i', { class: `lamp lamp-${light}` }),
    t(`light.${light}`),
  );

/** "截止 11-27 17:00 · 剩 3 小时" or "· 超时 2 小时" against now (ms). */
export function deadlineText(deadlineAt, now = Date.now()) {
  if (!deadlineAt) return '';
  const left = new Date(deadlineAt).getTime() - now;
  const hours = Math.abs(left) / 3_600_000;
  const span =
    hours >= 48
      ? t('desk.days', { n: Math.round(hours / 24) })
      : hours >= 1
        ? t('desk.hours', { n: Math.round(hours) })
        : t('desk.minutes', { n: Math.max(1, Math.round(hours * 60)) });
  return `${t('desk.deadline')} ${shortDateTime(deadlineAt)} · ${t(left >= 0 ? 'desk.left' : 'desk.over', { span })}`;
}

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A photo picker: previews of the chosen photos; upload() sends each to disposal's evidence store
 * (through the gateway) and gives their ids. Wrong types and sizes are refused before sending.
 */
export function photoPicker(onError) {
  const chosen = [];
  const previews = h('div', { class: 'photo-previews' });
  const input = h('input', {
    type: 'file',
    accept: PHOTO_TYPES.join(','),
    multiple: true,
    class: 'photo-input',
  });
  const redraw = () =>
    previews.replaceChildren(
      ...chosen.map((file, i) =>
        h(
          'figure',
          { class: 'photo' },
          h('img', { src: URL.createObjectURL(file), alt: file.name }),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              title: t('desk.photoRemove'),
              onclick: () => (chosen.splice(i, 1), redraw()),
            },
            '×',
          ),
        ),
      ),
    );
  input.addEventListener('change', () => {
    for (const file of input.files ?? []) {
      if (!PHOTO_TYPES.includes(file.type)) onError?.(new Error(t('desk.photoType', { name: file.name })));
      else if (file.size > PHOTO_MAX_BYTES) onError?.(new Error(t('desk.photoSize', { name: file.name })));
      else chosen.push(file);
    }
    input.value = '';
    redraw();
  });
  const el = h(
    'div',
    { class: 'photo-picker' },
    h('label', { class: 'ghost small photo-add' }, t('desk.photoAdd'), input),
    previews,
  );
  return {
    el,
    input,
    async upload() {
      const ids = [];
      for (const file of chosen) ids.push((await upload(via('disposal', '/evidence'), file)).evidenceId);
      return ids;
    },
    clear() {
      chosen.length = 0;
      redraw();
    },
  };
}

/** An empty list's note. */
export const empty = (text) => h('div', { class: 'panel-note' }, h('span', null, text));

/** Thumbnails of evidence photos (fetched with the token); a click opens the photo full size. */
export function evidencePhotos(ids) {
  const el = h('div', { class: 'photo-previews evidence' });
  for (const id of ids ?? []) {
    const figure = h('figure', { class: 'photo', dataset: { evidenceId: id } });
    el.append(figure);
    objectUrl(via('disposal', `/evidence/${encodeURIComponent(id)}`))
      .then((src) =>
        figure.append(h('a', { href: src, target: '_blank', rel: 'noopener' }, h('img', { src, alt: id }))),
      )
      .catch(() => figure.append(h('span', { class: 'muted small' }, t('desk.photoMissing'))));
  }
  return el;
}

/**
 * What a case is about, from its first report (the services' `brief`): the description as text,
 * the address, urgency and when it was reported. Nothing while the brief has not arrived.
 */
export function briefOf(brief) {
  if (!brief) return null;
  return h(
    'div',
    { class: 'brief', dataset: { role: 'brief' } },
    h('p', { class: 'work-text' }, brief.description),
    h(
      'div',
      { class: 'work-meta' },
      brief.urgency === 'urgent' ? h('span', { class: 'status status-rework' }, t('desk.urgent')) : null,
      brief.addressText ? h('span', null, brief.addressText) : null,
      h(
        'span',
        null,
        `${t(`source.${brief.source}`)} · ${t('desk.reportedAt')} ${shortDateTime(brief.reportedAt)}`,
      ),
    ),
  );
}
