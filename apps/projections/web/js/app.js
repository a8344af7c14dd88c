// The command centre page: wires the panels to the API, the period, the live stream and sign-in.
import { configureApi, download, get } from './api.js';
import { identity, initAuth, onIdentityChange, openSignIn, rejected, showWho, token } from './auth.js';
import { boardItems, initBoard, renderBoard, startBoardAutoScroll } from './board.js';
import { initDrawer, openCase, openCaseList, openDetail } from './case-drawer.js';
import { barChart, lineChart } from './charts.js';
import { initCounters, renderCounters } from './counters.js';
import { $, coalesce, fill, h } from './dom.js';
import {
  evaluationItem,
  initEvaluation,
  renderEvaluation,
  renderEvaluationDetail,
  setEvaluation,
} from './evaluation.js';
import { initFeed, pushFrame, renderFeed } from './feed.js';
import { clock, dateTime, duration, localDate, number, setTimeZone } from './format.js';
import { applyStatic, lang, nameOf, onLangChange, setLang, t, tLine } from './i18n.js';
import { showLiveState, startLive } from './live.js';
import { toast as showToast } from './toast.js';
import {
  currentLayer,
  flashCell,
  initMap,
  LAYERS,
  refreshMapLanguage,
  setCellValues,
  setLayer,
} from './map.js';
import { errorText, note } from './panel.js';
import {
  kindOf,
  labelOf,
  optionsFor,
  quarterOf,
  rangeOf,
  rememberedPeriod,
  rememberPeriod,
  isoWeekOf,
} from './period.js';
import {
  categoryName,
  cellLabel,
  departmentName,
  district,
  loadReference,
  mapData,
  streetName,
  streets,
} from './reference.js';
import { initSpots, renderSpots, setSpots } from './spots.js';
import { initTables, renderTable, setTableData, tablesAsOf } from './tables.js';

const LIVE_ROLES = new Set(['command', 'admin']);
const PAGE_ROLES = new Set(['command', 'evaluator', 'admin']);
const POLL_MS = 60000;

const state = {
  overview: null,
  period: null,
  today: null,
  clockOffset: 0, // server now - local now
  tableSubject: 'street',
  stopLive: null,
  pollTimer: null,
  generation: 0, // bumps on sign-in changes, so late answers of an old identity are dropped
  trend: null,
  gate: null, // {titleKey, bodyKey} while the page is closed to this visitor
};

const serverNow = () => Date.now() + state.clockOffset;

// ---------- header ----------

function renderClock() {
  const { date, time, weekday } = clock(new Date(serverNow()));
  $('#clock .clock-time').textContent = time;
  $('#clock .clock-date').textContent = `${date} ${weekday}`;
}

const setLiveState = (liveState, detail) => showLiveState($('#live'), liveState, detail);

const renderWho = () => showWho($('#who'));

/** "数据截至 …" for a clock (ISO, or null before any case), kept whole in data-as-of. */
function showAsOf(el, asOf) {
  el.textContent = asOf ? `${t('asOf.label')} ${dateTime(asOf)}` : '';
  el.dataset.asOf = asOf ?? '';
}

const renderAsOf = () => showAsOf($('#as-of'), state.overview?.asOf ?? null);

function renderDistrictName() {
  $('#district-name').textContent = nameOf(district()) + (lang() === 'en' ? ' · ' : ' ');
  document.title = `${nameOf(district())} ${t('app.documentTitle')}`;
}

// ---------- period ----------

function renderPeriodPicker() {
  const kindSelect = $('#period-kind');
  const valueSelect = $('#period-value');
  const kind = kindOf(state.period);
  fill(
    kindSelect,
    ['quarter', 'month', 'week'].map((k) =>
      h('option', { value: k, selected: k === kind }, t(`period.${k}`)),
    ),
  );
  const options = optionsFor(kind, state.today);
  if (!options.includes(state.period)) options.push(state.period);
  fill(
    valueSelect,
    options.map((name) => h('option', { value: name, selected: name === state.period }, labelOf(name))),
  );
}

function choosePeriod(name) {
  state.period = name;
  rememberPeriod(name);
  renderPeriodPicker();
  clearPeriodPanels();
  loadPeriodData();
}

function onKindChange(kind) {
  const { to } = rangeOf(state.period);
  const next =
    kind === 'quarter' ? quarterOf(state.period) : kind === 'month' ? to.slice(0, 7) : isoWeekOf(to);
  choosePeriod(next);
}

