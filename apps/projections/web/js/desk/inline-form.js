// Inline forms under a work item (不予立案, 驳回, 退单, 核查…): the button that opens one, the form
// with its fields, confirm and cancel, and a field marked wrong. While a form is open its item is
// marked as being edited, and the work lists keep the item as it is across refreshes.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { actionButton, decidedElsewhere, field } from './ui.js';

/** Whether the item holds an open form, or a choice made in it: the lists leave it be. */
export const isEditing = (item) => Boolean(item.dataset.form || item.dataset.editing);

/** Marks the item as being edited: data-form names its open form; data-editing where none is named. */
export function markEditing(item, kind) {
  if (kind) item.dataset.form = kind;
  else item.dataset.editing = '1';
}

export function unmarkEditing(item) {
  delete item.dataset.form;
  delete item.dataset.editing;
}

/**
 * Opens a form under the item (closing its other form) and focuses its first control. kind, where
 * given, names the form: data-form on the item and on the form.
 */
export function openForm(item, form, kind) {
  closeForm(item);
  if (kind) form.dataset.form = kind;
  markEditing(item, kind);
  item.append(form);
  form.querySelector('textarea, select, input')?.focus();
}

export function closeForm(item) {
  item.querySelector(':scope > .inline-form')?.remove();
  unmarkEditing(item);
}

/** A button that opens makeForm() under the item or, pressed again while that form is open, closes it. */
export function formButton(item, label, makeForm, { action, style = 'primary', kind } = {}) {
  let form = null;
  const toggle = () =>
    form?.parentNode === item ? closeForm(item) : openForm(item, (form = makeForm()), kind);
  return h(
    'button',
    { type: 'button', class: `${style} small`, dataset: { action }, onclick: toggle },
    label,
  );
}

/**
 * Says under its control that a field is missing or wrong, until the control changes. Gives false:
 * what submit() returns when nothing was sent.
 */
export function fieldError(control, text) {
  const label = control.closest('.field');
  label.querySelector('.field-error')?.remove();
  const error = h('span', { class: 'field-error' }, text);
  label.append(error);
  control.addEventListener('input', () => error.remove(), { once: true });
  control.focus();
  return false;
}

export const clearErrors = (form) => form.querySelectorAll('.field-error').forEach((el) => el.remove());

const cancelButton = (onclick) =>
  h(
    'button',
    { type: 'button', class: 'ghost small', dataset: { action: 'cancel' }, onclick },
    t('desk.cancel'),
  );

/**
 * An inline form for the item: its fields, then confirm (running submit()) and cancel. submit()
 * gives false when it marked a field wrong: the form stays open. Once sent, the form closes and
 * onDone(answer) runs. A failure goes to onError; one saying that the item was decided elsewhere
 * closes the form first, so that the item can show what it now is.
 */
export function inlineForm(
  item,
  { fields, confirmLabel, confirmAction = 'confirm', submit, onError, onDone },
) {
  const form = h('div', { class: 'inline-form' }, fields);
  const confirm = actionButton(
    confirmLabel,
    async () => {
      clearErrors(form);
      return submit();
    },
    {
      attrs: { dataset: { action: confirmAction } },
      onError: (error) => {
        if (decidedElsewhere(error)) closeForm(item);
        onError?.(error);
      },
      onDone: (answer) => {
        if (answer === false) return;
        closeForm(item);
        onDone?.(answer);
      },
    },
  );
  form.append(
    h(
      'div',
      { class: 'work-actions' },
      confirm,
      cancelButton(() => closeForm(item)),
    ),
  );
  return form;
}

/** The text box for a reason (不予立案, 驳回, 延期…). */
export const reasonInput = (placeholder) =>
  h('textarea', { name: 'reason', rows: 2, maxlength: 1000, placeholder });

/** An inline form asking for a reason, which must be given; submit(reason) sends the command. */
export function reasonForm(
  item,
  { label, placeholder, confirmLabel, confirmAction, submit, onError, onDone },
) {
  const reason = reasonInput(placeholder);
  return inlineForm(item, {
    fields: field(label, reason),
    confirmLabel,
    confirmAction,
    submit: () => {
      const text = reason.value.trim();
      return text ? submit(text) : fieldError(reason, t('desk.reasonNeeded'));
    },
    onError,
    onDone,
  });
}
