// One finding: card with figures, rule, evidence (table rows, page image with highlighted cell, crop) and triage.
import { api } from './api.js';
import { h, amount, dateTime, severityBadge, statusBadge, toast, categoryName, ACTION_NAMES, } from './util.js';

const DPI = 300;
const layoutCache = new Map();

/** The intake layout of a document, fetched once per page load. */
function layoutOf(documentId) {
  if (!layoutCache.has(documentId)) {
    const p = api.get(`/api/documents/${encodeURIComponent(documentId)}/layout`).catch((err) => { layoutCache.delete(documentId); throw err; });
    layoutCache.set(documentId, p);
  }
  return layoutCache.get(documentId);
}

export function canTriage(user) {
  return user && (user.role === 'reviewer' || user.role === 'admin');
}

/**
 * Renders a finding card. opts: {user, showDocument, expanded, onChange(finding)}.
 * The card is focusable (tabindex=-1) for j/k navigation; its toggles are real buttons.
 */
// The uploaded PDF with this finding outlined, for a finding whose evidence points at a place on a PDF page.
function annotatedLink(f, documentId) {
  const located = (f.evidence || []).some((e) => e.page && e.box);
  if (!located || !/\.(pdf|png|jpe?g)$/i.test(f.fileName || '')) return null;
  return h('a', { class: 'btn btn-small', href: `/api/documents/${encodeURIComponent(documentId)}/annotated.pdf?finding=${encodeURIComponent(f.id)}`,
    download: '', dataset: { act: 'annotated' }, title: '原件上以红框标出此问题' }, '原件标注');
}

export function findingCard(f, opts = {}) {
  const documentId = f.documentId || opts.documentId;
  const uid = `f-${String(f.id).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const statusSlot = h('span', { class: 'status-slot' }, statusBadge(f.review && f.review.status));
  const evidenceRegion = h('div', { class: 'evidence', id: `${uid}-evidence`, hidden: true });
  const reviewRegion = h('div', { class: 'review', id: `${uid}-review`, hidden: true });
  const evidenceBtn = h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', 'aria-controls': evidenceRegion.id, dataset: { act: 'evidence' } },
    `证据（${(f.evidence || []).length}）`);
  const reviewBtn = h('button', { type: 'button', class: 'btn btn-small', 'aria-expanded': 'false', 'aria-controls': reviewRegion.id, dataset: { act: 'review' } },
    canTriage(opts.user) ? '审核' : '审核记录');

  const diff = f.expected !== null && f.expected !== undefined && f.actual !== null && f.actual !== undefined ? f.actual - f.expected : null;
  const figures = (f.expected !== null && f.expected !== undefined) || (f.actual !== null && f.actual !== undefined)
    ? h('dl', { class: 'figures' },
      h('div', null, h('dt', null, '应为'), h('dd', null, amount(f.expected))),
      h('div', null, h('dt', null, '实为'), h('dd', null, amount(f.actual))),
      diff !== null ? h('div', null, h('dt', null, '差额'), h('dd', { class: Math.abs(diff) > 0.005 ? 'diff' : '' }, amount(diff))) : null,
      h('div', { class: 'muted small' }, h('dt', null, '单位'), h('dd', null, '万元')))
    : null;

  const card = h('article', {
    class: `finding sev-border-${f.severity}`, tabindex: '-1', id: uid,
    dataset: { findingId: f.id, ruleId: f.ruleId, severity: f.severity, category: f.category, status: (f.review && f.review.status) || 'open' },
    'aria-labelledby': `${uid}-msg`,
  },
  h('header', { class: 'finding-head' },
    severityBadge(f.severity), statusSlot,
    h('a', { class: 'rule-link', href: `#/rules/${encodeURIComponent(f.ruleId)}`, title: '查看规则' }, f.ruleId),
    h('span', { class: 'rule-name' }, f.ruleName || ''),
    opts.showCategory ? h('span', { class: 'chip' }, categoryName(f.category, f.categoryName)) : null),
  opts.showDocument ? h('p', { class: 'finding-doc small' },
    h('a', { href: `#/documents/${encodeURIComponent(documentId)}?f=${encodeURIComponent(f.id)}` }, f.fileName || documentId),
    f.department ? ` · ${f.department}` : '', f.year ? ` · ${f.year}年` : '',
    f.documentType && f.documentType !== 'unknown' ? ` · ${f.documentTypeName}` : '') : null,
  h('p', { class: 'finding-msg', id: `${uid}-msg` }, f.message),
  figures,
  // A finding about the whole document has nothing to show as evidence: no empty 证据（0） button.
  h('div', { class: 'finding-actions' }, (f.evidence || []).length ? evidenceBtn : null, reviewBtn, annotatedLink(f, documentId), f.review && f.review.reason ? h('span', { class: 'muted small review-reason' }, `排除理由：${f.review.reason}`) : null),
  evidenceRegion, reviewRegion);

  let evidenceLoaded = false;
  function toggleEvidence(force) {
    const open = force ?? evidenceRegion.hidden;
    evidenceRegion.hidden = !open;
    evidenceBtn.setAttribute('aria-expanded', String(open));
    if (open && !evidenceLoaded) { evidenceLoaded = true; renderEvidence(evidenceRegion, f, documentId, opts.pages); }
  }
  let reviewLoaded = false;
  function toggleReview(force, focusAction) {
    const open = force ?? reviewRegion.hidden;
    reviewRegion.hidden = !open;
    reviewBtn.setAttribute('aria-expanded', String(open));
    if (open && !reviewLoaded) { reviewLoaded = true; renderReview(reviewRegion, f, opts, onReviewed); }
    if (open && focusAction) {
      const target = reviewRegion.querySelector(`[data-review="${focusAction}"]`);
      if (target) target.click();
    }
  }
  function onReviewed(updated) {
    Object.assign(f, updated);
    const st = (f.review && f.review.status) || 'open';
    card.dataset.status = st;
    statusSlot.replaceChildren(statusBadge(st));
    const reason = card.querySelector('.review-reason');
    if (reason) reason.remove();
    if (f.review && f.review.reason) reviewBtn.after(h('span', { class: 'muted small review-reason' }, `排除理由：${f.review.reason}`));
    if (opts.onChange) opts.onChange(f);
  }
  evidenceBtn.addEventListener('click', () => toggleEvidence());
  reviewBtn.addEventListener('click', () => toggleReview());
  card.toggleEvidence = toggleEvidence;
  card.toggleReview = toggleReview;
  if (opts.expanded) toggleEvidence(true);
  return card;
}

