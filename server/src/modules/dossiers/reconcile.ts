import type { CountsProvider, UsageCounts } from '../../../../metering/src/index';

/**
 * The expected side of `usage reconcile`: dossiers received per unit, each counted under the
 * contract that covered its local reception day (contract years starting in `year`), plus the
 * events units' own software reported through the ingestion API (dossiers we never held). So the
 * metered counters are proven against the dossiers themselves, not against their own events.
 */
export const receivedDossierTotals: CountsProvider = async (tx, year) => {
  const { rows } = await tx.raw<{ rows: { tenant_id: string; n: string }[] }>(
    `select tenant_id, sum(n)::bigint as n from (
       select d.tenant_id, count(*) as n
         from dossiers d
         join contracts c on c.tenant_id = d.tenant_id
          and (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date between c.start_date and coalesce(c.ended_on, c.end_date)
        where d.received_at is not null and extract(year from c.start_date) = ?
        group by d.tenant_id
       union all
       select e.tenant_id, sum(e.quantity) as n
         from usage_events e
         join contracts c on c.tenant_id = e.tenant_id and c.id = e.contract_id
        where e.source = 'ingestion' and e.metric = 'dossier.received' and extract(year from c.start_date) = ?
        group by e.tenant_id
     ) x group by tenant_id`,
    [year, year],
  );
  const out: UsageCounts = new Map();
  for (const r of rows) out.set(r.tenant_id, Number(r.n));
  return out;
};
