// Rule catalogue: every rule with category, severity, description and hit count; one rule with its JSON.
import { api } from './api.js';
import { filterBar, CATEGORY_OPTIONS, SEVERITY_OPTIONS } from './filters.js';
import { h, empty, setTitle, severityBadge, categoryName, query } from './util.js';

export async function renderRules(ctx) {
  setTitle('规则目录');
  const data = await api.get('/api/rules');
  if (!ctx.isCurrent()) return;
  const params = new URLSearchParams(ctx.query);
  const rules = data.rules || [];
  const tbody = h('tbody');
  const counter = h('p', { class: 'muted', 'aria-live': 'polite' });

  function draw() {
    const cats = params.getAll('category'), sevs = params.getAll('severity');
    const q = (params.get('q') || '').trim().toLowerCase();
    const shown = rules.filter((r) => (!cats.length || cats.includes(r.category)) && (!sevs.length || sevs.includes(r.severity))
      && (!q || `${r.id} ${r.name || ''} ${r.title || ''} ${r.description || ''}`.toLowerCase().includes(q)));
    counter.textContent = `显示 ${shown.length} / ${rules.length} 条规则，规则版本 ${data.version || '—'}`;
    tbody.replaceChildren(...(shown.length ? shown.map((r) => h('tr', { dataset: { ruleId: r.id }, class: r.enabled === false ? 'disabled-row' : null },
      h('th', { scope: 'row' }, h('a', { href: `#/rules/${encodeURIComponent(r.id)}` }, h('code', null, r.id))),
      h('td', null, categoryName(r.category, r.categoryName)),
      h('td', null, ruleSeverity(r)),
      h('td', null, h('div', null, r.title || r.name || ''), r.description && r.description !== r.title ? h('div', { class: 'muted small' }, r.description) : null,
        r.enabled === false ? h('span', { class: 'chip' }, '已停用') : null),
      h('td', { class: 'num' }, r.hits ? h('a', { href: `#/findings${query({ rule: r.id })}`, 'aria-label': `${r.id} 命中 ${r.hits} 条，查看问题` }, String(r.hits)) : h('span', { class: 'muted' }, '0')))) : [h('tr', null, h('td', { colspan: 5 }, empty('没有符合条件的规则')))]));
  }

  const bar = filterBar([
    { key: 'q', label: '搜索', type: 'search', placeholder: '规则编号或说明' },
    { key: 'category', label: '类别', type: 'checks', options: CATEGORY_OPTIONS },
    { key: 'severity', label: '严重程度', type: 'checks', options: SEVERITY_OPTIONS },
  ], params, (next) => {
    for (const k of ['q', 'category', 'severity']) params.delete(k);
    for (const [k, v] of next) params.append(k, v);
    ctx.replaceQuery(params);
    draw();
  }, { idPrefix: 'rl' });

  ctx.main.replaceChildren(h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, '规则目录')),
    h('div', { class: 'layout-side' }, h('aside', { class: 'side' }, bar),
      h('div', { class: 'content' }, counter, h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'rules-table' },
        h('caption', { class: 'visually-hidden' }, '规则目录'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '编号'), h('th', { scope: 'col' }, '类别'), h('th', { scope: 'col' }, '严重程度'),
          h('th', { scope: 'col' }, '说明'), h('th', { scope: 'col', class: 'num' }, '命中'))),
        tbody))))));
  draw();
}

export async function renderRule(ctx) {
  const [id] = ctx.params;
  const r = await api.get(`/api/rules/${encodeURIComponent(id)}`);
  if (!ctx.isCurrent()) return;
  setTitle(r.id);
  let json = r.json;
  if (typeof json === 'string') { try { json = JSON.stringify(JSON.parse(json), null, 2); } catch { /* keep the text as is */ } }
  else json = JSON.stringify(json, null, 2);
  ctx.main.replaceChildren(h('section', { class: 'page' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/rules' }, '规则目录'), ' / '),
    h('h1', null, h('code', null, r.id), ' ', r.title || r.name || ''),
    h('dl', { class: 'meta' },
      h('div', null, h('dt', null, '类别'), h('dd', null, categoryName(r.category, r.categoryName))),
      h('div', null, h('dt', null, '严重程度'), h('dd', null, ruleSeverity(r))),
      h('div', null, h('dt', null, '状态'), h('dd', null, r.enabled === false ? '已停用' : '启用')),
      h('div', null, h('dt', null, '规则文件'), h('dd', null, h('code', null, r.file || '—'))),
      h('div', null, h('dt', null, '命中'), h('dd', null, r.hits ? h('a', { href: `#/findings${query({ rule: r.id })}` }, `${r.hits} 条问题`) : '0'))),
    r.description ? h('p', null, r.description) : null,
    h('h2', null, '规则定义（JSON）'),
    h('pre', { class: 'code', tabindex: '0', 'aria-label': '规则 JSON' }, h('code', null, json || '—'))));
}

/** The worst severity a rule can give, and 视情况而定 (its expression as the tooltip) when the figures decide it. */
function ruleSeverity(r) {
  return h('span', null, severityBadge(r.severity), ' ',
    r.severityExpression ? h('span', { class: 'badge sev-dynamic', title: r.severityExpression }, '视情况而定') : null);
}