// ---------- loading ----------

const latest = new Map(); // what → the number of its latest request

/**
 * Runs a load; drops its answer when the identity changed meanwhile or a later load of the same
 * thing was asked for (answers may arrive out of order).
 */
async function guarded(what, load, onError) {
  const generation = state.generation;
  const n = (latest.get(what) ?? 0) + 1;
  latest.set(what, n);
  const current = () => generation === state.generation && latest.get(what) === n;
  try {
    const result = await load();
    if (current()) return result;
  } catch (error) {
    if (current()) onError?.(error);
  }
  return undefined;
}

/** A failed load: a panel that shows data keeps it (the toast says why it is not fresh). */
function failed(el, error, retry) {
  if (el.dataset.loaded) toast(errorText(error));
  else note(el, errorText(error), { error: true, retry });
}

const loaded = (...els) => els.forEach((el) => (el.dataset.loaded = '1'));

async function loadOverview() {
  const overview = await guarded(
    'overview',
    () => get('/api/v1/overview'),
    (error) => toast(errorText(error)),
  );
  if (!overview) return;
  state.overview = overview;
  setTimeZone(overview.timeZone);
  if (overview.now) state.clockOffset = new Date(overview.now).getTime() - Date.now();
  renderCounters(overview);
  renderAsOf();
}

async function loadBoard() {
  const board = await guarded(
    'board',
    () => get('/api/v1/board', { limit: 200 }),
    (error) => failed($('#board'), error, loadBoard),
  );
  if (!board) return;
  renderBoard(board.items ?? []);
  loaded($('#board'));
}

async function loadCells() {
  const body = await guarded(
    'cells',
    () => get('/api/v1/metrics/cells', { period: state.period }),
    (error) => toast(errorText(error)),
  );
  if (body) setCellValues(body.items ?? []);
}

async function loadTrend() {
  const { from, to } = rangeOf(state.period);
  const body = await guarded(
    'trend',
    () => get('/api/v1/metrics/trend', { from, to }),
    (error) => {
      failed($('#chart-daily'), error, loadTrend);
      failed($('#chart-weekly'), error, loadTrend);
    },
  );
  if (!body) return;
  state.trend = body;
  renderTrend();
  loaded($('#chart-daily'), $('#chart-weekly'));
}

// The tables and the evaluation are asked accepting a minute's age (Cache-Control: max-age): on a
// busy morning a refresh is then served at once while the server computes them again behind it.
// One still behind the clock the page knows is asked again a moment later.
const A_MINUTE_OLD = { headers: { 'Cache-Control': 'max-age=60' } };
const behindTheClock = (body) =>
  Boolean(state.overview?.asOf) && (!body.asOf || Date.parse(body.asOf) < Date.parse(state.overview.asOf)); // null: before any case

async function loadTables() {
  const [streetsBody, departmentsBody] = await Promise.all(
    ['streets', 'departments'].map((path) =>
      guarded(
        path,
        () => get(`/api/v1/metrics/${path}`, { period: state.period }, A_MINUTE_OLD),
        (error) => failed($('#tables'), error, loadTables),
      ),
    ),
  );
  if (streetsBody) setTableData('street', streetsBody);
  if (departmentsBody) setTableData('department', departmentsBody);
  if (streetsBody && departmentsBody) {
    renderTables();
    loaded($('#tables'));
    if (behindTheClock(streetsBody) || behindTheClock(departmentsBody)) refreshFigures();
  }
}

async function loadSpots() {
  const [spots, rebounds] = await Promise.all(
    ['spots', 'rebounds'].map((path) =>
      guarded(
        path,
        () => get(`/api/v1/metrics/${path}`, { period: state.period }),
        (error) => failed($('#spots'), error, loadSpots),
      ),
    ),
  );
  if (spots && rebounds) {
    setSpots(spots, rebounds);
    renderSpots();
    loaded($('#spots'));
  }
}

async function loadEvaluation() {
  const quarter = quarterOf(state.period);
  const body = await guarded(
    'evaluation',
    () => get(`/api/v1/evaluation/${quarter}`, undefined, A_MINUTE_OLD),
    (error) => failed($('#evaluation'), error, loadEvaluation),
  );
  if (body) {
    setEvaluation(body);
    renderEvaluation();
    loaded($('#evaluation'));
    if (body.status === 'live' && behindTheClock(body)) refreshFigures();
  }
}

