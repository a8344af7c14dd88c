// The work desk (工作台): one page for the people who work the cases, a view per job. The signed-in
// role decides which views there are; each view is a module of its own (views.js lists them).
import { configureApi } from '../api.js';
import { identity, initAuth, onIdentityChange, openSignIn, rejected, showWho, token } from '../auth.js';
import { initDrawer, openCase } from '../case-drawer.js';
import { $, fill, h } from '../dom.js';
import { setTimeZone } from '../format.js';
import { addStrings, applyStatic, lang, nameOf, onLangChange, setLang, t } from '../i18n.js';
import { showLiveState, startLive } from '../live.js';
import { toast } from '../toast.js';
import { errorText, note } from '../panel.js';
import { district, loadReference } from '../reference.js';
import { DESK_STRINGS } from './strings.js';
import { VIEWS } from './views.js';

addStrings(DESK_STRINGS);

const POLL_MS = 15000;
const CENTRE_ROLES = new Set(['command', 'evaluator', 'admin']);
const LIVE_ROLES = new Set(['department', 'command']);

const state = { view: null, mounted: null, stopLive: null, pollTimer: null };

const allowedViews = (role) => VIEWS.filter((v) => v.roles.includes(role));

function chosenViewId() {
  return new URLSearchParams(location.hash.slice(1)).get('view');
}

function renderTabs(views) {
  fill(
    $('#desk-tabs'),
    views.map((v) =>
      h(
        'a',
        {
          class: `tab ${state.view?.id === v.id ? 'on' : ''}`,
          href: `#view=${v.id}`,
          dataset: { view: v.id },
        },
        t(v.titleKey),
      ),
    ),
  );
}

function stopView() {
  state.stopLive?.();
  state.stopLive = null;
  clearInterval(state.pollTimer);
  state.pollTimer = null;
  state.mounted?.stop?.();
  state.mounted = null;
}

const ctx = {
  toast,
  openCase: (caseId) => openCase(caseId),
  identity: () => identity(),
};

function mount() {
  stopView();
  const id = identity();
  showWho($('#who'));
  $('#to-centre').hidden = !id || !CENTRE_ROLES.has(id.role);
  const main = $('#desk');
  if (!id) {
    showLiveState($('#live'), 'off');
    fill(main, gate('desk.signedOut'));
    renderTabs([]);
    openSignIn();
    return;
  }
  const views = allowedViews(id.role);
  if (views.length === 0) {
    showLiveState($('#live'), 'off');
    renderTabs([]);
    fill(main, gate('desk.noView', { role: t(`role.${id.role}`) }));
    return;
  }
  state.view = views.find((v) => v.id === chosenViewId()) ?? views[0];
  renderTabs(views);
  const container = h('section', { class: 'desk-view', dataset: { view: state.view.id } });
  fill(main, container);
  state.mounted = state.view.mount(container, ctx);
  if (LIVE_ROLES.has(id.role) && state.mounted.onFrame)
    state.stopLive = startLive({
      token: token(),
      onFrame: (frame) => state.mounted?.onFrame(frame),
      onState: (s) => showLiveState($('#live'), s),
      onReconnected: () => state.mounted?.refresh(),
    });
  else showLiveState($('#live'), 'poll');
  // A safety net under the live stream, and the only refresh for the roles without one.
  state.pollTimer = setInterval(() => state.mounted?.refresh(), POLL_MS);
}

function gate(key, params) {
  return h(
    'div',
    { class: 'desk-gate' },
    h('h2', null, t(key, params)),
    h(
      'button',
      { type: 'button', class: 'primary', onclick: () => openSignIn() },
      t(identity() ? 'auth.switch' : 'auth.signIn'),
    ),
  );
}

async function boot() {
  applyStatic();
  configureApi({ token, unauthorized: rejected });
  initAuth();
  initDrawer();
  $('#lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  note($('#desk'), t('drawer.loading'));
  for (let attempt = 0; ; attempt += 1) {
    try {
      await loadReference();
      break;
    } catch (error) {
      note($('#desk'), errorText(error), { error: true });
      await new Promise((resolve) => setTimeout(resolve, Math.min(10000, 1000 * 2 ** attempt)));
    }
  }
  setTimeZone(district()?.timeZone);
  const title = () => {
    $('#district-name').textContent = nameOf(district()) + (lang() === 'en' ? ' · ' : ' ');
    document.title = `${t(state.view?.titleKey ?? 'desk.title')} · Cityloop`;
  };
  onLangChange(() => (mount(), title()));
  onIdentityChange(() => (mount(), title()));
  window.addEventListener('hashchange', () => {
    if (chosenViewId() && chosenViewId() !== state.view?.id) (mount(), title());
  });
  mount();
  title();
}

boot();
