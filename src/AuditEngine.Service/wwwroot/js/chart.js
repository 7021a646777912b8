// Inline SVG charts (no library).
import { h, s, SEVERITY_NAMES } from './util.js';

/**
 * Horizontal bar chart. items: [{label, value, href?, className?}]. Returns an <svg> with role="img" and a title.
 */
export function barChart(items, { title, width = 560, barHeight = 26, gap = 8, labelWidth = 130 } = {}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const valueWidth = 48;
  const plot = width - labelWidth - valueWidth;
  const height = Math.max(1, items.length) * (barHeight + gap) + gap;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'chart', role: 'img', 'aria-label': title || '图表' },
    s('title', null, title || ''));
  items.forEach((item, i) => {
    const y = gap + i * (barHeight + gap);
    const w = item.value > 0 ? Math.max(2, (item.value / max) * plot) : 0;
    const group = s('g', { class: `bar ${item.className || ''}` },
      s('text', { x: labelWidth - 8, y: y + barHeight / 2, 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'bar-label' }, item.label),
      s('rect', { x: labelWidth, y, width: plot, height: barHeight, rx: 4, class: 'bar-track' }),
      s('rect', { x: labelWidth, y, width: w, height: barHeight, rx: 4, class: 'bar-fill' }),
      s('text', { x: labelWidth + w + 6, y: y + barHeight / 2, 'dominant-baseline': 'central', class: 'bar-value' }, String(item.value)),
      s('title', null, `${item.label}：${item.value}`));
    if (item.href) {
      const link = s('a', { href: item.href, 'aria-label': `${item.label} ${item.value} 条，查看问题` }, group);
      svg.append(link);
    } else svg.append(group);
  });
  return svg;
}

/** Stacked single bar of error / warning / info counts. */
export function severityStrip(errors, warnings, infos, { width = 560, height = 18 } = {}) {
  const total = errors + warnings + infos;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', class: 'strip', role: 'img',
    'aria-label': `错误 ${errors}，警告 ${warnings}，提示 ${infos}` });
  if (!total) {
    svg.append(s('rect', { x: 0, y: 0, width, height, rx: 4, class: 'bar-track' }));
    return svg;
  }
  let x = 0;
  for (const [n, cls] of [[errors, 'sev-error'], [warnings, 'sev-warning'], [infos, 'sev-info']]) {
    const w = (n / total) * width;
    if (w > 0) svg.append(s('rect', { x, y: 0, width: w, height, class: `strip-${cls}` }));
    x += w;
  }
  return svg;
}

/**
 * The strip's key: which colour is which severity, with the counts. A list, not SVG text, so it wraps on narrow
 * screens and reads as text to screen readers (the strip itself is one image).
 */
export function severityLegend(errors, warnings, infos) {
  return h('ul', { class: 'legend', id: 'severity-legend', 'aria-label': '颜色说明' },
    [['error', errors], ['warning', warnings], ['info', infos]].map(([sev, n]) => h('li', { dataset: { severity: sev } },
      h('span', { class: `swatch swatch-sev-${sev}`, 'aria-hidden': 'true' }), `${SEVERITY_NAMES[sev]} ${n}`)));
}