function evidenceText(ev) {
  const parts = [];
  if (ev.page) parts.push(`第 ${ev.page} 页`);
  if (ev.line) parts.push(`第 ${ev.line} 行（原文）`);
  if (ev.table) parts.push(`表《${ev.table}》`);
  if (ev.row) parts.push(`表内第 ${ev.row} 行`);
  if (ev.column) parts.push(`列“${ev.column}”`);
  return parts.join(' · ') || '文档整体';
}

function renderEvidence(region, f, documentId, pages) {
  // Document.pages (when known) tells which pages have an image: text and DOCX inputs have none.
  const hasImage = (n) => (pages ? pages.some((p) => p.number === n && p.width > 0) : true);
  const items = f.evidence || [];
  if (!items.length) {
    region.replaceChildren(h('p', { class: 'muted' }, '此问题针对文档整体（例如缺少某张表），没有具体单元格。'));
    return;
  }
  region.replaceChildren(...items.map((ev, i) => {
    const low = ev.confidence !== null && ev.confidence !== undefined && ev.confidence < 0.8;
    const block = h('div', { class: 'evidence-item', dataset: { index: String(i) } },
      h('p', { class: 'evidence-where' }, h('strong', null, `证据 ${i + 1}：`), evidenceText(ev)),
      ev.value ? h('p', { class: 'evidence-value' }, '读取值：', h('code', null, ev.value),
        ev.confidence !== null && ev.confidence !== undefined ? h('span', { class: low ? 'chip chip-warn' : 'chip' }, `置信度 ${(ev.confidence * 100).toFixed(0)}%${low ? '，请人工核对' : ''}`) : null) : null);
    const visuals = h('div', { class: 'evidence-visuals' });
    block.append(visuals);
    if (ev.crop) {
      const name = String(ev.crop).split('/').pop();
      visuals.append(h('figure', { class: 'crop' },
        h('img', { src: `/api/documents/${encodeURIComponent(documentId)}/crops/${encodeURIComponent(name)}`, alt: `证据 ${i + 1} 的扫描截图`, loading: 'lazy' }),
        h('figcaption', { class: 'muted small' }, '扫描件截图')));
    }
    if (ev.page && ev.box && hasImage(ev.page)) visuals.append(pageImage(documentId, ev, i));
    else if (ev.page && !ev.crop && hasImage(ev.page) && (pages || !ev.line)) {
      const btn = h('button', { type: 'button', class: 'btn btn-small' }, `查看第 ${ev.page} 页原件`);
      btn.addEventListener('click', () => btn.replaceWith(pageImage(documentId, ev, i)));
      visuals.append(btn);
    }
    const rows = h('div', { class: 'evidence-rows' }, h('p', { class: 'muted small' }, '正在载入原表…'));
    block.append(rows);
    layoutOf(documentId).then((layout) => {
      rows.replaceChildren(evidenceRows(layout, ev) || h('p', { class: 'muted small' }, '原文中未定位到对应的表格行。'));
      // Wide tables: scroll the highlighted cell into view.
      const hit = rows.querySelector('.hit-cell');
      const wrap = rows.querySelector('.table-wrap');
      if (hit && wrap) wrap.scrollLeft = Math.max(0, hit.offsetLeft - wrap.clientWidth / 3);
    })
      .catch(() => rows.replaceChildren(h('p', { class: 'muted small' }, '无法载入原文版面。')));
    return block;
  }));
}

