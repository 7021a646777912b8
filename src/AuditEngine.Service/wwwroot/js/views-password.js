// Change one's own password; every other session of the user ends (this one gets a fresh cookie).
import { api } from './api.js';
import { h, setTitle, toast } from './util.js';

export async function renderPassword(ctx) {
  setTitle('修改密码');
  const error = h('p', { class: 'error-text', role: 'alert', id: 'password-error' });
  const field = (id, label, autocomplete) => {
    const input = h('input', { id, type: 'password', autocomplete, required: true });
    return [input, h('div', { class: 'field' }, h('label', { for: id }, label), input)];
  };
  const [current, currentField] = field('password-current', '当前密码', 'current-password');
  const [next, nextField] = field('password-new', '新密码（至少 8 个字符）', 'new-password');
  const [repeat, repeatField] = field('password-repeat', '再次输入新密码', 'new-password');
  current.dataset.autofocus = 'true';
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, '修改密码');
  const form = h('form', { class: 'login-card', 'aria-labelledby': 'password-title', novalidate: true },
    h('h1', { id: 'password-title' }, '修改密码'),
    h('p', { class: 'muted' }, '修改后，此账号在其他浏览器或设备上的登录会立即失效。'),
    currentField, nextField, repeatField, error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (next.value.length < 8) { error.textContent = '新密码至少 8 个字符'; next.focus(); return; }
    if (next.value !== repeat.value) { error.textContent = '两次输入的新密码不一致'; repeat.focus(); return; }
    submit.disabled = true;
    try {
      await api.post('/api/me/password', { currentPassword: current.value, newPassword: next.value });
      toast('密码已修改，其他会话已退出');
      ctx.navigate('/batches', { replace: true });
    } catch (err) {
      error.textContent = err.message;
      current.select();
      current.focus();
    } finally {
      submit.disabled = false;
    }
  });
  ctx.main.replaceChildren(h('section', { class: 'login-page' }, form));
}
