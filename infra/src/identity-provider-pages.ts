// HTML pages of the development identity provider. Plain server-rendered forms, no JavaScript needed
// (except the logout auto-submit), so tests can drive them with fetch.

import { escapeHtml } from './html';

function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;box-sizing:border-box;margin:.25rem 0}
input,button{padding:.5rem}.error{color:#b00020}.note{color:#666;font-size:.85rem}
</style>
${head}
</head>
<body>
${body}
</body>
</html>`;
}

export function loginPage(opts: {
  action: string;
  clientName: string;
  login?: string;
  error?: string;
}): string {
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : '';
  return page(
    'Đăng nhập',
    `<h1>Đăng nhập</h1>
<p>Ứng dụng <strong>${escapeHtml(opts.clientName)}</strong> yêu cầu đăng nhập.</p>
${error}
<form method="post" action="${escapeHtml(opts.action)}">
<label for="login">Tên đăng nhập</label>
<input id="login" name="login" autocomplete="username" required autofocus value="${escapeHtml(opts.login ?? '')}">
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button>
</form>
<p class="note">Máy chủ định danh dành cho môi trường phát triển.</p>`,
  );
}

/**
 * `form` is the provider's own `<form id="op.logoutForm">` carrying the xsrf token. With `auto` the
 * page submits it at once with logout=yes (full sign-out); otherwise the user confirms.
 */
export function logoutPage(form: string, auto: boolean): string {
  if (auto) {
    const withLogout = form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>');
    return page(
      'Đăng xuất',
      `${withLogout}
<noscript><button type="submit" form="op.logoutForm">Đăng xuất</button></noscript>
<script>document.forms[0].submit()</script>`,
    );
  }
  return page(
    'Đăng xuất',
    `<h1>Bạn có muốn đăng xuất?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất</button>
<button type="submit" form="op.logoutForm">Không, giữ đăng nhập</button>`,
  );
}

export function loggedOutPage(): string {
  return page('Đã đăng xuất', '<h1>Đã đăng xuất</h1><p>Bạn đã đăng xuất thành công.</p>');
}

export function errorPage(error: string, description?: string): string {
  const detail = description ? `<p>${escapeHtml(description)}</p>` : '';
  return page(
    'Đã xảy ra lỗi',
    `<h1>Đã xảy ra lỗi</h1><p class="error"><code>${escapeHtml(error)}</code></p>${detail}`,
  );
}
