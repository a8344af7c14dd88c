// The dispatcher's desk (派遣): the departments' returns (退单申请: accept and re-dispatch to
// another department, or refuse with a reason), their extension requests (延期申请: grant or
// refuse with a reason), and the filed cases waiting for a department (待派遣: manual dispatch,
// the category's default department preselected).
import { ApiError, get, post, via } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, nameOf, t, tOr } from '../i18n.js';
import { categoryName, cellLabel, departmentName, departments, streetName } from '../reference.js';
import { actionButton, deadlineText, empty, field, refusal } from './ui.js';

addStrings({
  'dispatcher.title': ['派遣', 'Dispatch'],
  'dispatcher.updated': ['更新于 {time}', 'Updated {time}'],
  'dispatcher.labelled': ['{label}：{text}', '{label}: {text}'],
  'dispatcher.returns': ['退单申请', 'Returns'],
  'dispatcher.returnsSub': [
    '部门退回的工单：同意后改派，或说明理由驳回',
    'Orders sent back: re-dispatch, or refuse',
  ],
  'dispatcher.returnsEmpty': ['没有待审核的退单', 'No return awaits a decision'],
  'dispatcher.returnedBy': ['退单部门 {department}', 'Returned by {department}'],
  'dispatcher.returnedAt': ['退单时间', 'Returned'],
  'dispatcher.returnNote': ['补充说明', 'Note'],
  'dispatcher.approveReturn': ['同意退单', 'Accept the return'],
  'dispatcher.newDepartment': ['改派至', 'Re-dispatch to'],
  'dispatcher.confirmRedispatch': ['同意并改派', 'Accept and re-dispatch'],
  'dispatcher.returnApproved': [
    '已同意退单，改派{department}',
    'Return accepted: re-dispatched to {department}',
  ],
  'dispatcher.returnRefused': [
    '已驳回退单，工单仍由{department}办理',
    'Return refused: {department} keeps the order',
  ],
  'dispatcher.extensions': ['延期申请', 'Extension requests'],
  'dispatcher.extensionsSub': ['部门申请延长处置时限', 'Departments asking for more time'],
  'dispatcher.extensionsEmpty': ['没有待审核的延期申请', 'No extension request awaits a decision'],
  'dispatcher.hoursAsked': ['申请延期 {n} 小时', '{n} h more asked'],
  'dispatcher.requestedAt': ['申请时间', 'Asked'],
  'dispatcher.approveExtension': ['同意延期', 'Grant'],
  'dispatcher.extensionApproved': ['已同意延期，新的截止时间 {time}', 'Extension granted: now due {time}'],
  'dispatcher.extensionDenied': ['延期未生效：工单已不在办理中', 'Not extended: the order is no longer open'],
  'dispatcher.extensionRefused': ['已驳回延期申请', 'Extension refused'],
  'dispatcher.refuse': ['驳回', 'Refuse'],
  'dispatcher.refuseReason': ['驳回理由', 'Why it is refused'],
  'dispatcher.confirmRefuse': ['确认驳回', 'Confirm the refusal'],
  'dispatcher.pending': ['待派遣', 'Awaiting dispatch'],
  'dispatcher.pendingSub': [
    '已立案、尚无处置部门的案件（含同意退单后待改派的）',
    'Filed cases without a department (returns accepted included)',
  ],
  'dispatcher.pendingEmpty': ['没有待派遣的案件', 'No case awaits dispatch'],
  'dispatcher.pendingMore': [
    '共 {total} 件，显示最近上报的 {n} 件',
    '{total} in all: the {n} latest reported shown',
  ],
  'dispatcher.previously': ['原部门 {department} 已退单', 'Returned by {department}'],
  'dispatcher.department': ['处置部门', 'Department'],
  'dispatcher.chooseDepartment': ['请选择部门', 'Choose a department'],
  'dispatcher.departmentNeeded': ['请选择处置部门', 'Please choose a department'],
  'dispatcher.kind.department': ['专业部门', 'Departments'],
  'dispatcher.kind.street-office': ['街道办事处', 'Subdistrict offices'],
  'dispatcher.dispatch': ['派遣', 'Dispatch'],
  'dispatcher.dispatched': ['已派遣至{department}，{deadline}', 'Dispatched to {department}: {deadline}'],
  'dispatcher.reasonNeeded': ['请填写理由', 'Please give a reason'],
});

/** An item acted on stays off its list this long, while the services' lists catch up. */
const SETTLE_MS = 60_000;
/** Case details (category, place, description, deadline) are read again after this long. */
const FACTS_TTL_MS = 120_000;
/** Filed cases shown at most in the dispatch queue. */
const PENDING_LIMIT = 100;

