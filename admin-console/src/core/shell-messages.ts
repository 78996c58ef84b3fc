/** The console's own frame: app title, unit picker, sign-in page. */
export const shellMessages = {
  vi: {
    shell: {
      title: 'Hệ thống một cửa điện tử',
      unit: 'Đơn vị',
      sign_in: 'Đăng nhập bằng tài khoản cán bộ',
      sign_in_hint: 'Đăng nhập qua cổng xác thực (OpenID Connect) của tỉnh.',
    },
  },
  en: {
    shell: {
      title: 'One-stop back office',
      unit: 'Unit',
      sign_in: 'Sign in with your staff account',
      sign_in_hint: 'Sign in through the province identity provider (OpenID Connect).',
    },
  },
};
