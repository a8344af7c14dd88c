// Rebound hot spots: the repeat-problem spots (a cell and category with many reports) and the
// rebound pairs (a closed case and the later case that brought the problem back).
import { fill, h } from './dom.js';
import { duration, number, shortDateTime } from './format.js';
import { t } from './i18n.js';
import { categoryName, cellLabel, departmentName, streetName } from './reference.js';

let container;
let spots = null;
let rebounds = null;
let handlers = { spot: () => {}, rebound: () => {} };

/** on.spot(spot), on.rebound(pair) on a click. */
export function initSpots(element, on) {
  container = element;
  handlers = on;
}

export function setSpots(spotsBody, reboundsBody) {
  spots = spotsBody;
  rebounds = reboundsBody;
}

export function renderSpots() {
  if (!spots || !rebounds) return;
  const spotItems = [...(spots.items ?? [])].sort((a, b) => b.reports - a.reports);
  const pairs = [...(rebounds.items ?? [])].sort((a, b) =>
    String(b.reboundReportedAt).localeCompare(String(a.reboundReportedAt)),
  );
  fill(
    container,
    h(
      'h3',
      { class: 'sub' },
      t('spots.repeat', { n: spots.minReports ?? 5 }),
      h('b', { class: 'sub-count' }, number(spotItems.length)),
    ),
    spotItems.length
      ? h(
          'ol',
          { class: 'spots' },
          spotItems.map((spot) =>
            h(
              'li',
              {
                tabindex: 0,
                onclick: () => handlers.spot(spot),
                onkeydown: (e) => e.key === 'Enter' && handlers.spot(spot),
              },
              h('span', { class: 'spot-count' }, t('spots.reports', { n: spot.reports })),
              h(
                'span',
                { class: 'spot-main' },
                h('b', null, categoryName(spot.categoryCode)),
                h('span', { class: 'muted' }, cellLabel(spot.gridCellCode)),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted small pad' }, t('spots.noSpots')),
    h('h3', { class: 'sub' }, t('spots.rebounds'), h('b', { class: 'sub-count' }, number(pairs.length))),
    pairs.length
      ? h(
          'ol',
          { class: 'rebounds' },
          pairs.map((pair) => {
            const gap = (new Date(pair.reboundReportedAt) - new Date(pair.closedAt)) / 1000;
            return h(
              'li',
              {
                tabindex: 0,
                onclick: () => handlers.rebound(pair),
                onkeydown: (e) => e.key === 'Enter' && handlers.rebound(pair),
              },
              h('span', { class: 'rebound-when mono' }, shortDateTime(pair.reboundReportedAt)),
              h(
                'span',
                { class: 'spot-main' },
                h('b', null, categoryName(pair.categoryCode)),
                h(
                  'span',
                  { class: 'muted' },
                  `${streetName(pair.streetId)} · ${departmentName(pair.departmentId)}`,
                ),
              ),
              h(
                'span',
                { class: 'rebound-gap' },
                t('spots.after', { time: duration(gap), m: Math.round(pair.distanceMetres ?? 0) }),
              ),
            );
          }),
        )
      : h('p', { class: 'muted small pad' }, t('spots.noRebounds')),
  );
}
