// Reviewer dashboard: hash router, session, top navigation. Views live in js/views-*.js.
import { api, setUnauthorizedHandler } from './js/api.js';
import { h, toast, setTitle } from './js/util.js';
import { renderLogin } from './js/views-login.js';
import { renderBatches, renderBatch } from './js/views-batches.js';
import { renderUpload } from './js/views-upload.js';
import { renderDocument } from './js/views-document.js';
import { renderFindings } from './js/views-findings.js';
import { renderRules, renderRule } from './js/views-rules.js';
import { renderUsers } from './js/views-users.js';
import { renderPassword } from './js/views-password.js';
import { renderOverview } from './js/views-overview.js';

const routes = [
  [/^\/login$/, renderLogin, null, true],
  [/^\/batches$/, renderBatches, 'batches'],
  [/^\/batches\/([^/]+)$/, renderBatch, 'batches'],
  [/^\/upload$/, renderUpload, 'upload'],
  [/^\/documents\/([^/]+)$/, renderDocument, 'batches'],
  [/^\/findings$/, renderFindings, 'findings'],
  [/^\/overview$/, renderOverview, 'overview'],
  [/^\/rules$/, renderRules, 'rules'],
  [/^\/rules\/([^/]+)$/, renderRule, 'rules'],
  [/^\/users$/, renderUsers, 'users'],
  [/^\/password$/, renderPassword, null],
];

const state = { user: null, cleanup: null, renderId: 0 };
const main = document.getElementById('main');

/** Splits location.hash "#/path?query" into path and URLSearchParams. */
function currentRoute() {
  const raw = location.hash.replace(/^#/, '') || '/batches';
  const i = raw.indexOf('?');
  const path = i < 0 ? raw : raw.slice(0, i);
  const params = new URLSearchParams(i < 0 ? '' : raw.slice(i + 1));
  return { path: path || '/batches', params };
}

export function navigate(hash, { replace = false } = {}) {
  const target = hash.startsWith('#') ? hash : `#${hash}`;
  if (replace) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  render();
}

/** Replaces the query of the current route without re-rendering (state kept in the URL for sharing). */
export function replaceQuery(params) {
  const { path } = currentRoute();
  const text = params.toString();
  history.replaceState(null, '', `#${path}${text ? `?${text}` : ''}`);
}

async function render() {
  const renderId = ++state.renderId;
  if (state.cleanup) { try { state.cleanup(); } catch { /* ignore */ } state.cleanup = null; }
  const { path, params } = currentRoute();
  const match = routes.map(([re, view, nav, open]) => ({ m: path.match(re), view, nav, open })).find((r) => r.m);
  if (!match) {
    main.replaceChildren(h('section', { class: 'page' }, h('h1', null, '页面不存在'), h('p', null, h('a', { href: '#/batches' }, '返回批次列表'))));
    return;
  }
  if (!match.open && !state.user) {
    const back = `${path}${params.toString() ? `?${params}` : ''}`;
    navigate(`/login?next=${encodeURIComponent(back)}`, { replace: true });
    return;
  }
  updateChrome(match.nav);
  setTitle('');
  main.replaceChildren(h('p', { class: 'loading' }, '加载中…'));
  const ctx = {
    params: match.m.slice(1).map(decodeURIComponent),
    query: params,
    main,
    user: state.user,
    navigate,
    replaceQuery,
    isCurrent: () => renderId === state.renderId,
    setUser: (user) => { state.user = user; },
  };
  try {
    const cleanup = await match.view(ctx);
    if (renderId !== state.renderId) { if (typeof cleanup === 'function') cleanup(); return; }
    state.cleanup = typeof cleanup === 'function' ? cleanup : null;
  } catch (err) {
    if (renderId !== state.renderId) return;
    main.replaceChildren(h('section', { class: 'page' },
      h('h1', null, '出错了'),
      h('p', { class: 'error-text', role: 'alert' }, err.message || String(err)),
      h('p', null, h('a', { href: '#/batches' }, '返回批次列表'))));
  }
  const focusTarget = main.querySelector('[data-autofocus]') || main;
  if (document.activeElement === document.body || !main.contains(document.activeElement)) focusTarget.focus({ preventScroll: true });
}

function updateChrome(nav) {
  const bar = document.getElementById('topbar');
  bar.hidden = !state.user;
  if (!state.user) return;
  document.getElementById('user-name').textContent =
    `${state.user.displayName || state.user.userName}（${roleName(state.user.role)}${state.user.organisation ? ` · ${state.user.organisation}` : ''}）`;
  document.getElementById('nav-upload').parentElement.hidden = state.user.role === 'reviewer';
  document.getElementById('nav-users').parentElement.hidden = state.user.role !== 'admin';
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function roleName(role) {
  return { admin: '管理员', reviewer: '审核员', uploader: '上传员' }[role] || role;
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api.logout(); } catch { /* already logged out */ }
  state.user = null;
  toast('已退出登录');
  navigate('/login', { replace: true });
});

setUnauthorizedHandler(() => {
  if (!state.user) return;
  state.user = null;
  toast('登录已过期，请重新登录', 'error');
  const { path, params } = currentRoute();
  if (path !== '/login') navigate(`/login?next=${encodeURIComponent(`${path}${params.toString() ? `?${params}` : ''}`)}`, { replace: true });
});

window.addEventListener('hashchange', render);

(async () => {
  try { state.user = await api.me(); } catch { state.user = null; }
  render();
})();
