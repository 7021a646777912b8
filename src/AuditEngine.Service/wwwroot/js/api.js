// Thin client for the service API (docs/api.md). Every call sends the session cookie.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

async function request(method, url, body) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, '无法连接服务，请检查网络后重试');
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!response.ok) {
    const message = (data && data.error) || defaultMessage(response.status);
    if (response.status === 401 && url !== '/api/login') onUnauthorized();
    throw new ApiError(response.status, message);
  }
  return data;
}

function defaultMessage(status) {
  switch (status) {
    case 400: return '请求无效';
    case 401: return '请先登录';
    case 403: return '没有权限执行此操作';
    case 404: return '未找到';
    case 413: return '上传内容过大';
    case 429: return '请求过于频繁，请稍后再试';
    default: return `服务出错（${status}）`;
  }
}

export const api = {
  get: (url) => request('GET', url),
  post: (url, body) => request('POST', url, body ?? {}),
  del: (url) => request('DELETE', url),
  login: (userName, password) => request('POST', '/api/login', { userName, password }),
  logout: () => request('POST', '/api/logout'),
  me: () => request('GET', '/api/me'),
};

/**
 * Uploads files in one multipart POST /api/batches with XMLHttpRequest so that upload progress can be shown.
 * onProgress(loaded, total) reports bytes sent; resolves with the Batch, rejects with ApiError.
 */
export function uploadBatch(files, name, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    if (name) form.append('name', name);
    for (const file of files) form.append('files', file, file.relativePath || file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/batches');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else {
        if (xhr.status === 401) onUnauthorized();
        reject(new ApiError(xhr.status, (data && data.error) || defaultMessage(xhr.status)));
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, '上传失败：无法连接服务')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, '上传已取消')));
    xhr.send(form);
  });
}