export const dispatcherView = {
  id: 'dispatcher',
  roles: ['dispatcher'],
  titleKey: 'dispatcher.title',
  mount(container, ctx) {
    const facts = caseFacts();
    const defaults = defaultDepartments();
    const returnsPanel = workPanel('returns', 'dispatcher.returns', 'dispatcher.returnsSub');
    const extensionsPanel = workPanel('extensions', 'dispatcher.extensions', 'dispatcher.extensionsSub');
    const pendingPanel = workPanel('pending-dispatch', 'dispatcher.pending', 'dispatcher.pendingSub');
    const returns = workList(returnsPanel, {
      keyOf: ({ item }) => item.orderId,
      emptyText: t('dispatcher.returnsEmpty'),
      render: (entry) => returnItem(entry, ctx, returns),
    });
    const extensions = workList(extensionsPanel, {
      keyOf: ({ item }) => item.requestId,
      emptyText: t('dispatcher.extensionsEmpty'),
      render: (entry) => extensionItem(entry, ctx, extensions),
    });
    const pending = workList(pendingPanel, {
      keyOf: ({ item }) => item.caseId,
      emptyText: t('dispatcher.pendingEmpty'),
      render: (entry) => pendingItem(entry, ctx, pending),
    });
    const more = h('p', { class: 'muted small', hidden: true });
    const updated = h('span', { class: 'muted small', id: 'dispatcher-updated' });
    let stopped = false;

    const loadPending = async () => {
      const found = await get('/api/v1/cases', { status: 'filed', limit: PENDING_LIMIT });
      more.hidden = found.total <= found.items.length;
      more.textContent = t('dispatcher.pendingMore', { total: found.total, n: found.items.length });
      const defaultOf = await defaults;
      return withFacts(found.items.slice().reverse(), facts, (item) => ({
        defaultDepartmentId: defaultOf.get(item.categoryCode),
      }));
    };

    const refresh = serialised(async () => {
      await Promise.all([
        get(via('dispatch', '/returns'))
          .then((found) => withFacts(found.items ?? [], facts))
          .then(returns.show, returns.failed),
        get(via('dispatch', '/extensions'))
          .then((found) => withFacts(found.items ?? [], facts))
          .then(extensions.show, extensions.failed),
        loadPending().then(pending.show, pending.failed),
      ]);
      if (!stopped)
        updated.textContent = t('dispatcher.updated', { time: shortDateTime(new Date().toISOString()) });
    });
    for (const list of [returns, extensions, pending]) list.onSettled = refresh;

    pendingPanel.head.append(more);
    fill(
      container,
      h(
        'div',
        { class: 'desk-toolbar' },
        h(
          'button',
          { type: 'button', class: 'ghost small', id: 'dispatcher-refresh', onclick: refresh },
          t('desk.refresh'),
        ),
        updated,
      ),
      h('div', { class: 'desk-columns' }, returnsPanel.el, extensionsPanel.el),
      pendingPanel.el,
    );
    refresh();
    return {
      refresh,
      stop: () => {
        stopped = true;
      },
    };
  },
};

/**
 * Each list item with what the case read model knows of its case ({item, facts}); facts null
 * when it could not be read (not projected yet, say). extra(item) adds what else the item needs.
 */
const withFacts = (items, facts, extra = () => ({})) =>
  Promise.all(
    items.map(async (item) => ({
      item,
      facts: await facts.of(item.caseId).catch(() => null),
      ...extra(item),
    })),
  );

// ---------- returns (退单申请) ----------

const decideReturn = (orderId, body) =>
  post(via('dispatch', `/returns/${encodeURIComponent(orderId)}/decision`), body);

