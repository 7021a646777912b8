// One document: findings grouped by category and severity, with client-side filters kept in the URL.
import { api } from './api.js';
import { filterBar, CATEGORY_OPTIONS, SEVERITY_OPTIONS, STATUS_OPTIONS } from './filters.js';
import { findingCard, findingKeys, canTriage } from './finding.js';
import { h, dateTime, fileSize, empty, setTitle, categoryName, SEVERITY_NAMES, SEVERITY_ORDER, DOC_STATUS_NAMES } from './util.js';

const FILTER_KEYS = ['category', 'severity', 'rule', 'status'];

export async function renderDocument(ctx) {
  const [id] = ctx.params;
  let timer = null;
  let doc = await api.get(`/api/documents/${encodeURIComponent(id)}`);
  if (!ctx.isCurrent()) return;
  setTitle(doc.fileName);
  const base = `/api/documents/${encodeURIComponent(doc.id)}`;
  const params = new URLSearchParams(ctx.query);
  const results = h('div', { id: 'doc-findings' });
  const counter = h('p', { class: 'muted', id: 'doc-count', 'aria-live': 'polite' });

  // Department, year and type are what the audit recognised: redrawn when polling sees it finish.
  const metaText = () => [doc.department || '部门未识别', doc.year ? `${doc.year}年` : '年度未识别',
    doc.documentType && doc.documentType !== 'unknown' ? doc.documentTypeName : '文件类型未识别',
    DOC_STATUS_NAMES[doc.status] || doc.status, fileSize(doc.size), doc.auditedAt ? `审核于 ${dateTime(doc.auditedAt)}` : null,
    doc.ruleSetVersion ? `规则版本 ${doc.ruleSetVersion}` : null].filter(Boolean).join(' · ');
  const meta = h('p', { class: 'muted', id: 'doc-meta' }, metaText());
  const head = h('div', { class: 'page-head' },
    h('div', null,
      h('p', { class: 'crumbs' }, h('a', { href: '#/batches' }, '批次'), ' / ',
        h('a', { href: `#/batches/${encodeURIComponent(doc.batchId)}` }, '批次概览'), ' / '),
      h('h1', null, doc.fileName),
      meta),
    h('div', { class: 'actions' },
      h('a', { class: 'btn', href: `${base}/report.html`, target: '_blank', rel: 'noopener', id: 'doc-report-html' }, 'HTML 报告'),
      h('a', { class: 'btn', href: `${base}/report.html?download=true`, download: '', id: 'doc-report-html-download' }, '下载 HTML'),
      h('a', { class: 'btn', href: `${base}/report.xlsx`, download: '' }, 'XLSX'),
      h('a', { class: 'btn', href: `${base}/report.csv`, download: '', id: 'doc-report-csv' }, 'CSV'),
      h('a', { class: 'btn', href: `${base}/report.pdf`, download: '', id: 'doc-report-pdf' }, 'PDF 报告'),
      /\.(pdf|png|jpe?g)$/i.test(doc.fileName) ? h('a', { class: 'btn', href: `${base}/annotated.pdf`, download: '', id: 'doc-annotated-pdf', title: '原件上以红框标出全部问题' }, '原件标注 PDF') : null,
      h('a', { class: 'btn', href: `${base}/file`, download: '' }, '下载原件'),
      canTriage(ctx.user) ? rereadButton() : null));

  // Audits reuse the layout intake stored; a reviewer who doubts a reading (a poor scan) has the file read again.
  function rereadButton() {
    const button = h('button', { type: 'button', class: 'btn', id: 'doc-reread', title: '重新读取原件（扫描件重新 OCR）后审核' }, '重新识别');
    button.addEventListener('click', async () => {
      if (!window.confirm('重新读取原件并重新审核？扫描件将重新进行文字识别，审核意见按问题保留。')) return;
      button.disabled = true;
      try {
        await api.post(`${base}/reread`);
        doc = { ...doc, status: 'queued' };
        meta.textContent = metaText();
        draw();
        poll();
      } catch (err) {
        window.alert(err.message);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  const ruleOptions = () => [...new Map((doc.findings || []).map((f) => [f.ruleId, `${f.ruleId} ${f.ruleName || ''}`])).entries()].sort();
  const bar = () => filterBar([
    { key: 'category', label: '类别', type: 'checks', options: CATEGORY_OPTIONS },
    { key: 'severity', label: '严重程度', type: 'checks', options: SEVERITY_OPTIONS },
    { key: 'status', label: '审核状态', type: 'checks', options: STATUS_OPTIONS },
    { key: 'rule', label: '规则', type: 'select', options: ruleOptions() },
  ], params, (next) => {
    for (const k of FILTER_KEYS) params.delete(k);
    for (const [k, v] of next) params.append(k, v);
    params.delete('f');
    ctx.replaceQuery(params);
    draw();
  }, { idPrefix: 'doc' });

  function matches(f) {
    for (const k of FILTER_KEYS) {
      const want = params.getAll(k);
      if (!want.length) continue;
      const value = k === 'rule' ? f.ruleId : k === 'status' ? ((f.review && f.review.status) || 'open') : f[k];
      if (!want.includes(value)) return false;
    }
    return true;
  }

  function draw() {
    const all = doc.findings || [];
    const shown = all.filter(matches);
    counter.textContent = `显示 ${shown.length} / ${all.length} 条问题`;
    if (doc.status === 'error') {
      results.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, doc.error || '文件无法读取'));
      return;
    }
    if (doc.status !== 'done') {
      results.replaceChildren(h('p', { class: 'muted' }, '文件正在审核，完成后自动显示问题…'));
      return;
    }
    if (!shown.length) { results.replaceChildren(empty(all.length ? '没有符合筛选条件的问题' : '未发现问题')); return; }
    const byCategory = new Map();
    for (const f of shown) (byCategory.get(f.category) || byCategory.set(f.category, []).get(f.category)).push(f);
    const worst = (list) => Math.min(...list.map((f) => SEVERITY_ORDER[f.severity] ?? 9));
    const groups = [...byCategory.entries()].sort((a, b) => worst(a[1]) - worst(b[1]) || b[1].length - a[1].length);
    const focusId = params.get('f');
    results.replaceChildren(...groups.map(([category, list]) => {
      const bySeverity = ['error', 'warning', 'info'].map((sev) => [sev, list.filter((f) => f.severity === sev)]).filter(([, l]) => l.length);
      const name = categoryName(category, list[0].categoryName);
      return h('section', { class: 'group', 'aria-label': `${name}，${list.length} 条` },
        h('h2', { class: 'group-title' }, name, h('span', { class: 'muted' }, ` ${list.length} 条`)),
        bySeverity.map(([sev, l]) => h('div', { class: 'subgroup' },
          h('h3', { class: `subgroup-title sev-${sev}-text` }, `${SEVERITY_NAMES[sev]}（${l.length}）`),
          l.map((f) => findingCard(f, { user: ctx.user, documentId: doc.id, pages: doc.pages, expanded: String(f.id) === focusId,
            onChange: () => { if (params.getAll('status').length) draw(); } })))));
    }));
    if (focusId) {
      const card = results.querySelector(`[data-finding-id="${CSS.escape(focusId)}"]`);
      if (card) { card.focus(); card.scrollIntoView({ block: 'start' }); }
    }
  }

  const tables = h('details', { class: 'card' },
    h('summary', null, `识别出的表格（${(doc.tables || []).length}）`),
    (doc.tables || []).length ? h('table', { class: 'data-table compact' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, '类型'), h('th', { scope: 'col' }, '标题'), h('th', { scope: 'col' }, '位置'), h('th', { scope: 'col', class: 'num' }, '行数'))),
      h('tbody', null, doc.tables.map((t) => h('tr', null, h('td', null, t.kind), h('td', null, t.title),
        h('td', null, [t.page ? `第 ${t.page} 页` : null, t.line ? `第 ${t.line} 行` : null].filter(Boolean).join(' · ') || '—'),
        h('td', { class: 'num' }, String(t.rows ?? '—')))))) : empty('未识别出表格'));

  const stats = h('div', { class: 'stat-grid' },
    h('div', { class: 'stat sev-error' }, h('div', { class: 'stat-value' }, String(doc.errors ?? 0)), h('div', { class: 'stat-label' }, '错误')),
    h('div', { class: 'stat sev-warning' }, h('div', { class: 'stat-value' }, String(doc.warnings ?? 0)), h('div', { class: 'stat-label' }, '警告')),
    h('div', { class: 'stat sev-info' }, h('div', { class: 'stat-value' }, String(doc.infos ?? 0)), h('div', { class: 'stat-label' }, '提示')));

  ctx.main.replaceChildren(h('section', { class: 'page' }, head, stats,
    h('div', { class: 'layout-side' },
      h('aside', { class: 'side' }, bar(), h('p', { class: 'kbd-help muted small' },
        '快捷键：', h('kbd', null, 'j'), '/', h('kbd', null, 'k'), ' 上下移动，', h('kbd', null, 'Enter'), ' 证据，',
        h('kbd', null, 'r'), ' 审核，', h('kbd', null, 'c'), ' 确认，', h('kbd', null, 'x'), ' 排除')),
      h('div', { class: 'content' }, counter, results, tables))));
  draw();

  // A document still being audited is polled until it is done.
  const poll = async () => {
    if (doc.status !== 'queued' && doc.status !== 'processing') return;
    timer = setTimeout(async () => {
      try { doc = await api.get(`${base}`); } catch { return; }
      if (!ctx.isCurrent()) return;
      meta.textContent = metaText();
      draw();
      poll();
    }, 2000);
  };
  poll();
  const stopKeys = findingKeys(results, (card) => {
    params.set('f', card.dataset.findingId);
    ctx.replaceQuery(params);
  });
  return () => { clearTimeout(timer); stopKeys(); };
}
