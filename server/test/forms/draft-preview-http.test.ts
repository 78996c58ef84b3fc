import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../src/boot';
import { ensureCoreDictionary } from '../../src/modules/dictionary/core-fields';
import { bearer, createTestUnit, startTestServer, type TestUnit } from '../support/app';

/** POST /forms/preview: the builder's live preview compiles a draft it sends, storing nothing. */
let running: Running;
let unit: TestUnit;

const draft = (items: object[]) => ({
  sections: [{ id: 'chung', title: 'Thông tin chung', items }],
  attachments: [],
});

const preview = (key: string, body: object) =>
  request(running.url).post('/api/v1/forms/preview').set('Authorization', bearer(key)).send(body);

beforeAll(async () => {
  running = await startTestServer();
  await running.transactor.withSystem((tx) => ensureCoreDictionary(tx));
  unit = await createTestUnit(running, ['tenant_admin', 'desk_officer']);
});
afterAll(async () => {
  await running?.close();
});

describe('POST /forms/preview', () => {
  it('compiles the draft in the body into the JSON Schema and layout, with the condition', async () => {
    const res = await preview(unit.keys.tenant_admin!.key, {
      draft: draft([
        { kind: 'field', key: 'delivery.by_post' },
        {
          kind: 'field',
          key: 'delivery.postal_address',
          required: true,
          visibleWhen: { field: 'delivery.by_post', equals: true },
        },
      ]),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.jsonSchema.allOf[0].then).toEqual({ required: ['delivery.postal_address'] });
    expect(res.body.uiLayout.sections[0].items[1].visibleWhen).toEqual({
      field: 'delivery.by_post',
      scope: 'form',
      equals: true,
    });
    expect(Object.keys(res.body.fields)).toEqual(['delivery.by_post', 'delivery.postal_address']);
    // Nothing was stored: the unit still has no form.
    const forms = await request(running.url)
      .get('/api/v1/forms')
      .set('Authorization', bearer(unit.keys.tenant_admin!));
    expect(forms.body).toEqual([]);
  });

  it('refuses a draft that does not compile, at paths into the draft, in vi and en', async () => {
    const res = await preview(unit.keys.tenant_admin!.key, {
      draft: draft([
        {
          kind: 'field',
          key: 'delivery.postal_address',
          visibleWhen: { field: 'delivery.by_post', equals: true },
        },
        { kind: 'field', key: 'delivery.by_post' },
      ]),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        path: 'draft.sections.0.items.0.visibleWhen.field',
        message: expect.stringContaining('delivery.by_post'),
        message_en: "The condition depends on 'delivery.by_post', declared later; move that field above",
      },
    ]);
  });

  it('is for the unit admin only', async () => {
    const res = await preview(unit.keys.desk_officer!.key, { draft: draft([]) });
    expect(res.status).toBe(403);
  });
});
