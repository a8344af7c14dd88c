// The last changes pushed by the live stream, newest first.
import { fill, h } from './dom.js';
import { shortDateTime } from './format.js';
import { t, tOr } from './i18n.js';
import { cellLabel, streetName } from './reference.js';

const KEEP = 30;
let container;
let frames = [];
let onCase = () => {};

export function initFeed(element, openCase) {
  container = element;
  onCase = openCase;
  renderFeed();
}

export function pushFrame(frame) {
  frames = [{ ...frame, receivedAt: Date.now() }, ...frames.filter((f) => f !== frame)].slice(0, KEEP);
  renderFeed(true);
}

export function renderFeed(fresh = false) {
  if (!container) return;
  if (frames.length === 0)
    return void fill(container, h('li', { class: 'feed-empty muted' }, t('feed.empty')));
  fill(
    container,
    frames.map((frame, i) =>
      h(
        'li',
        {
          class: `feed-item ${fresh && i === 0 ? 'fresh' : ''}`,
          tabindex: 0,
          onclick: () => frame.caseId && onCase(frame.caseId),
          onkeydown: (e) => e.key === 'Enter' && frame.caseId && onCase(frame.caseId),
        },
        h('span', { class: 'feed-time mono' }, shortDateTime(frame.occurredAt)),
        h('span', { class: 'feed-type' }, tOr(`event.${frame.type}`, frame.type ?? '')),
        h(
          'span',
          { class: 'feed-place' },
          frame.gridCellCode ? cellLabel(frame.gridCellCode) : streetName(frame.streetId),
        ),
      ),
    ),
  );
}