/** The page PNG with a box over the cell: points × 300/72 → image pixels → percentages of the displayed image. */
function pageImage(documentId, ev, i) {
  const img = h('img', { src: `/api/documents/${encodeURIComponent(documentId)}/pages/${ev.page}`, alt: `第 ${ev.page} 页原件${ev.box ? '，红框为证据单元格' : ''}`, loading: 'lazy', class: 'page-img' });
  const mark = h('div', { class: 'box-mark', hidden: true, 'aria-hidden': 'true' });
  const wrap = h('div', { class: 'page-wrap' }, img, mark);
  const scroller = h('div', { class: 'page-scroll', tabindex: '0', role: 'group', 'aria-label': `第 ${ev.page} 页（可滚动）` }, wrap);
  img.addEventListener('load', () => {
    if (!ev.box) return;
    const scale = DPI / 72;
    const W = img.naturalWidth, H = img.naturalHeight;
    const pad = 3;
    const left = ev.box.left * scale - pad, top = ev.box.top * scale - pad;
    const width = (ev.box.right - ev.box.left) * scale + 2 * pad, height = (ev.box.bottom - ev.box.top) * scale + 2 * pad;
    Object.assign(mark.style, { left: `${(left / W) * 100}%`, top: `${(top / H) * 100}%`, width: `${(width / W) * 100}%`, height: `${(height / H) * 100}%` });
    mark.hidden = false;
    // Bring the marked cell into view inside the scroller.
    const displayedScale = img.clientWidth / W;
    scroller.scrollTop = Math.max(0, top * displayedScale - scroller.clientHeight / 2);
  });
  img.addEventListener('error', () => scroller.replaceWith(h('p', { class: 'muted small' }, `第 ${ev.page} 页没有可显示的页面图像（文本或 Word 文件）。`)));
  return h('figure', { class: 'page-figure' }, scroller, h('figcaption', { class: 'muted small' }, `第 ${ev.page} 页${ev.box ? ' · 红框：证据单元格' : ''}`));
}

