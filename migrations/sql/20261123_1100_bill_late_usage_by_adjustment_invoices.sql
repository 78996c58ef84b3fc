-- Usage recorded after its contract year was closed (usage_events.period_closed) is billed by an
-- adjustment invoice (hóa đơn bổ sung cước vượt định mức, series BS) in the next invoice run: the
-- year's overage recomputed with the late events, minus what the year's overage and earlier
-- adjustment invoices already billed. The issued invoice is never touched.

alter table invoices drop constraint invoices_kind_check;
alter table invoices add constraint invoices_kind_check check (kind in ('lease', 'overage', 'adjustment'));
alter table invoices drop constraint invoices_series_check;
alter table invoices add constraint invoices_series_check check (series in ('TL', 'VM', 'BS'));
-- An adjustment's instalment is its sequence within the contract year (1, 2, …), so the unique
-- (unit, contract, kind, instalment) key keeps a run idempotent for adjustments too.
alter table invoices drop constraint invoices_instalment_check;
alter table invoices add constraint invoices_instalment_check
  check (instalment >= 1 and (instalment <= 12 or kind = 'adjustment'));

alter table invoice_number_counters drop constraint invoice_number_counters_series_check;
alter table invoice_number_counters add constraint invoice_number_counters_series_check
  check (series in ('TL', 'VM', 'CN', 'BS'));

-- How much of closed_period_quantity an adjustment has accounted for (with an invoice, or settled
-- without one when the year stayed within its quota). Moved by the invoice run in the transaction
-- that writes the adjustment, so a crash leaves both or neither.
alter table usage_counters add column settled_closed_quantity bigint not null default 0;
alter table usage_counters add constraint usage_counters_settled_within_closed
  check (settled_closed_quantity between 0 and closed_period_quantity);
-- The run looks for counters with late usage not yet settled: a handful among 10,000s.
create index usage_counters_unsettled_idx on usage_counters (tenant_id, contract_id)
  where closed_period_quantity > settled_closed_quantity;
