// Findings across documents: server-side filters, sort and paging (GET /api/findings), all kept in the URL; a table
// with bulk triage (POST /api/findings/review-bulk) or cards with evidence; export links.
import { api } from './api.js';
import { filterBar, CATEGORY_OPTIONS, SEVERITY_OPTIONS, STATUS_OPTIONS } from './filters.js';
import { findingCard, findingKeys, canTriage } from './finding.js';
import { findingsTable, pageNumbers, SORT_COLUMNS } from './findings-table.js';
import { decisionForm, groupWholeDocument, groupedCard, BULK_LIMIT } from './bulk-triage.js';
import { h, empty, setTitle, query } from './util.js';

const PAGE_SIZES = [50, 100, 200, 500];
const DEFAULT_LIMIT = 100;
const FILTER_KEYS = ['batch', 'document', 'category', 'severity', 'rule', 'department', 'year', 'status', 'q'];
const SORT_KEYS = new Set(SORT_COLUMNS.map(([k]) => k));
let rulesPromise = null;

export async function renderFindings(ctx) {
  setTitle('问题清单');
  const params = new URLSearchParams(ctx.query);
  rulesPromise ||= api.get('/api/rules').catch(() => { rulesPromise = null; return { rules: [] }; });
  const rules = (await rulesPromise).rules || [];
  if (!ctx.isCurrent()) return;
  const triage = canTriage(ctx.user);

  // Everything the list shows is read from params (the URL), so reload, back and a shared link show the same.
  const view = () => (params.get('view') === 'cards' ? 'cards' : 'table');
  const limit = () => (PAGE_SIZES.includes(Number(params.get('limit'))) ? Number(params.get('limit')) : DEFAULT_LIMIT);
  const offset = () => Math.max(0, Number(params.get('offset')) || 0);
  const sort = () => (SORT_KEYS.has(params.get('sort')) ? params.get('sort') : '');
  const order = () => (params.get('order') === 'desc' ? 'desc' : 'asc');
  const filters = () => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) for (const v of params.getAll(k)) p.append(k, v);
    return p;
  };
  const withSort = (p) => { if (sort()) { p.set('sort', sort()); p.set('order', order()); } return p; };
  /** The URL of this view with some parameters changed (null removes one). */
  const href = (changes) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) { if (v === null || v === undefined || v === '') p.delete(k); else p.set(k, String(v)); }
    return `#/findings${p.toString() ? `?${p}` : ''}`;
  };

  const results = h('div', { id: 'findings-list' }, h('p', { class: 'loading' }, '加载中…'));
  const counter = h('p', { class: 'muted', id: 'findings-count', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  const exportXlsx = h('a', { class: 'btn', id: 'export-xlsx', download: '' }, '导出 XLSX');
  const exportCsv = h('a', { class: 'btn', id: 'export-csv', download: '' }, '导出 CSV');
  // The triage history follows the batch in scope (the other filters pick findings, not decisions).
  const exportHistory = h('a', { class: 'btn', id: 'export-history', download: '' }, '审核记录 CSV');
  const scope = h('p', { class: 'muted small' });

  // Selection of the table: ids on this page, or every finding the filter gives (allMatching).
  const selection = { ids: new Set(), allMatching: false, total: 0, onChange: () => { selection.allMatching = false; refreshBulk(); } };
  const selectAllMatching = h('button', { type: 'button', class: 'btn btn-small btn-ghost', id: 'select-all-matching', hidden: true });
  const clearSelection = h('button', { type: 'button', class: 'btn btn-small btn-ghost', id: 'clear-selection', hidden: true }, '取消选择');
  const bulk = triage ? decisionForm({
    idPrefix: 'bulk',
    describe: () => (selection.allMatching ? `已选择全部符合筛选条件的 ${selection.total} 条问题` : `已选 ${selection.ids.size} 条`),
    selection: () => (selection.allMatching ? { filter: filters().toString() } : selection.ids.size ? { ids: [...selection.ids] } : null),
    done: async () => { selection.ids.clear(); selection.allMatching = false; await load(); },
  }) : null;
  const bulkBar = triage ? h('section', { class: 'bulk-bar', id: 'bulk-bar', 'aria-label': '批量审核', hidden: true }, bulk, h('div', { class: 'bulk-tools' }, selectAllMatching, clearSelection)) : null;
  function refreshBulk() {
    if (!bulkBar) return;
    const any = selection.allMatching || selection.ids.size > 0;
    bulkBar.hidden = view() !== 'table' || !any;
    bulk.refresh();
    // Offer the whole filter once the page is fully selected and there is more than the page.
    const pageRows = results.querySelectorAll('input.row-select').length;
    const pageFull = pageRows > 0 && selection.ids.size === pageRows;
    selectAllMatching.hidden = selection.allMatching || !pageFull || selection.total <= pageRows;
    selectAllMatching.textContent = selection.total > BULK_LIMIT
      ? `选择全部符合筛选条件的 ${selection.total} 条（超过 ${BULK_LIMIT} 条，请先缩小筛选）`
      : `选择全部符合筛选条件的 ${selection.total} 条（不只本页）`;
    selectAllMatching.disabled = selection.total > BULK_LIMIT;
    clearSelection.hidden = !any;
  }
  selectAllMatching.addEventListener('click', () => { selection.allMatching = true; refreshBulk(); });
  clearSelection.addEventListener('click', () => {
    selection.ids.clear(); selection.allMatching = false;
    for (const b of results.querySelectorAll('input[type=checkbox]')) { b.checked = false; b.indeterminate = false; }
    for (const tr of results.querySelectorAll('tr.selected')) tr.classList.remove('selected');
    refreshBulk();
  });

  function updateLinks() {
    const f = withSort(filters()).toString();
    exportXlsx.href = `/api/findings/export.xlsx${f ? `?${f}` : ''}`;
    exportCsv.href = `/api/findings/export.csv${f ? `?${f}` : ''}`;
    const batch = params.get('batch');
    exportHistory.href = `/api/findings/history.csv${batch ? query({ batch }) : ''}`;
    const fixed = [];
    if (params.getAll('batch').length) fixed.push(`批次 ${params.getAll('batch').join('、')}`);
    if (params.getAll('document').length) fixed.push(`文件 ${params.getAll('document').join('、')}`);
    scope.replaceChildren(fixed.length ? h('span', null, `范围：${fixed.join('；')} `,
      h('a', { href: `#/findings${query(Object.fromEntries([...FILTER_KEYS].filter((k) => k !== 'batch' && k !== 'document').map((k) => [k, params.getAll(k)])))}` }, '（查看全部批次）')) : '');
  }

  async function load() {
    updateLinks();
    const f = withSort(filters());
    f.set('limit', String(limit()));
    f.set('offset', String(offset()));
    let data;
    try { data = await api.get(`/api/findings?${f}`); } catch (err) {
      if (ctx.isCurrent()) results.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, err.message));
      return;
    }
    if (!ctx.isCurrent()) return;
    const items = data.items || [];
    selection.total = data.total ?? items.length;
    selection.ids.clear();
    selection.allMatching = false;
    counter.textContent = `共 ${selection.total} 条问题`;
    if (!items.length) results.replaceChildren(empty('没有符合筛选条件的问题'));
    else if (view() === 'table') {
      results.replaceChildren(findingsTable(items, {
        sort: sort(), order: order(), canSelect: triage, selection,
        sortHref: (field, dir) => href({ sort: field, order: dir, offset: null }),
      }));
    } else {
      results.replaceChildren(...groupWholeDocument(items).map((x) => (x.group
        ? groupedCard(x.group, { user: ctx.user, canTriage: triage, onChange: load })
        : findingCard(x.finding, { user: ctx.user, showDocument: true, showCategory: true }))));
    }
    pager.replaceChildren(selection.total > limit() || offset() > 0 ? pageNumbers(offset(), limit(), selection.total, (o) => href({ offset: o || null })) : '');
    refreshBulk();
  }

  const bar = filterBar([
    { key: 'q', label: '搜索问题描述', type: 'search', placeholder: '例如：网络安全事故' },
    { key: 'category', label: '类别', type: 'checks', options: CATEGORY_OPTIONS },
    { key: 'severity', label: '严重程度', type: 'checks', options: SEVERITY_OPTIONS },
    { key: 'status', label: '审核状态', type: 'checks', options: STATUS_OPTIONS },
    { key: 'rule', label: '规则', type: 'select', options: rules.map((r) => [r.id, `${r.id} ${r.title || r.name || ''}`]) },
    { key: 'department', label: '部门', type: 'text', multi: true, placeholder: '多个用逗号分隔', datalist: 'fl-department-values' },
    { key: 'year', label: '年度', type: 'text', multi: true, numeric: true, placeholder: '如 2025', datalist: 'fl-year-values' },
  ], params, (next) => {
    for (const k of FILTER_KEYS) if (k !== 'batch' && k !== 'document') params.delete(k);
    params.delete('offset');
    for (const [k, v] of next) params.append(k, v);
    ctx.replaceQuery(params);
    load();
  }, { idPrefix: 'fl' });

  // View and page size: links and a select that change the URL (and so survive a reload).
  const viewSwitch = h('div', { class: 'view-switch', role: 'group', 'aria-label': '显示方式' },
    h('a', { href: href({ view: null }), class: `btn btn-small${view() === 'table' ? ' current' : ''}`, 'aria-current': view() === 'table' ? 'true' : null, id: 'view-table' }, '表格'),
    h('a', { href: href({ view: 'cards' }), class: `btn btn-small${view() === 'cards' ? ' current' : ''}`, 'aria-current': view() === 'cards' ? 'true' : null, id: 'view-cards' }, '卡片'));
  const pageSize = h('select', { id: 'page-size' }, PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === limit() }, `每页 ${n} 条`)));
  pageSize.addEventListener('change', () => ctx.navigate(href({ limit: pageSize.value === String(DEFAULT_LIMIT) ? null : pageSize.value, offset: null }).slice(1)));

  // Pick lists for the free-text fields: the departments and years present in this scope, most findings first.
  const scopeFilter = new URLSearchParams();
  for (const k of ['batch', 'document']) for (const v of params.getAll(k)) scopeFilter.append(k, v);
  const facets = await api.get(`/api/findings/facets?${scopeFilter}`).catch(() => ({}));
  const datalist = (id, values) => h('datalist', { id }, (values || []).map((f) => h('option', { value: f.value, label: `${f.value}（${f.count} 条）` })));
  if (!ctx.isCurrent()) return;

  ctx.main.replaceChildren(datalist('fl-department-values', facets.department), datalist('fl-year-values', facets.year),
    h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, '问题清单'), scope), h('div', { class: 'actions' }, exportXlsx, exportCsv, exportHistory)),
    h('div', { class: 'layout-side' },
      h('aside', { class: 'side' }, bar, h('p', { class: 'kbd-help muted small' },
        view() === 'table'
          ? ['表格：点击列标题排序；勾选问题后可批量确认或排除，按住 ', h('kbd', null, 'Shift'), ' 点击可选择一段。']
          : ['快捷键：', h('kbd', null, 'j'), '/', h('kbd', null, 'k'), ' 上下移动，', h('kbd', null, 'Enter'), ' 证据，',
            h('kbd', null, 'r'), ' 审核，', h('kbd', null, 'c'), ' 确认，', h('kbd', null, 'x'), ' 排除'])),
      h('div', { class: 'content' },
        h('div', { class: 'list-tools' }, counter, viewSwitch, h('label', { class: 'visually-hidden', for: 'page-size' }, '每页条数'), pageSize),
        bulkBar, results, pager))));
  await load();
  return view() === 'cards' ? findingKeys(results) : undefined;
}
