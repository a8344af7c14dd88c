// The drill-down drawer: the cases behind a figure, a case's timeline, and detail views (an
// evaluation line) whose figures open lists in turn; "back" walks the way in.
import { get } from './api.js';
import { $, fill, h } from './dom.js';
import { dash, dateTime, duration } from './format.js';
import { onLangChange, t, tOr } from './i18n.js';
import { categoryName, cellLabel, departmentName, streetName } from './reference.js';
import { errorText } from './panel.js';

const MAX_ROWS = 500;
let view = null; // {kind: 'list' | 'case' | 'detail', from: the view it was opened from, ...}
let drawer;
let body;
let titleEl;
let subtitleEl;
let backButton;

export function initDrawer() {
  drawer = $('#drawer');
  body = $('.drawer-body', drawer);
  titleEl = $('.drawer-title', drawer);
  subtitleEl = $('.drawer-subtitle', drawer);
  backButton = $('.drawer-back', drawer);
  $('.drawer-close', drawer).addEventListener('click', closeDrawer);
  $('#scrim').addEventListener('click', closeDrawer);
  backButton.addEventListener('click', () => {
    if (!view?.from) return;
    view = view.from;
    render();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && drawer.classList.contains('open')) closeDrawer();
  });
  onLangChange(() => view && render());
}

function show() {
  drawer.classList.add('open');
  drawer.setAttribute('aria-hidden', 'false');
  $('#scrim').classList.add('open');
}

export function closeDrawer() {
  drawer.classList.remove('open');
  drawer.setAttribute('aria-hidden', 'true');
  $('#scrim').classList.remove('open');
  view = null;
}

/**
 * The cases behind a figure.
 * spec: {title: () => string, subtitle?: () => string, load: async () => items, atLabel?: () => string,
 *        valueKind?: 'duration' | 'count' | 'rate', extra?: (item) => node}
 * Items: {caseId, categoryCode, streetId, departmentId, gridCellCode, status, at, value?, counted?}
 */
export function openCaseList(spec, { from = null } = {}) {
  const state = { kind: 'list', spec, result: null, error: null, from };
  view = state;
  show();
  render();
  spec
    .load()
    .then((items) => (state.result = items))
    .catch((error) => (state.error = error))
    .finally(() => view === state && render());
}

/** One case and its timeline; back returns to the view it was opened from. */
export function openCase(caseId, { from = null } = {}) {
  const state = { kind: 'case', caseId, data: null, error: null, from };
  view = state;
  show();
  render();
  get(`/api/v1/cases/${encodeURIComponent(caseId)}`)
    .then((data) => (state.data = data))
    .catch((error) => (state.error = error))
    .finally(() => view === state && render());
}

/**
 * A view of its own: spec {title, subtitle?, render(container, {openList})}; openList(listSpec)
 * opens the cases behind a figure with "back" to this view.
 */
export function openDetail(spec) {
  const state = { kind: 'detail', spec, from: null };
  view = state;
  show();
  render();
}

function render() {
  if (!view) return;
  backButton.hidden = !view.from;
  if (view.kind === 'list') renderList(view);
  else if (view.kind === 'detail') renderDetail(view);
  else renderCase(view);
  body.scrollTop = 0;
}

function renderDetail(state) {
  titleEl.textContent = state.spec.title();
  subtitleEl.textContent = state.spec.subtitle ? state.spec.subtitle() : '';
  fill(body);
  state.spec.render(body, { openList: (spec) => openCaseList(spec, { from: state }) });
}

const loading = () => h('p', { class: 'drawer-note' }, t('drawer.loading'));
const failed = (error) => h('p', { class: 'drawer-note error' }, errorText(error));

function renderList(state) {
  const { spec } = state;
  titleEl.textContent = spec.title();
  subtitleEl.textContent = spec.subtitle ? spec.subtitle() : '';
  if (state.error) return void fill(body, failed(state.error));
  if (!state.result) return void fill(body, loading());
  const items = state.result;
  if (items.length === 0) return void fill(body, h('p', { class: 'drawer-note' }, t('drawer.empty')));
  const hasCounted = items.some((item) => typeof item.counted === 'boolean');
  const hasValue = items.some((item) => typeof item.value === 'number');
  const counted = items.filter((item) => item.counted === true).length;
  const summary = hasCounted
    ? t('drawer.countedOf', { n: counted, d: items.length })
    : t('drawer.count', { n: items.length });
  const shown = items.slice(0, MAX_ROWS);
  fill(
    body,
    h('p', { class: 'drawer-summary' }, summary),
    h(
      'table',
      { class: 'case-list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, spec.atLabel ? spec.atLabel() : t('drawer.at')),
          h('th', null, t('drawer.category')),
          h('th', null, t('drawer.place')),
          h('th', null, t('drawer.department')),
          h('th', null, t('drawer.status')),
          hasValue || hasCounted || spec.extra ? h('th', { class: 'num' }, t('drawer.value')) : null,
        ),
      ),
      h(
        'tbody',
        null,
        shown.map((item) =>
          h(
            'tr',
            {
              tabindex: 0,
              class: item.counted === false ? 'dim' : '',
              onclick: () => openCase(item.caseId, { from: state }),
              onkeydown: (e) => e.key === 'Enter' && openCase(item.caseId, { from: state }),
            },
            h('td', { class: 'nowrap' }, dateTime(item.at)),
            h('td', null, categoryName(item.categoryCode, item.categoryName)),
            h(
              'td',
              null,
              h(
                'div',
                null,
                item.gridCellCode ? cellLabel(item.gridCellCode) : streetName(item.streetId, item.streetName),
              ),
              h('div', { class: 'mono small muted' }, item.gridCellCode ?? ''),
            ),
            h('td', null, item.departmentId ? departmentName(item.departmentId, item.departmentName) : dash),
            h('td', null, statusBadge(item.status)),
            hasValue || hasCounted || spec.extra
              ? h(
                  'td',
                  { class: 'num nowrap' },
                  spec.extra
                    ? spec.extra(item)
                    : typeof item.value === 'number'
                      ? duration(item.value)
                      : typeof item.counted === 'boolean'
                        ? h(
                            'span',
                            { class: item.counted ? 'yes' : 'no' },
                            item.counted ? `✓ ${t('drawer.counted')}` : `✗ ${t('drawer.notCounted')}`,
                          )
                        : dash,
                )
              : null,
          ),
        ),
      ),
    ),
    items.length > MAX_ROWS ? h('p', { class: 'drawer-note' }, t('drawer.truncated', { n: MAX_ROWS })) : null,
  );
}

