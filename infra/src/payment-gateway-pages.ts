import { escapeHtml } from './html';

/** The simulator's pages, Vietnamese as VNPay shows them. Forms post plain fields so tests drive them over HTTP. */
function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}button{font-size:1rem;padding:.5rem 1rem;margin-right:.5rem}
.ok{background:#005baa;color:#fff;border:0}</style></head><body>
<p><strong>Cổng thanh toán mô phỏng (VNPAY 2.1.0)</strong> — môi trường phát triển, không có tiền thật.</p>${body}</body></html>`;
}

export interface PaymentPageInput {
  id: string;
  merchant: string;
  txnRef: string;
  amount: number;
  orderInfo: string;
  expiresAt: string;
}

const money = (d: number) => `${d.toLocaleString('vi-VN')} ₫`;

export function paymentPage(p: PaymentPageInput): string {
  const button = (action: string, label: string, cls = '') =>
    `<button name="action" value="${action}"${cls ? ` class="${cls}"` : ''}>${label}</button>`;
  return page(
    'Thanh toán',
    `<h1>Thanh toán đơn hàng</h1><dl>
<dt>Đơn vị chấp nhận</dt><dd>${escapeHtml(p.merchant)}</dd>
<dt>Mã giao dịch</dt><dd>${escapeHtml(p.txnRef)}</dd>
<dt>Nội dung</dt><dd>${escapeHtml(p.orderInfo)}</dd>
<dt>Số tiền</dt><dd>${money(p.amount)}</dd>
<dt>Hết hạn lúc</dt><dd>${escapeHtml(p.expiresAt)}</dd></dl>
<form method="post" action="/paymentv2/decide"><input type="hidden" name="id" value="${escapeHtml(p.id)}">
${button('approve', 'Thanh toán', 'ok')}${button('cancel', 'Hủy')}${button('expire', 'Để hết hạn')}</form>`,
  );
}

export function errorPage(code: string, message: string): string {
  return page(
    'Lỗi',
    `<h1>Giao dịch không thành công</h1><p>Mã lỗi ${escapeHtml(code)}: ${escapeHtml(message)}</p>`,
  );
}
