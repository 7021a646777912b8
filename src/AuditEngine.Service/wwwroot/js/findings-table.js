// The findings table: sortable column headers (links, so the sort lives in the URL), one checkbox per row with
// shift-click ranges, and a header checkbox for the page. Sorting and paging happen on the server.
import { h, severityBadge, statusBadge, categoryName } from './util.js';

/** Columns the server can sort by (FindingSortField), with their headers. */
export const SORT_COLUMNS = [
  ['severity', '严重程度'], ['rule', '规则'], ['category', '类别'], ['department', '部门'], ['year', '年度'], ['status', '审核状态'], ['file', '文件'],
];

/**
 * items: findings of the page. sort/order: the current sort. sortHref(field, order): the URL of another sort.
 * selection: {ids: Set, onChange()} — checked rows' ids; a shift-click checks or clears the range from the last click.
 */
export function findingsTable(items, { sort, order, sortHref, selection, canSelect }) {
  const header = (field, label) => {
    const active = sort === field;
    const next = active && order !== 'desc' ? 'desc' : 'asc';
    return h('th', { scope: 'col', 'aria-sort': active ? (order === 'desc' ? 'descending' : 'ascending') : 'none', dataset: { sort: field } },
      h('a', { href: sortHref(field, next), class: 'sort-link', title: `按${label}${next === 'desc' ? '降序' : '升序'}排列` },
        label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (order === 'desc' ? ' ▼' : ' ▲') : '')));
  };
  const boxes = [];
  let last = null;
  const all = canSelect ? h('input', { type: 'checkbox', id: 'select-page', 'aria-label': '选择本页全部问题' }) : null;
  const sync = () => {
    if (!all) return;
    const n = boxes.filter((b) => b.checked).length;
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
  };
  if (all) {
    all.addEventListener('change', () => {
      for (const b of boxes) setBox(b, all.checked);
      last = null;
      selection.onChange();
    });
  }
  function setBox(box, on) {
    box.checked = on;
    const id = Number(box.value);
    if (on) selection.ids.add(id); else selection.ids.delete(id);
    box.closest('tr').classList.toggle('selected', on);
  }

  const rows = items.map((f, i) => {
    const box = canSelect ? h('input', { type: 'checkbox', class: 'row-select', value: String(f.id), 'aria-label': `选择问题 ${f.ruleId}：${f.message}`, dataset: { index: String(i) } }) : null;
    if (box) {
      boxes.push(box);
      box.checked = selection.ids.has(f.id);
      // Shift-click: every row between the last clicked one and this one takes this one's new state.
      box.addEventListener('click', (e) => {
        if (e.shiftKey && last !== null && last !== i) {
          const [a, b] = last < i ? [last, i] : [i, last];
          for (let j = a; j <= b; j++) setBox(boxes[j], box.checked);
        } else setBox(box, box.checked);
        last = i;
        sync();
        selection.onChange();
      });
    }
    const st = (f.review && f.review.status) || 'open';
    return h('tr', { dataset: { findingId: String(f.id), ruleId: f.ruleId, status: st }, class: box && box.checked ? 'selected' : null },
      canSelect ? h('td', { class: 'select-cell' }, box) : null,
      h('td', { class: 'nowrap' }, severityBadge(f.severity)),
      h('td', { class: 'nowrap' }, h('a', { class: 'rule-link', href: `#/rules/${encodeURIComponent(f.ruleId)}`, title: f.ruleName || '' }, f.ruleId)),
      h('td', { class: 'nowrap' }, categoryName(f.category, f.categoryName)),
      h('td', { class: 'msg-cell' }, h('a', { href: `#/documents/${encodeURIComponent(f.documentId)}?f=${encodeURIComponent(f.id)}`, title: '查看证据与审核' }, f.message),
        f.review && f.review.reason ? h('div', { class: 'muted small review-reason' }, `理由：${f.review.reason}`) : null),
      h('td', null, h('div', { class: 'dept-cell' }, f.department || '—')),
      h('td', { class: 'num' }, f.year ?? '—'),
      h('td', { class: 'status-cell nowrap' }, statusBadge(st), f.review && f.review.user ? h('div', { class: 'muted small' }, f.review.user) : null),
      h('td', null, h('div', { class: 'file-cell' }, f.fileName || String(f.documentId))));
  });
  sync();
  const [sev, rule, cat, dep, year, status, file] = SORT_COLUMNS.map(([k, label]) => header(k, label));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table findings-table', id: 'findings-table' },
    h('caption', { class: 'visually-hidden' }, '问题表：点击列标题排序'),
    h('thead', null, h('tr', null, canSelect ? h('th', { scope: 'col', class: 'select-cell' }, all) : null,
      sev, rule, cat, h('th', { scope: 'col' }, '问题说明'), dep, year, status, file)),
    h('tbody', null, rows)));
}

/** Page links: previous, numbers around the current page (with the first and last), next, and the total. */
export function pageNumbers(offset, limit, total, hrefFor) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const current = Math.floor(offset / limit) + 1;
  const link = (n, label, rel) => (n < 1 || n > pages || n === current && !rel
    ? h('span', { class: `btn btn-small${n === current && !rel ? ' current' : ' disabled'}`, 'aria-current': n === current && !rel ? 'page' : null, 'aria-disabled': n === current && !rel ? null : 'true' }, label)
    : h('a', { href: hrefFor((n - 1) * limit), class: 'btn btn-small', rel, 'aria-label': rel ? null : `第 ${n} 页` }, label));
  const shown = [...new Set([1, pages, ...[-2, -1, 0, 1, 2].map((d) => current + d)])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const parts = [link(current - 1, '上一页', 'prev')];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) parts.push(h('span', { class: 'muted' }, '…'));
    parts.push(link(n, String(n)));
  });
  parts.push(link(current + 1, '下一页', 'next'));
  parts.push(h('span', { class: 'muted' }, `第 ${current} / ${pages} 页，共 ${total} 条`));
  return h('div', { class: 'pager-inner' }, parts);
}
