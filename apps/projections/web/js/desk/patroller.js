// The patroller's desk (监督员 · 核查): the on-site checks (核查) waiting in the patroller's cells,
// oldest first — a department reported its disposal there and someone must go and look. Each check
// passes (核查通过: the case closes, or awaits the duty chief's sign-off) or fails (核查不通过: the
// order goes back to the department for rework), with notes and photos. Beside them, a patrol pass
// (巡查无此类问题) over cells. No live stream: the list is polled.
import { get, post, via } from '../api.js';
import { add, fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { categoryName, cellLabel, departmentName } from '../reference.js';
import { actionButton, briefOf, empty, evidencePhotos, field, newKey, photoPicker, refusal } from './ui.js';

addStrings({
  'patroller.departmentReported': ['{department} 处置反馈：', '{department} reported:'],
  'patroller.title': ['监督员 · 核查', 'Patroller · on-site checks'],
  'patroller.checks': ['待核查', 'Checks to make'],
  'patroller.checksSub': [
    '部门已处置，请到现场核查 · 先到先查',
    'The department reports it done: go and look · oldest first',
  ],
  'patroller.loadFailed': ['刷新失败：{text}', 'Refresh failed: {text}'],
  'patroller.open': ['待核查', 'To check'],
  'patroller.cell': ['网格', 'Cell'],
  'patroller.reportedAt': ['处置反馈 {time}', 'Reported done {time}'],
  'patroller.waiting': ['已等待 {span}', 'waiting {span}'],
  'patroller.pass': ['核查通过', 'Passed'],
  'patroller.fail': ['核查不通过', 'Not fixed'],
  'patroller.confirm.pass': ['确认通过', 'Confirm: passed'],
  'patroller.confirm.fail': ['确认不通过，退回返工', 'Confirm: back for rework'],
  'patroller.notesOptional': ['核查说明（可选）', 'Notes (optional)'],
  'patroller.notesRequired': ['未通过的原因', 'What is still wrong'],
  'patroller.photos': ['现场照片', 'Photos of the site'],
  'patroller.required': ['请填写此项', 'Please fill this in'],
  'patroller.closed': ['核查通过，案件已结案', 'Passed: the case is closed'],
  'patroller.passed': ['核查通过，等待值班长审核结案', "Passed: awaiting the duty chief's sign-off"],
  'patroller.failed': ['核查不通过，已退回部门返工', 'Not fixed: sent back to the department for rework'],
  'patroller.patrol': ['巡查记录', 'Patrol pass'],
  'patroller.patrolSub': [
    '巡查过、未发现此类问题的网格，登记后可界定之后上报问题的发生时间',
    'Cells walked with no problem seen: bounds when later reported problems began',
  ],
  'patroller.cellCodes': [
    '网格编码（15 位，可多个，以空格、逗号或换行分隔）',
    'Cell codes (15 digits; several: spaces, commas or lines)',
  ],
  'patroller.cellCodesBad': ['不是 15 位网格编码：{codes}', 'Not 15-digit cell codes: {codes}'],
  'patroller.logPatrol': ['登记巡查（无此类问题）', 'Log the pass (no problem seen)'],
  'patroller.patrolLogged': ['已登记 {n} 个网格的巡查', 'Pass logged over {n} cells'],
});

/** How long a check may wait before its lamp turns yellow, then red (a hint for the eye only). */
const WAIT_YELLOW_HOURS = 4;
const WAIT_RED_HOURS = 24;
const RESULT_TOAST = { closed: 'patroller.closed', passed: 'patroller.passed', failed: 'patroller.failed' };

export const patrollerView = {
  id: 'patroller',
  roles: ['patroller'],
  titleKey: 'patroller.title',
  mount,
};

function mount(container, ctx) {
  const state = { checks: null, seen: null, rows: new Map(), stopped: false, loading: false, again: false };
  const problem = h('span', { class: 'muted small', role: 'status' });
  const count = h('span', { class: 'count-badge' }, '0');
  const body = h('div', { class: 'panel-body' }, empty(t('drawer.loading')));
  const reload = () => load(state, view);
  const view = { ctx, problem, count, body, reload };

  fill(
    container,
    h(
      'div',
      { class: 'desk-toolbar' },
      h(
        'button',
        { type: 'button', class: 'ghost small', dataset: { action: 'refresh' }, onclick: reload },
        t('desk.refresh'),
      ),
      problem,
    ),
    h(
      'div',
      { class: 'desk-columns' },
      panel(
        'checks',
        h('h2', { class: 'panel-title' }, t('patroller.checks'), count),
        t('patroller.checksSub'),
        body,
      ),
      patrolPanel(view),
    ),
  );
  reload();
  return { refresh: reload, stop: () => (state.stopped = true) };
}

function panel(name, title, sub, body) {
  return h(
    'section',
    { class: 'panel', dataset: { panel: name } },
    h('header', { class: 'panel-head' }, h('div', null, title, h('p', { class: 'panel-sub' }, sub))),
    body,
  );
}

/** Loads the open checks and draws them; a load asked for while one runs runs once after it. */
async function load(state, view) {
  if (state.stopped) return;
  if (state.loading) return void (state.again = true);
  state.loading = true;
  try {
    const { items } = await get(via('verification', '/verifications'));
    if (state.stopped) return;
    view.problem.textContent = '';
    const fresh = state.seen
      ? new Set(items.filter((c) => !state.seen.has(c.verificationId)).map((c) => c.verificationId))
      : new Set();
    state.seen = new Set(items.map((c) => c.verificationId));
    state.checks = items;
    draw(state, view, fresh);
  } catch (error) {
    if (state.stopped) return;
    view.problem.textContent = t('patroller.loadFailed', { text: refusal(error) });
    if (!state.checks) fill(view.body, empty(refusal(error)));
  } finally {
    state.loading = false;
    if (state.again && !state.stopped) {
      state.again = false;
      load(state, view);
    }
  }
}

/**
 * The checks, oldest first (the server's order). A check whose inline form is open is kept as it
 * is, even when it has left the list (another patroller's result): the typed notes survive.
 */
function draw(state, view, fresh) {
  const open = [...state.rows].filter(([, row]) => row.el.dataset.form);
  const next = new Map();
  const els = state.checks.map((check) => {
    const kept = state.rows.get(check.verificationId);
    const signature = signatureOf(check);
    const keep = kept && (kept.el.dataset.form || kept.signature === signature);
    const el = keep ? kept.el : checkItem(check, view, fresh.has(check.verificationId));
    if (keep) el.classList.remove('fresh');
    next.set(check.verificationId, { el, signature: keep ? kept.signature : signature });
    return el;
  });
  const gone = open.filter(([id]) => !next.has(id));
  for (const [id, row] of gone) next.set(id, row);
  state.rows = next;
  view.count.textContent = String(state.checks.length);
  const all = [...els, ...gone.map(([, row]) => row.el)];
  if (all.length === 0) return void fill(view.body, empty(t('desk.empty')));
  let list = view.body.querySelector('ul.work-list');
  if (!list) fill(view.body, (list = h('ul', { class: 'work-list', dataset: { list: 'checks' } })));
  list.replaceChildren(...all);
}

/** What a check shows: when it changes (the waiting time moves on), it is drawn again. */
const signatureOf = (c) =>
  JSON.stringify([
    c.status,
    c.gridCellCode,
    c.openedAt,
    waitingText(c.openedAt),
    waitLight(c.openedAt),
    Boolean(c.brief),
  ]);

const hoursSince = (iso) => (Date.now() - Date.parse(iso)) / 3_600_000;

/** The lamp of a check: how long it has waited for someone to go and look. */
function waitLight(openedAt) {
  const hours = hoursSince(openedAt);
  return hours >= WAIT_RED_HOURS ? 'red' : hours >= WAIT_YELLOW_HOURS ? 'yellow' : 'green';
}

function waitingText(openedAt) {
  const hours = Math.max(0, hoursSince(openedAt));
  const span =
    hours >= 48
      ? t('desk.days', { n: Math.round(hours / 24) })
      : hours >= 1
        ? t('desk.hours', { n: Math.round(hours) })
        : t('desk.minutes', { n: Math.max(1, Math.round(hours * 60)) });
  return t('patroller.waiting', { span });
}

/** One check: where, since when, and the two results, each with its inline form. */
function checkItem(check, view, fresh) {
  const light = waitLight(check.openedAt);
  const item = h('li', {
    class: `work-item ${fresh ? 'fresh' : ''}`,
    dataset: {
      verificationId: check.verificationId,
      caseId: check.caseId,
      orderId: check.orderId,
      light,
      status: check.status,
    },
  });
  add(
    item,
    h(
      'div',
      { class: 'work-head' },
      h('i', { class: `dot dot-${light}`, title: waitingText(check.openedAt) }),
      check.brief ? h('span', { class: 'work-title' }, categoryName(check.brief.categoryCode)) : null,
      h('span', { class: check.brief ? '' : 'work-title' }, cellLabel(check.gridCellCode)),
      h('span', { class: 'status status-disposed' }, t('patroller.open')),
    ),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, `${t('patroller.cell')} `, h('span', { class: 'mono' }, check.gridCellCode)),
      h(
        'span',
        null,
        t('patroller.reportedAt', { time: shortDateTime(check.openedAt) }),
        ' · ',
        waitingText(check.openedAt),
      ),
      h('span', null, `${t('desk.case')} `, h('span', { class: 'mono small' }, check.caseId)),
    ),
    briefOf(check.brief),
    disposalReport(check),
    h(
      'div',
      { class: 'work-actions' },
      resultButton(item, 'pass', () => resultForm(check, true, view, item)),
      resultButton(item, 'fail', () => resultForm(check, false, view, item)),
    ),
  );
  return item;
}

