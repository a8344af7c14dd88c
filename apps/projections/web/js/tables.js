// The per-street and per-department metric tables of docs/METRICS.md: sortable columns, figures
// formatted (durations h/min, rates %), each figure a button to the cases behind it.
import { fill, h } from './dom.js';
import { dash, duration, number, percent } from './format.js';
import { t } from './i18n.js';
import { departmentName, streetName } from './reference.js';

const stat = (path, field) => (item) => path.split('.').reduce((o, k) => o?.[k], item)?.[field] ?? null;
const rateOf = (path) => (item) => path.split('.').reduce((o, k) => o?.[k], item) ?? null;

function durationColumn(key, path, field, figure, group) {
  return {
    key,
    group,
    kind: 'duration',
    figure,
    value: stat(path, field),
    text: (item) => duration(stat(path, field)(item)),
    title: (item) => {
      const st = path.split('.').reduce((o, k) => o?.[k], item);
      if (!st) return '';
      return `n=${st.count} · ${t('trend.median')} ${duration(st.median)} · P90 ${duration(st.p90)} · max ${duration(st.max)}`;
    },
  };
}

function rateColumn(key, path, figure, group, { lowerIsBetter = false } = {}) {
  return {
    key,
    group,
    kind: 'rate',
    figure,
    lowerIsBetter,
    value: (item) => rateOf(path)(item)?.rate ?? null,
    text: (item) => percent(rateOf(path)(item)?.rate),
    title: (item) => {
      const r = rateOf(path)(item);
      return r ? `${r.numerator} / ${r.denominator}` : '';
    },
  };
}

const countColumn = (key, field, figure, group) => ({
  key,
  group,
  kind: 'count',
  figure,
  value: (item) => item[field] ?? null,
  text: (item) => number(item[field]),
  title: () => '',
});

const COLUMNS = [
  countColumn('reported', 'reported', 'reported', 'discover'),
  {
    ...rateColumn('proactiveRate', 'proactiveDiscoveryRate', 'proactiveDiscoveryRate', 'discover'),
    streetsOnly: true,
  },
  { ...countColumn('missedReports', 'missedReports', 'missedReports', 'discover'), streetsOnly: true },
  durationColumn('timeToDiscover', 'timeToDiscover', 'median', 'timeToDiscover', 'discover'),
  countColumn('unknownOnset', 'unknownOnset', 'unknownOnset', 'discover'),
  durationColumn('timeToFile', 'timeToFile', 'median', 'timeToFile', 'speed'),
  durationColumn('timeToDispatch', 'timeToDispatch', 'median', 'timeToDispatch', 'speed'),
  durationColumn('disposeWorking', 'timeToDispose.working', 'median', 'timeToDispose.working', 'speed'),
  durationColumn('disposeWorkingP90', 'timeToDispose.working', 'p90', 'timeToDispose.working', 'speed'),
  durationColumn('disposeCalendar', 'timeToDispose.calendar', 'median', 'timeToDispose.calendar', 'speed'),
  durationColumn('timeToClose', 'timeToClose', 'median', 'timeToClose', 'speed'),
  countColumn('due', 'due', 'due', 'rates'),
  rateColumn('disposal', 'rates.disposal', 'rates.disposal', 'rates'),
  rateColumn('onTimeDisposal', 'rates.onTimeDisposal', 'rates.onTimeDisposal', 'rates'),
  rateColumn('rework', 'rates.rework', 'rates.rework', 'rates', { lowerIsBetter: true }),
  rateColumn('overdueOpen', 'rates.overdueOpen', 'rates.overdueOpen', 'rates', { lowerIsBetter: true }),
  rateColumn('extension', 'rates.extension', 'rates.extension', 'rates', { lowerIsBetter: true }),
  rateColumn('closure', 'rates.closure', 'rates.closure', 'rates'),
  rateColumn('onTimeClosure', 'rates.onTimeClosure', 'rates.onTimeClosure', 'rates'),
  rateColumn('wrongDispatch', 'rates.wrongDispatch', 'rates.wrongDispatch', 'rates', { lowerIsBetter: true }),
  {
    key: 'rebound',
    group: 'rates',
    kind: 'rate',
    figure: null, // drilled from the rebound pairs
    lowerIsBetter: true,
    value: (item) => item.rebound?.rate ?? null,
    text: (item) =>
      item.rebound
        ? `${percent(item.rebound.rate)}${item.rebound.provisional && item.rebound.rate !== null ? '*' : ''}`
        : dash,
    title: (item) => (item.rebound ? `${item.rebound.rebounded} / ${item.rebound.closed}` : ''),
  },
  rateColumn('hotlineResponse', 'hotline.response', 'hotline.response', 'hotline'),
  rateColumn('hotlineResolution', 'hotline.resolution', 'hotline.resolution', 'hotline'),
  rateColumn('hotlineSatisfaction', 'hotline.satisfaction', 'hotline.satisfaction', 'hotline'),
];

