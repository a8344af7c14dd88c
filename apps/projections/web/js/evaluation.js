// The quarter's evaluation (综合考评): ranks with their change against last quarter, score and grade,
// the admonishment list and the findings still open from earlier quarters.
import { fill, h } from './dom.js';
import { dash } from './format.js';
import { t } from './i18n.js';
import { departmentName, streetName } from './reference.js';

let container;
let tabs;
let titleEl;
let subject = 'street';
let body = null;
let onPick = () => {};

/** pick({subject, id, name, quarter}) when a row is clicked. */
export function initEvaluation(element, tabBar, title, pick) {
  container = element;
  tabs = tabBar;
  titleEl = title;
  onPick = pick;
}

export function setEvaluation(next) {
  body = next;
}

const nameOf = (kind, item) =>
  kind === 'street' ? streetName(item.id, item.name) : departmentName(item.id, item.name);

function change(item) {
  if (item.rank === null || item.rank === undefined) return h('span', { class: 'chg muted' }, dash);
  if (item.previousRank === null || item.previousRank === undefined)
    return h('span', { class: 'chg chg-new' }, t('eval.new'));
  if (item.rankChange > 0) return h('span', { class: 'chg chg-up' }, `▲${item.rankChange}`);
  if (item.rankChange < 0) return h('span', { class: 'chg chg-down' }, `▼${-item.rankChange}`);
  return h('span', { class: 'chg chg-same' }, '–');
}

function partsTitle(item) {
  const parts = Object.entries(item.parts ?? {});
  const have = parts
    .filter(([, p]) => p.score !== null)
    .map(([k, p]) => `${t(`eval.part.${k}`)} ${Math.round(p.score)}`);
  const missing = parts.filter(([, p]) => p.score === null).map(([k]) => t(`eval.part.${k}`));
  const lines = [have.join(' · ')];
  if (item.earned !== undefined && item.available)
    lines.push(t('eval.parts', { earned: Math.round(item.earned), available: item.available }));
  if (missing.length) lines.push(t('eval.missingParts', { parts: missing.join('、') }));
  return lines.filter(Boolean).join('\n');
}

export function renderEvaluation() {
  if (!body) return;
  titleEl.textContent = t('eval.title', { quarter: body.quarter });
  const status =
    body.status === 'published'
      ? t('eval.published', { version: body.publication?.version ?? '' })
      : t('eval.live');
  fill(
    tabs,
    h(
      'span',
      {
        class: `badge ${body.status === 'published' ? 'badge-good' : 'badge-info'}`,
        title: body.publication?.contentHash ?? '',
      },
      status,
    ),
    ['street', 'department'].map((kind) =>
      h(
        'button',
        {
          type: 'button',
          class: `tab ${subject === kind ? 'on' : ''}`,
          onclick: () => ((subject = kind), renderEvaluation()),
        },
        t(kind === 'street' ? 'eval.streets' : 'eval.departments'),
      ),
    ),
  );
  const items = [...((subject === 'street' ? body.streets : body.departments) ?? [])].sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
  );
  const rows = items.map((item) =>
    h(
      'tr',
      {
        tabindex: 0,
        title: partsTitle(item),
        class: item.admonish ? 'admonish' : '',
        onclick: () => onPick({ subject, id: item.id, name: nameOf(subject, item), quarter: body.quarter }),
        onkeydown: (e) =>
          e.key === 'Enter' &&
          onPick({ subject, id: item.id, name: nameOf(subject, item), quarter: body.quarter }),
      },
      h('td', { class: `rank rank-${item.rank ?? 'none'}` }, item.rank ?? dash),
      h('td', null, change(item)),
      h(
        'td',
        { class: 'eval-name' },
        nameOf(subject, item),
        item.admonish ? h('span', { class: 'tag tag-bad' }, t('eval.admonish')) : null,
      ),
      h(
        'td',
        { class: 'eval-score' },
        item.percentage === null || item.percentage === undefined
          ? h('span', { class: 'muted small' }, t('eval.notAssessed'))
          : [
              h(
                'span',
                { class: 'score-bar' },
                h('span', {
                  class: `grade-fill grade-${item.grade}`,
                  style: `width:${Math.max(0, Math.min(100, item.percentage)).toFixed(1)}%`,
                }),
              ),
              h('b', null, item.percentage.toFixed(1)),
            ],
      ),
      h('td', null, item.grade ? h('span', { class: `grade grade-${item.grade}` }, item.grade) : dash),
    ),
  );
  const admonished = body.admonishment ?? [];
  const stillOpen = body.findings?.stillOpenFromEarlier ?? [];
  fill(
    container,
    h(
      'table',
      { class: 'eval' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['eval.rank', 'eval.change', 'eval.name', 'eval.score', 'eval.grade'].map((k) =>
            h('th', null, t(k)),
          ),
        ),
      ),
      h('tbody', null, rows),
    ),
    h(
      'div',
      { class: 'eval-foot' },
      h(
        'div',
        { class: 'eval-line' },
        h('span', { class: 'eval-line-label' }, t('eval.admonishList')),
        admonished.length
          ? admonished.map((a) => h('span', { class: 'tag tag-bad' }, departmentName(a.id, a.name)))
          : h('span', { class: 'muted' }, t('eval.none')),
      ),
      h(
        'div',
        { class: 'eval-line' },
        h('span', { class: 'eval-line-label' }, `${t('eval.stillOpen')} (${stillOpen.length})`),
        stillOpen.length
          ? h(
              'ul',
              { class: 'findings' },
              stillOpen.map((f) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'mono small' }, f.firstQuarter ?? ''),
                  ' ',
                  h('b', null, f.subject === 'street' ? streetName(f.id) : departmentName(f.id)),
                  ' ',
                  f.title ?? '',
                ),
              ),
            )
          : h('span', { class: 'muted' }, t('eval.none')),
      ),
    ),
  );
}
