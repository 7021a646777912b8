// Accounts page (admins): the organisation's users, disabled or enabled at once, and its API keys, revoked at once.
import { api } from './api.js';
import { h, setTitle, toast, dateTime, empty } from './util.js';

const ROLE_NAMES = { admin: '管理员', reviewer: '审核员', uploader: '上传员' };
const KEY_STATES = { active: '有效', expired: '已过期', revoked: '已吊销' };

export async function renderUsers(ctx) {
  setTitle('用户与密钥');
  if (ctx.user.role !== 'admin') {
    ctx.main.replaceChildren(h('section', { class: 'page' }, h('h1', null, '用户与密钥'), h('p', { class: 'error-text' }, '只有管理员可以管理用户与密钥')));
    return;
  }
  const [users, keys] = await Promise.all([api.get('/api/users'), api.get('/api/keys')]);
  if (!ctx.isCurrent()) return;

  /** Runs an action, then draws the page again from the server's answer. */
  const act = (url, done) => async (e) => {
    e.target.disabled = true;
    try {
      await api.post(url);
      toast(done);
      await renderUsers(ctx);
    } catch (err) {
      toast(err.message, 'error');
      e.target.disabled = false;
    }
  };

  const userRows = users.map((u) => h('tr', { dataset: { user: u.userName } },
    h('th', { scope: 'row' }, u.userName),
    h('td', null, u.displayName),
    h('td', null, ROLE_NAMES[u.role] || u.role),
    h('td', null, u.disabled ? h('span', { class: 'chip' }, '已停用') : '启用'),
    h('td', null, u.userName === ctx.user.userName ? h('span', { class: 'muted' }, '当前账号')
      : u.disabled
        ? h('button', { type: 'button', class: 'btn', onclick: act(`/api/users/${encodeURIComponent(u.userName)}/enable`, `已启用 ${u.userName}`) }, '启用')
        : h('button', { type: 'button', class: 'btn btn-danger-outline', onclick: act(`/api/users/${encodeURIComponent(u.userName)}/disable`, `已停用 ${u.userName}，其登录与密钥已失效`) }, '停用'))));

  const keyRows = keys.map((k) => h('tr', { dataset: { key: String(k.id) } },
    h('th', { scope: 'row' }, String(k.id)),
    h('td', null, k.userName),
    h('td', null, k.name),
    h('td', null, dateTime(k.createdAt)),
    h('td', null, k.expiresAt ? dateTime(k.expiresAt) : '不过期'),
    h('td', null, KEY_STATES[k.state] || k.state),
    h('td', null, k.state === 'revoked' ? null
      : h('button', { type: 'button', class: 'btn btn-danger-outline', onclick: act(`/api/keys/${k.id}/revoke`, `已吊销密钥 ${k.id}`) }, '吊销'))));

  const table = (id, caption, heads, rows, none) => h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, ...heads.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, ...(rows.length ? rows : [h('tr', null, h('td', { colspan: heads.length }, empty(none)))]))));

  ctx.main.replaceChildren(h('section', { class: 'page' },
    h('div', { class: 'page-head' }, h('h1', null, '用户与密钥')),
    h('p', { class: 'muted' }, '停用用户或吊销密钥立即生效：该用户已登录的会话与其 API 密钥随即失效。新建用户与密钥请用命令行 auditengine admin。'),
    h('h2', null, '用户'),
    table('users-table', '用户', ['用户名', '姓名', '角色', '状态', '操作'], userRows, '没有用户'),
    h('h2', null, 'API 密钥'),
    table('keys-table', 'API 密钥', ['编号', '用户', '名称', '创建时间', '有效期至', '状态', '操作'], keyRows, '没有 API 密钥')));
}
