import type { TenantRole } from '../../db/transactor';
import { AppError } from '../../errors';
import type { ObjectStorage } from '../../modules/storage/object-storage';
import type { DossierActor } from '../../modules/dossiers/transition';
import type { Grant, HandlerContext } from '../route-table';
import { idFrom } from '../ids';

/** A malformed id is a dossier that does not exist. */
export function dossierIdFrom(params: Record<string, string>): string {
  return idFrom(params, { vi: 'Không tìm thấy hồ sơ', en: 'Dossier not found' });
}

/** The staff member or key acting, with the unit roles this route granted. */
export function staffActor(ctx: HandlerContext, grant: Grant): DossierActor {
  const roles: TenantRole[] = grant.kind === 'tenant' ? grant.roles : [];
  const a = ctx.scope!.actor;
  return { kind: a.kind, id: a.id, roles };
}

export function citizenActor(ctx: HandlerContext): DossierActor {
  return { kind: 'citizen', id: ctx.scope!.actor.id, roles: ['citizen'] };
}

export function objectStore(ctx: HandlerContext): ObjectStorage {
  const store = ctx.req.app.locals.objects as ObjectStorage | undefined;
  if (!store)
    throw new AppError('unavailable', { vi: 'Kho tệp chưa sẵn sàng', en: 'The file store is not available' });
  return store;
}

/** The Idempotency-Key header: a retried submission returns the first dossier. */
export function idempotencyKey(ctx: HandlerContext): string | null {
  const k = ctx.req.get('idempotency-key');
  if (k === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(k))
    throw new AppError(
      'validation_failed',
      { vi: 'Idempotency-Key không hợp lệ', en: 'Invalid Idempotency-Key' },
      [
        {
          path: 'Idempotency-Key',
          message: '1–200 ký tự ASCII in được',
          message_en: '1–200 printable ASCII characters',
        },
      ],
    );
  return k;
}
