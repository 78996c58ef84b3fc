/** The console's own frame: app title, unit picker, sign-in page, job progress, empty states. */
export const shellMessages = {
  vi: {
    shell: {
      title: 'Hệ thống một cửa điện tử',
      unit: 'Đơn vị',
      sign_in: 'Đăng nhập bằng tài khoản cán bộ',
      sign_in_hint: 'Đăng nhập qua cổng xác thực (OpenID Connect) của tỉnh.',
      no_role: 'Tài khoản chưa có vai trò nào trong hệ thống',
      no_role_hint: 'Liên hệ quản trị đơn vị hoặc bộ phận vận hành để được cấp quyền.',
      job: {
        progress: 'Tiến độ công việc',
        queued: 'Đang chờ xử lý',
        running: 'Đang chạy',
        completed: 'Đã hoàn thành',
        failed: 'Thất bại',
      },
    },
  },
  en: {
    shell: {
      title: 'One-stop back office',
      unit: 'Unit',
      sign_in: 'Sign in with your staff account',
      sign_in_hint: 'Sign in through the province identity provider (OpenID Connect).',
      no_role: 'Your account has no role in the system yet',
      no_role_hint: 'Ask your unit administrator or the operator to grant you one.',
      job: {
        progress: 'Job progress',
        queued: 'Waiting to start',
        running: 'Running',
        completed: 'Completed',
        failed: 'Failed',
      },
    },
  },
};