function returnItem({ item, facts }, ctx, returns) {
  const from = departmentName(item.departmentId);
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId, orderId: item.orderId } });
  const onError = failure(ctx, returns);
  const settle = () => returns.settle(item.orderId);
  const approve = formButton(t('dispatcher.approveReturn'), 'approve', 'primary', li, () => {
    const choice = departmentSelect({ exclude: item.departmentId });
    return inlineForm({
      controls: [field(t('dispatcher.newDepartment'), choice)],
      confirmLabel: t('dispatcher.confirmRedispatch'),
      confirmAction: 'confirm-approve',
      submit: () => {
        if (!choice.value) throw new Error(t('dispatcher.departmentNeeded'));
        return decideReturn(item.orderId, { approve: true, departmentId: choice.value });
      },
      onError,
      onDone: () => {
        settle();
        ctx.toast(t('dispatcher.returnApproved', { department: departmentName(choice.value) }));
      },
      onCancel: () => closeForm(li),
    });
  });
  const refuse = refuseButton(li, (reason) => decideReturn(item.orderId, { approve: false, reason }), {
    onError,
    onDone: () => {
      settle();
      ctx.toast(t('dispatcher.returnRefused', { department: from }));
    },
  });
  return fill(
    li,
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title' }, titleOf(facts)),
      h('span', { class: 'status status-returned' }, t('dispatcher.returnedBy', { department: from })),
      caseLink(item.caseId, ctx),
    ),
    h(
      'div',
      { class: 'work-meta' },
      facts ? h('span', null, placeOf(facts)) : null,
      h('span', null, `${t('dispatcher.returnedAt')} ${shortDateTime(item.returnedAt)}`),
    ),
    h(
      'p',
      { class: 'work-text', dataset: { role: 'reason' } },
      labelled(t('desk.reason'), tOr(`reason.${item.reason}`, item.reason)),
    ),
    item.note ? h('p', { class: 'work-text' }, labelled(t('dispatcher.returnNote'), item.note)) : null,
    description(facts),
    h('div', { class: 'work-actions' }, approve, refuse),
  );
}

// ---------- extension requests (延期申请) ----------

const decideExtension = (requestId, body) =>
  post(via('dispatch', `/extensions/${encodeURIComponent(requestId)}/decision`), body);

function extensionItem({ item, facts }, ctx, extensions) {
  const li = h('li', {
    class: 'work-item',
    dataset: { caseId: item.caseId, orderId: item.orderId, requestId: item.requestId },
  });
  const onError = failure(ctx, extensions);
  const settle = () => extensions.settle(item.requestId);
  const approve = actionButton(
    t('dispatcher.approveExtension'),
    () => decideExtension(item.requestId, { approve: true }),
    {
      attrs: { dataset: { action: 'approve' } },
      onError,
      onDone: (answer) => {
        settle();
        if (answer?.decision === 'approved')
          ctx.toast(t('dispatcher.extensionApproved', { time: shortDateTime(answer.deadlineAt) }));
        else ctx.toast(t('dispatcher.extensionDenied'), { error: true });
      },
    },
  );
  const refuse = refuseButton(li, (reason) => decideExtension(item.requestId, { approve: false, reason }), {
    onError,
    onDone: () => {
      settle();
      ctx.toast(t('dispatcher.extensionRefused'));
    },
  });
  return fill(
    li,
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title' }, titleOf(facts)),
      h(
        'span',
        { class: 'status status-postponed', dataset: { hours: item.hours } },
        t('dispatcher.hoursAsked', { n: item.hours }),
      ),
      h('span', { class: 'muted' }, departmentName(item.departmentId)),
      caseLink(item.caseId, ctx),
    ),
    h(
      'div',
      { class: 'work-meta' },
      facts ? h('span', null, placeOf(facts)) : null,
      h('span', null, `${t('dispatcher.requestedAt')} ${shortDateTime(item.requestedAt)}`),
      facts?.deadlineAt ? h('span', { dataset: { role: 'deadline' } }, deadlineText(facts.deadlineAt)) : null,
    ),
    h('p', { class: 'work-text', dataset: { role: 'reason' } }, labelled(t('desk.reason'), item.reason)),
    description(facts),
    h('div', { class: 'work-actions' }, approve, refuse),
  );
}

// ---------- filed cases awaiting dispatch (待派遣) ----------

const dispatchCase = (caseId, departmentId) =>
  post(via('dispatch', `/cases/${encodeURIComponent(caseId)}/dispatch`), { departmentId });

function pendingItem({ item, facts, defaultDepartmentId }, ctx, pending) {
  // A case back from an accepted return still names the department that returned it.
  const returnedBy = item.departmentId;
  const choice = departmentSelect({
    selected: defaultDepartmentId !== returnedBy ? defaultDepartmentId : undefined,
  });
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId } });
  choice.addEventListener('change', () => (li.dataset.editing = '1'));
  const send = actionButton(
    t('dispatcher.dispatch'),
    () => {
      if (!choice.value) throw new Error(t('dispatcher.departmentNeeded'));
      return dispatchCase(item.caseId, choice.value);
    },
    {
      attrs: { dataset: { action: 'dispatch' } },
      onError: failure(ctx, pending),
      onDone: (answer) => {
        pending.settle(item.caseId);
        ctx.toast(
          t('dispatcher.dispatched', {
            department: departmentName(answer?.departmentId ?? choice.value),
            deadline: deadlineText(answer?.deadlineAt),
          }),
        );
      },
    },
  );
  return fill(
    li,
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title' }, categoryName(item.categoryCode)),
      facts?.urgency === 'urgent' ? h('span', { class: 'tag tag-bad' }, t('urgency.urgent')) : null,
      facts?.source
        ? h('span', { class: 'status status-filed' }, tOr(`source.${facts.source}`, facts.source))
        : null,
      returnedBy
        ? h(
            'span',
            { class: 'status status-returned' },
            t('dispatcher.previously', { department: departmentName(returnedBy) }),
          )
        : null,
      caseLink(item.caseId, ctx),
    ),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, placeOf(item)),
      facts?.reportedAt
        ? h('span', null, `${t('desk.reportedAt')} ${shortDateTime(facts.reportedAt)}`)
        : null,
    ),
    description(facts),
    h('div', { class: 'desk-toolbar' }, field(t('dispatcher.department'), choice), send),
  );
}

