/** The invoice kinds the API lists (billing INVOICE_KINDS); labels at finance.kind.<kind>. */
export const INVOICE_KINDS = ['lease', 'overage', 'adjustment'] as const;

export const invoiceKindChoices = INVOICE_KINDS.map((k) => ({ id: k, name: `finance.kind.${k}` }));