const PERIOD_PANELS = ['#evaluation', '#spots', '#tables', '#chart-daily', '#chart-weekly'];

function loadPeriodData() {
  return Promise.all([loadCells(), loadTrend(), loadTables(), loadSpots(), loadEvaluation()]);
}

/** A new period: the panels say they are loading rather than show the last period's figures. */
function clearPeriodPanels() {
  for (const id of PERIOD_PANELS) {
    delete $(id).dataset.loaded;
    note($(id), t('drawer.loading'));
  }
}

// Live frames come in bursts (a simulator run, a busy morning): the first frame schedules a
// refresh, the ones arriving before it runs ride along with it.
const refreshLive = coalesce(() => Promise.all([loadOverview(), loadBoard(), loadCells()]), 300);
const refreshFigures = coalesce(
  () => Promise.all([loadTrend(), loadTables(), loadSpots(), loadEvaluation()]),
  5000,
);

// ---------- rendering ----------

function renderTrend() {
  const body = state.trend;
  if (!body) return;
  const days = body.days ?? [];
  const weeks = body.weeks ?? [];
  if (days.every((d) => !d.reported && !d.closed)) note($('#chart-daily'), t('trend.empty'));
  else
    lineChart($('#chart-daily'), {
      labels: days.map((d) => d.date),
      series: [
        { key: 'reported', className: 's-reported', values: days.map((d) => d.reported ?? 0) },
        { key: 'closed', className: 's-closed', values: days.map((d) => d.closed ?? 0) },
      ],
      tickLabel: (date) => date.slice(5),
      tooltip: (i) => [
        days[i].date,
        `${t('trend.reported')} ${number(days[i].reported)}`,
        `${t('trend.closed')} ${number(days[i].closed)}`,
      ],
      onPick: (i, key) => drillDay(days[i].date, key),
    });
  if (weeks.length === 0 || weeks.every((w) => !w.count)) note($('#chart-weekly'), t('trend.empty'));
  else
    barChart($('#chart-weekly'), {
      labels: weeks.map((w) => w.week),
      bars: weeks.map((w) => (w.median === null || w.median === undefined ? null : w.median / 3600)),
      marks: weeks.map((w) => (w.p90 === null || w.p90 === undefined ? null : w.p90 / 3600)),
      unit: (hours) => `${Number.isInteger(hours) || hours >= 10 ? Math.round(hours) : hours.toFixed(1)}h`,
      tickLabel: (week) => week.slice(5),
      tooltip: (i) => [
        labelOf(weeks[i].week),
        t('trend.count', { n: weeks[i].count ?? 0 }),
        `${t('trend.median')} ${duration(weeks[i].median)}`,
        `${t('trend.p90')} ${duration(weeks[i].p90)}`,
      ],
      onPick: (i) => drillWeek(weeks[i].week),
    });
}

function renderTables() {
  fill(
    $('#table-tabs'),
    ['street', 'department'].map((subject) =>
      h(
        'button',
        {
          type: 'button',
          class: `tab big ${state.tableSubject === subject ? 'on' : ''}`,
          onclick: () => ((state.tableSubject = subject), renderTables()),
        },
        t(subject === 'street' ? 'tables.streets' : 'tables.departments'),
      ),
    ),
  );
  renderTable(state.tableSubject);
  showAsOf($('#tables-as-of'), tablesAsOf());
}

function renderMapLayers() {
  fill(
    $('#map-layers'),
    LAYERS.map((layer) =>
      h(
        'button',
        {
          type: 'button',
          class: `seg seg-${layer} ${currentLayer() === layer ? 'on' : ''}`,
          onclick: () => (setLayer(layer), renderMapLayers()),
        },
        t(`map.layer.${layer}`),
      ),
    ),
  );
}

function renderAll() {
  applyStatic();
  renderDistrictName();
  renderClock();
  renderWho();
  renderAsOf();
  setLiveState($('#live').dataset.state);
  if (state.period) renderPeriodPicker();
  renderCounters(null);
  renderBoard(null);
  renderFeed();
  renderMapLayers();
  refreshMapLanguage();
  renderTrend();
  renderTables();
  renderEvaluation();
  renderSpots();
  renderGate();
}

