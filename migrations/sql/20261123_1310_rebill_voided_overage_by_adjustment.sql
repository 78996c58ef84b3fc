-- A voided overage or adjustment invoice (draft or issued) bills nothing: the next invoice run
-- drafts an adjustment for the contract year, which recomputes its overage minus what its invoices
-- that are not void billed. The run finds such years by their void invoices it has not yet
-- accounted for (finance voids, and may not write usage counters; the run marks them here).
alter table usage_counters add column rebilled_void_invoices integer not null default 0
  check (rebilled_void_invoices >= 0);
create index invoices_void_billing_idx on invoices (tenant_id, contract_id)
  where status = 'void' and kind in ('overage', 'adjustment');
