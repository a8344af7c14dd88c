// The one-line message at the bottom of a page (#toast): a failed refresh, a command's outcome.
let timer = null;

/** Shows text for six seconds; error marks it as a failure (the command centre's are all failures). */
export function toast(text, { error = false } = {}) {
  const el = document.getElementById('toast');
  el.textContent = text;
  el.classList.toggle('error', error);
  el.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => (el.hidden = true), 6000);
}
