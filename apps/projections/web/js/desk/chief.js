// The duty chief's desk (值班长): the reported cases awaiting the filing decision (立案 / 不予立案),
// urgent and oldest first, each with the caller's address and the further reports intake merged
// into it (重复上报: several callers, one problem) once it comes into view; and the passed on-site
// checks awaiting the chief's sign-off (审核结案), where the district has the chief close cases.
import { get, post, via } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, t, tOr } from '../i18n.js';
import { categoryName, cellLabel, departmentName } from '../reference.js';
import { caseFacts, withFacts } from './case-facts.js';
import { formButton, reasonForm } from './inline-form.js';
import {
  actionButton,
  caseLink,
  caseTitle,
  failure,
  placeOf,
  refreshButton,
  updatedNote,
  waitingText,
} from './ui.js';
import { serialised, workList, workPanel } from './work-list.js';

addStrings({
  'chief.title': ['值班长 · 立案', 'Duty chief · filing'],
  'chief.queue': ['待立案', 'Awaiting filing'],
  'chief.queueSub': ['紧急优先，其次按上报先后', 'Urgent first, then the oldest first'],
  'chief.queueEmpty': ['没有待立案的案件', 'No case awaits filing'],
  'chief.file': ['立案', 'File'],
  'chief.reject': ['不予立案', 'Reject'],
  'chief.rejectReason': ['不予立案的理由', 'Why it is not filed'],
  'chief.rejectPlaceholder': [
    '如：重复上报、不属于城市管理范围、现场无此问题',
    'e.g. a duplicate, not city management business, nothing found there',
  ],
  'chief.confirmReject': ['确认不予立案', 'Confirm the rejection'],
  'chief.filed': ['已立案：{what}', 'Filed: {what}'],
  'chief.rejected': ['已不予立案：{what}', 'Rejected: {what}'],
  'chief.attached': ['另有 {n} 次重复上报，已并入本案', '{n} more report(s) of it, merged into this case'],
  'chief.signOffs': ['待审核结案', 'Awaiting sign-off'],
  'chief.signOffsSub': ['现场核查已通过，值班长审核后结案', 'Passed on-site checks: closed once signed off'],
  'chief.signOffsEmpty': ['没有待审核结案的案件', 'Nothing awaits sign-off'],
  'chief.passedAt': ['核查通过', 'Check passed'],
  'chief.department': ['处置部门', 'Department'],
  'chief.disposalNotes': ['处置反馈：{text}', 'Disposal report: {text}'],
  'chief.checkNotes': ['核查说明：{text}', 'Check notes: {text}'],
  'chief.signOff': ['审核结案', 'Sign off and close'],
  'chief.sendBack': ['退回返工', 'Send back for rework'],
  'chief.sendBackReason': ['退回返工的理由', 'Why it goes back for rework'],
  'chief.confirmSendBack': ['确认退回', 'Confirm sending back'],
  'chief.signedOff': ['已审核结案：{what}', 'Signed off and closed: {what}'],
  'chief.sentBack': ['已退回返工：{what}', 'Sent back for rework: {what}'],
});

/** A case that could not be read is asked for again after this long. */
const RETRY_MS = 15_000;

