/**
 * The HTTP SMS gateway interface: POST <base>/sms with JSON { to, text, reference } and the key in
 * X-Api-Key. The development simulator (infra/src/sms-gateway-simulator.ts) speaks the same.
 */
export interface SmsMessage {
  to: string;
  text: string;
  /** Our job key, for the gateway's logs and delivery reports. */
  reference?: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export class SmsGatewayError extends Error {}

export function httpSmsSender(baseUrl: string, apiKey: string, timeoutMs = 10_000): SmsSender {
  const url = `${baseUrl.replace(/\/$/, '')}/sms`;
  return {
    async send(m) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-api-key': apiKey },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok)
        throw new SmsGatewayError(`SMS gateway answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    },
  };
}

/** No gateway configured: every send fails, so the job is retried and finally shows as failed. */
export const unconfiguredSmsSender: SmsSender = {
  send: () => Promise.reject(new SmsGatewayError('No SMS gateway is configured (SMS_GATEWAY_URL)')),
};
