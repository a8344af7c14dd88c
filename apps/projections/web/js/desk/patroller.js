// The patroller's desk (监督员 · 核查): the on-site checks (核查) waiting in the patroller's cells,
// oldest first — a department reported its disposal there and someone must go and look. Each check
// passes (核查通过: the case closes, or awaits the duty chief's sign-off) or fails (核查不通过: the
// order goes back to the department for rework), with notes and photos. Beside them, a patrol pass
// (巡查无此类问题) over cells. No live stream: the list is polled.
import { get, post, via } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, t } from '../i18n.js';
import { categoryName, cellLabel, departmentName } from '../reference.js';
import { fieldError, formButton, inlineForm } from './inline-form.js';
import {
  actionButton,
  briefOf,
  caseNumber,
  evidencePhotos,
  failure,
  field,
  newKey,
  photoField,
  photoPicker,
  refreshButton,
  waitingText,
} from './ui.js';
import { serialised, workList, workPanel } from './work-list.js';

addStrings({
  'patroller.departmentReported': ['{department} 处置反馈：', '{department} reported:'],
  'patroller.title': ['监督员 · 核查', 'Patroller · on-site checks'],
  'patroller.checks': ['待核查', 'Checks to make'],
  'patroller.checksSub': [
    '部门已处置，请到现场核查 · 先到先查',
    'The department reports it done: go and look · oldest first',
  ],
  'patroller.open': ['待核查', 'To check'],
  'patroller.cell': ['网格', 'Cell'],
  'patroller.reportedAt': ['处置反馈 {time}', 'Reported done {time}'],
  'patroller.pass': ['核查通过', 'Passed'],
  'patroller.fail': ['核查不通过', 'Not fixed'],
  'patroller.confirm.pass': ['确认通过', 'Confirm: passed'],
  'patroller.confirm.fail': ['确认不通过，退回返工', 'Confirm: back for rework'],
  'patroller.notesOptional': ['核查说明（可选）', 'Notes (optional)'],
  'patroller.notesRequired': ['未通过的原因', 'What is still wrong'],
  'patroller.photos': ['现场照片', 'Photos of the site'],
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
  let stopped = false;
  const checksPanel = workPanel({
    name: 'checks',
    title: t('patroller.checks'),
    sub: t('patroller.checksSub'),
  });
  const reload = serialised(async () => {
    if (stopped) return;
    try {
      const { items } = await get(via('verification', '/verifications'));
      if (!stopped) checks.show(items);
    } catch (error) {
      if (!stopped) checks.failed(error);
    }
  });
  const desk = { ctx, reload };
  // The checks, oldest first (the server's order).
  const checks = workList(checksPanel, {
    keyOf: (c) => c.verificationId,
    render: (check) => checkItem(check, desk),
    signatureOf,
    emptyText: t('desk.empty'),
  });

  fill(
    container,
    h('div', { class: 'desk-toolbar' }, refreshButton(reload, { dataset: { action: 'refresh' } })),
    h('div', { class: 'desk-columns' }, checksPanel.el, patrolPanel(desk).el),
  );
  reload();
  return { refresh: reload, stop: () => (stopped = true) };
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

/** One check: where, since when, and the two results, each with its inline form. */
function checkItem(check, desk) {
  const light = waitLight(check.openedAt);
  const item = h('li', {
    class: 'work-item',
    dataset: {
      verificationId: check.verificationId,
      caseId: check.caseId,
      orderId: check.orderId,
      light,
      status: check.status,
    },
  });
  return fill(
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
      caseNumber(check.caseId),
    ),
    briefOf(check.brief),
    disposalReport(check),
    h(
      'div',
      { class: 'work-actions' },
      resultButton(item, 'pass', () => resultForm(check, true, desk, item)),
      resultButton(item, 'fail', () => resultForm(check, false, desk, item)),
    ),
  );
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
const resultButton = (item, kind, makeForm) =>
  formButton(item, t(`patroller.${kind}`), makeForm, {
    action: kind,
    kind,
    style: kind === 'pass' ? 'primary' : 'ghost',
  });

/**
 * The result of a check: notes (required when it failed) and photos. The photos go up first (a
 * retry does not send them again unless the choice changed), then the result.
 */
function resultForm(check, passed, { ctx, reload }, item) {
  const kind = passed ? 'pass' : 'fail';
  const notes = h('textarea', { name: 'notes', maxlength: 4000, rows: 3 });
  const photos = photoPicker(failure(ctx));
  const key = newKey();
  return inlineForm(item, {
    fields: [
      field(t(passed ? 'patroller.notesOptional' : 'patroller.notesRequired'), notes),
      photoField(t('patroller.photos'), photos),
    ],
    confirmLabel: t(`patroller.confirm.${kind}`),
    submit: async () => {
      if (!passed && !notes.value.trim()) return fieldError(notes, t('desk.required'));
      const evidenceIds = await photos.upload();
      const body = {
        passed,
        ...(notes.value.trim() && { notes: notes.value.trim() }),
        ...(evidenceIds.length && { evidenceIds }),
      };
      return post(via('verification', `/verifications/${check.verificationId}/result`), body, {
        idempotencyKey: key,
      });
    },
    onError: failure(ctx, reload),
    onDone: (result) => {
      ctx.toast(t(RESULT_TOAST[result?.status] ?? 'desk.done'));
      reload();
    },
  });
}

/** The patrol pass: cells walked with no such problem seen (intake's POST /patrols). */
function patrolPanel({ ctx }) {
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
          : t('desk.required');
        return fieldError(codes, text);
      }
      return post(via('intake', '/patrols'), { cellCodes }, { idempotencyKey: key });
    },
    {
      attrs: { dataset: { action: 'patrol' } },
      onError: failure(ctx),
      onDone: (logged) => {
        if (!logged) return;
        codes.value = '';
        key = newKey();
        ctx.toast(t('patroller.patrolLogged', { n: logged.cellCodes?.length ?? 0 }));
      },
    },
  );
  return workPanel({
    name: 'patrol',
    title: t('patroller.patrol'),
    sub: t('patroller.patrolSub'),
    count: false,
    content: h(
      'div',
      { class: 'desk-form', dataset: { form: 'patrol' } },
      codesField,
      h('div', { class: 'work-actions' }, submit),
    ),
  });
}
