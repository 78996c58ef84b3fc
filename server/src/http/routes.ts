import type { RouteDef } from './route-table';
import { apiKeyRoutes } from './handlers/api-keys';
import { auditRoutes } from './handlers/audit';
import { dictionaryRoutes } from './handlers/dictionary';
import { formRoutes } from './handlers/forms';
import { jobRoutes } from './handlers/jobs';
import { meRoutes } from './handlers/me';
import { tenantRoutes } from './handlers/tenants';
import { planRoutes } from './handlers/plans';
import { contractRoutes } from './handlers/contracts';
import { usageRoutes } from './handlers/usage';
import { invoiceRoutes } from './handlers/invoices';
import { creditNoteRoutes } from './handlers/credit-notes';
import { financeRoutes } from './handlers/finance';
import { procedureRoutes } from './handlers/procedures';
import { publicCatalogRoutes } from './handlers/public-catalog';
import { publicUnitRoutes } from './handlers/public-units';
import { dossierRoutes } from './handlers/dossiers';
import { myDossierRoutes } from './handlers/my-dossiers';
import { ratingRoutes } from './handlers/ratings';
import { monitoringRoutes } from './handlers/monitoring';
import { digitizationRoutes } from './handlers/digitization';
import { workflowRoutes } from './handlers/workflows';
import { dossierTransferRoutes } from './handlers/dossier-transfers';
import { deskReceptionRoutes } from './handlers/desk-receptions';
import { dossierSlipRoutes } from './handlers/dossier-slips';
import { dossierResultRoutes } from './handlers/dossier-results';
import { colleagueRoutes } from './handlers/colleagues';
import { dossierAttachmentRoutes } from './handlers/dossier-attachments';
import { resultVerifyRoutes } from './handlers/results-verify';
import { holidayRoutes } from './handlers/holidays';
import { unitStaffRoutes } from './handlers/unit-staff';
import { paymentRoutes } from './handlers/payments';
import { paymentAdminRoutes } from './handlers/payment-admin';
import { paymentSubjectRoutes } from './handlers/payment-subjects';

/** Every API route, in one flat table (paths relative to /api/v1). Each declares who may call it. */
export const routes: readonly RouteDef[] = [
  ...meRoutes,
  ...tenantRoutes,
  ...apiKeyRoutes,
  ...auditRoutes,
  ...jobRoutes,
  ...dictionaryRoutes,
  ...formRoutes,
  ...planRoutes,
  ...contractRoutes,
  ...usageRoutes,
  ...invoiceRoutes,
  ...creditNoteRoutes,
  ...financeRoutes,
  ...procedureRoutes,
  ...publicCatalogRoutes,
  ...publicUnitRoutes,
  ...resultVerifyRoutes,
  ...dossierRoutes,
  ...myDossierRoutes,
  ...ratingRoutes,
  ...monitoringRoutes,
  ...digitizationRoutes,
  ...workflowRoutes,
  ...dossierTransferRoutes,
  ...deskReceptionRoutes,
  ...dossierSlipRoutes,
  ...dossierResultRoutes,
  ...colleagueRoutes,
  ...dossierAttachmentRoutes,
  ...holidayRoutes,
  ...unitStaffRoutes,
  // Before paymentRoutes: its /payments/:id would answer 404 for the literal paths here.
  ...paymentSubjectRoutes,
  ...paymentAdminRoutes,
  ...paymentRoutes,
];