/** Finds the layout rows the evidence points at and renders them with the row (and cell) highlighted. */
function evidenceRows(layout, ev) {
  const tables = layout.tables || [];
  if (!ev.table) {
    const para = (layout.paragraphs || []).find((p) => (ev.line && p.line === ev.line) || (!ev.line && ev.value && p.text.includes(ev.value)));
    return para ? h('blockquote', { class: 'evidence-para' }, para.text, h('span', { class: 'muted small' }, ` （原文第 ${para.line} 行）`)) : null;
  }
  let table = null, rowIndex = null, hitCell = null;
  if (ev.box) {
    const cx = (ev.box.left + ev.box.right) / 2, cy = (ev.box.top + ev.box.bottom) / 2;
    for (const t of tables) {
      if (ev.page && t.page !== ev.page) continue;
      const cell = (t.cells || []).find((c) => c.bbox && cx >= c.bbox.x && cx <= c.bbox.x + c.bbox.width && cy >= c.bbox.y && cy <= c.bbox.y + c.bbox.height);
      if (cell) { table = t; hitCell = cell; rowIndex = cell.row; break; }
    }
  }
  if (!table && ev.line) {
    const before = tables.filter((t) => t.line !== null && t.line !== undefined && t.line <= ev.line && (!ev.page || !t.page || t.page === ev.page));
    table = before.sort((a, b) => b.line - a.line)[0] || null;
    if (table) rowIndex = ev.line - table.line;
    if (table && rowIndex >= (table.rowCount || 0)) { table = null; rowIndex = null; }
  }
  if (!table) {
    table = tables.find((t) => t.title && ev.table && (t.title.includes(ev.table) || ev.table.includes(t.title))) || null;
    if (table && ev.row) rowIndex = ev.row - 1;
  }
  if (!table || rowIndex === null) return null;
  // Cells of the evidence row whose text is (part of) the value read, e.g. "网络安全事故发生数 ≤90%".
  const hits = new Set(hitCell ? [hitCell] : []);
  if (!hits.size && ev.value) {
    const norm = (t) => String(t).replace(/[\s,，]/g, '');
    const v = norm(ev.value);
    for (const c of table.cells || []) {
      const t = c.text ? norm(c.text) : '';
      if (c.row === rowIndex && t && (t === v || (v.length <= 40 && t.length >= Math.min(4, v.length) && v.includes(t)))) hits.add(c);
    }
  }
  const from = Math.max(0, rowIndex - 2), to = Math.min((table.rowCount || rowIndex + 1) - 1, rowIndex + 2);
  const byRow = new Map();
  for (const c of table.cells || []) if (c.row >= from && c.row <= to || c.row === 0) (byRow.get(c.row) || byRow.set(c.row, []).get(c.row)).push(c);
  const columns = table.columnCount || Math.max(1, ...[...byRow.values()].flat().map((c) => c.column + (c.columnSpan || 1)));
  const rowsToShow = [...new Set([0, ...range(from, to)])].filter((r) => byRow.has(r));
  const tbl = h('table', { class: 'data-table compact evidence-table' },
    h('caption', { class: 'small muted' }, `原表：${table.title || ev.table}（第 ${from + 1}–${to + 1} 行，高亮为证据行）`),
    h('tbody', null, rowsToShow.map((r) => {
      const cells = new Map(byRow.get(r).map((c) => [c.column, c]));
      const tds = [];
      for (let col = 0; col < columns; col++) {
        const c = cells.get(col);
        if (!c) { tds.push(h('td', null, '')); continue; }
        tds.push(h(r === 0 ? 'th' : 'td', { colspan: c.columnSpan > 1 ? String(c.columnSpan) : null, class: hits.has(c) ? 'hit-cell' : (c.confidence < 0.8 ? 'low-conf' : null) }, c.text));
        col += (c.columnSpan || 1) - 1;
      }
      return h('tr', { class: r === rowIndex ? 'hit-row' : (r === 0 ? 'head-row' : null) }, tds);
    })));
  return h('div', { class: 'table-wrap' }, tbl);
}

function range(a, b) { const out = []; for (let i = a; i <= b; i++) out.push(i); return out; }

