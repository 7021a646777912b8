// Upload: drag and drop files, folders or a ZIP; one POST /api/batches; per-file progress derived from bytes sent.
import { uploadBatch } from './api.js';
import { h, fileSize, setTitle, toast } from './util.js';

const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.txt,.md,.png,.jpg,.jpeg,.tif,.tiff,.bmp,.zip';

export async function renderUpload(ctx) {
  setTitle('上传文件');
  /** @type {File[]} */
  let files = [];
  let uploading = false;

  const list = h('ul', { class: 'file-list', 'aria-label': '待上传文件' });
  const summary = h('p', { class: 'muted', id: 'upload-summary' }, '尚未选择文件');
  const nameInput = h('input', { id: 'batch-name', name: 'name', placeholder: '例如：2025年市直部门预算公开' });
  const input = h('input', { id: 'file-input', type: 'file', multiple: true, accept: ACCEPT, class: 'visually-hidden' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', disabled: true }, '开始上传并审核');
  const clear = h('button', { type: 'button', class: 'btn', disabled: true, onclick: () => { files = []; redraw(); } }, '清空');
  const result = h('div', { id: 'upload-result', 'aria-live': 'polite' });

  const drop = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', { class: 'dropzone-title' }, '将文件、文件夹或 ZIP 压缩包拖到这里'),
    h('p', { class: 'muted' }, '支持 PDF、扫描件、Word、Excel、图片、文本；ZIP 会自动解压'),
    h('label', { for: 'file-input', class: 'btn' }, '选择文件…'),
    input);

  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('dragging'); });
  }
  for (const type of ['dragleave', 'drop']) {
    drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.remove('dragging'); });
  }
  drop.addEventListener('drop', async (e) => {
    if (uploading) return;
    const added = await filesFromDataTransfer(e.dataTransfer);
    addFiles(added);
  });
  input.addEventListener('change', () => { addFiles([...input.files]); input.value = ''; });

  function addFiles(added) {
    const seen = new Set(files.map(key));
    for (const f of added) if (!seen.has(key(f))) { files.push(f); seen.add(key(f)); }
    redraw();
  }

  function redraw() {
    list.replaceChildren(...files.map((f, i) => h('li', { class: 'file-item', dataset: { index: String(i) } },
      h('span', { class: 'file-name', title: f.relativePath || f.name }, f.relativePath || f.name),
      h('span', { class: 'file-size muted' }, fileSize(f.size)),
      h('div', { class: 'progress', role: 'progressbar', 'aria-label': `${f.name} 上传进度`, 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' },
        h('div', { class: 'progress-fill', style: { width: '0%' } })),
      h('span', { class: 'file-pct muted' }, ''),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', 'aria-label': `移除 ${f.name}`, disabled: uploading,
        onclick: () => { files.splice(i, 1); redraw(); } }, '移除'))));
    const total = files.reduce((a, f) => a + f.size, 0);
    summary.textContent = files.length ? `共 ${files.length} 个文件，${fileSize(total)}` : '尚未选择文件';
    submit.disabled = uploading || files.length === 0;
    clear.disabled = uploading || files.length === 0;
  }

  /** Maps bytes sent on the whole request onto each file in form order (multipart overhead is small). */
  function showProgress(loaded, total) {
    const sizes = files.map((f) => f.size);
    const payload = sizes.reduce((a, b) => a + b, 0) || 1;
    const overhead = total === Infinity ? 0 : Math.max(0, total - payload);
    let sent = loaded === Infinity ? Infinity : Math.max(0, loaded - overhead * (loaded / total));
    const items = list.querySelectorAll('.file-item');
    sizes.forEach((size, i) => {
      const part = size === 0 ? (sent >= 0 ? 1 : 0) : Math.min(1, Math.max(0, sent / size));
      sent -= size;
      const pct = Math.round(part * 100);
      const item = items[i];
      if (!item) return;
      item.querySelector('.progress-fill').style.width = `${pct}%`;
      item.querySelector('.progress').setAttribute('aria-valuenow', String(pct));
      item.querySelector('.file-pct').textContent = `${pct}%`;
    });
  }

  const form = h('form', { class: 'upload-form', 'aria-labelledby': 'upload-title' },
    drop,
    h('div', { class: 'field' }, h('label', { for: 'batch-name' }, '批次名称（可选）'), nameInput),
    summary, list,
    h('div', { class: 'actions' }, submit, clear),
    result);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!files.length || uploading) return;
    uploading = true;
    redraw();
    submit.textContent = '正在上传…';
    result.replaceChildren();
    try {
      const batch = await uploadBatch(files, nameInput.value.trim(), showProgress);
      showProgress(Infinity, Infinity);
      const refused = batch.refused || [];
      result.replaceChildren(h('div', { class: 'notice notice-ok' },
        h('p', null, `已创建批次“${batch.name || batch.id}”，共 ${batch.total ?? files.length} 个文件进入审核。`),
        refused.length ? h('div', null, h('p', null, `${refused.length} 个文件未被接收：`),
          h('ul', null, refused.map((r) => h('li', null, `${r.name}：${r.reason}`)))) : null,
        h('p', null, h('a', { href: `#/batches/${encodeURIComponent(batch.id)}`, class: 'btn btn-primary', id: 'open-batch' }, '查看批次进度'))));
      toast('上传完成，正在审核');
      files = [];
    } catch (err) {
      result.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, `上传失败：${err.message}`));
    } finally {
      uploading = false;
      submit.textContent = '开始上传并审核';
      submit.disabled = files.length === 0;
      clear.disabled = files.length === 0;
    }
  });

  ctx.main.replaceChildren(h('section', { class: 'page' },
    h('h1', { id: 'upload-title' }, '上传文件'),
    form));
}

const key = (f) => `${f.relativePath || f.name}|${f.size}|${f.lastModified}`;

/** Collects files from a drop, walking dropped folders. */
async function filesFromDataTransfer(dt) {
  const entries = [...(dt.items || [])].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
  if (!entries.length) return [...(dt.files || [])];
  const out = [];
  async function walk(entry, prefix) {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej));
      if (prefix) file.relativePath = `${prefix}${file.name}`;
      out.push(file);
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      let batch;
      do {
        batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        for (const child of batch) await walk(child, `${prefix}${entry.name}/`);
      } while (batch.length);
    }
  }
  for (const entry of entries) await walk(entry, '');
  return out;
}
