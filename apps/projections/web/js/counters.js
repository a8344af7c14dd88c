// The counters row: reported today, open, overdue, closed today; each a button to its cases.
import { $, fill, h } from './dom.js';
import { number, percent } from './format.js';
import { t } from './i18n.js';

const TILES = [
  { key: 'reportedToday', tone: 'info' },
  { key: 'open', tone: 'plain' },
  { key: 'overdue', tone: 'bad' },
  { key: 'closedToday', tone: 'good' },
];

let root;
let last = null;
let onPick = () => {};

/** onPick(key) when a counter is clicked. */
export function initCounters(container, pick) {
  root = container;
  onPick = pick;
  fill(
    root,
    TILES.map(({ key, tone }) =>
      h(
        'button',
        { type: 'button', class: `counter counter-${tone}`, dataset: { key }, onclick: () => onPick(key) },
        h('span', { class: 'counter-label' }, ''),
        h('span', { class: 'counter-value' }, '—'),
        h('span', { class: 'counter-sub' }, ''),
      ),
    ),
  );
  renderCounters(null);
}

export function renderCounters(overview) {
  const previous = last;
  if (overview) last = overview;
  for (const { key } of TILES) {
    const tile = $(`[data-key="${key}"]`, root);
    $('.counter-label', tile).textContent = t(`counter.${key}`);
    const value = last?.[key];
    const valueEl = $('.counter-value', tile);
    valueEl.textContent = typeof value === 'number' ? number(value) : '—';
    let sub = '';
    if (last && (key === 'reportedToday' || key === 'closedToday'))
      sub = t('counter.today', { date: last.today });
    if (last && key === 'open') sub = t('counter.now');
    if (last && key === 'overdue')
      sub = last.open
        ? t('counter.overdueShare', { share: percent(last.overdue / last.open) })
        : t('counter.now');
    $('.counter-sub', tile).textContent = sub;
    tile.classList.toggle('alarm', key === 'overdue' && value > 0);
    if (overview && previous && previous[key] !== value) {
      valueEl.classList.remove('bump');
      void valueEl.offsetWidth; // restart the animation
      valueEl.classList.add('bump');
    }
  }
}
