// The dispatcher's desk (派遣): the departments' returns (退单申请: accept and re-dispatch to
// another department, or refuse with a reason), their extension requests (延期申请: grant or
// refuse with a reason), and the filed cases waiting for a department (待派遣: manual dispatch,
// the category's default department preselected).
import { get, post, via } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, nameOf, t, tOr } from '../i18n.js';
import { categoryName, departmentName, departments } from '../reference.js';
import { caseFacts, withFacts } from './case-facts.js';
import { fieldError, formButton, inlineForm, markEditing, reasonForm } from './inline-form.js';
import {
  actionButton,
  caseLink,
  caseTitle,
  deadlineText,
  failure,
  field,
  placeOf,
  refreshButton,
  updatedNote,
} from './ui.js';
import { serialised, workList, workPanel } from './work-list.js';

addStrings({
  'dispatcher.title': ['派遣', 'Dispatch'],
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
});

/** Filed cases shown at most in the dispatch queue. */
const PENDING_LIMIT = 100;

export const dispatcherView = {
  id: 'dispatcher',
  roles: ['dispatcher'],
  titleKey: 'dispatcher.title',
  mount(container, ctx) {
    const facts = caseFacts();
    const defaults = defaultDepartments();
    const returnsPanel = workPanel({
      id: 'returns',
      title: t('dispatcher.returns'),
      sub: t('dispatcher.returnsSub'),
    });
    const extensionsPanel = workPanel({
      id: 'extensions',
      title: t('dispatcher.extensions'),
      sub: t('dispatcher.extensionsSub'),
    });
    const pendingPanel = workPanel({
      id: 'pending-dispatch',
      title: t('dispatcher.pending'),
      sub: t('dispatcher.pendingSub'),
    });
    const desk = { ctx, reload: () => refresh() };
    const returns = workList(returnsPanel, {
      keyOf: ({ item }) => item.orderId,
      emptyText: t('dispatcher.returnsEmpty'),
      render: (entry) => returnItem(entry, { ...desk, list: returns }),
    });
    const extensions = workList(extensionsPanel, {
      keyOf: ({ item }) => item.requestId,
      emptyText: t('dispatcher.extensionsEmpty'),
      render: (entry) => extensionItem(entry, { ...desk, list: extensions }),
    });
    const pending = workList(pendingPanel, {
      keyOf: ({ item }) => item.caseId,
      emptyText: t('dispatcher.pendingEmpty'),
      render: (entry) => pendingItem(entry, { ...desk, list: pending }),
    });
    const more = h('p', { class: 'muted small', hidden: true });
    const updated = updatedNote('dispatcher-updated');
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
      if (!stopped) updated.stamp();
    });

    pendingPanel.head.append(more);
    fill(
      container,
      h('div', { class: 'desk-toolbar' }, refreshButton(refresh, { id: 'dispatcher-refresh' }), updated.el),
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

// ---------- returns (退单申请) ----------

const decideReturn = (orderId, body) =>
  post(via('dispatch', `/returns/${encodeURIComponent(orderId)}/decision`), body);

/** A returned order: accept it and re-dispatch to another department, or refuse with a reason. */
function returnItem({ item, facts }, { ctx, list, reload }) {
  const from = departmentName(item.departmentId);
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId, orderId: item.orderId } });
  const onError = failure(ctx, reload);
  const settle = () => list.settle(item.orderId);
  const approve = formButton(
    li,
    t('dispatcher.approveReturn'),
    () => {
      const choice = departmentSelect({ exclude: item.departmentId });
      return inlineForm(li, {
        fields: field(t('dispatcher.newDepartment'), choice),
        confirmLabel: t('dispatcher.confirmRedispatch'),
        confirmAction: 'confirm-approve',
        submit: () =>
          choice.value
            ? decideReturn(item.orderId, { approve: true, departmentId: choice.value })
            : fieldError(choice, t('dispatcher.departmentNeeded')),
        onError,
        onDone: () => {
          settle();
          ctx.toast(t('dispatcher.returnApproved', { department: departmentName(choice.value) }));
        },
      });
    },
    { action: 'approve' },
  );
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

/** A department's request for more time: grant it, or refuse with a reason. */
function extensionItem({ item, facts }, { ctx, list, reload }) {
  const li = h('li', {
    class: 'work-item',
    dataset: { caseId: item.caseId, orderId: item.orderId, requestId: item.requestId },
  });
  const onError = failure(ctx, reload);
  const settle = () => list.settle(item.requestId);
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

/** A filed case: dispatch it to the department chosen (the category's default preselected). */
function pendingItem({ item, facts, defaultDepartmentId }, { ctx, list, reload }) {
  // A case back from an accepted return still names the department that returned it.
  const returnedBy = item.departmentId;
  const choice = departmentSelect({
    selected: defaultDepartmentId !== returnedBy ? defaultDepartmentId : undefined,
  });
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId } });
  choice.addEventListener('change', () => markEditing(li));
  const send = actionButton(
    t('dispatcher.dispatch'),
    () => {
      if (!choice.value) throw new Error(t('dispatcher.departmentNeeded'));
      return dispatchCase(item.caseId, choice.value);
    },
    {
      attrs: { dataset: { action: 'dispatch' } },
      onError: failure(ctx, reload),
      onDone: (answer) => {
        list.settle(item.caseId);
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

// ---------- reference ----------

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

const titleOf = (facts) => caseTitle(facts?.categoryCode);

const labelled = (label, text) => t('dispatcher.labelled', { label, text });

const description = (facts) =>
  facts?.description
    ? h(
        'p',
        { class: 'work-text muted', dataset: { role: 'description' } },
        labelled(t('desk.description'), facts.description),
      )
    : null;

/** 驳回: opens a form asking for the reason, then refuse(reason). */
const refuseButton = (li, refuse, { onError, onDone }) =>
  formButton(
    li,
    t('dispatcher.refuse'),
    () =>
      reasonForm(li, {
        label: t('dispatcher.refuseReason'),
        confirmLabel: t('dispatcher.confirmRefuse'),
        confirmAction: 'confirm-refuse',
        submit: refuse,
        onError,
        onDone,
      }),
    { action: 'refuse', style: 'ghost' },
  );
