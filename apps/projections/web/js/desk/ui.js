// What the work desks share: buttons that act once, fields, photo pickers, lights, deadlines and
// waiting times, how a case is named, placed and linked, and how a failed command is said.
import { ApiError, objectUrl, upload, via } from '../api.js';
import { h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { t } from '../i18n.js';
import { errorText } from '../panel.js';
import { categoryName, cellLabel, streetName } from '../reference.js';

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

/** Whether a refusal says that the item was decided or changed elsewhere meanwhile (404, 409). */
export const decidedElsewhere = (error) =>
  error instanceof ApiError && (error.status === 404 || error.status === 409);

/**
 * What a view does with a failed command: says it in a toast (a server's refusal with its code, a
 * check made here in its own words); where the item was decided elsewhere, reload() shows it as it
 * now is.
 */
export const failure = (ctx, reload) => (error) => {
  ctx.toast(error instanceof ApiError ? refusal(error) : error.message, { error: true });
  if (decidedElsewhere(error)) reload?.();
};

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

/** "3 小时" / "2 天" / "5 分钟": a span of milliseconds, before or after. */
export function spanText(ms) {
  const hours = Math.abs(ms) / 3_600_000;
  if (hours >= 48) return t('desk.days', { n: Math.round(hours / 24) });
  if (hours >= 1) return t('desk.hours', { n: Math.round(hours) });
  return t('desk.minutes', { n: Math.max(1, Math.round(hours * 60)) });
}

/** "截止 11-27 17:00 · 剩 3 小时" or "· 超时 2 小时" against now (ms). */
export function deadlineText(deadlineAt, now = Date.now()) {
  if (!deadlineAt) return '';
  const left = new Date(deadlineAt).getTime() - now;
  const span = spanText(left);
  return `${t('desk.deadline')} ${shortDateTime(deadlineAt)} · ${t(left >= 0 ? 'desk.left' : 'desk.over', { span })}`;
}

/** "已等待 3 小时": how long something has waited since an ISO time, against now (ms). */
export const waitingText = (since, now = Date.now()) =>
  t('desk.waiting', { span: spanText(Math.max(0, now - Date.parse(since))) });

/** "更新于 11-27 08:53": when the view last read its lists; stamp() sets it to now. */
export function updatedNote(id) {
  const el = h('span', { class: 'muted small', id });
  const stamp = () => (el.textContent = t('desk.updated', { time: shortDateTime(new Date().toISOString()) }));
  return { el, stamp };
}

/** The toolbar's refresh button. */
export const refreshButton = (refresh, attrs = {}) =>
  h('button', { type: 'button', class: 'ghost small', onclick: refresh, ...attrs }, t('desk.refresh'));

/** What a case is, by its category; "案件" while the category is not known. */
export const caseTitle = (categoryCode) => (categoryCode ? categoryName(categoryCode) : t('desk.case'));

/** Where a case is: its grid cell, else its street. */
export const placeOf = (c) => cellLabel(c.gridCellCode) || streetName(c.streetId);

/** The case's short id, opening its timeline. */
export const caseLink = (caseId, ctx) =>
  h(
    'button',
    {
      type: 'button',
      class: 'case-link',
      title: caseId,
      dataset: { caseId },
      onclick: () => ctx.openCase(caseId),
    },
    caseId.slice(0, 8),
  );

/** "案件 5c06208e-…": the case's full id as text. */
export const caseNumber = (caseId) =>
  h('span', null, `${t('desk.case')} `, h('span', { class: 'mono small' }, caseId));

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A photo picker: previews of the chosen photos; upload() sends each to disposal's evidence store
 * (through the gateway) and gives their ids, kept until the choice changes (a retry of a failed
 * submission does not send them again). Wrong types and sizes are refused before sending.
 */
export function photoPicker(onError) {
  const chosen = [];
  let sent = null; // the evidence ids of the chosen photos, once sent
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
              onclick: () => (chosen.splice(i, 1), (sent = null), redraw()),
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
    sent = null;
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
      if (sent) return sent;
      const ids = [];
      for (const file of chosen) ids.push((await upload(via('disposal', '/evidence'), file)).evidenceId);
      return (sent = ids);
    },
    clear() {
      chosen.length = 0;
      sent = null;
      redraw();
    },
  };
}

/** The photos' field: a div, not a label (the picker holds a label and buttons of its own). */
export const photoField = (label, picker) =>
  h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), picker.el);

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
