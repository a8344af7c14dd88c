// The desk's views, in tab order. Each: {id, roles, titleKey, mount(container, ctx) → {refresh,
// onFrame?, stop?}}; ctx: {toast(text, {error}), openCase(caseId), identity()}.
import { chiefView } from './chief.js';
import { departmentView } from './department.js';
import { dispatcherView } from './dispatcher.js';
import { operatorView } from './operator.js';
import { patrollerView } from './patroller.js';
import { searchView } from './search.js';

export const VIEWS = [operatorView, chiefView, dispatcherView, departmentView, patrollerView, searchView];
