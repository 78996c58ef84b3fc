import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics for one app instance (its own registry, so tests can build many apps). */
export class HttpMetrics {
  private readonly registry = new Registry();
  private readonly duration = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'motcua_' });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.duration.startTimer();
      res.on('finish', () => {
        // The matched route pattern, never the raw path: ids would explode the label space.
        const routePath = (req.route as { path?: string } | undefined)?.path;
        // A group's own path ('/' under /api/v1/tenants) is the group's path (dispatch.ts).
        const route = !routePath
          ? 'unmatched'
          : routePath === '/' && req.baseUrl
            ? req.baseUrl
            : `${req.baseUrl}${routePath}`;
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }
}
