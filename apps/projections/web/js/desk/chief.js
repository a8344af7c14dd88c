// The duty chief's desk (值班长): the reported cases awaiting the filing decision (立案 / 不予立案),
// urgent and oldest first, each with the caller's address and the further reports intake merged
// into it (重复上报: several callers, one problem) once it comes into view; and the passed on-site
// checks awaiting the chief's sign-off (审核结案), where the district has the chief close cases.
import { ApiError, get, post, via } from '../api.js';
import { fill, h } from '../dom.js';
import { shortDateTime } from '../format.js';
import { addStrings, t, tOr } from '../i18n.js';
import { categoryName, cellLabel, departmentName, streetName } from '../reference.js';
import { actionButton, empty, field, refusal } from './ui.js';

addStrings({
  'chief.title': ['值班长 · 立案', 'Duty chief · filing'],
  'chief.updated': ['更新于 {time}', 'Updated {time}'],
  'chief.queue': ['待立案', 'Awaiting filing'],
  'chief.queueSub': ['紧急优先，其次按上报先后', 'Urgent first, then the oldest first'],
  'chief.queueEmpty': ['没有待立案的案件', 'No case awaits filing'],
  'chief.waiting': ['已等待 {span}', 'waiting {span}'],
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
  'chief.reasonNeeded': ['请填写理由', 'Please give a reason'],
});

/** An item acted on stays off its list this long, while the services' lists catch up. */
const SETTLE_MS = 60_000;
/** Case details (category, place, description) are read again after this long. */
const FACTS_TTL_MS = 120_000;
/** A case that could not be read is asked for again after this long. */
const RETRY_MS = 15_000;