// ---------- drill-down ----------

const periodText = (period) => labelOf(period);

/** The cases behind a figure over the whole district: the per-street lists together. */
async function districtCases(figure, params) {
  const lists = await Promise.all(
    streets().map((street) =>
      get('/api/v1/metrics/cases', { figure, streetId: street.id, ...params }).then((b) => b.items ?? []),
    ),
  );
  return lists.flat().sort((a, b) => String(b.at).localeCompare(String(a.at)));
}

function boardAsCases(items) {
  return items.map((item) => ({ ...item, at: item.deadlineAt }));
}

const lamp = (item) =>
  h(
    'span',
    { class: 'nowrap' },
    h('i', { class: `dot dot-${item.light}` }),
    ' ',
    item.light ? t(`light.${item.light}`) : '',
  );

function drillCounter(key) {
  const today = state.overview?.today ?? state.today;
  if (key === 'open' || key === 'overdue')
    return openCaseList({
      title: () => t(key === 'open' ? 'figure.open' : 'figure.overdue'),
      subtitle: () => t('counter.now'),
      load: async () => {
        await loadBoard();
        const items = boardItems();
        return boardAsCases(key === 'open' ? items : items.filter((i) => i.light === 'red'));
      },
      extra: lamp,
      atLabel: () => t('drawer.deadline'),
    });
  openCaseList({
    title: () => t(key === 'reportedToday' ? 'figure.reportedToday' : 'figure.closedToday'),
    subtitle: () => today,
    load: () => districtCases(key === 'reportedToday' ? 'reported' : 'timeToClose', { period: today }),
  });
}

function drillDay(date, key) {
  openCaseList({
    title: () => t(key === 'reported' ? 'figure.day.reported' : 'figure.day.closed', { date }),
    load: () => districtCases(key === 'reported' ? 'reported' : 'timeToClose', { period: date }),
  });
}

function drillWeek(week) {
  openCaseList({
    title: () => t('figure.week.dispose', { week: labelOf(week) }),
    subtitle: () => tLine('col.disposeCalendar'),
    load: () => districtCases('timeToDispose.calendar', { period: week }),
  });
}

function drillTable({ subject, id, name, column }) {
  const period = state.period;
  const idParam = subject === 'street' ? { streetId: id } : { departmentId: id };
  if (column.key === 'rebound')
    return openCaseList({
      title: () => t('figure.rebounds', { name }),
      subtitle: () => periodText(period),
      load: async () => {
        const [closed, pairs] = await Promise.all([
          get('/api/v1/metrics/cases', { figure: 'timeToClose', ...idParam, period }),
          get('/api/v1/metrics/rebounds', { period }),
        ]);
        const rebounded = new Set((pairs.items ?? []).map((p) => p.caseId));
        return (closed.items ?? []).map(({ value: _value, ...item }) => ({
          ...item,
          counted: rebounded.has(item.caseId),
        }));
      },
    });
  openCaseList({
    title: () => `${name} · ${tLine(`col.${column.key}`)}`,
    subtitle: () => periodText(period),
    load: async () =>
      (await get('/api/v1/metrics/cases', { figure: column.figure, ...idParam, period })).items ?? [],
  });
}

function drillEvaluation({ subject, id, name, quarter }) {
  const idParam = subject === 'street' ? { streetId: id } : { departmentId: id };
  openDetail({
    title: () => name,
    subtitle: () => t('eval.detail.subtitle', { quarter, rank: evaluationItem(subject, id)?.rank ?? '—' }),
    render: (container, { openList }) =>
      renderEvaluationDetail(container, subject, id, (figure, label) =>
        openList({
          title: () => `${name} · ${label}`,
          subtitle: () => quarter,
          load: async () =>
            (await get('/api/v1/metrics/cases', { figure, ...idParam, period: quarter })).items ?? [],
        }),
      ),
  });
}

function drillCell(code) {
  const period = state.period;
  openCaseList({
    title: () => cellLabel(code),
    subtitle: () => `${code} · ${periodText(period)}`,
    load: async () => {
      const open = boardAsCases(boardItems().filter((i) => i.gridCellCode === code));
      const reported = (
        (await get('/api/v1/metrics/cases', { figure: 'reported', streetId: code.slice(0, 9), period }))
          .items ?? []
      ).filter((i) => i.gridCellCode === code);
      const seen = new Set(open.map((i) => i.caseId));
      return [...open, ...reported.filter((i) => !seen.has(i.caseId))];
    },
    extra: (item) => (item.light ? lamp(item) : h('span', { class: 'muted' }, t('drawer.reportedIn'))),
  });
}

