import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmsMessage } from '../../../infra/src/index';
import type { Running } from '../../src/boot';
import { sendSmsSpec } from '../../src/jobs/notifications/sms-send';
import { startTestServer, uniqueSuffix, type TestUnit } from '../support/app';
import { api, createDossierUnit, createPublishedProcedure, desk, officer } from '../dossiers/fixture';
import { issueResult } from '../ratings/flow';

/** SMS through the HTTP gateway interface, against the development simulator, sent by outbox jobs. */
let running: Running;
let unit: TestUnit;
let procedureId: string;

beforeAll(async () => {
  running = await startTestServer({
    devServices: true,
    env: { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'motcua-sms-')), DEV_VNPAY_PORT: '0' },
  });
  unit = await createDossierUnit(running);
  procedureId = await createPublishedProcedure(running, unit.tenant.id);
});
afterAll(async () => {
  await running?.close();
});

async function messages(): Promise<SmsMessage[]> {
  const res = await fetch(`${running.smsGateway!.url}/messages`);
  return (await res.json()) as SmsMessage[];
}

async function waitForSms(pred: (m: SmsMessage) => boolean, timeoutMs = 15_000): Promise<SmsMessage> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await messages()).find(pred);
    if (found) return found;
    if (Date.now() > until) throw new Error('no such SMS arrived');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('SMS notices', () => {
  it('reception, supplement request and result ready each reach the applicant once, in Vietnamese with diacritics', async () => {
    const phone = `09${String(parseInt(uniqueSuffix(), 16)).padStart(8, '0').slice(-8)}`;
    const email = `sms.${uniqueSuffix()}@example.test`;
    const created = await api(running, desk(unit)).post('/dossiers', {
      procedureId,
      channel: 'desk',
      applicant: { fullName: 'Phạm Thị Hương', phone, email },
      data: { 'applicant.full_name': 'PHẠM THỊ HƯƠNG' },
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;
    const rec = await api(running, desk(unit)).post(`/dossiers/${id}/receive`);
    const code = (rec.body as { code: string }).code;
    const received = await waitForSms((m) => m.to === phone && m.text.includes('tiếp nhận'));
    expect(received.text).toContain(`đã tiếp nhận hồ sơ ${code} (Đăng ký khai sinh). Hẹn trả kết quả:`);
    expect(received.reference).toBe(`dossier-received.${id}.2.sms`);

    await api(running, desk(unit)).post(`/dossiers/${id}/assign`, { assigneeId: unit.staffId }).expect(200);
    const sup = await api(running, officer(unit)).post(`/dossiers/${id}/request-supplement`, {
      reason: 'Bổ sung bản sao giấy chứng sinh',
    });
    expect(sup.status, sup.text).toBe(200);
    const asked = await waitForSms((m) => m.to === phone && m.text.includes('yêu cầu bổ sung'));
    expect(asked.text).toContain('Bổ sung bản sao giấy chứng sinh');
    const mail = await running.smtpSink!.waitFor(
      (m) => m.to.includes(email) && m.subject.includes('bổ sung'),
      15_000,
    );
    expect(mail.text).toContain('Nội dung cần bổ sung: Bổ sung bản sao giấy chứng sinh');

    await api(running, desk(unit)).post(`/dossiers/${id}/supplement`, {}).expect(200);
    await api(running, officer(unit)).post(`/dossiers/${id}/approve`, {}).expect(200);
    await api(running, unit.keys.leader).post(`/dossiers/${id}/approve`, {}).expect(200);
    await issueResult(running, unit, id);
    const ready = await waitForSms((m) => m.to === phone && m.text.includes('đã có kết quả'));
    expect(ready.text).toBe(
      `Hồ sơ ${code} (Đăng ký khai sinh) đã có kết quả. Mời ông/bà nhận kết quả tại ${unit.tenant.name} hoặc trực tuyến.`,
    );
    await running.smtpSink!.waitFor((m) => m.to.includes(email) && m.subject.includes('kết quả'), 15_000);

    // Let any duplicate delivery have its chance, then count: one SMS per notice.
    await new Promise((r) => setTimeout(r, 500));
    const mine = (await messages()).filter((m) => m.to === phone);
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((m) => m.reference)).size).toBe(3);
  });

  it('the same job delivered twice sends once (effect ledger by job key)', async () => {
    const phone = `08${String(parseInt(uniqueSuffix(), 16)).padStart(8, '0').slice(-8)}`;
    const ctx = { jobKey: `test-sms.${uniqueSuffix()}`, tenantId: unit.tenant.id, attempt: 1 };
    const payload = { to: phone, text: 'Thử nghiệm: Đắk Lắk, Khánh Hòa, Quảng Ngãi' };
    await sendSmsSpec.handle(payload, running.jobs.deps, ctx);
    await sendSmsSpec.handle(payload, running.jobs.deps, { ...ctx, attempt: 2 });
    const mine = (await messages()).filter((m) => m.to === phone);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toBe('Thử nghiệm: Đắk Lắk, Khánh Hòa, Quảng Ngãi');
  });
});