// ---------- case facts and reference ----------

/** What the lists leave out, read from projections' case (GET /cases/{id}) and kept a while. */
function caseFacts() {
  const cache = new Map(); // caseId → {at, promise}
  return {
    of(caseId) {
      const hit = cache.get(caseId);
      if (hit && Date.now() - hit.at < FACTS_TTL_MS) return hit.promise;
      const promise = get(`/api/v1/cases/${encodeURIComponent(caseId)}`).then(factsOf);
      promise.catch(() => cache.delete(caseId)); // not projected yet, say: ask again next time
      cache.set(caseId, { at: Date.now(), promise });
      return promise;
    },
  };
}

function factsOf(c) {
  const reported = c.timeline?.find((e) => e.type === 'CaseReported');
  return {
    categoryCode: c.categoryCode,
    gridCellCode: c.gridCellCode,
    streetId: c.streetId,
    deadlineAt: c.deadlineAt,
    description: reported?.description,
    reportedAt: reported?.reportedAt ?? reported?.occurredAt,
    urgency: reported?.urgency,
    source: reported?.source,
  };
}

/**
 * Category code → its default department, from intake's category reference (the district
 * reference of projections leaves it out); empty when it cannot be read: nothing preselected.
 */
async function defaultDepartments() {
  try {
    const found = await get(via('intake', '/reference/categories'));
    return new Map((found.items ?? []).map((c) => [c.code, c.defaultDepartmentId]));
  } catch {
    return new Map();
  }
}

/** A department <select>: departments, then subdistrict offices; none chosen unless `selected`. */
function departmentSelect({ selected, exclude } = {}) {
  const groups = new Map();
  for (const d of departments()) {
    if (d.id === exclude) continue;
    const kind = d.kind ?? 'department';
    if (!groups.has(kind)) groups.set(kind, []);
    groups.get(kind).push(d);
  }
  const option = (d) => h('option', { value: d.id, selected: d.id === selected }, nameOf(d));
  return h(
    'select',
    { name: 'departmentId', required: true },
    h('option', { value: '', selected: !selected }, t('dispatcher.chooseDepartment')),
    [...groups].map(([kind, list]) =>
      h('optgroup', { label: tOr(`dispatcher.kind.${kind}`, kind) }, list.map(option)),
    ),
  );
}

// ---------- what the lists share ----------

const titleOf = (facts) => (facts?.categoryCode ? categoryName(facts.categoryCode) : t('desk.case'));

const placeOf = (c) => cellLabel(c.gridCellCode) || streetName(c.streetId);

const labelled = (label, text) => t('dispatcher.labelled', { label, text });

const description = (facts) =>
  facts?.description
    ? h(
        'p',
        { class: 'work-text muted', dataset: { role: 'description' } },
        labelled(t('desk.description'), facts.description),
      )
    : null;

const caseLink = (caseId, ctx) =>
  h(
    'button',
    {
      type: 'button',
      class: 'case-link',
      title: caseId,
      dataset: { caseId },
      onclick: () => ctx.openCase(caseId),
    },
    caseId.slice(0, 8),
  );

/**
 * A refused or failed command: said in a toast; where the item was already decided elsewhere
 * (404, 409) the list is reloaded so that it leaves.
 */
const failure = (ctx, list) => (error) => {
  ctx.toast(error instanceof ApiError ? refusal(error) : error.message, { error: true });
  if (error instanceof ApiError && (error.status === 404 || error.status === 409)) list.onSettled?.();
};

/** A button that opens form() under the item. */
const formButton = (label, action, kind, li, form) =>
  h(
    'button',
    { type: 'button', class: `${kind} small`, dataset: { action }, onclick: () => openForm(li, form()) },
    label,
  );