const GROUPS = ['discover', 'speed', 'rates', 'hotline'];

let container;
let onDrill = () => {};
const sortState = { street: { key: null, dir: 1 }, department: { key: null, dir: 1 } };
const data = { street: null, department: null };

/** drill({subject: 'street'|'department', id, name, column}) on a figure's click. */
export function initTables(element, drill) {
  container = element;
  onDrill = drill;
}

export function setTableData(subject, body) {
  data[subject] = body;
}

/**
 * The read model's clock the tables were computed at, the earlier of the two (it may trail the
 * page's by a refresh); null before any case.
 */
export function tablesAsOf() {
  const clocks = [data.street?.asOf, data.department?.asOf];
  return clocks.every(Boolean) ? clocks.sort()[0] : null;
}

const subjectIdOf = (subject, item) => (subject === 'street' ? item.streetId : item.departmentId);
const subjectNameOf = (subject, item) =>
  subject === 'street' ? streetName(item.streetId, item.name) : departmentName(item.departmentId, item.name);

export function renderTable(subject) {
  const body = data[subject];
  if (!body) return;
  const columns = COLUMNS.filter((c) => subject === 'street' || !c.streetsOnly);
  const { key, dir } = sortState[subject];
  const items = [...(body.items ?? [])];
  if (key) {
    const column = key === 'name' ? null : columns.find((c) => c.key === key);
    items.sort((a, b) => {
      const va = column ? column.value(a) : subjectNameOf(subject, a);
      const vb = column ? column.value(b) : subjectNameOf(subject, b);
      if (va === null && vb === null) return 0;
      if (va === null) return 1; // no figure: always last
      if (vb === null) return -1;
      return (typeof va === 'string' ? va.localeCompare(vb, 'zh-CN') : va - vb) * dir;
    });
  }
  if (items.length === 0) return void fill(container, h('div', { class: 'panel-note' }, t('tables.empty')));
  const sortButton = (columnKey, label) =>
    h(
      'button',
      {
        type: 'button',
        class: `sort ${key === columnKey ? (dir > 0 ? 'asc' : 'desc') : ''}`,
        onclick: () => {
          const state = sortState[subject];
          // a new figure column sorts largest first; the name column alphabetically
          if (state.key === columnKey) state.dir = -state.dir;
          else Object.assign(state, { key: columnKey, dir: columnKey === 'name' ? 1 : -1 });
          renderTable(subject);
        },
      },
      h(
        'span',
        { class: 'sort-label' },
        [].concat(label).map((line) => h('span', null, line)),
      ),
      h('i', { class: 'sort-mark' }, key === columnKey ? (dir > 0 ? '▲' : '▼') : '↕'),
    );
  const groupRow = h(
    'tr',
    { class: 'group-row' },
    h('th', null, ''),
    GROUPS.map((group) => {
      const span = columns.filter((c) => c.group === group).length;
      return span ? h('th', { colspan: span, class: `group group-${group}` }, t(`group.${group}`)) : null;
    }),
  );
  const headRow = h(
    'tr',
    null,
    h('th', { class: 'name', scope: 'col' }, sortButton('name', t('col.name'))),
    columns.map((c) =>
      h(
        'th',
        { scope: 'col', class: `num group-${c.group}` },
        sortButton(c.key, t(`col.${c.key}`).split('|')),
      ),
    ),
  );
  const rows = items.map((item) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row', class: 'name' }, subjectNameOf(subject, item)),
      columns.map((c) => {
        const value = c.value(item);
        const warn =
          c.kind === 'rate' &&
          value !== null &&
          (c.lowerIsBetter ? value >= 0.1 : value < 0.8) &&
          c.group !== 'discover';
        return h(
          'td',
          { class: `num ${warn ? 'warn' : ''}` },
          value === null && c.kind !== 'count'
            ? h('span', { class: 'muted' }, dash)
            : h(
                'button',
                {
                  type: 'button',
                  class: 'figure',
                  title: c.title(item),
                  onclick: () =>
                    onDrill({
                      subject,
                      id: subjectIdOf(subject, item),
                      name: subjectNameOf(subject, item),
                      column: c,
                    }),
                },
                c.text(item),
              ),
        );
      }),
    ),
  );
  fill(
    container,
    h('table', { class: 'metrics' }, h('thead', null, groupRow, headRow), h('tbody', null, rows)),
  );
}
