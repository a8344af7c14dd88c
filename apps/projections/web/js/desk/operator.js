// The 12345 operator's desk: file a caller's report (place by clicking the map or typing the
// coordinates, duplicate candidates shown before it is filed), and the callers to ring back
// once their cases are closed (回访).
import { get, post, via } from '../api.js';
import { coalesce, fill, h } from '../dom.js';
import { dateTime } from '../format.js';
import { addStrings, nameOf, t } from '../i18n.js';
import { categoryName, cellLabel, district, mapData } from '../reference.js';
import { markEditing, unmarkEditing } from './inline-form.js';
import { locationPicker } from './location-picker.js';
import { actionButton, failure, field, newKey } from './ui.js';
import { serialised, workList, workPanel } from './work-list.js';

addStrings({
  'operator.title': ['12345 受理', '12345 intake'],
  'operator.file': ['登记诉求', 'File a report'],
  'operator.fileHint': ['点击地图选点，或输入经纬度', 'Click the map or type the coordinates'],
  'operator.category': ['问题类别', 'Category'],
  'operator.chooseCategory': ['请选择类别', 'Choose a category'],
  'operator.lat': ['纬度', 'Latitude'],
  'operator.lng': ['经度', 'Longitude'],
  'operator.cell': ['所在网格', 'Grid cell'],
  'operator.outside': ['该位置不在本辖区内', 'This point is outside the district'],
  'operator.address': ['地址描述', 'Address'],
  'operator.onset': ['问题发生时间（来电人所述，可不填）', 'When it began (as the caller says; optional)'],
  'operator.urgency': ['紧急程度', 'Urgency'],
  'operator.urgency.normal': ['一般', 'Normal'],
  'operator.urgency.urgent': ['紧急', 'Urgent'],
  'operator.reporterName': ['来电人姓名', "Caller's name"],
  'operator.reporterPhone': ['联系电话', 'Phone'],
  'operator.submit': ['提交受理', 'File the report'],
  'operator.filed': ['已受理，案件号 {caseId}', 'Filed as case {caseId}'],
  'operator.merged': [
    '与在办案件 {caseId} 重复，已并入该案件',
    'A duplicate of open case {caseId}: attached to it',
  ],
  'operator.mergedBadge': ['重复件，已并入', 'Duplicate: attached'],
  'operator.candidates': [
    '附近在办的同类案件（提交后将并入最近的一件）',
    'Open cases of this kind nearby (the report will join the nearest)',
  ],
  'operator.noCandidates': ['附近没有同类在办案件', 'No open case of this kind nearby'],
  'operator.metres': ['{n} 米', '{n} m'],
  'operator.recent': ['本班已受理', 'Filed this shift'],
  'operator.followUps': ['待回访', 'Callers to ring back'],
  'operator.followUpsHint': [
    '热线案件结案后，回访来电人满意度',
    'Hotline cases closed: ask the caller how it went',
  ],
  'operator.closedAt': ['结案时间', 'Closed'],
  'operator.noContact': ['来电人未留联系方式', 'The caller left no contact'],
  'operator.satisfied': ['满意', 'Satisfied'],
  'operator.basically': ['基本满意', 'Basically satisfied'],
  'operator.unsatisfied': ['不满意', 'Unsatisfied'],
  'operator.followUpDone': ['回访已记录', 'Follow-up recorded'],
  'operator.followUpNotes': ['回访记录（可不填）', 'Notes (optional)'],
  'operator.required': ['请填写：{fields}', 'Please fill in: {fields}'],
});

const COORDINATE_DIGITS = 6;

export const operatorView = {
  id: 'operator',
  roles: ['operator'],
  titleKey: 'operator.title',
  mount(container, ctx) {
    const recent = h('ul', { class: 'work-list', id: 'recent-reports' });
    const followUps = h('div', { id: 'follow-ups' });
    const form = reportForm(ctx, (answer, description) => {
      recent.prepend(recentItem(answer, description));
    });
    fill(
      container,
      h(
        'div',
        { class: 'desk-columns' },
        workPanel({ title: t('operator.file'), sub: t('operator.fileHint'), count: false, content: form }).el,
        h(
          'div',
          { class: 'desk-view' },
          workPanel({
            title: t('operator.followUps'),
            sub: t('operator.followUpsHint'),
            count: false,
            content: followUps,
          }).el,
          workPanel({ title: t('operator.recent'), count: false, content: recent }).el,
        ),
      ),
    );
    const queue = followUpQueue(followUps, ctx);
    return { refresh: queue.refresh };
  },
};

// ---------- the report form ----------

