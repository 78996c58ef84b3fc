import { ConfigError, loadEnv } from './config/index';
import { boot } from './boot';
import { DEMO_PASSWORD, demoCitizens, demoStaff } from './seed/demo-province';
import { redactUrl } from './db/urls';
import { drainOnSignals } from './shutdown';

/** `npm start`: the whole product on embedded defaults, or on the servers the environment names. */
async function main() {
  const env = loadEnv();
  const dev = env.NODE_ENV !== 'production';
  const running = await boot({ env, devServices: dev, migrate: dev, seedDemo: env.SEED_DEMO ?? dev });
  const lines = [
    '',
    'MotCua — Cổng Dịch vụ công / Hệ thống thông tin một cửa điện tử',
    `  Cổng công dân (portal):      ${running.url}/`,
    `  Trang quản trị (admin):      ${running.url}/admin/`,
    `  API:                         ${running.url}/api/v1  (OpenAPI: ${running.url}/api/v1/openapi.json)`,
    `  CSDL (database):             ${running.db.embedded ? `PGlite nhúng (embedded) in ${env.DATA_DIR}` : redactUrl(running.db.ownerUrl)}`,
    `  Hàng đợi (jobs):             ${running.redis ? 'BullMQ on Redis' : 'in-process (no REDIS_URL)'}`,
    `  Nhà cung cấp định danh (IdP): ${running.issuer || '(not configured)'}`,
  ];
  if (running.paymentGateway)
    lines.push(`  Cổng thanh toán mô phỏng (VNPay simulator): ${running.paymentGateway.paymentUrl}`);
  if (running.smsGateway)
    lines.push(`  Tin nhắn SMS mô phỏng (SMS simulator):   ${running.smsGateway.url}/messages`);
  if (running.smtpSink)
    lines.push(
      `  Hộp thư phát triển (SMTP sink): smtp://127.0.0.1:${running.smtpSink.port}  ${running.smtpSink.httpUrl ?? ''}`,
    );
  if (running.identityProvider) {
    lines.push('', `Tài khoản demo (mật khẩu cho tất cả / password for all: ${DEMO_PASSWORD}):`);
    for (const p of demoStaff) {
      const roles = [
        ...(p.platformRoles ?? []),
        ...(p.memberships ?? []).flatMap((m) => m.roles.map((r) => `${r}@${m.unit}`)),
      ];
      lines.push(`  ${p.sub.padEnd(16)} ${roles.join(', ')}`);
    }
    for (const c of demoCitizens) lines.push(`  ${c.sub.padEnd(16)} citizen ${c.pid} ${c.name}`);
    lines.push(
      '',
      `Đăng nhập cán bộ (staff sign-in): ${running.url}/auth/staff/login`,
      `Đăng nhập công dân (citizen sign-in): ${running.url}/auth/citizen/login`,
    );
  }
  console.log(lines.join('\n'));
  // The same drain as start:api: unready, finish requests and in-process jobs, close PGlite and the
  // development services, exit 0.
  drainOnSignals({
    logger: running.logger,
    stopAccepting: running.stopAccepting,
    drainSeconds: env.SHUTDOWN_DRAIN_SECONDS,
    close: running.close,
    timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS,
  });
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