/** 驳回: opens a form asking for the reason, then refuse(reason). */
const refuseButton = (li, refuse, { onError, onDone }) =>
  formButton(t('dispatcher.refuse'), 'refuse', 'ghost', li, () => {
    const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 1000 });
    return inlineForm({
      controls: [field(t('dispatcher.refuseReason'), reason)],
      confirmLabel: t('dispatcher.confirmRefuse'),
      confirmAction: 'confirm-refuse',
      submit: () => {
        if (!reason.value.trim()) {
          reason.focus();
          throw new Error(t('dispatcher.reasonNeeded'));
        }
        return refuse(reason.value.trim());
      },
      onError,
      onDone,
      onCancel: () => closeForm(li),
    });
  });

/** An inline form under an item: its controls, a confirm button running submit(), and cancel. */
function inlineForm({ controls, confirmLabel, confirmAction, submit, onError, onDone, onCancel }) {
  const confirm = actionButton(confirmLabel, submit, {
    attrs: { dataset: { action: confirmAction } },
    onError,
    onDone,
  });
  const cancel = h(
    'button',
    { type: 'button', class: 'ghost small', dataset: { action: 'cancel' }, onclick: onCancel },
    t('desk.cancel'),
  );
  return h('div', { class: 'inline-form' }, controls, h('div', { class: 'work-actions' }, confirm, cancel));
}

/** Opens a form under an item (closing any other of its forms); the refresh leaves the item be meanwhile. */
function openForm(li, form) {
  closeForm(li);
  li.dataset.editing = '1';
  li.append(form);
  form.querySelector('textarea, select, input')?.focus();
}

function closeForm(li) {
  li.querySelector('.inline-form')?.remove();
  delete li.dataset.editing;
}

/** A panel with its title, a count of its items and a body. */
function workPanel(id, titleKey, subKey) {
  const count = h('span', { class: 'count-badge', dataset: { role: 'count' } }, '…');
  const body = h('div', { class: 'panel-body' }, empty(t('drawer.loading')));
  const head = h(
    'header',
    { class: 'panel-head' },
    h(
      'div',
      null,
      h('h2', { class: 'panel-title' }, t(titleKey), count),
      h('p', { class: 'panel-sub' }, t(subKey)),
    ),
  );
  return { el: h('section', { class: 'panel', id }, head, body), head, body, count };
}

/**
 * A work list kept in step with the server's: an item is rebuilt only when its data changed and no
 * form is open in it (nor a choice made); new items arrive marked fresh; those gone leave, without
 * moving the others (moving an element would take the focus from a half-typed reason).
 */
function workList(panel, { keyOf, render, emptyText }) {
  const list = h('ul', { class: 'work-list' });
  const problem = h('p', { class: 'field-error', hidden: true });
  let shown = new Map(); // key → {el, sig}
  const settled = new Map(); // key → when it was acted on
  let loaded = false;

  const self = {
    onSettled: null,
    show(items) {
      const now = Date.now();
      for (const [key, at] of settled) if (now - at > SETTLE_MS) settled.delete(key);
      const next = new Map();
      for (const item of items) {
        const key = keyOf(item);
        if (settled.has(key)) continue;
        const sig = JSON.stringify(item);
        const old = shown.get(key);
        if (old && (old.sig === sig || old.el.dataset.editing)) next.set(key, old);
        else next.set(key, { el: render(item), sig, fresh: loaded && !old });
      }
      for (const entry of next.values()) if (entry.fresh) entry.el.classList.add('fresh');
      shown = next;
      problem.hidden = true;
      loaded = true;
      redraw();
    },
    failed(error) {
      problem.textContent = refusal(error);
      problem.hidden = false;
      if (!loaded) fill(panel.body, problem);
    },
    /** The item was decided here: it leaves at once and stays away while the lists catch up. */
    settle(key) {
      settled.set(key, Date.now());
      shown.delete(key);
      redraw();
    },
  };

  function redraw() {
    const els = [...shown.values()].map((entry) => entry.el);
    for (const el of [...list.children]) if (!els.includes(el)) el.remove();
    let cursor = list.firstChild;
    for (const el of els) {
      if (el === cursor) cursor = cursor.nextSibling;
      else list.insertBefore(el, cursor);
    }
    panel.count.textContent = String(els.length);
    if (els.length === 0) fill(panel.body, problem, empty(emptyText));
    else if (list.parentNode !== panel.body) fill(panel.body, problem, list);
  }

  return self;
}

/** fn run one at a time: a call while one runs makes one more run after it. */
function serialised(fn) {
  let running = null;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await fn();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
}
