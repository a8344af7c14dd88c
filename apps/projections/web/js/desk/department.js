// The department's desk (部门 · 待办工单): the orders dispatched to this department, most urgent
// first, with what can be done to each — sign (签收), return (退单), ask for more time (申请延期)
// and report the disposal (处置反馈, with photos) — and, beside them, the orders already handed on
// (awaiting the on-site check, returned, closed). Live: each frame of the department's stream
// reloads the inbox; the orders that arrive or change are marked fresh.
import { get, post, via } from '../api.js';
import { coalesce, fill, h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { categoryName, cellLabel, departmentName } from '../reference.js';
import { fieldError, formButton, inlineForm, reasonInput } from './inline-form.js';
import {
  actionButton,
  briefOf,
  caseNumber,
  deadlineText,
  failure,
  field,
  lightBadge,
  newKey,
  photoField,
  photoPicker,
  refreshButton,
} from './ui.js';
import { serialised, workList, workPanel } from './work-list.js';

addStrings({
  'department.extensionPending': ['延期审批中', 'Extension asked'],
  'department.title': ['部门 · 待办工单', 'Department inbox'],
  'department.inbox': ['待办工单', 'Orders to work'],
  'department.inboxSub': ['{department} · 按紧急程度排序', '{department} · most urgent first'],
  'department.done': ['已办工单', 'Orders handed on'],
  'department.doneSub': [
    '待核查、已退单、已结案（最近 {n} 件）',
    'Awaiting the check, returned, closed (last {n})',
  ],
  'department.all': ['全部', 'All'],
  'department.nothingDone': ['暂无已办工单', 'No orders handed on yet'],
  'department.noneOfLight': ['该灯色下暂无待办', 'No orders with this light'],
  'department.sign': ['签收', 'Sign'],
  'department.return': ['退单', 'Return'],
  'department.extend': ['申请延期', 'Ask for more time'],
  'department.dispose': ['处置反馈', 'Report disposal'],
  'department.returnReason': ['退单原因', 'Reason for the return'],
  'department.choose': ['— 请选择 —', '— choose —'],
  'department.returnNote': ['补充说明（可选）', 'Note (optional)'],
  'department.hours': ['延期时长（小时）', 'Extra time (hours)'],
  'department.extendReason': ['延期理由', 'Why more time is needed'],
  'department.disposalNotes': ['处置情况', 'What was done'],
  'department.photosHint': [
    '可附处置后现场照片（JPEG、PNG 或 WebP）',
    'Photos of the site after the work (JPEG, PNG or WebP)',
  ],
  'department.confirm.return': ['确认退单', 'Return the order'],
  'department.confirm.extend': ['提交延期申请', 'Send the request'],
  'department.confirm.dispose': ['提交处置反馈', 'Send the disposal report'],
  'department.hoursRange': ['请输入 1 到 2000 之间的整数', 'A whole number from 1 to 2000'],
  'department.signed': ['已签收工单', 'Order signed'],
  'department.returned': ['已退单，等待派遣员处理', 'Order returned to the dispatcher'],
  'department.extensionAsked': ['延期申请已提交，等待派遣员审批', 'Extension request sent to the dispatcher'],
  'department.disposed': ['处置反馈已提交，等待监督员核查', 'Disposal reported: awaiting the on-site check'],
});

const LIGHTS = ['red', 'yellow', 'green'];
const TODO = new Set(['dispatched', 'signed', 'rework']);
const DONE_SHOWN = 30;
const RETURN_REASONS = ['wrong-area', 'unclear-ownership', 'not-our-duty', 'other'];

/** Which steps each status allows (disposal's rules: sign before reporting; no return in rework). */
const STEPS = {
  dispatched: ['sign', 'return', 'extend'],
  signed: ['dispose', 'extend', 'return'],
  rework: ['dispose', 'extend'],
};

const byUrgency = (a, b) =>
  LIGHTS.indexOf(a.light) - LIGHTS.indexOf(b.light) || Date.parse(a.deadlineAt) - Date.parse(b.deadlineAt);

const DONE_ORDER = ['disposed', 'returned', 'closed'];
const byHandedOn = (a, b) =>
  DONE_ORDER.indexOf(a.status) - DONE_ORDER.indexOf(b.status) ||
  Date.parse(b.deadlineAt) - Date.parse(a.deadlineAt);

export const departmentView = {
  id: 'department',
  roles: ['department'],
  titleKey: 'department.title',
  mount,
};

function mount(container, ctx) {
  const dept = ctx.identity()?.dept;
  const filter = { only: null }; // a light, or null for all
  let orders = null; // the last list from the server
  let stopped = false;
  const chips = h('div', { class: 'light-filters' });
  const inboxPanel = workPanel({
    name: 'inbox',
    title: t('department.inbox'),
    sub: t('department.inboxSub', { department: departmentName(dept) }),
  });
  const donePanel = workPanel({
    name: 'done',
    title: t('department.done'),
    sub: t('department.doneSub', { n: DONE_SHOWN }),
  });

  const reload = serialised(async () => {
    if (stopped) return;
    try {
      const { items } = await get(via('disposal', '/orders'));
      if (stopped) return;
      orders = items;
      draw();
    } catch (error) {
      if (!stopped) inbox.failed(error);
    }
  });
  const desk = { ctx, reload };
  const inbox = workList(inboxPanel, {
    keyOf: (o) => o.orderId,
    render: (order) => orderItem(order, desk),
    signatureOf,
    stateOf,
    emptyText: (count) => t(filter.only && count ? 'department.noneOfLight' : 'desk.empty'),
  });
  const done = workList(donePanel, {
    keyOf: (o) => o.orderId,
    render: doneItem,
    stateOf,
    emptyText: t('department.nothingDone'),
  });

  function draw() {
    const todo = orders.filter((o) => TODO.has(o.status)).sort(byUrgency);
    const handedOn = orders.filter((o) => !TODO.has(o.status)).sort(byHandedOn);
    drawChips(chips, filter, todo, draw);
    inbox.show(todo, { only: (o) => !filter.only || o.light === filter.only });
    done.show(handedOn.slice(0, DONE_SHOWN), { total: handedOn.length });
  }

  fill(
    container,
    h('div', { class: 'desk-toolbar' }, chips, refreshButton(reload, { dataset: { action: 'refresh' } })),
    h('div', { class: 'desk-columns' }, inboxPanel.el, donePanel.el),
  );
  reload();
  const onFrame = coalesce(reload, 300);
  return {
    refresh: reload,
    onFrame: (frame) => {
      if (!frame?.departmentId || !dept || frame.departmentId === dept) onFrame();
    },
    stop: () => (stopped = true),
  };
}

/** What marks an order as changed: its status or its deadline (an extension granted). */
const stateOf = (o) => `${o.status} ${o.deadlineAt}`;

/** The light filters, each with its count; pressing one shows only its orders (again: all). */
function drawChips(chips, filter, todo, draw) {
  const chip = (light, label, count) =>
    h(
      'button',
      {
        type: 'button',
        class: `light-filter ${light ? `light-${light}` : ''} ${filter.only === light ? 'on' : ''}`,
        title: light ? t(`light.${light}`) : null,
        dataset: { filter: light ?? 'all' },
        onclick: () => {
          filter.only = filter.only === light ? null : light;
          draw();
        },
      },
      light ? h('i', { class: `dot dot-${light}` }) : null,
      label,
      h('b', null, String(count)),
    );
  fill(
    chips,
    chip(null, t('department.all'), todo.length),
    LIGHTS.map((light) => chip(light, t(`light.${light}`), todo.filter((o) => o.light === light).length)),
  );
}

/** What an inbox item shows: when it changes, the item is drawn again. */
const signatureOf = (o) =>
  JSON.stringify([
    o.status,
    o.light,
    o.deadlineAt,
    deadlineText(o.deadlineAt),
    o.categoryCode,
    o.gridCellCode,
    o.pendingExtension,
    Boolean(o.brief),
  ]);

/** An order handed on: its light, what and where. */
const doneItem = (o) =>
  h(
    'li',
    { class: 'work-item', dataset: itemData(o) },
    orderHead(o),
    h('div', { class: 'work-meta' }, h('span', null, cellLabel(o.gridCellCode)), caseNumber(o.caseId)),
  );

const itemData = (o) => ({ orderId: o.orderId, caseId: o.caseId, light: o.light, status: o.status });

const orderHead = (o) =>
  h(
    'div',
    { class: 'work-head' },
    lightBadge(o.light),
    h('span', { class: 'work-title' }, categoryName(o.categoryCode)),
    h('span', { class: `status status-${o.status}` }, t(`status.${o.status}`)),
    o.pendingExtension
      ? h(
          'span',
          { class: 'status status-postponed', dataset: { role: 'pending-extension' } },
          t('department.extensionPending'),
        )
      : null,
  );

/** One order of the inbox, with the buttons its status allows and room for one inline form. */
function orderItem(order, desk) {
  const item = h('li', { class: 'work-item', dataset: itemData(order) });
  const steps = {
    sign: () => signButton(order, desk),
    return: () => stepButton(item, 'return', () => returnForm(order, desk, item), 'ghost'),
    extend: () => stepButton(item, 'extend', () => extendForm(order, desk, item), 'ghost'),
    dispose: () => stepButton(item, 'dispose', () => disposeForm(order, desk, item)),
  };
  return fill(
    item,
    orderHead(order),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, `${t('desk.location')} ${cellLabel(order.gridCellCode)}`),
      h('span', { class: order.light === 'red' ? '' : 'muted' }, deadlineText(order.deadlineAt)),
      caseNumber(order.caseId),
    ),
    briefOf(order.brief),
    h(
      'div',
      { class: 'work-actions' },
      (STEPS[order.status] ?? []).map((step) => steps[step]()),
    ),
  );
}