function categoryOptions() {
  const families = new Map();
  for (const category of district()?.categories ?? []) {
    const family = category.family ?? '';
    if (!families.has(family)) families.set(family, []);
    families.get(family).push(category);
  }
  return [
    h('option', { value: '' }, t('operator.chooseCategory')),
    ...[...families].map(([family, items]) =>
      h(
        'optgroup',
        { label: family },
        items.map((c) => h('option', { value: c.code }, `${c.code} ${nameOf(c)}`)),
      ),
    ),
  ];
}

function reportForm(ctx, onFiled) {
  let key = newKey();
  const category = h('select', { name: 'categoryCode', required: true }, categoryOptions());
  const lat = h('input', { type: 'text', name: 'lat', inputmode: 'decimal', autocomplete: 'off' });
  const lng = h('input', { type: 'text', name: 'lng', inputmode: 'decimal', autocomplete: 'off' });
  const cell = h('span', { class: 'muted', id: 'picked-cell' });
  const address = h('input', { type: 'text', name: 'addressText', maxlength: 500 });
  const description = h('textarea', { name: 'description', maxlength: 4000, rows: 3 });
  const onset = h('input', { type: 'datetime-local', name: 'onsetAt' });
  const urgency = h(
    'select',
    { name: 'urgency' },
    ['normal', 'urgent'].map((u) => h('option', { value: u }, t(`operator.urgency.${u}`))),
  );
  const name = h('input', { type: 'text', name: 'reporterName', maxlength: 100, autocomplete: 'off' });
  const phone = h('input', { type: 'tel', name: 'reporterPhone', maxlength: 30, autocomplete: 'off' });
  const candidates = h('div', { class: 'candidates', id: 'duplicate-candidates', hidden: true });

  const point = () => {
    const [y, x] = [Number(lat.value), Number(lng.value)];
    return lat.value.trim() && lng.value.trim() && Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
  };
  const picker = locationPicker(mapData(), ([x, y]) => {
    lng.value = x.toFixed(COORDINATE_DIGITS);
    lat.value = y.toFixed(COORDINATE_DIGITS);
    placeChanged();
  });

  const checkDuplicates = coalesce(async () => {
    const where = point();
    if (!where || !category.value || !picker.cellAt(where)) {
      candidates.hidden = true;
      picker.mark([]);
      return;
    }
    try {
      const found = await get(via('intake', '/reports/duplicates'), {
        categoryCode: category.value,
        lat: where[1],
        lng: where[0],
      });
      showCandidates(candidates, found.items ?? []);
      picker.mark((found.items ?? []).map((c) => c.gridCellCode));
    } catch (error) {
      failure(ctx)(error);
    }
  }, 250);

  function placeChanged() {
    const where = point();
    picker.set(where);
    const code = where ? picker.cellAt(where) : null;
    cell.textContent = where ? (code ? cellLabel(code) : t('operator.outside')) : '';
    cell.classList.toggle('field-error', Boolean(where && !code));
    checkDuplicates();
  }
  lat.addEventListener('input', placeChanged);
  lng.addEventListener('input', placeChanged);
  category.addEventListener('change', checkDuplicates);

  const clear = () => {
    for (const input of [lat, lng, address, description, onset, name, phone]) input.value = '';
    category.value = '';
    urgency.value = 'normal';
    placeChanged();
  };

  const submit = actionButton(
    t('operator.submit'),
    async () => {
      const where = point();
      const missing = [
        !category.value && t('operator.category'),
        !where && t('desk.location'),
        !description.value.trim() && t('desk.description'),
      ].filter(Boolean);
      if (missing.length) throw new Error(t('operator.required', { fields: missing.join('、') }));
      const reporter = { name: name.value.trim() || undefined, phone: phone.value.trim() || undefined };
      const body = {
        source: 'hotline',
        categoryCode: category.value,
        location: { lat: where[1], lng: where[0] },
        addressText: address.value.trim() || undefined,
        description: description.value,
        onsetAt: onset.value ? new Date(onset.value).toISOString() : undefined,
        urgency: urgency.value,
        reporter: reporter.name || reporter.phone ? reporter : undefined,
      };
      const answer = await post(via('intake', '/reports'), body, { idempotencyKey: key });
      return { answer, description: body.description };
    },
    {
      attrs: { id: 'file-report' },
      onError: failure(ctx),
      onDone: ({ answer, description: text }) => {
        key = newKey(); // the next report is a new submission
        ctx.toast(t(answer.duplicate ? 'operator.merged' : 'operator.filed', { caseId: answer.caseId }));
        onFiled(answer, text);
        clear();
      },
    },
  );

  return h(
    'form',
    { class: 'desk-form', id: 'report-form', onsubmit: (e) => e.preventDefault() },
    field(t('operator.category'), category),
    picker.el,
    h(
      'div',
      { class: 'form-row' },
      field(t('operator.lng'), lng),
      field(t('operator.lat'), lat),
      field(t('operator.cell'), cell),
    ),
    candidates,
    field(t('operator.address'), address),
    field(t('desk.description'), description),
    h('div', { class: 'form-row' }, field(t('operator.onset'), onset), field(t('operator.urgency'), urgency)),
    h(
      'div',
      { class: 'form-row' },
      field(t('operator.reporterName'), name),
      field(t('operator.reporterPhone'), phone),
    ),
    h('div', { class: 'work-actions' }, submit),
  );
}

