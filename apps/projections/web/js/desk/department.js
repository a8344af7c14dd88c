// The department's desk (部门 · 待办工单): the orders dispatched to this department, most urgent
// first, with what can be done to each — sign (签收), return (退单), ask for more time (申请延期)
// and report the disposal (处置反馈, with photos) — and, beside them, the orders already handed on
// (awaiting the on-site check, returned, closed). Live: each frame of the department's stream
// reloads the inbox; the orders that arrive or change are marked fresh.
import { get, post, via } from '../api.js';
import { add, coalesce, fill, h } from '../dom.js';
import { addStrings, t } from '../i18n.js';
import { categoryName, cellLabel, departmentName } from '../reference.js';
import {
  actionButton,
  briefOf,
  deadlineText,
  empty,
  field,
  lightBadge,
  newKey,
  photoPicker,
  refusal,
} from './ui.js';

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
  'department.loadFailed': ['刷新失败：{text}', 'Refresh failed: {text}'],
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
  'department.required': ['请填写此项', 'Please fill this in'],
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
  const state = {
    orders: null, // the last list from the server
    seen: null, // orderId → status and deadline at the last load, to mark what is new or changed
    rows: new Map(), // orderId → {el, signature}: items kept across reloads (and their open forms)
    only: null, // a light, or null for all
    stopped: false,
    loading: false,
    again: false,
  };
  const dept = ctx.identity()?.dept;
  const chips = h('div', { class: 'light-filters' });
  const problem = h('span', { class: 'muted small', role: 'status' });
  const inboxCount = h('span', { class: 'count-badge' }, '0');
  const doneCount = h('span', { class: 'count-badge' }, '0');
  const inbox = h('div', { class: 'panel-body' }, empty(t('drawer.loading')));
  const done = h('div', { class: 'panel-body' });
  const reload = () => load(state, view).catch(() => {});
  const view = { ctx, chips, problem, inbox, done, inboxCount, doneCount, reload };

  fill(
    container,
    h(
      'div',
      { class: 'desk-toolbar' },
      chips,
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
        t('department.inbox'),
        t('department.inboxSub', { department: departmentName(dept) }),
        inboxCount,
        inbox,
        'inbox',
      ),
      panel(t('department.done'), t('department.doneSub', { n: DONE_SHOWN }), doneCount, done, 'done'),
    ),
  );
  reload();
  const onFrame = coalesce(reload, 300);
  return {
    refresh: reload,
    onFrame: (frame) => {
      if (!frame?.departmentId || !dept || frame.departmentId === dept) onFrame();
    },
    stop: () => (state.stopped = true),
  };
}

function panel(title, sub, count, body, name) {
  return h(
    'section',
    { class: 'panel', dataset: { panel: name } },
    h(
      'header',
      { class: 'panel-head' },
      h('div', null, h('h2', { class: 'panel-title' }, title, count), h('p', { class: 'panel-sub' }, sub)),
    ),
    body,
  );
}

/** Loads the orders and draws them; a load asked for while one runs runs once after it. */
async function load(state, view) {
  if (state.stopped) return;
  if (state.loading) return void (state.again = true);
  state.loading = true;
  try {
    const { items } = await get(via('disposal', '/orders'));
    if (state.stopped) return;
    view.problem.textContent = '';
    const changed = changedSince(state.seen, items);
    state.seen = new Map(items.map((o) => [o.orderId, stateOf(o)]));
    state.orders = items;
    draw(state, view, changed);
  } catch (error) {
    if (state.stopped) return;
    view.problem.textContent = t('department.loadFailed', { text: refusal(error) });
    if (!state.orders) fill(view.inbox, empty(refusal(error)));
  } finally {
    state.loading = false;
    if (state.again && !state.stopped) {
      state.again = false;
      load(state, view);
    }
  }
}

/** What marks an order as changed: its status or its deadline (an extension granted). */
const stateOf = (o) => `${o.status} ${o.deadlineAt}`;

/** The orders new or changed since the last load (none on the first load). */
function changedSince(seen, items) {
  if (!seen) return new Set();
  return new Set(items.filter((o) => seen.get(o.orderId) !== stateOf(o)).map((o) => o.orderId));
}

function draw(state, view, changed) {
  const todo = state.orders.filter((o) => TODO.has(o.status)).sort(byUrgency);
  const handedOn = state.orders
    .filter((o) => !TODO.has(o.status))
    .sort(byHandedOn)
    .slice(0, DONE_SHOWN);
  drawChips(state, view, todo);
  view.inboxCount.textContent = String(todo.length);
  view.doneCount.textContent = String(state.orders.length - todo.length);
  drawInbox(state, view, todo, changed);
  drawDone(view, handedOn, changed);
}

