// A filter bar whose state lives in the URL query (shareable). Each filter may hold several values.
import { h, CATEGORY_NAMES, SEVERITY_NAMES, STATUS_NAMES } from './util.js';

export const CATEGORY_OPTIONS = Object.entries(CATEGORY_NAMES);
export const SEVERITY_OPTIONS = Object.entries(SEVERITY_NAMES);
export const STATUS_OPTIONS = Object.entries(STATUS_NAMES);

/**
 * spec: [{key, label, type: 'checks'|'select'|'text'|'search', options?: [[value, label]], placeholder?}]
 * params: URLSearchParams with the current values. onChange(URLSearchParams) fires on every change (text: debounced).
 */
export function filterBar(spec, params, onChange, { idPrefix = 'flt', extra = null } = {}) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': '筛选条件' });
  const readers = [];
  let timer = null;
  const fire = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange(read()), delay);
  };

  for (const f of spec) {
    const id = `${idPrefix}-${f.key}`;
    const current = params.getAll(f.key);
    if (f.type === 'checks') {
      const boxes = f.options.map(([value, label]) => {
        const box = h('input', { type: 'checkbox', id: `${id}-${value}`, name: f.key, value, checked: current.includes(value) });
        box.addEventListener('change', () => fire(0));
        return h('label', { class: 'check', for: box.id }, box, label);
      });
      form.append(h('fieldset', { class: 'filter-group' }, h('legend', null, f.label), boxes));
      readers.push((out) => { for (const b of form.querySelectorAll(`input[name="${f.key}"]:checked`)) out.append(f.key, b.value); });
    } else if (f.type === 'select') {
      const select = h('select', { id, name: f.key },
        h('option', { value: '' }, '全部'),
        f.options.map(([value, label]) => h('option', { value, selected: current.includes(value) }, label)));
      select.addEventListener('change', () => fire(0));
      form.append(h('div', { class: 'filter-field' }, h('label', { for: id }, f.label), select));
      readers.push((out) => { if (select.value) out.append(f.key, select.value); });
    } else {
      const input = h('input', { id, name: f.key, type: f.type === 'search' ? 'search' : 'text', value: current.join(','),
        placeholder: f.placeholder || '', inputmode: f.numeric ? 'numeric' : null, list: f.datalist || null });
      input.addEventListener('input', () => fire(350));
      input.addEventListener('change', () => fire(0));
      form.append(h('div', { class: 'filter-field' }, h('label', { for: id }, f.label), input));
      // Several values may be given separated by commas (e.g. years "2024,2025").
      readers.push((out) => {
        const values = f.multi ? input.value.split(/[,，]/) : [input.value];
        for (const v of values.map((x) => x.trim()).filter(Boolean)) out.append(f.key, v);
      });
    }
  }
  const reset = h('button', { type: 'button', class: 'btn btn-ghost btn-small' }, '清除筛选');
  reset.addEventListener('click', () => {
    for (const el of form.querySelectorAll('input[type=checkbox]')) el.checked = false;
    for (const el of form.querySelectorAll('input:not([type=checkbox])')) el.value = '';
    for (const el of form.querySelectorAll('select')) el.value = '';
    fire(0);
  });
  form.append(h('div', { class: 'filter-tools' }, reset, extra));
  form.addEventListener('submit', (e) => { e.preventDefault(); fire(0); });

  function read() {
    const out = new URLSearchParams();
    for (const r of readers) r(out);
    return out;
  }
  return form;
}
