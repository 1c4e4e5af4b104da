import '../styles/base.css';
import '../styles/login.css';
import { ApiError, postJson } from '../api';

/** Where to go after signing in: the page that sent us here, if it is one of ours. */
function nextPage(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

const form = document.getElementById('login-form') as HTMLFormElement;
const error = document.getElementById('login-error') as HTMLParagraphElement;
const submit = document.getElementById('login-submit') as HTMLButtonElement;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  submit.disabled = true;
  const username = (document.getElementById('login-username') as HTMLInputElement).value.trim();
  const password = (document.getElementById('login-password') as HTMLInputElement).value;
  try {
    await postJson('/api/auth/login', { username, password });
    location.assign(nextPage());
  } catch (e) {
    error.textContent = e instanceof ApiError && (e.status === 401 || e.status === 400)
      ? '账号或密码不正确，或账号已锁定'
      : e instanceof ApiError && e.status === 429 ? '尝试过于频繁，请稍后再试' : `登录失败：${(e as Error).message}`;
    error.hidden = false;
    submit.disabled = false;
  }
});
