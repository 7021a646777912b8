// Small DOM and formatting helpers shared by the views.

/** Creates an element: h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (key === 'class') el.className = value;
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
      else if (key in el && typeof value !== 'string' && key !== 'list') el[key] = value;
      else el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Creates an SVG element with attributes. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

export const CATEGORY_NAMES = {
  'missing-section': '内容缺失',
  'unbalanced-total': '勾稽不平',
  'implausible-indicator': '绩效指标不合理',
  'sangong-overrun': '三公经费',
  'inconsistency': '前后不一致',
  'extraction': '识别问题',
};
export const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
export const STATUS_NAMES = { open: '待审核', confirmed: '已确认', dismissed: '已排除' };
export const DOC_STATUS_NAMES = { queued: '排队中', processing: '审核中', running: '审核中', done: '已完成', error: '无法读取' };
export const ACTION_NAMES = { confirm: '确认', dismiss: '排除', reopen: '重新打开', comment: '评论' };

export const categoryName = (c, fallback) => fallback || CATEGORY_NAMES[c] || c;

export function severityBadge(severity) {
  // A rule whose severity is an expression (e.g. 尾差 → info, else error) shows as 视情况而定 with the expression as title.
  if (!(severity in SEVERITY_NAMES)) return h('span', { class: 'badge sev-dynamic', title: severity }, '视情况而定');
  return h('span', { class: `badge sev-${severity}` }, SEVERITY_NAMES[severity]);
}

export function statusBadge(status) {
  const st = status || 'open';
  return h('span', { class: `badge st-${st}` }, STATUS_NAMES[st] || st);
}

const numberFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export function amount(value) {
  return value === null || value === undefined ? '—' : numberFormat.format(value);
}
export function count(value) {
  return value === null || value === undefined ? '—' : String(value);
}

export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fileSize(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Builds a query string from {key: value | [values]}, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (v !== null && v !== undefined && v !== '') q.append(key, v);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** Reads URLSearchParams into {key: [values]}. */
export function paramsToObject(params) {
  const out = {};
  for (const [key, value] of params) (out[key] ||= []).push(value);
  return out;
}

let toastTimer;
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = `toast toast-${kind}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 4000);
}

export function progressBar(value, max, label) {
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(pct), 'aria-label': label || '进度' },
  h('div', { class: 'progress-fill', style: { width: `${pct}%` } }));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

export function setTitle(text) {
  document.title = text ? `${text} · 预算公开审核` : '预算公开审核';
}