/** What the department reported: who, its notes and its photos, the things to check on site. */
function disposalReport(check) {
  if (!check.departmentId && !check.disposalNotes && !check.evidenceIds?.length) return null;
  return h(
    'div',
    { class: 'disposal-report', dataset: { role: 'disposal-report' } },
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, t('patroller.departmentReported', { department: departmentName(check.departmentId) })),
    ),
    check.disposalNotes ? h('p', { class: 'work-text' }, check.disposalNotes) : null,
    check.evidenceIds?.length ? evidencePhotos(check.evidenceIds) : null,
  );
}

/** A button that opens (or, pressed again, closes) the check's inline form for that result. */
function resultButton(item, kind, makeForm) {
  return h(
    'button',
    {
      type: 'button',
      class: `${kind === 'pass' ? 'primary' : 'ghost'} small`,
      dataset: { action: kind },
      onclick: () => (item.dataset.form === kind ? closeForm(item) : openForm(item, kind, makeForm())),
    },
    t(`patroller.${kind}`),
  );
}

function openForm(item, kind, form) {
  closeForm(item);
  item.dataset.form = kind;
  item.append(form);
  form.querySelector('textarea')?.focus();
}

function closeForm(item) {
  item.querySelector(':scope > .inline-form')?.remove();
  delete item.dataset.form;
}