function showCandidates(el, items) {
  el.hidden = false;
  if (items.length === 0) return void fill(el, h('p', { class: 'muted small' }, t('operator.noCandidates')));
  fill(
    el,
    h('h3', null, t('operator.candidates')),
    h(
      'ul',
      { class: 'work-list' },
      items.map((c) =>
        h(
          'li',
          { class: 'work-meta', dataset: { caseId: c.caseId } },
          h('span', { class: 'mono' }, c.caseId),
          h('span', null, categoryName(c.categoryCode)),
          h('span', null, cellLabel(c.gridCellCode)),
          h('span', null, t('operator.metres', { n: Math.round(c.distanceMetres) })),
          h('span', null, `${t(`source.${c.source}`)} · ${dateTime(c.reportedAt)}`),
        ),
      ),
    ),
  );
}

function recentItem(answer, description) {
  return h(
    'li',
    { class: 'work-item fresh', dataset: { caseId: answer.caseId } },
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title mono' }, answer.caseId),
      h('span', { class: `status status-${answer.status}` }, t(`status.${answer.status}`)),
      answer.duplicate ? h('span', { class: 'status status-rework' }, t('operator.mergedBadge')) : null,
    ),
    h('div', { class: 'work-meta' }, h('span', null, cellLabel(answer.gridCellCode))),
    h('p', { class: 'work-text' }, description),
  );
}

// ---------- the follow-up queue ----------

/** The callers to ring back, in el; an item whose notes are being typed is left as it is. */
function followUpQueue(el, ctx) {
  const refresh = serialised(() =>
    get(via('intake', '/follow-ups')).then((found) => list.show(found.items ?? []), list.failed),
  );
  const list = workList(
    { body: el },
    {
      keyOf: (item) => item.caseId,
      render: (item) => followUpItem(item, ctx, refresh),
      emptyText: t('desk.empty'),
    },
  );
  refresh();
  return { refresh };
}

/** One caller to ring back: the case, the contact, notes, and the caller's answer. */
function followUpItem(item, ctx, refresh) {
  const li = h('li', { class: 'work-item', dataset: { caseId: item.caseId } });
  const notes = h('input', { type: 'text', maxlength: 2000, placeholder: t('operator.followUpNotes') });
  notes.addEventListener('focus', () => markEditing(li));
  notes.addEventListener('blur', () => !notes.value && unmarkEditing(li));
  const answer = (satisfaction) =>
    actionButton(
      t(`operator.${satisfaction}`),
      () =>
        post(via('intake', `/follow-ups/${encodeURIComponent(item.caseId)}`), {
          satisfaction,
          notes: notes.value.trim() || undefined,
        }),
      {
        kind: satisfaction === 'unsatisfied' ? 'ghost' : 'primary',
        attrs: { dataset: { action: satisfaction } },
        onError: failure(ctx, refresh),
        onDone: () => {
          unmarkEditing(li);
          ctx.toast(t('operator.followUpDone'));
          refresh();
        },
      },
    );
  const contact = item.reporter
    ? [item.reporter.name, item.reporter.phone].filter(Boolean).join(' · ')
    : t('operator.noContact');
  return fill(
    li,
    h(
      'div',
      { class: 'work-head' },
      h('span', { class: 'work-title' }, categoryName(item.categoryCode)),
      h('span', { class: 'mono muted small' }, item.caseId),
    ),
    h(
      'div',
      { class: 'work-meta' },
      h('span', null, `${t('operator.closedAt')} ${dateTime(item.closedAt)}`),
      h('span', null, contact),
    ),
    h('p', { class: 'work-text' }, item.description),
    notes,
    h('div', { class: 'work-actions' }, ['satisfied', 'basically', 'unsatisfied'].map(answer)),
  );
}
