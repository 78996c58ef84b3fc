import { maxValue, minValue, number } from 'react-admin';

/**
 * Days to pay an invoice after it is issued, on a plan version or a contract: 1 to 365, as the API
 * (billing plans/schema.ts paymentTermsDays) accepts. Checked in the form so the refusal reads in the
 * console's language beside the field (the browser's own min/max bubble speaks the browser's
 * language and stops the form before its validation runs), and empty stays allowed.
 */
export const validatePaymentTermsDays = [number(), minValue(1), maxValue(365)];
