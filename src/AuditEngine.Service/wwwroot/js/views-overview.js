// Departments across years (docs/dashboard.md): every disclosure of the organisation, whatever batch it came in, as
// departments × years. One entry per department, year and type; uploads of the same disclosure are its versions.
import { api } from './api.js';
import { h, amount, dateTime, empty, setTitle, query } from './util.js';

const PAGE = 100;

/** A change with its sign and arrow; rising figures are what the reviewer looks at, so they stand out. */
function change(value, { suffix = '', rate = null, id } = {}) {
  if (value === null || value === undefined) return null;
  const cls = value > 0 ? 'delta-up' : value < 0 ? 'delta-down' : 'delta-flat';
  const arrow = value > 0 ? '↑' : value < 0 ? '↓' : '→';
  const text = `${arrow}${value > 0 ? '+' : ''}${suffix === '条' ? String(value) : amount(value)}${suffix}` +
    (rate !== null && rate !== undefined ? `（${rate > 0 ? '+' : ''}${amount(rate)}%）` : '');
  return h('span', { class: `delta ${cls}`, title: '与上年比较', dataset: id ? { change: id } : undefined }, text);
}

function documentLink(id, text, attrs = {}) {
  return h('a', { href: `#/documents/${encodeURIComponent(id)}`, ...attrs }, text);
}

/** The uploads of a disclosure, fetched when the reviewer opens the list (the grid only counts them). */
function versionList(d) {
  const list = h('ol', { class: 'version-list' });
  const details = h('details', { class: 'versions' }, h('summary', null, `${d.versions} 个版本`), list);
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.replaceChildren(h('li', { class: 'muted' }, '加载中…'));
    try {
      const one = await api.get(`/api/overview/disclosure${query({ department: d.department, year: d.year, type: d.documentType })}`);
      list.replaceChildren(...[{ ...one, latest: true }, ...one.earlier].map((v) => h('li', { dataset: { versionDocumentId: v.documentId } },
        documentLink(v.documentId, v.fileName),
        h('span', { class: 'muted small' },
          ` 批次 ${v.batchId} · 审核于 ${dateTime(v.auditedAt)} · 错误 ${v.errors} · 三公 ${amount(v.sanGong)}`),
        v.latest ? h('span', { class: 'chip chip-done' }, '最新') : h('span', { class: 'chip' }, '较早'))));
    } catch (err) {
      loaded = false;
      list.replaceChildren(h('li', { class: 'error-text' }, err.message));
    }
  });
  return details;
}

function disclosureBlock(d, showType) {
  return h('div', { class: 'disclosure', dataset: { documentId: d.documentId, year: d.year, type: d.documentType } },
    h('div', { class: 'disclosure-head' },
      showType ? h('span', { class: 'doc-type' }, d.documentTypeName) : null,
      documentLink(d.documentId, `错误 ${d.errors}`, { class: `disclosure-link${d.errors ? ' sev-error-text' : ''}`, title: `打开 ${d.fileName}` }),
      change(d.errorsChange, { suffix: '条', id: 'errors' }),
      h('span', { class: 'muted small' }, ` 警告 ${d.warnings}`)),
    h('dl', { class: 'figures' },
      h('dt', null, '收支总计'), h('dd', null, amount(d.total), ' ', change(d.totalChange)),
      h('dt', null, '三公经费'), h('dd', { class: 'sangong' }, amount(d.sanGong), ' ', change(d.sanGongChange, { rate: d.sanGongChangeRate, id: 'sangong' })),
      h('dt', null, '机关运行经费'), h('dd', null, amount(d.operatingCost), ' ', change(d.operatingCostChange))),
    d.versions > 1 ? versionList(d) : null);
}

function outlierTable(id, caption, rows, columns) {
  if (!rows.length) return h('div', { class: 'card' }, h('h2', null, caption), empty('暂无'));
  return h('div', { class: 'card' }, h('h2', null, caption),
    h('table', { class: 'data-table compact', id },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '部门'), h('th', { scope: 'col' }, '年度'),
        columns.map(([label]) => h('th', { scope: 'col', class: 'num' }, label)))),
      h('tbody', null, rows.map((d) => h('tr', null,
        h('th', { scope: 'row' }, documentLink(d.documentId, d.department)),
        h('td', null, `${d.year} ${d.documentTypeName}`),
        columns.map(([, cell]) => h('td', { class: 'num' }, cell(d))))))));
}