export const statusBadge = (status) =>
  h('span', { class: `status status-${status ?? 'unknown'}` }, tOr(`status.${status}`, status ?? dash));

function renderCase(state) {
  titleEl.textContent = t('drawer.case');
  subtitleEl.textContent = state.caseId;
  if (state.error) return void fill(body, failed(state.error));
  if (!state.data) return void fill(body, loading());
  const c = state.data;
  titleEl.textContent = `${categoryName(c.categoryCode)} · ${tOr(`status.${c.status}`, c.status)}`;
  const facts = [
    [t('drawer.status'), statusBadge(c.status)],
    [t('drawer.category'), `${categoryName(c.categoryCode)} (${c.categoryCode ?? dash})`],
    [t('drawer.place'), cellLabel(c.gridCellCode) || dash],
    [t('drawer.department'), c.departmentId ? departmentName(c.departmentId) : dash],
    [t('drawer.deadline'), c.deadlineAt ? dateTime(c.deadlineAt) : dash],
    [t('drawer.caseId'), h('span', { class: 'mono small' }, c.caseId)],
  ];
  const timeline = [...(c.timeline ?? [])];
  fill(
    body,
    h(
      'dl',
      { class: 'facts' },
      facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
    h('h3', { class: 'drawer-section' }, t('drawer.timeline')),
    h(
      'ol',
      { class: 'timeline' },
      timeline.map((entry) => timelineEntry(entry)),
    ),
  );
}

const TONE = {
  CaseReported: 'info',
  ReportAttached: 'info',
  CaseFiled: 'info',
  CaseDispatched: 'info',
  DisposalReported: 'good',
  VerificationPassed: 'good',
  CaseClosed: 'good',
  FollowUpRecorded: 'good',
  CaseRejected: 'bad',
  VerificationFailed: 'bad',
  OrderSentBackForRework: 'bad',
  OrderEscalated: 'bad',
  OrderReturned: 'warn',
  DeadlineReminderRaised: 'warn',
  ExtensionRequested: 'warn',
  ExtensionApproved: 'warn',
  CasePostponed: 'warn',
  CaseReopened: 'bad',
};

function timelineEntry(entry) {
  const details = [];
  const add = (label, value) => {
    if (value !== undefined && value !== null && value !== '') details.push([label, value]);
  };
  add(t('field.source'), entry.source && tOr(`source.${entry.source}`, entry.source));
  add(t('field.urgency'), entry.urgency === 'urgent' ? t('urgency.urgent') : null);
  add(t('field.description'), entry.description);
  add(t('field.addressText'), entry.addressText);
  add(t('field.onsetAt'), entry.onsetAt && dateTime(entry.onsetAt));
  if (entry.departmentId && entry.type !== 'DeadlineReminderRaised' && entry.type !== 'OrderEscalated')
    add(t('field.departmentId'), departmentName(entry.departmentId));
  if (entry.timeLimitAmount && entry.timeLimitUnit)
    add(
      t('field.timeLimit'),
      tOr(`unit.${entry.timeLimitUnit}`, `${entry.timeLimitAmount} ${entry.timeLimitUnit}`, {
        n: entry.timeLimitAmount,
      }),
    );
  add(t('field.deadlineAt'), entry.deadlineAt && dateTime(entry.deadlineAt));
  add(t('field.hours'), typeof entry.hours === 'number' ? duration(entry.hours * 3600) : null);
  add(
    t('field.reason'),
    typeof entry.reason === 'string' ? tOr(`reason.${entry.reason}`, entry.reason) : null,
  );
  add(t('field.notes'), entry.notes);
  add(
    t('field.satisfaction'),
    entry.satisfaction && tOr(`satisfaction.${entry.satisfaction}`, entry.satisfaction),
  );
  const evidence =
    Array.isArray(entry.evidenceIds) && entry.evidenceIds.length > 0
      ? t('field.evidence', { n: entry.evidenceIds.length })
      : null;
  return h(
    'li',
    { class: `tl tl-${TONE[entry.type] ?? 'plain'}` },
    h(
      'div',
      { class: 'tl-head' },
      h('span', { class: 'tl-type' }, tOr(`event.${entry.type}`, entry.type ?? '')),
      entry.automatic ? h('span', { class: 'tag' }, t('field.automatic')) : null,
      h('span', { class: 'tl-time' }, dateTime(entry.occurredAt)),
    ),
    details.length
      ? h(
          'dl',
          { class: 'tl-details' },
          details.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
        )
      : null,
    evidence ? h('div', { class: 'tl-evidence muted small' }, evidence) : null,
    h('div', { class: 'tl-service' }, entry.service ?? ''),
  );
}
