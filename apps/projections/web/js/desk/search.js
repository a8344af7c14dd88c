// Case search for the centre (案件查询): filter by status, street, department, category or grid
// cell (or the start of its code: a community, a street), newest report first; a row opens the
// case's timeline.
import { get } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, nameOf, t } from '../i18n.js';
import {
  categoryName,
  cellLabel,
  departmentName,
  departments,
  district,
  streetName,
  streets,
} from '../reference.js';
import { empty, field, refusal } from './ui.js';

addStrings({
  'search.title': ['案件查询', 'Case search'],
  'search.any': ['全部', 'Any'],
  'search.status': ['状态', 'Status'],
  'search.street': ['街道', 'Street'],
  'search.department': ['责任部门', 'Department'],
  'search.category': ['类别', 'Category'],
  'search.cell': ['网格编码（可输入前缀）', 'Grid cell code (or its start)'],
  'search.go': ['查询', 'Search'],
  'search.total': ['共 {n} 件', '{n} cases'],
  'search.page': ['第 {from}–{to} 件', 'Cases {from}–{to}'],
  'search.previous': ['上一页', 'Previous'],
  'search.next': ['下一页', 'Next'],
  'search.none': ['没有符合条件的案件', 'No case matches'],
  'search.place': ['位置', 'Place'],
  'search.deadline': ['处置时限', 'Deadline'],
});

const STATUSES = [
  'reported',
  'filed',
  'rejected',
  'dispatched',
  'signed',
  'disposed',
  'rework',
  'postponed',
  'closed',
  'reopened',
];
const PAGE = 50;

const select = (name, options) =>
  h(
    'select',
    { name },
    h('option', { value: '' }, t('search.any')),
    options.map(([value, label]) => h('option', { value }, label)),
  );

export const searchView = {
  id: 'search',
  roles: ['command', 'chief', 'dispatcher', 'evaluator'],
  titleKey: 'search.title',
  mount(container, ctx) {
    const filters = {
      status: select(
        'status',
        STATUSES.map((s) => [s, t(`status.${s}`)]),
      ),
      streetId: select(
        'streetId',
        streets().map((s) => [s.id, nameOf(s)]),
      ),
      departmentId: select(
        'departmentId',
        departments().map((d) => [d.id, nameOf(d)]),
      ),
      categoryCode: select(
        'categoryCode',
        (district()?.categories ?? []).map((c) => [c.code, `${c.code} ${nameOf(c)}`]),
      ),
      cell: h('input', {
        type: 'text',
        name: 'cell',
        maxlength: 15,
        inputmode: 'numeric',
        autocomplete: 'off',
      }),
    };
    const results = h('div', { id: 'search-results' });
    let offset = 0;

    async function load() {
      const params = { limit: PAGE, offset };
      for (const [key, control] of Object.entries(filters))
        if (control.value.trim()) params[key] = control.value.trim();
      try {
        show(await get('/api/v1/cases', params));
        results.dataset.query = new URLSearchParams(params).toString(); // what the rows answer
      } catch (error) {
        fill(results, empty(refusal(error)));
      }
    }

    function show({ items, total }) {
      if (!items.length) return void fill(results, empty(t('search.none')));
      const pager = h(
        'div',
        { class: 'desk-toolbar' },
        h(
          'span',
          { class: 'muted' },
          `${t('search.total', { n: total })} · ${t('search.page', { from: offset + 1, to: offset + items.length })}`,
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'ghost small',
            disabled: offset === 0,
            onclick: () => ((offset = Math.max(0, offset - PAGE)), load()),
          },
          t('search.previous'),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'ghost small',
            disabled: offset + items.length >= total,
            onclick: () => ((offset += PAGE), load()),
          },
          t('search.next'),
        ),
      );
      fill(
        results,
        pager,
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
                t('desk.case'),
                t('search.status'),
                t('search.category'),
                t('search.place'),
                t('search.department'),
                t('search.deadline'),
              ].map((c) => h('th', null, c)),
            ),
          ),
          h(
            'tbody',
            null,
            items.map((c) =>
              h(
                'tr',
                { class: 'clickable', dataset: { caseId: c.caseId }, onclick: () => ctx.openCase(c.caseId) },
                h('td', { class: 'mono' }, c.caseId.slice(0, 8)),
                h('td', null, h('span', { class: `status status-${c.status}` }, t(`status.${c.status}`))),
                h('td', null, categoryName(c.categoryCode)),
                h('td', null, c.gridCellCode ? cellLabel(c.gridCellCode) : streetName(c.streetId)),
                h('td', null, c.departmentId ? departmentName(c.departmentId) : ''),
                h('td', null, c.deadlineAt ? shortDateTime(c.deadlineAt) : ''),
              ),
            ),
          ),
        ),
      );
    }

    const form = h(
      'form',
      {
        class: 'desk-toolbar',
        id: 'search-form',
        onsubmit: (e) => (e.preventDefault(), (offset = 0), load()),
      },
      field(t('search.status'), filters.status),
      field(t('search.street'), filters.streetId),
      field(t('search.department'), filters.departmentId),
      field(t('search.category'), filters.categoryCode),
      field(t('search.cell'), filters.cell),
      h('button', { type: 'submit', class: 'primary small' }, t('search.go')),
    );
    fill(
      container,
      h(
        'section',
        { class: 'panel' },
        h('header', { class: 'panel-head' }, h('h2', { class: 'panel-title' }, t('search.title'))),
        h('div', { class: 'panel-body' }, form, results),
      ),
    );
    load();
    return { refresh: () => undefined };
  },
};