function drillStreet(streetId, layer) {
  const period = state.period;
  if (layer === 'open' || layer === 'overdue')
    return openCaseList({
      title: () => `${streetName(streetId)} · ${t(layer === 'open' ? 'figure.open' : 'figure.overdue')}`,
      subtitle: () => t('counter.now'),
      load: async () => {
        await loadBoard();
        return boardAsCases(
          boardItems().filter((i) => i.streetId === streetId && (layer === 'open' || i.light === 'red')),
        );
      },
      extra: lamp,
      atLabel: () => t('drawer.deadline'),
    });
  if (layer === 'rebounds')
    return openCaseList({
      title: () => t('figure.rebounds', { name: streetName(streetId) }),
      subtitle: () => periodText(period),
      load: async () =>
        ((await get('/api/v1/metrics/rebounds', { period })).items ?? [])
          .filter((pair) => pair.streetId === streetId)
          .map((pair) => ({
            caseId: pair.reboundCaseId,
            categoryCode: pair.categoryCode,
            streetId: pair.streetId,
            departmentId: null,
            status: null,
            at: pair.reboundReportedAt,
            pair,
          })),
      extra: (item) =>
        t('spots.after', {
          time: duration((new Date(item.pair.reboundReportedAt) - new Date(item.pair.closedAt)) / 1000),
          m: Math.round(item.pair.distanceMetres ?? 0),
        }),
    });
  openCaseList({
    title: () => `${streetName(streetId)} · ${t('col.reported')}`,
    subtitle: () => periodText(period),
    load: async () =>
      (await get('/api/v1/metrics/cases', { figure: 'reported', streetId, period })).items ?? [],
  });
}

function drillSpot(spot) {
  const period = state.period;
  openCaseList({
    title: () =>
      t('figure.spot', { cell: cellLabel(spot.gridCellCode), category: categoryName(spot.categoryCode) }),
    subtitle: () => `${spot.gridCellCode} · ${periodText(period)}`,
    load: async () =>
      (
        (await get('/api/v1/metrics/cases', { figure: 'reported', streetId: spot.streetId, period })).items ??
        []
      ).filter((i) => i.gridCellCode === spot.gridCellCode && i.categoryCode === spot.categoryCode),
  });
}

function drillRebound(pair) {
  openCaseList({
    title: () => `${categoryName(pair.categoryCode)} · ${t('drawer.rebound')}`,
    subtitle: () => `${streetName(pair.streetId)} · ${Math.round(pair.distanceMetres ?? 0)} m`,
    load: async () => [
      {
        caseId: pair.caseId,
        categoryCode: pair.categoryCode,
        streetId: pair.streetId,
        departmentId: pair.departmentId,
        status: 'closed',
        at: pair.closedAt,
        role: 'original',
      },
      {
        caseId: pair.reboundCaseId,
        categoryCode: pair.categoryCode,
        streetId: pair.streetId,
        departmentId: null,
        status: null,
        at: pair.reboundReportedAt,
        role: 'rebound',
      },
    ],
    extra: (item) => t(item.role === 'original' ? 'drawer.reboundOf' : 'drawer.reboundCase'),
  });
}

// ---------- live ----------

function onFrame(frame) {
  pushFrame(frame);
  if (frame.gridCellCode) flashCell(frame.gridCellCode);
  $('#live').title = t('live.lastFrame', { time: dateTime(new Date(serverNow()).toISOString()) });
  refreshLive();
  refreshFigures();
}

function stopUpdates() {
  state.stopLive?.();
  state.stopLive = null;
  clearInterval(state.pollTimer);
  state.pollTimer = null;
}

function startUpdates(role) {
  stopUpdates();
  if (LIVE_ROLES.has(role))
    state.stopLive = startLive({
      token: token(),
      onFrame,
      onState: (s) => setLiveState(s),
      onReconnected: () => Promise.all([loadOverview(), loadBoard(), loadPeriodData()]),
    });
  else setLiveState('poll');
  // A safety net for both: counters and board every minute (and everything for the pollers).
  state.pollTimer = setInterval(() => {
    refreshLive();
    if (!LIVE_ROLES.has(role)) loadPeriodData();
  }, POLL_MS);
}