function renderReview(region, f, opts, onReviewed) {
  const triage = canTriage(opts.user);
  const historyList = h('ol', { class: 'history' }, h('li', { class: 'muted' }, '正在载入审核记录…'));
  const uid = `r-${String(f.id).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const error = h('p', { class: 'error-text', role: 'alert' });

  async function loadHistory() {
    try {
      const items = await api.get(`/api/findings/${encodeURIComponent(f.id)}/history`);
      historyList.replaceChildren(...(items && items.length ? items.map((x) => h('li', null,
        h('span', { class: 'history-action' }, ACTION_NAMES[x.action] || x.action),
        ' · ', x.user || '—', ' · ', h('time', { datetime: x.at }, dateTime(x.at)),
        x.reason ? h('div', null, '理由：', x.reason) : null,
        x.comment ? h('div', null, '意见：', x.comment) : null)) : [h('li', { class: 'muted' }, '暂无审核记录')]));
    } catch (err) {
      historyList.replaceChildren(h('li', { class: 'error-text' }, err.message));
    }
  }

  async function send(action, body, button) {
    error.textContent = '';
    const buttons = region.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const updated = await api.post(`/api/findings/${encodeURIComponent(f.id)}/review`, { action, ...body });
      onReviewed(updated || {});
      toast({ confirm: '已确认该问题', dismiss: '已排除该问题', reopen: '已重新打开该问题', comment: '已添加评论' }[action] || '已保存', 'ok');
      statusLine.replaceChildren(...statusParts());
      closeForms();
      await loadHistory();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
      if (button) button.focus();
    }
  }

  const reasonInput = h('textarea', { id: `${uid}-reason`, rows: 2, required: true, placeholder: '例如：尾差在允许范围内；已与原件核对无误' });
  const dismissForm = h('form', { class: 'inline-form', hidden: true, novalidate: true, dataset: { form: 'dismiss' } },
    h('label', { for: reasonInput.id }, '排除理由（必填）'), reasonInput,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-danger' }, '确认排除'),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => closeForms() }, '取消')));
  dismissForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!reasonInput.value.trim()) { error.textContent = '排除问题必须填写理由'; reasonInput.focus(); return; }
    send('dismiss', { reason: reasonInput.value.trim() });
  });

  const commentInput = h('textarea', { id: `${uid}-comment`, rows: 2, placeholder: '补充说明、核对结果…' });
  const commentForm = h('form', { class: 'inline-form', hidden: true, dataset: { form: 'comment' } },
    h('label', { for: commentInput.id }, '评论'), commentInput,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, '提交评论'),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => closeForms() }, '取消')));
  commentForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!commentInput.value.trim()) { error.textContent = '请填写评论内容'; commentInput.focus(); return; }
    send('comment', { comment: commentInput.value.trim() });
  });

  function closeForms() {
    dismissForm.hidden = true; commentForm.hidden = true;
    reasonInput.value = ''; commentInput.value = '';
  }

  const statusParts = () => ['当前状态：', statusBadge((f.review && f.review.status) || 'open'),
    f.review && f.review.user ? ` · ${f.review.user} · ${dateTime(f.review.at)}` : ''];
  const statusLine = h('p', { class: 'small review-status' }, ...statusParts());
  const buttons = triage ? h('div', { class: 'actions review-actions' },
    h('button', { type: 'button', class: 'btn btn-ok', dataset: { review: 'confirm' }, onclick: (e) => send('confirm', {}, e.target) }, '确认问题'),
    h('button', { type: 'button', class: 'btn btn-danger-outline', dataset: { review: 'dismiss' }, onclick: () => { commentForm.hidden = true; dismissForm.hidden = false; reasonInput.focus(); } }, '排除…'),
    h('button', { type: 'button', class: 'btn', dataset: { review: 'comment' }, onclick: () => { dismissForm.hidden = true; commentForm.hidden = false; commentInput.focus(); } }, '评论…'),
    h('button', { type: 'button', class: 'btn btn-ghost', dataset: { review: 'reopen' }, onclick: (e) => send('reopen', {}, e.target) }, '重新打开'))
    : h('p', { class: 'muted small' }, '您的角色只能查看审核记录。');

  region.replaceChildren(
    statusLine,
    buttons, dismissForm, commentForm, error,
    h('h4', null, '审核记录'), historyList);
  loadHistory();
}

/**
 * Keyboard navigation of finding cards in container: j/↓ next, k/↑ previous, Enter/o evidence, r review,
 * c confirm, x dismiss. Ignored while typing in a field. Returns a cleanup function.
 */
export function findingKeys(container, onSelect) {
  function cards() { return [...container.querySelectorAll('article.finding')]; }
  function handler(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const list = cards();
    if (!list.length) return;
    const current = t && t.closest ? t.closest('article.finding') : null;
    const i = current ? list.indexOf(current) : -1;
    const move = (j) => { const c = list[Math.max(0, Math.min(list.length - 1, j))]; c.focus(); c.scrollIntoView({ block: 'nearest' }); if (onSelect) onSelect(c); };
    switch (e.key) {
      case 'j': case 'ArrowDown': if (t.tagName === 'BUTTON' && e.key === 'ArrowDown' && !current) return; move(i + 1); break;
      case 'k': case 'ArrowUp': move(i < 0 ? 0 : i - 1); break;
      case 'Enter': case 'o': if (!current || t !== current) return; current.toggleEvidence(); break;
      case 'r': if (!current) return; current.toggleReview(); break;
      case 'c': if (!current) return; current.toggleReview(true, 'confirm'); break;
      case 'x': if (!current) return; current.toggleReview(true, 'dismiss'); break;
      default: return;
    }
    e.preventDefault();
  }
  document.addEventListener('keydown', handler);
  return () => document.removeEventListener('keydown', handler);
}
