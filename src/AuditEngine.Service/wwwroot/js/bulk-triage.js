// One triage decision for many findings (POST /api/findings/review-bulk): the bulk bar of the findings table and the
// card that stands for a document's whole-document findings (e.g. missing tables) in the card list.
import { api } from './api.js';
import { h, toast, severityBadge, statusBadge, SEVERITY_ORDER } from './util.js';

/** The most findings one decision may cover (the server refuses more, BulkTriageEndpoints.MaxFindings). */
export const BULK_LIMIT = 10000;

const DONE = { confirm: '已确认', dismiss: '已排除', reopen: '已重新打开' };

/** Sends the decision; selection is {ids} or {filter: "query string"}. Resolves with {matched, changed}. */
export async function reviewBulk(selection, action, reason, comment) {
  const result = await api.post('/api/findings/review-bulk', { ...selection, action, reason: reason || null, comment: comment || null });
  toast(`${DONE[action] || '已处理'} ${result.matched} 条问题${result.changed !== result.matched ? `（其中 ${result.changed} 条状态改变）` : ''}`, 'ok');
  return result;
}

/**
 * The form of a decision: 确认 / 排除（理由必填）/ 重新打开 with one reason and comment for all.
 * describe() says what is selected ("已选 3 条"); selection() gives {ids} or {filter}, or null when nothing is;
 * done() runs after a decision was saved.
 */
const SELECTED_LABELS = { confirm: '确认所选', dismiss: '排除所选', reopen: '重新打开' };

export function decisionForm({ idPrefix, describe, selection, done, labels = SELECTED_LABELS }) {
  const error = h('p', { class: 'error-text', role: 'alert' });
  const reason = h('input', { type: 'text', id: `${idPrefix}-reason`, placeholder: '排除时必填，例如：模板表，单位无此项收支' });
  const comment = h('input', { type: 'text', id: `${idPrefix}-comment`, placeholder: '可选' });
  const buttons = [];
  async function send(action) {
    error.textContent = '';
    const sel = selection();
    if (!sel) { error.textContent = '请先选择问题'; return; }
    if (action === 'dismiss' && !reason.value.trim()) { error.textContent = '排除问题必须填写理由'; reason.focus(); return; }
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const result = await reviewBulk(sel, action, reason.value.trim(), comment.value.trim());
      reason.value = ''; comment.value = '';
      await done(result);
    } catch (err) {
      error.textContent = err.message;
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
  }
  const button = (action, label, cls) => {
    const b = h('button', { type: 'button', class: `btn btn-small ${cls}`, dataset: { bulk: action }, onclick: () => send(action) }, label);
    buttons.push(b);
    return b;
  };
  const summary = h('span', { class: 'bulk-summary', 'aria-live': 'polite' }, describe());
  const form = h('div', { class: 'bulk-form' },
    summary,
    h('span', { class: 'bulk-field' }, h('label', { for: reason.id }, '理由'), reason),
    h('span', { class: 'bulk-field' }, h('label', { for: comment.id }, '备注'), comment),
    button('confirm', labels.confirm, 'btn-ok'), button('dismiss', labels.dismiss, 'btn-danger-outline'), button('reopen', labels.reopen, 'btn-ghost'),
    error);
  form.refresh = () => { summary.replaceChildren(describe()); };
  return form;
}

/** Findings about the document as a whole: no evidence, or evidence that points at no page, line, table or row. */
export function isWholeDocument(f) {
  const ev = f.evidence || [];
  return ev.every((e) => !e.page && !e.line && !e.table && !e.row);
}

/** Splits findings into single ones and, per document, the whole-document ones when there are two or more. */
export function groupWholeDocument(items) {
  const byDocument = new Map();
  for (const f of items) if (isWholeDocument(f)) (byDocument.get(f.documentId) || byDocument.set(f.documentId, []).get(f.documentId)).push(f);
  const grouped = new Set([...byDocument.values()].filter((g) => g.length > 1).flat());
  const out = [];
  const placed = new Set();
  for (const f of items) {
    if (!grouped.has(f)) { out.push({ finding: f }); continue; }
    if (placed.has(f.documentId)) continue;
    placed.add(f.documentId);
    out.push({ group: byDocument.get(f.documentId) });
  }
  return out;
}

/** "缺少 9 张表" when every finding is a missing table (MS-TABLE-*), else "文档整体问题 N 项". */
export function groupTitle(group) {
  return group.every((f) => /^MS-TABLE/.test(f.ruleId)) ? `缺少 ${group.length} 张表` : `文档整体问题 ${group.length} 项`;
}

/** One card for a document's whole-document findings: the list, and one decision for all of them. */
export function groupedCard(group, { user, canTriage, onChange }) {
  const first = group[0];
  const worst = group.map((f) => f.severity).sort((a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])[0];
  const uid = `g-${first.documentId}`;
  const statuses = [...new Set(group.map((f) => (f.review && f.review.status) || 'open'))];
  const card = h('article', { class: `finding finding-group sev-border-${worst}`, tabindex: '-1', id: uid,
    dataset: { documentId: String(first.documentId), groupSize: String(group.length), findingIds: group.map((f) => f.id).join(',') },
    'aria-labelledby': `${uid}-title` },
  h('header', { class: 'finding-head' }, severityBadge(worst), ...statuses.map((s) => statusBadge(s)),
    h('strong', { id: `${uid}-title` }, groupTitle(group)), h('span', { class: 'chip' }, '文档整体')),
  h('p', { class: 'finding-doc small' },
    h('a', { href: `#/documents/${encodeURIComponent(first.documentId)}` }, first.fileName || first.documentId),
    first.department ? ` · ${first.department}` : '', first.year ? ` · ${first.year}年` : ''),
  h('ul', { class: 'group-list' }, group.map((f) => h('li', { dataset: { findingId: String(f.id) } },
    h('a', { class: 'rule-link', href: `#/rules/${encodeURIComponent(f.ruleId)}` }, f.ruleId), ' ', f.message, ' ',
    statusBadge((f.review && f.review.status) || 'open'),
    f.review && f.review.reason ? h('span', { class: 'muted small' }, ` 理由：${f.review.reason}`) : null))));
  if (canTriage) {
    card.append(decisionForm({
      idPrefix: uid,
      describe: () => `对这 ${group.length} 条问题一并处理：`,
      selection: () => ({ ids: group.map((f) => f.id) }),
      done: onChange,
      labels: { confirm: '全部确认', dismiss: '全部排除', reopen: '全部重新打开' },
    }));
  }
  return card;
}
