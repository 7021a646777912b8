// Findings across documents: server-side filters (GET /api/findings), export links, paging, triage.
import { api } from './api.js';
import { filterBar, CATEGORY_OPTIONS, SEVERITY_OPTIONS, STATUS_OPTIONS } from './filters.js';
import { findingCard, findingKeys } from './finding.js';
import { pagerLinks } from './views-batches.js';
import { h, empty, setTitle, query } from './util.js';

const LIMIT = 100;
const FILTER_KEYS = ['batch', 'document', 'category', 'severity', 'rule', 'department', 'year', 'status', 'q'];
let rulesPromise = null;

export async function renderFindings(ctx) {
  setTitle('问题清单');
  const params = new URLSearchParams(ctx.query);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  rulesPromise ||= api.get('/api/rules').catch(() => { rulesPromise = null; return { rules: [] }; });
  const rules = (await rulesPromise).rules || [];
  if (!ctx.isCurrent()) return;

  const filters = () => {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) for (const v of params.getAll(k)) p.append(k, v);
    return p;
  };
  const results = h('div', { id: 'findings-list' }, h('p', { class: 'loading' }, '加载中…'));
  const counter = h('p', { class: 'muted', id: 'findings-count', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  const exportXlsx = h('a', { class: 'btn', id: 'export-xlsx', download: '' }, '导出 XLSX');
  const exportCsv = h('a', { class: 'btn', id: 'export-csv', download: '' }, '导出 CSV');
  // The triage history follows the batch in scope (the other filters pick findings, not decisions).
  const exportHistory = h('a', { class: 'btn', id: 'export-history', download: '' }, '审核记录 CSV');
  const scope = h('p', { class: 'muted small' });

  function updateLinks() {
    const f = filters().toString();
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
    const f = filters();
    f.set('limit', String(LIMIT));
    f.set('offset', String(offset));
    let data;
    try { data = await api.get(`/api/findings?${f}`); } catch (err) {
      if (ctx.isCurrent()) results.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, err.message));
      return;
    }
    if (!ctx.isCurrent()) return;
    const items = data.items || [];
    counter.textContent = `共 ${data.total ?? items.length} 条问题`;
    results.replaceChildren(...(items.length ? items.map((x) => findingCard(x, { user: ctx.user, showDocument: true, showCategory: true })) : [empty('没有符合筛选条件的问题')]));
    pager.replaceChildren((data.total || 0) > LIMIT ? pagerLinks(offset, LIMIT, data.total, (o) => {
      const p = filters(); if (o) p.set('offset', String(o)); return `#/findings?${p}`;
    }) : '');
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

  // Pick lists for the free-text fields: the departments and years present in this scope, most findings first.
  const scopeFilter = new URLSearchParams();
  for (const k of ['batch', 'document']) for (const v of params.getAll(k)) scopeFilter.append(k, v);
  const facets = await api.get(`/api/findings/facets?${scopeFilter}`).catch(() => ({}));
  const datalist = (id, values) => h('datalist', { id }, (values || []).map((f) => h('option', { value: f.value, label: `${f.value}（${f.count} 条）` })));

  ctx.main.replaceChildren(datalist('fl-department-values', facets.department), datalist('fl-year-values', facets.year),
    h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, '问题清单'), scope), h('div', { class: 'actions' }, exportXlsx, exportCsv, exportHistory)),
    h('div', { class: 'layout-side' },
      h('aside', { class: 'side' }, bar, h('p', { class: 'kbd-help muted small' },
        '快捷键：', h('kbd', null, 'j'), '/', h('kbd', null, 'k'), ' 上下移动，', h('kbd', null, 'Enter'), ' 证据，',
        h('kbd', null, 'r'), ' 审核，', h('kbd', null, 'c'), ' 确认，', h('kbd', null, 'x'), ' 排除')),
      h('div', { class: 'content' }, counter, results, pager))));
  await load();
  return findingKeys(results);
}