/**
 * The result of a check: notes (required when it failed) and photos. The photos go up first (their
 * evidence ids kept, so a retry does not send them again unless the choice changed), then the result.
 */
function resultForm(check, passed, view, item) {
  const kind = passed ? 'pass' : 'fail';
  const notes = h('textarea', { name: 'notes', maxlength: 4000, rows: 3 });
  const photos = photoPicker(toastError(view));
  const key = newKey();
  let evidenceIds = null;
  const forget = () => (evidenceIds = null);
  photos.el.addEventListener('change', forget);
  photos.el.addEventListener('click', forget);
  const notesField = field(t(passed ? 'patroller.notesOptional' : 'patroller.notesRequired'), notes);
  const confirm = actionButton(
    t(`patroller.confirm.${kind}`),
    async () => {
      if (!passed && !notes.value.trim()) return fieldError(notes, t('patroller.required'));
      if (!evidenceIds) evidenceIds = await photos.upload();
      const body = {
        passed,
        ...(notes.value.trim() && { notes: notes.value.trim() }),
        ...(evidenceIds.length && { evidenceIds }),
      };
      return post(via('verification', `/verifications/${check.verificationId}/result`), body, {
        idempotencyKey: key,
      });
    },
    {
      attrs: { dataset: { action: 'confirm' } },
      onError: (error) => (toastError(view)(error), view.reload()),
      onDone: (result) => {
        if (!result) return;
        closeForm(item);
        view.ctx.toast(t(RESULT_TOAST[result.status] ?? 'desk.done'));
        view.reload();
      },
    },
  );
  return h(
    'div',
    { class: 'inline-form', dataset: { form: kind } },
    notesField,
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, t('patroller.photos')), photos.el),
    h(
      'div',
      { class: 'work-actions' },
      confirm,
      h(
        'button',
        {
          type: 'button',
          class: 'ghost small',
          dataset: { action: 'cancel' },
          onclick: () => closeForm(item),
        },
        t('desk.cancel'),
      ),
    ),
  );
}

/** Marks a missing or wrong field under its control, until it is changed; null, for the button's act. */
function fieldError(control, text) {
  const label = control.closest('.field');
  label.querySelector('.field-error')?.remove();
  const error = h('span', { class: 'field-error' }, text);
  label.append(error);
  control.addEventListener('input', () => error.remove(), { once: true });
  control.focus();
  return null;
}

const toastError = (view) => (error) => view.ctx.toast(refusal(error), { error: true });

/** The patrol pass: cells walked with no such problem seen (intake's POST /patrols). */
function patrolPanel(view) {
  const codes = h('textarea', { name: 'cellCodes', rows: 3, spellcheck: 'false', class: 'mono' });
  const codesField = field(t('patroller.cellCodes'), codes);
  let key = newKey(); // one pass: kept across retries, new once it is logged or the cells change
  codes.addEventListener('input', () => (key = newKey()));
  const submit = actionButton(
    t('patroller.logPatrol'),
    async () => {
      const cellCodes = [...new Set(codes.value.split(/[\s,，、;；]+/).filter(Boolean))];
      const bad = cellCodes.filter((c) => !/^\d{15}$/.test(c));
      if (cellCodes.length === 0 || bad.length > 0) {
        const text = bad.length
          ? t('patroller.cellCodesBad', { codes: bad.slice(0, 5).join(', ') })
          : t('patroller.required');
        return fieldError(codes, text);
      }
      return post(via('intake', '/patrols'), { cellCodes }, { idempotencyKey: key });
    },
    {
      attrs: { dataset: { action: 'patrol' } },
      onError: toastError(view),
      onDone: (logged) => {
        if (!logged) return;
        codes.value = '';
        key = newKey();
        view.ctx.toast(t('patroller.patrolLogged', { n: logged.cellCodes?.length ?? 0 }));
      },
    },
  );
  return panel(
    'patrol',
    h('h2', { class: 'panel-title' }, t('patroller.patrol')),
    t('patroller.patrolSub'),
    h(
      'div',
      { class: 'panel-body' },
      h(
        'div',
        { class: 'desk-form', dataset: { form: 'patrol' } },
        codesField,
        h('div', { class: 'work-actions' }, submit),
      ),
    ),
  );
}
