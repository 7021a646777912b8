// Batch list (live progress) and batch overview (documents × categories, chart, departments).
import { api } from './api.js';
import { barChart, severityStrip, severityLegend } from './chart.js';
import { h, dateTime, progressBar, empty, setTitle, toast, query, CATEGORY_NAMES, DOC_STATUS_NAMES } from './util.js';

const POLL_MS = 2000;
const PAGE = 50;

function batchProgress(b) {
  const finished = (b.done || 0) + (b.failed || 0);
  return h('div', { class: 'batch-progress' },
    progressBar(finished, b.total || 0, `批次 ${b.name || b.id} 审核进度`),
    h('span', { class: 'muted small' }, `${finished}/${b.total || 0}${b.failed ? `（${b.failed} 个无法读取）` : ''}`));
}

function statusChip(status) {
  return h('span', { class: `chip chip-${status}` }, DOC_STATUS_NAMES[status] || status);
}

function counts(x) {
  return h('span', { class: 'counts' },
    h('span', { class: 'count sev-error', title: '错误' }, `错误 ${x.errors ?? 0}`),
    h('span', { class: 'count sev-warning', title: '警告' }, `警告 ${x.warnings ?? 0}`),
    h('span', { class: 'count sev-info', title: '提示' }, `提示 ${x.infos ?? 0}`));
}

export async function renderBatches(ctx) {
  setTitle('批次');
  const offset = Math.max(0, Number(ctx.query.get('offset')) || 0);
  let timer = null;
  const tbody = h('tbody');
  const pager = h('nav', { class: 'pager', 'aria-label': '分页' });
  const table = h('table', { class: 'data-table', id: 'batch-table' },
    h('caption', { class: 'visually-hidden' }, '批次列表，最新的在前'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, '批次'), h('th', { scope: 'col' }, '上传时间'), h('th', { scope: 'col' }, '上传人'),
      h('th', { scope: 'col' }, '状态'), h('th', { scope: 'col', class: 'w-progress' }, '进度'), h('th', { scope: 'col' }, '问题'))),
    tbody);

  const admin = ctx.user.role === 'admin';
  const tools = h('div', { class: 'actions' },
    ctx.user.role !== 'reviewer' ? h('a', { href: '#/upload', class: 'btn btn-primary' }, '上传文件') : null,
    admin ? h('button', { type: 'button', class: 'btn', onclick: sweep('/api/sweeps/reaudit', (r) => `已排队重新审核 ${r.queued} 个文件`) }, '按新规则重新审核') : null,
    admin ? h('button', { type: 'button', class: 'btn', onclick: sweep('/api/sweeps/inbox', (r) => `已从收件箱收取 ${r.files} 个文件`) }, '收取收件箱') : null);

  function sweep(url, say) {
    return async (e) => {
      e.target.disabled = true;
      try { toast(say(await api.post(url)), 'ok'); load(); } catch (err) { toast(err.message, 'error'); } finally { e.target.disabled = false; }
    };
  }

  async function load() {
    clearTimeout(timer);
    let data;
    try { data = await api.get(`/api/batches${query({ limit: PAGE, offset })}`); } catch (err) {
      if (!ctx.isCurrent()) return;
      tbody.replaceChildren(h('tr', null, h('td', { colspan: 6, class: 'error-text' }, err.message)));
      return;
    }
    if (!ctx.isCurrent()) return;
    const items = data.items || [];
    tbody.replaceChildren(...(items.length ? items.map((b) => h('tr', { dataset: { batchId: b.id, status: b.status } },
      h('th', { scope: 'row' }, h('a', { href: `#/batches/${encodeURIComponent(b.id)}` }, b.name || b.id)),
      h('td', null, dateTime(b.createdAt)),
      h('td', null, b.createdBy || '—'),
      h('td', null, statusChip(b.status)),
      h('td', null, batchProgress(b)),
      h('td', null, counts(b)))) : [h('tr', null, h('td', { colspan: 6 }, empty('还没有批次。上传文件即可开始审核。')))]));
    const pages = Math.ceil((data.total || 0) / PAGE);
    pager.replaceChildren(pages > 1 ? pagerLinks(offset, PAGE, data.total, (o) => `#/batches${query({ offset: o || null })}`) : '');
    if (items.some((b) => b.status !== 'done')) timer = setTimeout(load, POLL_MS);
  }

  ctx.main.replaceChildren(h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, '批次'), tools),
    h('div', { class: 'table-wrap' }, table), pager));
  await load();
  return () => clearTimeout(timer);
}