export const chiefView = {
  id: 'chief',
  roles: ['chief'],
  titleKey: 'chief.title',
  mount(container, ctx) {
    const facts = caseFacts();
    const seen = onceSeen();
    const queuePanel = workPanel('filing-queue', 'chief.queue', 'chief.queueSub');
    const signOffPanel = workPanel('sign-offs', 'chief.signOffs', 'chief.signOffsSub');
    const queue = workList(queuePanel, {
      keyOf: (item) => item.caseId,
      emptyText: t('chief.queueEmpty'),
      render: (item) =>
        filingItem(item, ctx, queue, (li, parts) =>
          seen.watch(li, () => showReportFacts(item, facts, parts)),
        ),
    });
    const signOffs = workList(signOffPanel, {
      keyOf: ({ check }) => check.verificationId,
      emptyText: t('chief.signOffsEmpty'),
      render: (entry) => signOffItem(entry, ctx, signOffs),
    });
    const updated = h('span', { class: 'muted small', id: 'chief-updated' });
    let stopped = false;

    const refresh = serialised(async () => {
      await Promise.all([
        loadQueue().then(queue.show, queue.failed),
        loadSignOffs(facts).then(signOffs.show, signOffs.failed),
      ]);
      // Items not rebuilt keep their text: their waiting times move on here.
      for (const el of queuePanel.body.querySelectorAll('[data-since]'))
        el.textContent = waiting(el.dataset.since);
      if (!stopped)
        updated.textContent = t('chief.updated', { time: shortDateTime(new Date().toISOString()) });
    });
    queue.onSettled = refresh;
    signOffs.onSettled = refresh;

    fill(
      container,
      h(
        'div',
        { class: 'desk-toolbar' },
        h(
          'button',
          { type: 'button', class: 'ghost small', id: 'chief-refresh', onclick: refresh },
          t('desk.refresh'),
        ),
        updated,
      ),
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

function filingItem(item, ctx, queue, whenSeen) {
  const what = categoryName(item.categoryCode);
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId, urgency: item.urgency } });
  const done = (key) => () => {
    queue.settle(item.caseId);
    ctx.toast(t(key, { what }));
  };
  const onError = failure(ctx, queue);
  const file = actionButton(t('chief.file'), () => decideFiling(item.caseId, { decision: 'file' }), {
    attrs: { dataset: { action: 'file' } },
    onError,
    onDone: done('chief.filed'),
  });
  const reject = h(
    'button',
    {
      type: 'button',
      class: 'ghost small',
      dataset: { action: 'reject' },
      onclick: () =>
        openForm(
          li,
          reasonForm({
            label: t('chief.rejectReason'),
            placeholder: t('chief.rejectPlaceholder'),
            confirmLabel: t('chief.confirmReject'),
            confirmAction: 'confirm-reject',
            submit: (reason) => decideFiling(item.caseId, { decision: 'reject', reason }),
            onError,
            onDone: done('chief.rejected'),
            onCancel: () => closeForm(li),
          }),
        ),
    },
    t('chief.reject'),
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
      h('span', { dataset: { since: item.reportedAt } }, waiting(item.reportedAt)),
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
  return Promise.all(
    checks.map(async (check) => ({ check, facts: await facts.of(check.caseId).catch(() => null) })),
  );
}

const signOff = (verificationId, body) =>
  post(via('verification', `/verifications/${encodeURIComponent(verificationId)}/sign-off`), body);

function signOffItem({ check, facts }, ctx, signOffs) {
  // The check may carry its case's brief and the department's report; the case read model fills in.
  const categoryCode = check.brief?.categoryCode ?? facts?.categoryCode;
  const departmentId = check.departmentId ?? facts?.departmentId;
  const description = check.brief?.description ?? facts?.description;
  const what = categoryCode ? categoryName(categoryCode) : t('desk.case');
  const li = h('li', {
    class: 'work-item',
    dataset: { caseId: check.caseId, verificationId: check.verificationId, orderId: check.orderId },
  });
  const done = (key) => () => {
    signOffs.settle(check.verificationId);
    ctx.toast(t(key, { what }));
  };
  const onError = failure(ctx, signOffs);
  const approve = actionButton(t('chief.signOff'), () => signOff(check.verificationId, { approve: true }), {
    attrs: { dataset: { action: 'sign-off' } },
    onError,
    onDone: done('chief.signedOff'),
  });
  const sendBack = h(
    'button',
    {
      type: 'button',
      class: 'ghost small',
      dataset: { action: 'send-back' },
      onclick: () =>
        openForm(
          li,
          reasonForm({
            label: t('chief.sendBackReason'),
            confirmLabel: t('chief.confirmSendBack'),
            confirmAction: 'confirm-send-back',
            submit: (reason) => signOff(check.verificationId, { approve: false, reason }),
            onError,
            onDone: done('chief.sentBack'),
            onCancel: () => closeForm(li),
          }),
        ),
    },
    t('chief.sendBack'),
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

// ---------- case facts from the case read model ----------

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
  const timeline = c.timeline ?? [];
  const reported = timeline.find((e) => e.type === 'CaseReported');
  const passed = timeline.findLast((e) => e.type === 'VerificationPassed');
  return {
    categoryCode: c.categoryCode,
    departmentId: c.departmentId,
    description: reported?.description,
    addressText: reported?.addressText,
    attached: timeline
      .filter((e) => e.type === 'ReportAttached')
      .map((e) => ({
        source: e.source,
        description: e.description,
        reportedAt: e.reportedAt ?? e.occurredAt,
      })),
    passedAt: passed?.occurredAt,
    checkNotes: passed?.notes,
  };
}

// ---------- what the lists share ----------

const placeOf = (item) => cellLabel(item.gridCellCode) || streetName(item.streetId);

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

const waiting = (since) => t('chief.waiting', { span: span(Date.now() - Date.parse(since)) });

/** "3 小时" / "2 天" / "5 分钟" for a span of milliseconds. */
function span(ms) {
  const hours = Math.max(0, ms) / 3_600_000;
  if (hours >= 48) return t('desk.days', { n: Math.round(hours / 24) });
  if (hours >= 1) return t('desk.hours', { n: Math.round(hours) });
  return t('desk.minutes', { n: Math.max(1, Math.round(hours * 60)) });
}

/**
 * A refused or failed command: said in a toast; where the item was already decided elsewhere
 * (404, 409) the list is reloaded so that it leaves.
 */
const failure = (ctx, list) => (error) => {
  ctx.toast(error instanceof ApiError ? refusal(error) : error.message, { error: true });
  if (error instanceof ApiError && (error.status === 404 || error.status === 409)) list.onSettled?.();
};

/** An inline form asking for a reason, under the item; submit(reason) runs the command. */
function reasonForm({ label, placeholder, confirmLabel, confirmAction, submit, onError, onDone, onCancel }) {
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 1000, placeholder });
  const confirm = actionButton(
    confirmLabel,
    () => {
      const text = reason.value.trim();
      if (!text) {
        reason.focus();
        throw new Error(t('chief.reasonNeeded'));
      }
      return submit(text);
    },
    { attrs: { dataset: { action: confirmAction } }, onError, onDone },
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'ghost small', dataset: { action: 'cancel' }, onclick: onCancel },
    t('desk.cancel'),
  );
  return h(
    'div',
    { class: 'inline-form' },
    field(label, reason),
    h('div', { class: 'work-actions' }, confirm, cancel),
  );
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

/** A panel with its title, a count of its items and a body. */
function workPanel(id, titleKey, subKey) {
  const count = h('span', { class: 'count-badge', dataset: { role: 'count' } }, '…');
  const body = h('div', { class: 'panel-body' }, empty(t('drawer.loading')));
  const el = h(
    'section',
    { class: 'panel', id },
    h(
      'header',
      { class: 'panel-head' },
      h(
        'div',
        null,
        h('h2', { class: 'panel-title' }, t(titleKey), count),
        h('p', { class: 'panel-sub' }, t(subKey)),
      ),
    ),
    body,
  );
  return { el, body, count };
}

/**
 * A work list kept in step with the server's: an item is rebuilt only when its data changed and no
 * form is open in it; new items arrive marked fresh; those gone leave, without moving the others
 * (moving an element would take the focus from a half-typed reason).
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
  const run = async () => {
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
  return run;
}
