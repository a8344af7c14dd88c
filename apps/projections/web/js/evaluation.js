// The quarter's evaluation (综合考评): ranks with their change against last quarter, score and grade,
// the admonishment list and the findings still open from earlier quarters.
import { fill, h } from './dom.js';
import { dash, number, percent } from './format.js';
import { t, tLine } from './i18n.js';
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

const COMPOSITE = ['disposal', 'onTimeDisposal', 'rework', 'overdueOpen', 'extension'];
const LOWER_IS_BETTER = new Set(['rework', 'overdueOpen', 'extension']);
const IMPORTED = new Set(['thirdParty', 'experts', 'media']); // parts the evaluator imports

/** The evaluation line of a street or department, or null. */
export function evaluationItem(kind, id) {
  const items = (kind === 'street' ? body?.streets : body?.departments) ?? [];
  return items.find((item) => item.id === id) ?? null;
}

export const evaluationQuarter = () => body?.quarter ?? null;

/**
 * One line of the evaluation explained: its parts, the composite's indicators (each opens its
 * cases through openIndicator(figure, label)), and the findings that name it.
 */
export function renderEvaluationDetail(target, kind, id, openIndicator) {
  const item = evaluationItem(kind, id);
  if (!item) return;
  const weights = body.scheme?.composite ?? {};
  const parts = Object.entries(item.parts ?? {});
  const partRows = parts.map(([key, part]) =>
    h(
      'tr',
      { class: part.score === null ? 'dim' : '' },
      h('td', null, t(`eval.part.${key}`)),
      h('td', { class: 'num' }, number(part.points)),
      h(
        'td',
        { class: 'num' },
        part.score === null
          ? t(IMPORTED.has(key) ? 'eval.detail.notImported' : 'eval.detail.noData')
          : part.score.toFixed(1),
      ),
      h('td', { class: 'num' }, part.earned === null ? dash : part.earned.toFixed(1)),
    ),
  );
  const indicatorRows = COMPOSITE.map((key) => {
    const rate = item.indicators?.[key] ?? null;
    const weight = weights[key] ?? 0;
    const value = rate?.rate ?? null;
    const earned = value === null ? null : weight * (LOWER_IS_BETTER.has(key) ? 1 - value : value);
    const label = tLine(`col.${key}`);
    return h(
      'tr',
      {
        tabindex: 0,
        class: 'clickable',
        title: LOWER_IS_BETTER.has(key) ? t('eval.detail.lowerBetter') : '',
        onclick: () => openIndicator(`rates.${key}`, label),
        onkeydown: (e) => e.key === 'Enter' && openIndicator(`rates.${key}`, label),
      },
      h('td', null, label, LOWER_IS_BETTER.has(key) ? h('span', { class: 'muted small' }, ' ↓') : null),
      h('td', { class: 'num' }, number(weight)),
      h('td', { class: 'num' }, percent(value)),
      h('td', { class: 'num mono' }, rate ? `${rate.numerator} / ${rate.denominator}` : dash),
      h('td', { class: 'num' }, earned === null ? dash : earned.toFixed(1)),
    );
  });
  const findings = [...(body.findings?.current ?? []), ...(body.findings?.stillOpenFromEarlier ?? [])].filter(
    (f, i, all) => f.subject === kind && f.id === id && all.findIndex((g) => g.ref === f.ref) === i,
  );
  fill(
    target,
    h(
      'div',
      { class: 'eval-hero' },
      h('span', { class: `rank rank-${item.rank ?? 'none'}` }, item.rank ?? dash),
      change(item),
      h('b', { class: 'eval-hero-score' }, item.percentage === null ? dash : item.percentage.toFixed(1)),
      item.grade ? h('span', { class: `grade grade-${item.grade}` }, item.grade) : null,
      item.admonish ? h('span', { class: 'tag tag-bad' }, t('eval.admonish')) : null,
    ),
    h('h3', { class: 'drawer-section' }, t('eval.detail.parts')),
    h(
      'table',
      { class: 'detail-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['eval.detail.part', 'eval.detail.points', 'eval.detail.partScore', 'eval.detail.earned'].map(
            (k, i) => h('th', { class: i ? 'num' : '' }, t(k)),
          ),
        ),
      ),
      h('tbody', null, partRows),
      h(
        'tfoot',
        null,
        h(
          'tr',
          null,
          h('td', null, t('eval.detail.total')),
          h('td', { class: 'num' }, number(item.available)),
          h('td', { class: 'num' }, item.percentage === null ? dash : `${item.percentage.toFixed(1)}%`),
          h('td', { class: 'num' }, item.earned === undefined ? dash : item.earned.toFixed(1)),
        ),
      ),
    ),
    h(
      'h3',
      { class: 'drawer-section' },
      t('eval.detail.composite', { score: item.composite === null ? dash : item.composite.toFixed(1) }),
    ),
    h('p', { class: 'muted small' }, t('eval.detail.hint')),
    h(
      'table',
      { class: 'detail-table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            'eval.detail.indicator',
            'eval.detail.weight',
            'eval.detail.rate',
            'eval.detail.cases',
            'eval.detail.scorePoints',
          ].map((k, i) => h('th', { class: i ? 'num' : '' }, t(k))),
        ),
      ),
      h('tbody', null, indicatorRows),
    ),
    h('h3', { class: 'drawer-section' }, t('eval.detail.findings')),
    findings.length
      ? h(
          'ul',
          { class: 'findings detail-findings' },
          findings.map((f) =>
            h(
              'li',
              null,
              h(
                'span',
                { class: `tag ${f.status === 'open' ? 'tag-bad' : ''}` },
                t(`eval.finding.${f.status}`),
              ),
              ' ',
              h('span', { class: 'mono small' }, `${f.ref} · ${f.firstQuarter ?? ''}`),
              ' ',
              f.title ?? '',
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('eval.detail.noFindings')),
  );
}
