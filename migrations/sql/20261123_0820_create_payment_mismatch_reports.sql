-- The daily reconciliation report: for one local day (Asia/Ho_Chi_Minh), the payments whose state
-- or amount at the gateway (querydr) disagrees with our ledger. Written by the system job
-- payments/mismatch-report (one row per day, rewritten if the job runs again) and read by finance.
-- Platform-owned: it spans every unit, so units have no policy on it.
create table payment_mismatch_reports (
  day date primary key,
  -- [{ paymentId, txnRef, ledger: { status, amount }, gateway: { responseCode, … } | { error } }]
  mismatches jsonb not null default '[]'::jsonb,
  mismatch_count integer not null check (mismatch_count >= 0),
  created_at timestamptz not null default now()
);
alter table payment_mismatch_reports enable row level security;
alter table payment_mismatch_reports force row level security;
create policy payment_mismatch_reports_read on payment_mismatch_reports for select to motcua_platform
  using ((select current_setting('app.platform_role', true)) in ('platform_admin', 'finance', 'system'));
create policy payment_mismatch_reports_system_write on payment_mismatch_reports for all to motcua_platform
  using ((select current_setting('app.platform_role', true)) = 'system')
  with check ((select current_setting('app.platform_role', true)) = 'system');
grant select, insert, update on payment_mismatch_reports to motcua_ctx;
