// Work panels and the keyed lists of work items in them, kept in step with the server's lists: an
// item is drawn again only when what it shows changed and it is not being edited; an item being
// edited stays as it is, even once it has left the server's list (a half-typed reason survives);
// new or changed items arrive marked fresh; and an item acted on here leaves at once. Also the
// refresh that runs one at a time.
import { fill, h } from '../dom.js';
import { t } from '../i18n.js';
import { isEditing } from './inline-form.js';
import { empty, refusal } from './ui.js';

/** An item acted on stays off its list this long, while the services' lists catch up. */
const SETTLE_MS = 60_000;

/**
 * A panel: its title with a count of its items (unless count is false), the line under it, and a
 * body holding content (a loading note by default). Named by id, or by data-panel (name), which
 * also names its work list (data-list).
 */
export function workPanel({ id, name, title, sub, count = true, content = empty(t('drawer.loading')) }) {
  const badge = count ? h('span', { class: 'count-badge', dataset: { role: 'count' } }, '…') : null;
  const head = h(
    'header',
    { class: 'panel-head' },
    h(
      'div',
      null,
      h('h2', { class: 'panel-title' }, title, badge),
      sub ? h('p', { class: 'panel-sub' }, sub) : null,
    ),
  );
  const body = h('div', { class: 'panel-body' }, content);
  const el = h('section', { class: 'panel', id, dataset: name ? { panel: name } : null }, head, body);
  return { el, head, body, count: badge, name };
}

/**
 * The list of a panel ({body, count?, name?}). keyOf(item) names an item; render(item) draws it;
 * signatureOf(item) is what it shows (drawn again when that changes); stateOf(item) what marks it
 * changed, fresh (by default only its arrival). emptyText: a text, or (count) → the text.
 */
export function workList(
  panel,
  { keyOf, render, emptyText, signatureOf = JSON.stringify, stateOf = () => '' },
) {
  const list = h('ul', { class: 'work-list', dataset: panel.name ? { list: panel.name } : null });
  const problem = h('p', { class: 'field-error' }); // in the panel only while a refresh has failed
  let shown = new Map(); // key → {el, signature}, in the order shown
  let aside = new Map(); // items being edited that only() hides: kept, not shown
  let seen = null; // key → stateOf(item) at the last show; null before the first
  let counted = new Set(); // the keys of the server's items not settled
  let total = 0;
  const settled = new Map(); // key → when it was acted on

  const editing = (key) => {
    const el = (shown.get(key) ?? aside.get(key))?.el;
    return Boolean(el && isEditing(el));
  };

  /** The item's element: the one shown if it is being edited or shows the same, else a new one. */
  function rowOf(item, key) {
    const row = shown.get(key) ?? aside.get(key);
    const signature = signatureOf(item);
    if (row && (isEditing(row.el) || row.signature === signature)) {
      row.el.classList.remove('fresh'); // fresh: new or changed since the last show only
      return row;
    }
    const el = render(item);
    if (seen && seen.get(key) !== stateOf(item)) el.classList.add('fresh');
    return { el, signature };
  }

  /** Puts the shown elements in order, moving none that is already in place (nor its focus). */
  function redraw() {
    const els = [...shown.values()].map((row) => row.el);
    for (const el of [...list.children]) if (!els.includes(el)) el.remove();
    let cursor = list.firstChild;
    for (const el of els) {
      if (el === cursor) cursor = cursor.nextSibling;
      else list.insertBefore(el, cursor);
    }
    if (panel.count) panel.count.textContent = String(total);
    const text = typeof emptyText === 'function' ? emptyText(total) : emptyText;
    const failing = problem.parentNode === panel.body ? problem : null;
    if (els.length === 0) fill(panel.body, failing, empty(text));
    else if (list.parentNode !== panel.body) fill(panel.body, failing, list);
  }

  return {
    /**
     * The server's items, in its order: those only() leaves out are not shown; total, the count
     * shown in the title (by default, the items not settled).
     */
    show(items, { only = () => true, total: count } = {}) {
      const now = Date.now();
      for (const [key, at] of settled) if (now - at > SETTLE_MS) settled.delete(key);
      const keys = new Set(items.map(keyOf));
      const next = new Map();
      const nextAside = new Map();
      counted = new Set();
      for (const item of items) {
        const key = keyOf(item);
        if (settled.has(key)) continue;
        counted.add(key);
        if (only(item)) next.set(key, rowOf(item, key));
        else if (editing(key)) nextAside.set(key, shown.get(key) ?? aside.get(key));
      }
      // Items being edited that have left the server's list stay, last, until their form closes.
      for (const [key, row] of [...shown, ...aside]) if (!keys.has(key) && editing(key)) next.set(key, row);
      total = count ?? counted.size;
      shown = next;
      aside = nextAside;
      seen = new Map(items.map((item) => [keyOf(item), stateOf(item)]));
      problem.remove();
      redraw();
    },
    /** A failed refresh: said in the panel, above what it shows (alone before the first show). */
    failed(error) {
      problem.textContent = refusal(error);
      if (seen) panel.body.prepend(problem);
      else fill(panel.body, problem);
    },
    /** The item was decided here: it leaves at once and stays away while the lists catch up. */
    settle(key) {
      settled.set(key, Date.now());
      if (counted.delete(key)) total -= 1;
      shown.delete(key);
      redraw();
    },
  };
}

/** fn run one at a time: a call while one runs makes one more run after it. */
export function serialised(fn) {
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