function drawChips(state, view, todo) {
  const chip = (light, label, count) =>
    h(
      'button',
      {
        type: 'button',
        class: `light-filter ${light ? `light-${light}` : ''} ${state.only === light ? 'on' : ''}`,
        title: light ? t(`light.${light}`) : null,
        dataset: { filter: light ?? 'all' },
        onclick: () => {
          state.only = state.only === light ? null : light;
          draw(state, view, new Set());
        },
      },
      light ? h('i', { class: `dot dot-${light}` }) : null,
      label,
      h('b', null, String(count)),
    );
  fill(
    view.chips,
    chip(null, t('department.all'), todo.length),
    LIGHTS.map((light) => chip(light, t(`light.${light}`), todo.filter((o) => o.light === light).length)),
  );
}

/**
 * The inbox: an item whose inline form is open is kept as it is (a half-typed form survives the
 * reload), even when its order has changed or left the list; the others are drawn again when what
 * they show has changed.
 */
function drawInbox(state, view, todo, changed) {
  const open = [...state.rows].filter(([, row]) => row.el.dataset.form);
  const present = new Set(todo.map((o) => o.orderId));
  const shown = todo.filter((o) => !state.only || o.light === state.only);
  const next = new Map(open.filter(([id]) => !present.has(id)));
  const els = shown.map((order) => {
    const kept = state.rows.get(order.orderId);
    const signature = signatureOf(order);
    const keep = kept && (kept.el.dataset.form || kept.signature === signature);
    const el = keep ? kept.el : orderItem(order, view, changed.has(order.orderId));
    if (keep) el.classList.remove('fresh'); // fresh: new or changed since the last load only
    next.set(order.orderId, { el, signature: keep ? kept.signature : signature });
    return el;
  });
  // Open forms of orders the filter hides stay in memory (shown again with their light).
  for (const [id, row] of open) if (!next.has(id)) next.set(id, row);
  const gone = open.filter(([id]) => !present.has(id)).map(([, row]) => row.el);
  state.rows = next;
  const all = [...els, ...gone];
  if (all.length === 0)
    return void fill(
      view.inbox,
      empty(t(state.only && todo.length ? 'department.noneOfLight' : 'desk.empty')),
    );
  let list = view.inbox.querySelector('ul.work-list');
  if (!list) fill(view.inbox, (list = h('ul', { class: 'work-list', dataset: { list: 'inbox' } })));
  list.replaceChildren(...all);
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

function drawDone(view, orders, changed) {
  if (orders.length === 0) return void fill(view.done, empty(t('department.nothingDone')));
  fill(
    view.done,
    h(
      'ul',
      { class: 'work-list', dataset: { list: 'done' } },
      orders.map((o) =>
        h(
          'li',
          { class: `work-item ${changed.has(o.orderId) ? 'fresh' : ''}`, dataset: itemData(o) },
          orderHead(o),
          h('div', { class: 'work-meta' }, h('span', null, cellLabel(o.gridCellCode)), caseId(o.caseId)),
        ),
      ),
    ),
  );
}

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

const caseId = (id) => h('span', null, `${t('desk.case')} `, h('span', { class: 'mono small' }, id));

/** One order of the inbox, with the buttons its status allows and room for one inline form. */
function orderItem(order, view, fresh) {
  const item = h('li', { class: `work-item ${fresh ? 'fresh' : ''}`, dataset: itemData(order) });
  const actions = h('div', { class: 'work-actions' });
  const steps = {
    sign: () => signButton(order, view),
    return: () => formButton(item, 'return', () => returnForm(order, view, item)),
    extend: () => formButton(item, 'extend', () => extendForm(order, view, item), 'ghost'),
    dispose: () => formButton(item, 'dispose', () => disposeForm(order, view, item)),
  };
  for (const step of STEPS[order.status] ?? []) actions.append(steps[step]());
  add(
    item,
    orderHead(order),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, `${t('desk.location')} ${cellLabel(order.gridCellCode)}`),
      h('span', { class: order.light === 'red' ? '' : 'muted' }, deadlineText(order.deadlineAt)),
      caseId(order.caseId),
    ),
    briefOf(order.brief),
    actions,
  );
  return item;
}

const toastError = (view) => (error) => view.ctx.toast(refusal(error), { error: true });

function signButton(order, view) {
  return actionButton(
    t('department.sign'),
    () => post(via('disposal', `/orders/${order.orderId}/sign`), {}),
    {
      attrs: { dataset: { action: 'sign' } },
      onError: (error) => (toastError(view)(error), view.reload()),
      onDone: () => (view.ctx.toast(t('department.signed')), view.reload()),
    },
  );
}

/** A button that opens (or, pressed again, closes) the item's inline form of that kind. */
function formButton(item, kind, makeForm, style = kind === 'return' ? 'ghost' : 'primary') {
  return h(
    'button',
    {
      type: 'button',
      class: `${style} small`,
      dataset: { action: kind },
      onclick: () => (item.dataset.form === kind ? closeForm(item) : openForm(item, kind, makeForm())),
    },
    t(`department.${kind}`),
  );
}

