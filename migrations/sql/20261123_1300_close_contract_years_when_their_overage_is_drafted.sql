-- A contract year is now closed by the invoice run that drafts its overage invoice, in the draft's
-- transaction (before, only the invoice's approval closed it, and dossiers recorded between the
-- draft and the approval were neither in the invoice nor late). Overage drafts made before this
-- change close their years here, so approving them no longer needs to.
insert into usage_period_closures (tenant_id, contract_id, closed_through, closed_at, closed_by, invoice_id)
select tenant_id, contract_id, period_end, created_at, 'invoice-run', id
from invoices
where kind = 'overage' and status in ('draft', 'approved')
on conflict (tenant_id, contract_id, closed_through) do nothing;