function signButton(order, { ctx, reload }) {
  return actionButton(
    t('department.sign'),
    () => post(via('disposal', `/orders/${order.orderId}/sign`), {}),
    {
      attrs: { dataset: { action: 'sign' } },
      onError: failure(ctx, reload),
      onDone: () => (ctx.toast(t('department.signed')), reload()),
    },
  );
}

/** A step's button: opens (or, pressed again, closes) the item's inline form of that kind. */
const stepButton = (item, kind, makeForm, style = 'primary') =>
  formButton(item, t(`department.${kind}`), makeForm, { action: kind, kind, style });

/** A step's inline form: once sent, the step is said in a toast (done) and the inbox reloads. */
const stepForm = (item, { ctx, reload }, { kind, fields, submit, done }) =>
  inlineForm(item, {
    fields,
    confirmLabel: t(`department.confirm.${kind}`),
    submit,
    onError: failure(ctx, reload),
    onDone: () => (ctx.toast(t(done)), reload()),
  });

function returnForm(order, desk, item) {
  const reason = h(
    'select',
    { name: 'reason' },
    h('option', { value: '' }, t('department.choose')),
    RETURN_REASONS.map((r) => h('option', { value: r }, t(`reason.${r}`))),
  );
  const note = h('textarea', { name: 'note', maxlength: 1000, rows: 2 });
  return stepForm(item, desk, {
    kind: 'return',
    fields: h(
      'div',
      { class: 'form-row' },
      field(t('department.returnReason'), reason),
      field(t('department.returnNote'), note),
    ),
    submit: async () => {
      if (!reason.value) return fieldError(reason, t('desk.required'));
      const body = { reason: reason.value, ...(note.value.trim() && { note: note.value.trim() }) };
      await post(via('disposal', `/orders/${order.orderId}/return`), body);
    },
    done: 'department.returned',
  });
}