function openForm(item, kind, form) {
  closeForm(item);
  item.dataset.form = kind;
  item.append(form);
  form.querySelector('select, textarea, input')?.focus();
}

function closeForm(item) {
  item.querySelector(':scope > .inline-form')?.remove();
  delete item.dataset.form;
}

/**
 * An inline form: its fields, then confirm and cancel. submit() reads and checks the fields (false
 * when one is missing: the form stays open), then sends; on success the form closes and the inbox
 * reloads.
 */
function inlineForm(kind, view, item, fields, submit, done) {
  const form = h('div', { class: 'inline-form', dataset: { form: kind } }, fields);
  const confirm = actionButton(t(`department.confirm.${kind}`), submit, {
    attrs: { dataset: { action: 'confirm' } },
    onError: toastError(view),
    onDone: (sent) => {
      if (sent === false) return;
      closeForm(item);
      view.ctx.toast(t(done));
      view.reload();
    },
  });
  const cancel = h(
    'button',
    { type: 'button', class: 'ghost small', dataset: { action: 'cancel' }, onclick: () => closeForm(item) },
    t('desk.cancel'),
  );
  form.append(h('div', { class: 'work-actions' }, confirm, cancel));
  return form;
}

/** Marks a missing or wrong field under its control, until it is changed; false, for submit() to return. */
function fieldError(control, text) {
  const label = control.closest('.field');
  label.querySelector('.field-error')?.remove();
  const error = h('span', { class: 'field-error' }, text);
  label.append(error);
  control.addEventListener('input', () => error.remove(), { once: true });
  control.focus();
  return false;
}

/** The photos' field: a div, not a label (the picker holds a label and buttons of its own). */
const photoField = (label, picker) =>
  h('div', { class: 'field' }, h('span', { class: 'field-label' }, label), picker);

const clearErrors = (form) => form.querySelectorAll('.field-error').forEach((el) => el.remove());

function returnForm(order, view, item) {
  const reason = h(
    'select',
    { name: 'reason' },
    h('option', { value: '' }, t('department.choose')),
    RETURN_REASONS.map((r) => h('option', { value: r }, t(`reason.${r}`))),
  );
  const note = h('textarea', { name: 'note', maxlength: 1000, rows: 2 });
  const form = inlineForm(
    'return',
    view,
    item,
    h(
      'div',
      { class: 'form-row' },
      field(t('department.returnReason'), reason),
      field(t('department.returnNote'), note),
    ),
    async () => {
      clearErrors(form);
      if (!reason.value) return fieldError(reason, t('department.required'));
      const body = { reason: reason.value, ...(note.value.trim() && { note: note.value.trim() }) };
      await post(via('disposal', `/orders/${order.orderId}/return`), body);
    },
    'department.returned',
  );
  return form;
}

function extendForm(order, view, item) {
  const hours = h('input', { type: 'number', name: 'hours', min: 1, max: 2000, step: 1, value: 24 });
  const reason = h('textarea', { name: 'reason', maxlength: 1000, rows: 2 });
  const form = inlineForm(
    'extend',
    view,
    item,
    h(
      'div',
      { class: 'form-row' },
      field(t('department.hours'), hours),
      field(t('department.extendReason'), reason),
    ),
    async () => {
      clearErrors(form);
      const n = Number(hours.value);
      if (!Number.isInteger(n) || n < 1 || n > 2000) return fieldError(hours, t('department.hoursRange'));
      if (!reason.value.trim()) return fieldError(reason, t('department.required'));
      await post(via('disposal', `/orders/${order.orderId}/extension-requests`), {
        hours: n,
        reason: reason.value.trim(),
      });
    },
    'department.extensionAsked',
  );
  return form;
}

/**
 * The disposal report: the photos go up first (their evidence ids kept, so a retry after a failed
 * report does not send them again unless the choice of photos changed), then the report.
 */
function disposeForm(order, view, item) {
  const notes = h('textarea', { name: 'notes', maxlength: 4000, rows: 3 });
  const photos = photoPicker(toastError(view));
  const key = newKey();
  let evidenceIds = null;
  const forget = () => (evidenceIds = null);
  photos.el.addEventListener('change', forget);
  photos.el.addEventListener('click', forget);
  const form = inlineForm(
    'dispose',
    view,
    item,
    [field(t('department.disposalNotes'), notes), photoField(t('department.photosHint'), photos.el)],
    async () => {
      clearErrors(form);
      if (!notes.value.trim()) return fieldError(notes, t('department.required'));
      if (!evidenceIds) evidenceIds = await photos.upload();
      const body = { notes: notes.value.trim(), ...(evidenceIds.length && { evidenceIds }) };
      await post(via('disposal', `/orders/${order.orderId}/disposal`), body, { idempotencyKey: key });
    },
    'department.disposed',
  );
  return form;
}
