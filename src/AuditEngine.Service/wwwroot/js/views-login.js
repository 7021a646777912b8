import { api } from './api.js';
import { h, setTitle } from './util.js';

export async function renderLogin(ctx) {
  setTitle('登录');
  const next = ctx.query.get('next') || '/batches';
  if (ctx.user) { ctx.navigate(next, { replace: true }); return; }
  const error = h('p', { class: 'error-text', role: 'alert', id: 'login-error' });
  const userName = h('input', { id: 'login-user', name: 'userName', autocomplete: 'username', required: true, 'data-autofocus': true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block' }, '登录');
  const form = h('form', { class: 'login-card', 'aria-labelledby': 'login-title', novalidate: true },
    h('h1', { id: 'login-title' }, '预算公开审核'),
    h('p', { class: 'muted' }, '部门预算公开合规审核 · 请使用单位分配的账号登录'),
    h('div', { class: 'field' }, h('label', { for: 'login-user' }, '用户名'), userName),
    h('div', { class: 'field' }, h('label', { for: 'login-password' }, '密码'), password),
    error,
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!userName.value.trim() || !password.value) {
      error.textContent = '请输入用户名和密码';
      (userName.value.trim() ? password : userName).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在登录…';
    try {
      const user = await api.login(userName.value.trim(), password.value);
      ctx.setUser(user);
      ctx.navigate(next, { replace: true });
    } catch (err) {
      error.textContent = err.status === 401 ? '用户名或密码错误' : err.message;
      password.select();
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = '登录';
    }
  });
  ctx.main.replaceChildren(h('section', { class: 'login-page' }, form));
}