export const chiefView = {
  id: 'chief',
  roles: ['chief'],
  titleKey: 'chief.title',
  mount(container, ctx) {
    const facts = caseFacts();
    const seen = onceSeen();
    const queuePanel = workPanel({ id: 'filing-queue', title: t('chief.queue'), sub: t('chief.queueSub') });
    const signOffPanel = workPanel({
      id: 'sign-offs',
      title: t('chief.signOffs'),
      sub: t('chief.signOffsSub'),
    });
    const desk = { ctx, reload: () => refresh() };
    const queue = workList(queuePanel, {
      keyOf: (item) => item.caseId,
      emptyText: t('chief.queueEmpty'),
      render: (item) =>
        filingItem(item, { ...desk, list: queue }, (li, parts) =>
          seen.watch(li, () => showReportFacts(item, facts, parts)),
        ),
    });
    const signOffs = workList(signOffPanel, {
      keyOf: ({ item }) => item.verificationId,
      emptyText: t('chief.signOffsEmpty'),
      render: (entry) => signOffItem(entry, { ...desk, list: signOffs }),
    });
    const updated = updatedNote('chief-updated');
    let stopped = false;

    const refresh = serialised(async () => {
      await Promise.all([
        loadQueue().then(queue.show, queue.failed),
        loadSignOffs(facts).then(signOffs.show, signOffs.failed),
      ]);
      // Items not rebuilt keep their text: their waiting times move on here.
      for (const el of queuePanel.body.querySelectorAll('[data-since]'))
        el.textContent = waitingText(el.dataset.since);
      if (!stopped) updated.stamp();
    });

    fill(
      container,
      h('div', { class: 'desk-toolbar' }, refreshButton(refresh, { id: 'chief-refresh' }), updated.el),
      h('div', { class: 'desk-columns' }, queuePanel.el, signOffPanel.el),
    );
    refresh();
    return {
      refresh,
      stop: () => {
        stopped = true;
        seen.stop();
      },
    };
  },
};

// ---------- the filing queue (待立案) ----------

const loadQueue = async () => (await get(via('intake', '/filing-queue'))).items ?? [];

const decideFiling = (caseId, body) =>
  post(via('intake', `/cases/${encodeURIComponent(caseId)}/filing`), body);

/** One reported case: file it, or reject it with a reason. The desk: the ctx, its list and reload(). */
function filingItem(item, { ctx, list, reload }, whenSeen) {
  const what = categoryName(item.categoryCode);
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId, urgency: item.urgency } });
  const done = (key) => () => {
    list.settle(item.caseId);
    ctx.toast(t(key, { what }));
  };
  const onError = failure(ctx, reload);
  const file = actionButton(t('chief.file'), () => decideFiling(item.caseId, { decision: 'file' }), {
    attrs: { dataset: { action: 'file' } },
    onError,
    onDone: done('chief.filed'),
  });
  const reject = formButton(
    li,
    t('chief.reject'),
    () =>
      reasonForm(li, {
        label: t('chief.rejectReason'),
        placeholder: t('chief.rejectPlaceholder'),
        confirmLabel: t('chief.confirmReject'),
        confirmAction: 'confirm-reject',
        submit: (reason) => decideFiling(item.caseId, { decision: 'reject', reason }),
        onError,
        onDone: done('chief.rejected'),
      }),
    { action: 'reject', style: 'ghost' },
  );
  const address = h('span', { hidden: true, dataset: { role: 'address' } });
  const attached = h('div', { class: 'candidates', hidden: true, dataset: { role: 'attached' } });
  whenSeen(li, { address, attached });
  return fill(
    li,
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title' }, what),
      item.urgency === 'urgent' ? h('span', { class: 'tag tag-bad' }, t('urgency.urgent')) : null,
      h('span', { class: 'status status-reported' }, tOr(`source.${item.source}`, item.source)),
      caseLink(item.caseId, ctx),
    ),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, placeOf(item)),
      address,
      h('span', null, `${t('desk.reportedAt')} ${shortDateTime(item.reportedAt)}`),
      h('span', { dataset: { since: item.reportedAt } }, waitingText(item.reportedAt)),
    ),
    h('p', { class: 'work-text' }, item.description),
    attached,
    h('div', { class: 'work-actions' }, file, reject),
  );
}