// ---------- sign-in and the gate ----------

/** The page is not for this visitor (signed out, or a role without these figures). */
function showGate(titleKey, bodyKey = null) {
  state.gate = { titleKey, bodyKey };
  $('.period').hidden = true;
  $('#as-of').hidden = true;
  $('#gate').hidden = false;
  $('#dashboard').classList.add('locked');
  renderGate();
}

function renderGate() {
  if (!state.gate) return;
  const role = identity()?.role;
  $('#gate-title').textContent = t(state.gate.titleKey);
  $('#gate-body').textContent = state.gate.bodyKey ? t(state.gate.bodyKey, { role: t(`role.${role}`) }) : '';
  $('#gate-signin').textContent = t(role ? 'auth.switch' : 'auth.signIn');
  $('#gate-desk').hidden = !role; // a role of the work desk: its page is there
}

async function start() {
  state.generation += 1;
  stopUpdates();
  renderWho();
  const id = identity();
  if (!id) {
    setLiveState('off');
    showGate('gate.signedOut');
    openSignIn();
    return;
  }
  if (!PAGE_ROLES.has(id.role)) {
    setLiveState('off');
    showGate('gate.title', 'gate.body');
    return;
  }
  state.gate = null;
  $('#gate').hidden = true;
  $('.period').hidden = false;
  $('#as-of').hidden = false;
  $('#dashboard').classList.remove('locked');
  delete $('#board').dataset.loaded;
  note($('#board'), t('drawer.loading'));
  clearPeriodPanels();
  await loadOverview();
  state.today = state.overview?.today ?? localDate(new Date(serverNow()));
  state.period = rememberedPeriod() ?? optionsFor('quarter', state.today)[0];
  renderPeriodPicker();
  startUpdates(id.role);
  await Promise.all([loadBoard(), loadPeriodData()]);
  // #case=<id>: open a case's timeline at once (a link from elsewhere)
  const linked = new URLSearchParams(location.hash.slice(1)).get('case');
  if (linked) openCase(linked);
}

// ---------- toast ----------

const toast = (text) => showToast(text, { error: true });

// ---------- boot ----------

async function boot() {
  applyStatic();
  configureApi({ token, unauthorized: rejected });
  initAuth();
  initDrawer();
  initCounters($('#counters'), drillCounter);
  initBoard($('#board'), $('#board-filters'), (caseId) => openCase(caseId), serverNow);
  initFeed($('#feed'), (caseId) => openCase(caseId));
  initTables($('#tables'), drillTable);
  initEvaluation($('#evaluation'), $('#eval-tabs'), $('#eval-title'), drillEvaluation);
  initSpots($('#spots'), { spot: drillSpot, rebound: drillRebound });
  renderMapLayers();
  setLiveState('off');
  renderClock();
  setInterval(renderClock, 1000);
  setInterval(() => renderBoard(null), 30000);
  if (new URLSearchParams(location.hash.slice(1)).get('kiosk') === '1') startBoardAutoScroll();

  $('#lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  $('#gate-signin').addEventListener('click', () => openSignIn());
  $('#period-kind').addEventListener('change', (e) => onKindChange(e.target.value));
  $('#period-value').addEventListener('change', (e) => choosePeriod(e.target.value));
  $('#csv').addEventListener('click', () => {
    const path = state.tableSubject === 'street' ? 'streets' : 'departments';
    download(
      `/api/v1/metrics/${path}`,
      { period: state.period, format: 'csv' },
      `cityloop-${path}-${state.period}.csv`,
    ).catch((error) => toast(errorText(error)));
  });
  onLangChange(renderAll);
  onIdentityChange(() => start());

  void loadReferenceUntilDone();
  await start();
}

/** The map and the names: tried again and again while the server is not there (a restart). */
async function loadReferenceUntilDone() {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await loadReference();
      break;
    } catch (error) {
      note($('#map'), `${t('map.noData')} · ${errorText(error)}`, { error: true });
      await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 1000 * 2 ** attempt)));
    }
  }
  setTimeZone(district()?.timeZone);
  initMap($('#map'), $('#map-legend'), mapData(), drillCell, drillStreet);
  renderAll(); // names of streets, departments and categories where codes stood
}

boot();