export async function renderOverview(ctx) {
  setTitle('部门年度');
  const type = ctx.query.get('type') || '';
  const q = ctx.query.get('q') || '';
  const offset = Math.max(0, Number(ctx.query.get('offset')) || 0);
  const data = await api.get(`/api/overview/departments${query({ type, q, limit: PAGE, offset })}`);
  if (!ctx.isCurrent()) return;
  const go = (changes) => ctx.navigate(`/overview${query({ type, q, offset: 0, ...changes })}`);

  const typeSelect = h('select', { id: 'overview-type' },
    h('option', { value: '' }, '全部类型'),
    // The selected type stays listed even when it has no disclosures left.
    [...data.types, ...(type && !data.types.some((t) => t.code === type) ? [{ code: type, name: type }] : [])]
      .map((t) => h('option', { value: t.code, selected: t.code === type }, t.name)));
  typeSelect.addEventListener('change', () => go({ type: typeSelect.value }));
  const nameInput = h('input', { id: 'overview-q', type: 'search', value: q, placeholder: '部门名称的一部分' });
  nameInput.addEventListener('change', () => go({ q: nameInput.value.trim() }));

  const header = h('div', { class: 'page-head' },
    h('div', null,
      h('h1', null, '部门 × 年度'),
      h('p', { class: 'muted' }, '全部批次中各部门各年度的公开文件。同一部门、年度、类型的文件多次上传只算一份，以最近一次上传的审核结果为准，较早的版本保留并列出。金额单位：万元。')),
    h('div', { class: 'actions' },
      h('label', { for: 'overview-q' }, '部门'), nameInput,
      h('label', { for: 'overview-type' }, '文件类型'), typeSelect,
      h('a', { class: 'btn', href: `/api/overview/departments.csv${query({ type })}`, download: '', id: 'overview-csv' }, 'CSV')));

  const stats = h('div', { class: 'stat-grid' },
    stat('部门', data.departments.length), stat('公开文件', data.disclosures), stat('上传文件', data.uploads),
    stat('重复上传', data.duplicated, data.duplicated ? 'sev-warning' : ''));

  const outliers = h('div', { class: 'grid-2' },
    outlierTable('outlier-sangong', '三公经费增长最多', data.outliers.sanGongGrowth, [
      ['三公经费', (d) => amount(d.sanGong)],
      ['比上年', (d) => change(d.sanGongChange, { rate: d.sanGongChangeRate })],
    ]),
    outlierTable('outlier-errors', '错误数比上年增加', data.outliers.errorsRose, [
      ['错误', (d) => String(d.errors)],
      ['比上年', (d) => change(d.errorsChange, { suffix: '条' })],
    ]));

  const showType = !type;
  const grid = data.departments.length ? h('table', { class: 'data-table year-grid', id: 'department-grid' },
    h('caption', { class: 'visually-hidden' }, '部门 × 年度：每格为该部门该年度的公开文件（最新版本）'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, '部门'),
      data.years.map((y) => h('th', { scope: 'col' }, `${y} 年`)))),
    h('tbody', null, data.departments.map((row) => h('tr', { dataset: { department: row.department } },
      h('th', { scope: 'row' },
        h('a', { href: `#/findings${query({ department: row.department })}` }, row.department),
        h('div', { class: 'muted small', title: '各年度公开文件（最新版本）之和' }, `合计 错误 ${row.errors} · 警告 ${row.warnings}`)),
      data.years.map((y) => {
        const cell = row.disclosures.filter((d) => d.year === y);
        return h('td', { class: 'year-cell' }, cell.length ? cell.map((d) => disclosureBlock(d, showType)) : h('span', { class: 'muted' }, '—'));
      }))))) : empty(q ? '没有名称包含该文字的部门' : '还没有审核完成且识别出部门和年度的文件');

  const pager = data.total > PAGE ? h('nav', { class: 'pager', 'aria-label': '分页' },
    h('button', { type: 'button', class: 'btn', disabled: offset === 0, onclick: () => go({ offset: Math.max(0, offset - PAGE) }) }, '上一页'),
    h('span', { class: 'muted small' }, `第 ${offset + 1}–${Math.min(offset + PAGE, data.total)} 个部门，共 ${data.total} 个`),
    h('button', { type: 'button', class: 'btn', disabled: offset + PAGE >= data.total, onclick: () => go({ offset: offset + PAGE }) }, '下一页')) : null;

  ctx.main.replaceChildren(h('section', { class: 'page' }, header, stats, outliers,
    h('div', { class: 'card' }, h('h2', null, '部门 × 年度'), h('div', { class: 'table-wrap' }, grid), pager)));
}

function stat(label, value, cls = '') {
  return h('div', { class: `stat ${cls}` }, h('div', { class: 'stat-value' }, String(value ?? 0)), h('div', { class: 'stat-label' }, label));
}
