-- Level-4 fees on the dossier: the fee is fixed at submission from the procedure's fees (a later
-- change of the price list does not change what an earlier applicant owes), and the dossier records
-- when it was paid and by which payment (server/src/modules/payments). Expand only: defaults keep
-- every existing dossier as "nothing owed".
alter table dossiers add column fee_total bigint not null default 0 check (fee_total >= 0);
alter table dossiers add column fee_paid_at timestamptz;
alter table dossiers add column fee_payment_id uuid;
-- Returned to the applicant (a dossier refused after payment), in đồng.
alter table dossiers add column fee_refunded bigint not null default 0 check (fee_refunded >= 0);
