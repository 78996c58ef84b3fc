import { z } from 'zod';
import type { RouteDef } from './route-table';

function jsonSchema(s: z.ZodType): unknown {
  return z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
}

const problem = {
  description: 'application/problem+json (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/**
 * The OpenAPI 3.1 document, generated from the same route table and zod schemas that route and
 * validate requests, so it cannot drift from what the server does.
 */
export function openApiDocument(routes: readonly RouteDef[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = `/api/v1${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    if (r.list)
      params.push(
        { name: 'sort', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'range', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'filter', in: 'query', required: false, schema: { type: 'string' } },
      );
    const a = r.access;
    const who =
      'public' in a
        ? 'public'
        : 'signedIn' in a
          ? 'signed-in'
          : 'citizen' in a
            ? 'citizen'
            : [...(a.platform ?? []), ...(a.tenant ?? [])].join(', ');
    (paths[path] ??= {})[r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: `Access: ${who}`,
      ...('public' in a ? { security: [] } : {}),
      parameters: params,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      responses: {
        [r.method === 'post' ? '201' : '200']: {
          description: 'OK',
          ...(r.response ? { content: { 'application/json': { schema: jsonSchema(r.response) } } } : {}),
          ...(r.list ? { headers: { 'Content-Range': { schema: { type: 'string' } } } } : {}),
        },
        '4XX': problem,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MotCua API',
      version: '1',
      description: 'Cổng Dịch vụ công – Hệ thống thông tin một cửa điện tử',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'API key: mct_… (unit) or mcp_… (platform)' },
        session: { type: 'apiKey', in: 'cookie', name: 'motcua.sid' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: { path: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