export function pagerLinks(offset, limit, total, hrefFor) {
  const prev = offset > 0 ? Math.max(0, offset - limit) : null;
  const next = offset + limit < total ? offset + limit : null;
  return h('div', { class: 'pager-inner' },
    prev !== null ? h('a', { href: hrefFor(prev), class: 'btn btn-small', rel: 'prev' }, '上一页') : h('span', { class: 'btn btn-small disabled', 'aria-disabled': 'true' }, '上一页'),
    h('span', { class: 'muted' }, `第 ${Math.floor(offset / limit) + 1} / ${Math.max(1, Math.ceil(total / limit))} 页，共 ${total} 条`),
    next !== null ? h('a', { href: hrefFor(next), class: 'btn btn-small', rel: 'next' }, '下一页') : h('span', { class: 'btn btn-small disabled', 'aria-disabled': 'true' }, '下一页'));
}

export async function renderBatch(ctx) {
  const [id] = ctx.params;
  let timer = null;
  const root = h('section', { class: 'page' });
  ctx.main.replaceChildren(root);
  const filter = {
    q: ctx.query.get('dq') || '',
    status: ctx.query.get('dstatus') || '',
  };

  async function load() {
    clearTimeout(timer);
    const ov = await api.get(`/api/batches/${encodeURIComponent(id)}/overview`);
    if (!ctx.isCurrent()) return;
    draw(ov);
    if (ov.batch.status !== 'done') timer = setTimeout(() => load().catch(() => {}), POLL_MS);
  }

  function draw(ov) {
    const b = ov.batch;
    setTitle(b.name || '批次');
    const base = `/api/batches/${encodeURIComponent(b.id)}`;
    const categories = allCategories(ov.categories);
    const findingsHref = (extra) => `#/findings${query({ batch: b.id, ...extra })}`;
    const focused = document.activeElement && document.activeElement.id;

    const header = h('div', { class: 'page-head' },
      h('div', null,
        h('p', { class: 'crumbs' }, h('a', { href: '#/batches' }, '批次'), ' / '),
        h('h1', null, b.name || b.id),
        h('p', { class: 'muted' }, `${dateTime(b.createdAt)} · ${b.createdBy || ''} · `, statusChip(b.status))),
      h('div', { class: 'actions' },
        h('a', { class: 'btn btn-primary', href: findingsHref({}), id: 'batch-findings' }, '查看全部问题'),
        h('a', { class: 'btn', href: `${base}/report.html`, target: '_blank', rel: 'noopener', id: 'batch-report-html' }, 'HTML 报告'),
        h('a', { class: 'btn', href: `${base}/report.html?download=true`, download: '', id: 'batch-report-html-download' }, '下载 HTML'),
        h('a', { class: 'btn', href: `${base}/report.xlsx`, download: '' }, 'XLSX'),
        h('a', { class: 'btn', href: `${base}/report.csv`, download: '', id: 'batch-report-csv' }, 'CSV'),
        h('a', { class: 'btn', href: `${base}/report.pdf`, download: '', id: 'batch-report-pdf' }, 'PDF 报告'),
        h('a', { class: 'btn', href: `${base}/report.json`, download: '' }, 'JSON'),
        h('a', { class: 'btn', href: `/api/findings/history.csv${query({ batch: b.id })}`, download: '', id: 'batch-history-csv' }, '审核记录 CSV'),
        h('a', { class: 'btn', href: `/api/findings/history.json${query({ batch: b.id })}`, download: '', id: 'batch-history-json' }, '审核记录 JSON'),
        ctx.user && ctx.user.role === 'admin'
          ? h('button', { type: 'button', class: 'btn btn-danger-outline', id: 'batch-delete', onclick: () => confirmDelete(b) }, '删除批次')
          : null));

    const stats = h('div', { class: 'stat-grid' },
      stat('文件', b.total), stat('已完成', b.done), stat('无法读取', b.failed, b.failed ? 'sev-error' : ''),
      stat('错误', b.errors, 'sev-error'), stat('警告', b.warnings, 'sev-warning'), stat('提示', b.infos, 'sev-info'));

    const progress = b.status !== 'done' ? h('div', { class: 'card', id: 'batch-live' },
      h('h2', null, '审核进度'), batchProgress(b),
      h('p', { class: 'muted small' }, `排队 ${b.queued ?? 0} · 审核中 ${b.processing ?? 0} · 完成 ${b.done ?? 0} · 失败 ${b.failed ?? 0}（每 2 秒自动刷新）`)) : null;

    const chart = h('div', { class: 'card' },
      h('h2', { id: 'chart-title' }, '各类问题数量'),
      severityStrip(b.errors || 0, b.warnings || 0, b.infos || 0),
      severityLegend(b.errors || 0, b.warnings || 0, b.infos || 0),
      barChart(categories.map((c) => ({ label: c.categoryName, value: c.count, href: findingsHref({ category: c.category }) })),
        { title: '按类别统计的问题数量' }));

    const depts = h('div', { class: 'card' },
      h('h2', null, '部门排名（按错误数）'),
      ov.departments && ov.departments.length ? h('table', { class: 'data-table compact', id: 'department-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, '部门'),
          h('th', { scope: 'col', class: 'num' }, '错误'), h('th', { scope: 'col', class: 'num' }, '警告'), h('th', { scope: 'col', class: 'num', title: '同一部门、年度、类型的文件多次上传只算一份（最新一次）' }, '公开文件'))),
        h('tbody', null, ov.departments.map((d, i) => h('tr', null,
          h('td', { class: 'muted' }, String(i + 1)),
          h('th', { scope: 'row' }, h('a', { href: findingsHref({ department: d.department }) }, d.department || '（未识别）')),
          h('td', { class: 'num sev-error-text' }, String(d.errors ?? 0)),
          h('td', { class: 'num' }, String(d.warnings ?? 0)),
          h('td', { class: 'num' }, String(d.documents ?? 0),
            d.uploads > d.documents ? h('span', { class: 'muted small' }, `（上传 ${d.uploads} 次）`) : null))))) : empty('暂无数据'));

    const qInput = h('input', { id: 'doc-filter', type: 'search', value: filter.q, placeholder: '文件名、部门或文件类型' });
    const statusSelect = h('select', { id: 'doc-status' },
      h('option', { value: '' }, '全部'),
      Object.entries(DOC_STATUS_NAMES).filter(([k]) => k !== 'running').map(([k, v]) => h('option', { value: k, selected: filter.status === k }, v)));
    const maxCell = Math.max(1, ...ov.documents.flatMap((d) => Object.values(d.counts || {})));
    const docRows = ov.documents.filter((d) => {
      const q = filter.q.trim().toLowerCase();
      if (q && !`${d.fileName} ${d.department || ''} ${d.documentTypeName || ''}`.toLowerCase().includes(q)) return false;
      return !filter.status || d.status === filter.status;
    });
    const docTable = h('table', { class: 'data-table matrix', id: 'document-matrix' },
      h('caption', { class: 'visually-hidden' }, '文件 × 问题类别，问题最严重的在前'),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, '文件'), h('th', { scope: 'col' }, '部门'), h('th', { scope: 'col' }, '年度'), h('th', { scope: 'col' }, '文件类型'),
        h('th', { scope: 'col' }, '状态'),
        categories.map((c) => h('th', { scope: 'col', class: 'num', title: c.categoryName }, c.categoryName)),
        h('th', { scope: 'col', class: 'num' }, '错误'), h('th', { scope: 'col', class: 'num' }, '警告'), h('th', { scope: 'col', class: 'num' }, '提示'))),
      h('tbody', null, docRows.length ? docRows.map((d) => h('tr', { dataset: { documentId: d.id } },
        h('th', { scope: 'row' }, h('a', { href: `#/documents/${encodeURIComponent(d.id)}` }, d.fileName)),
        h('td', null, d.department || '—'),
        h('td', null, d.year ?? '—'),
        h('td', { class: 'doc-type' }, d.documentTypeName || '—'),
        h('td', null, statusChip(d.status)),
        categories.map((c) => {
          const n = (d.counts || {})[c.category] || 0;
          return h('td', { class: 'num heat', style: n ? { '--heat': String(0.15 + 0.85 * (n / maxCell)) } : null },
            n ? h('a', { href: `#/documents/${encodeURIComponent(d.id)}${query({ category: c.category })}`, 'aria-label': `${d.fileName} ${c.categoryName} ${n} 条` }, String(n)) : h('span', { class: 'muted' }, '·'));
        }),
        h('td', { class: 'num sev-error-text' }, String(d.errors ?? 0)),
        h('td', { class: 'num' }, String(d.warnings ?? 0)),
        h('td', { class: 'num' }, String(d.infos ?? 0)))) : [h('tr', null, h('td', { colspan: 8 + categories.length }, empty('没有符合条件的文件')))]));

    const applyFilter = () => {
      filter.q = qInput.value;
      filter.status = statusSelect.value;
      const p = new URLSearchParams(ctx.query);
      filter.q ? p.set('dq', filter.q) : p.delete('dq');
      filter.status ? p.set('dstatus', filter.status) : p.delete('dstatus');
      ctx.replaceQuery(p);
      draw(ov);
    };
    qInput.addEventListener('input', applyFilter);
    statusSelect.addEventListener('change', applyFilter);

    root.replaceChildren(...[header, stats, progress].filter(Boolean),
      h('div', { class: 'grid-2' }, chart, depts),
      h('div', { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', null, '文件 × 问题类别'),
          h('div', { class: 'inline-filters' },
            h('label', { for: 'doc-filter' }, '筛选'), qInput,
            h('label', { for: 'doc-status' }, '状态'), statusSelect)),
        h('div', { class: 'table-wrap' }, docTable)));
    if (focused) {
      const el = document.getElementById(focused);
      if (el) { el.focus(); if (el.setSelectionRange && el.type === 'search') el.setSelectionRange(el.value.length, el.value.length); }
    }
  }

  // A modal <dialog>: the deletion cannot be undone, so it is said what goes and what stays before anything is sent.
  function confirmDelete(b) {
    const dialog = h('dialog', { class: 'confirm-dialog', id: 'batch-delete-dialog', 'aria-labelledby': 'batch-delete-title' },
      h('h2', { id: 'batch-delete-title' }, `删除批次「${b.name || b.id}」？`),
      h('p', null, `将永久删除此批次的 ${b.total ?? 0} 个文件及其全部问题、复核记录、审核记录和页面图像；`,
        '其他批次也上传过的同一文件会保留。此操作无法撤销。'),
      h('p', { class: 'muted small' }, '有文件正在审核时不能删除，请等审核结束。'),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { value: 'cancel', class: 'btn', id: 'batch-delete-cancel', autofocus: true }, '取消'),
        h('button', { value: 'delete', class: 'btn btn-danger', id: 'batch-delete-confirm' }, '确认删除')));
    dialog.addEventListener('close', async () => {
      dialog.remove();
      if (dialog.returnValue !== 'delete') return;
      try {
        const r = await api.del(`/api/batches/${encodeURIComponent(b.id)}`);
        clearTimeout(timer);
        toast(`已删除批次「${r.name}」：${r.documents} 个文件、${r.findings} 条问题`, 'ok');
        location.hash = '#/batches';
      } catch (err) { toast(err.message, 'error'); }
    });
    document.body.append(dialog);
    dialog.showModal();
  }

  await load();
  return () => clearTimeout(timer);
}

function stat(label, value, cls = '') {
  return h('div', { class: `stat ${cls}` }, h('div', { class: 'stat-value' }, String(value ?? 0)), h('div', { class: 'stat-label' }, label));
}

function allCategories(list) {
  const byId = new Map((list || []).map((c) => [c.category, c]));
  for (const [id, name] of Object.entries(CATEGORY_NAMES)) if (!byId.has(id)) byId.set(id, { category: id, categoryName: name, count: 0 });
  return [...byId.values()].map((c) => ({ ...c, categoryName: c.categoryName || CATEGORY_NAMES[c.category] || c.category }))
    .sort((a, b) => b.count - a.count);
}