function extendForm(order, desk, item) {
  const hours = h('input', { type: 'number', name: 'hours', min: 1, max: 2000, step: 1, value: 24 });
  const reason = reasonInput();
  return stepForm(item, desk, {
    kind: 'extend',
    fields: h(
      'div',
      { class: 'form-row' },
      field(t('department.hours'), hours),
      field(t('department.extendReason'), reason),
    ),
    submit: async () => {
      const n = Number(hours.value);
      if (!Number.isInteger(n) || n < 1 || n > 2000) return fieldError(hours, t('department.hoursRange'));
      if (!reason.value.trim()) return fieldError(reason, t('desk.required'));
      await post(via('disposal', `/orders/${order.orderId}/extension-requests`), {
        hours: n,
        reason: reason.value.trim(),
      });
    },
    done: 'department.extensionAsked',
  });
}

/**
 * The disposal report: the photos go up first (a retry after a failed report does not send them
 * again unless the choice of photos changed), then the report.
 */
function disposeForm(order, desk, item) {
  const notes = h('textarea', { name: 'notes', maxlength: 4000, rows: 3 });
  const photos = photoPicker(failure(desk.ctx));
  const key = newKey();
  return stepForm(item, desk, {
    kind: 'dispose',
    fields: [field(t('department.disposalNotes'), notes), photoField(t('department.photosHint'), photos)],
    submit: async () => {
      if (!notes.value.trim()) return fieldError(notes, t('desk.required'));
      const evidenceIds = await photos.upload();
      const body = { notes: notes.value.trim(), ...(evidenceIds.length && { evidenceIds }) };
      await post(via('disposal', `/orders/${order.orderId}/disposal`), body, { idempotencyKey: key });
    },
    done: 'department.disposed',
  });
}
