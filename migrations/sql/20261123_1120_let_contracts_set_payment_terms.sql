-- Payment terms (hạn thanh toán): days to pay after an invoice is issued. A plan version carries
-- them (migration 0700); a contract may set its own (null: its plan version's, else 30 days). An
-- invoice copies them when drafted, and its due date is its issue day plus them.
alter table contracts add column payment_terms_days integer check (payment_terms_days between 1 and 365);
