// The board of open orders with their traffic lights, most urgent first (the server's order).
import { fill, h } from './dom.js';
import { duration, percent, shortDateTime } from './format.js';
import { lang, t } from './i18n.js';
import { categoryName, cellLabel, departmentName, streetName } from './reference.js';

const LIGHTS = ['red', 'yellow', 'green'];

let list;
let filters;
let items = null;
let only = null; // a light, or null for all
let seen = new Map(); // caseId → light, to mark what changed since the last render
let rows = new Map(); // caseId → {el, signature}: the rows on screen
let onCase = () => {};
let now = () => Date.now();

/** container: the panel body; filterBar: where the light filters go; openCase(caseId). */
export function initBoard(container, filterBar, openCase, clock) {
  list = container;
  filters = filterBar;
  onCase = openCase;
  now = clock;
}

export const boardItems = () => items ?? [];

export function renderBoard(next) {
  if (next) {
    const changed = new Set();
    if (items) for (const item of next) if (seen.get(item.caseId) !== item.light) changed.add(item.caseId);
    seen = new Map(next.map((item) => [item.caseId, item.light]));
    items = next;
    draw(changed);
  } else draw(new Set());
}

function draw(changed) {
  if (!items) return;
  const counts = Object.fromEntries(
    LIGHTS.map((light) => [light, items.filter((i) => i.light === light).length]),
  );
  fill(
    filters,
    h(
      'button',
      { type: 'button', class: `light-filter ${only === null ? 'on' : ''}`, onclick: () => setFilter(null) },
      t('board.all'),
      h('b', null, String(items.length)),
    ),
    LIGHTS.map((light) =>
      h(
        'button',
        {
          type: 'button',
          class: `light-filter light-${light} ${only === light ? 'on' : ''}`,
          title: t(`light.${light}`),
          onclick: () => setFilter(only === light ? null : light),
        },
        h('i', { class: `dot dot-${light}` }),
        h('b', null, String(counts[light])),
      ),
    ),
  );
  const shown = only ? items.filter((i) => i.light === only) : items;
  if (shown.length === 0) {
    rows = new Map();
    return void fill(list, h('div', { class: 'panel-note' }, t('board.empty')));
  }
  // Rows are kept by case: an unchanged row stays the same element (no flicker, hover and focus
  // survive a refresh, and a row someone is about to click is not swapped under the pointer).
  const scroll = list.scrollTop;
  let ol = list.querySelector('ol.board');
  if (!ol) fill(list, (ol = h('ol', { class: 'board' })));
  const next = new Map();
  for (const item of shown) {
    const signature = signatureOf(item);
    const kept = rows.get(item.caseId);
    const el = kept && kept.signature === signature ? kept.el : row(item, changed.has(item.caseId));
    next.set(item.caseId, { el, signature });
  }
  rows = next;
  ol.replaceChildren(...[...next.values()].map((r) => r.el));
  list.scrollTop = scroll;
}

/** What a row shows: when it changes, the row is drawn again. */
function signatureOf(item) {
  const left = item.deadlineAt ? Math.floor((new Date(item.deadlineAt).getTime() - now()) / 60000) : null;
  return JSON.stringify([
    lang(),
    item.light,
    item.status,
    item.categoryCode,
    item.gridCellCode,
    item.departmentId,
    item.deadlineAt,
    Math.round((item.usedShare ?? 0) * 100),
    left,
  ]);
}

function setFilter(light) {
  only = light;
  draw(new Set());
}

function row(item, changed) {
  const deadline = item.deadlineAt ? new Date(item.deadlineAt).getTime() : null;
  const left = deadline === null ? null : (deadline - now()) / 1000;
  const share = typeof item.usedShare === 'number' ? item.usedShare : null;
  const timeText =
    left === null
      ? ''
      : left >= 0
        ? t('board.remaining', { time: duration(left) })
        : t('board.overdueBy', { time: duration(-left) });
  return h(
    'li',
    {
      class: `order order-${item.light} ${changed ? 'changed' : ''}`,
      dataset: { caseId: item.caseId, light: item.light, status: item.status },
      tabindex: 0,
      onclick: () => onCase(item.caseId),
      onkeydown: (e) => e.key === 'Enter' && onCase(item.caseId),
      title: `${t(`light.${item.light}`)} · ${t('board.deadline', { time: shortDateTime(item.deadlineAt) })}`,
    },
    h('i', { class: `lamp lamp-${item.light}` }),
    h(
      'div',
      { class: 'order-main' },
      h('div', { class: 'order-title' }, categoryName(item.categoryCode, item.categoryName)),
      h(
        'div',
        { class: 'order-place' },
        cellLabel(item.gridCellCode) || streetName(item.streetId, item.streetName),
      ),
    ),
    h(
      'div',
      { class: 'order-side' },
      h('div', { class: 'order-dept' }, departmentName(item.departmentId, item.departmentName)),
      h('div', { class: `order-time order-time-${item.light}` }, timeText),
    ),
    h(
      'div',
      { class: 'order-bar', title: share === null ? '' : t('board.used', { share: percent(share, 0) }) },
      h('span', { style: `width:${Math.max(2, Math.min(100, (share ?? 0) * 100)).toFixed(1)}%` }),
    ),
  );
}

/**
 * Kiosk mode (#kiosk=1 in the address): the board scrolls itself a row at a time so that a wall
 * screen shows every open order, back to the top at the end; it holds still under the pointer.
 */
export function startBoardAutoScroll(everyMs = 4000) {
  if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
  let hovered = false;
  list.addEventListener('mouseenter', () => (hovered = true));
  list.addEventListener('mouseleave', () => (hovered = false));
  setInterval(() => {
    if (hovered || list.scrollHeight <= list.clientHeight + 4) return;
    const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    const rowHeight = list.querySelector('li.order')?.getBoundingClientRect().height ?? 60;
    list.scrollTo({ top: atEnd ? 0 : list.scrollTop + rowHeight + 6, behavior: 'smooth' });
  }, everyMs);
}