/** What the queue leaves out: the caller's address, and the reports merged into the case since. */
async function showReportFacts(item, facts, { address, attached }) {
  const found = await facts.of(item.caseId);
  if (found.addressText) {
    address.textContent = found.addressText;
    address.hidden = false;
  }
  if (found.attached.length === 0) return;
  attached.hidden = false;
  fill(
    attached,
    h('h3', null, t('chief.attached', { n: found.attached.length })),
    found.attached.map((report) => [
      h(
        'div',
        { class: 'work-meta' },
        h('span', null, tOr(`source.${report.source}`, report.source ?? '')),
        h('span', null, shortDateTime(report.reportedAt)),
      ),
      report.description ? h('p', { class: 'work-text' }, report.description) : null,
    ]),
  );
}

// ---------- sign-offs (审核结案) ----------

async function loadSignOffs(facts) {
  const checks = (await get(via('verification', '/verifications/sign-offs'))).items ?? [];
  return withFacts(checks, facts);
}

const signOff = (verificationId, body) =>
  post(via('verification', `/verifications/${encodeURIComponent(verificationId)}/sign-off`), body);

/** One passed check: sign it off (the case closes), or send it back for rework with a reason. */
function signOffItem({ item: check, facts }, { ctx, list, reload }) {
  // The check may carry its case's brief and the department's report; the case read model fills in.
  const departmentId = check.departmentId ?? facts?.departmentId;
  const description = check.brief?.description ?? facts?.description;
  const what = caseTitle(check.brief?.categoryCode ?? facts?.categoryCode);
  const li = h('li', {
    class: 'work-item',
    dataset: { caseId: check.caseId, verificationId: check.verificationId, orderId: check.orderId },
  });
  const done = (key) => () => {
    list.settle(check.verificationId);
    ctx.toast(t(key, { what }));
  };
  const onError = failure(ctx, reload);
  const approve = actionButton(t('chief.signOff'), () => signOff(check.verificationId, { approve: true }), {
    attrs: { dataset: { action: 'sign-off' } },
    onError,
    onDone: done('chief.signedOff'),
  });
  const sendBack = formButton(
    li,
    t('chief.sendBack'),
    () =>
      reasonForm(li, {
        label: t('chief.sendBackReason'),
        confirmLabel: t('chief.confirmSendBack'),
        confirmAction: 'confirm-send-back',
        submit: (reason) => signOff(check.verificationId, { approve: false, reason }),
        onError,
        onDone: done('chief.sentBack'),
      }),
    { action: 'send-back', style: 'ghost' },
  );
  return fill(
    li,
    h('div', { class: 'work-head' }, h('span', { class: 'work-title' }, what), caseLink(check.caseId, ctx)),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, cellLabel(check.gridCellCode)),
      departmentId ? h('span', null, `${t('chief.department')} ${departmentName(departmentId)}`) : null,
      h('span', null, `${t('chief.passedAt')} ${shortDateTime(facts?.passedAt ?? check.openedAt)}`),
    ),
    description ? h('p', { class: 'work-text' }, description) : null,
    check.disposalNotes
      ? h('p', { class: 'work-text muted' }, t('chief.disposalNotes', { text: check.disposalNotes }))
      : null,
    facts?.checkNotes
      ? h('p', { class: 'work-text muted' }, t('chief.checkNotes', { text: facts.checkNotes }))
      : null,
    h('div', { class: 'work-actions' }, approve, sendBack),
  );
}

// ---------- cases read as they come into view ----------

/**
 * watch(el, load): load() once the element first comes into view (a long queue does not read every
 * case at once); a failed load (the case not projected yet, say) is tried again on the next sight.
 */
function onceSeen() {
  const loads = new WeakMap();
  let stopped = false;
  const observer = new IntersectionObserver((entries) => {
    for (const { target, isIntersecting } of entries) {
      if (!isIntersecting || !loads.has(target)) continue;
      const load = loads.get(target);
      loads.delete(target);
      observer.unobserve(target);
      load().catch(() => setTimeout(() => watch(target, load), RETRY_MS));
    }
  });
  const watch = (el, load) => {
    if (stopped) return;
    loads.set(el, load);
    observer.observe(el);
  };
  const stop = () => {
    stopped = true;
    observer.disconnect();
  };
  return { watch, stop };
}
