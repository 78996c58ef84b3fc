import { Button } from '@mui/material';
import PictureAsPdf from '@mui/icons-material/PictureAsPdf';
import {
  Datagrid,
  List,
  ReferenceField,
  TextField,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { download } from '../core/api';
import { EmptyState } from '../core/EmptyState';
import { DateText, MoneyText } from '../core/fields';

interface CreditNote {
  id: string;
  number: string;
}

/** GET /credit-notes/:id/pdf, the PDF stored when the note was issued, saved as <number>.pdf. */
function CreditNotePdfButton() {
  const record = useRecordContext<CreditNote>();
  const t = useTranslate();
  const notify = useNotify();
  if (!record) return null;
  return (
    <Button
      size="small"
      startIcon={<PictureAsPdf />}
      aria-label={t('finance.credit_notes.pdf_of', { number: record.number })}
      onClick={(e) => {
        e.stopPropagation();
        download(`/credit-notes/${record.id}/pdf`, `${record.number}.pdf`).catch((err: Error) =>
          notify(err.message, { type: 'error' }),
        );
      }}
    >
      {t('finance.credit_notes.pdf')}
    </Button>
  );
}

/** Credit notes; each is made from its invoice's page (Lập hóa đơn điều chỉnh giảm). */
export function CreditNoteList() {
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={<EmptyState title="finance.credit_notes.empty" />}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="number" label="finance.credit_notes.number" />
        <ReferenceField
          source="invoiceId"
          reference="invoices"
          label="finance.credit_notes.invoice"
          link="show"
        >
          <TextField source="number" />
        </ReferenceField>
        <MoneyText source="amount" label="finance.invoices.amount" />
        <TextField source="reason" label="finance.common.reason" />
        <DateText source="createdAt" label="finance.invoices.issued_at" />
        <CreditNotePdfButton />
      </Datagrid>
    </List>
  );
}
