import { Button } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { download } from '../core/api';

export const currentYear = () =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));

/** XLSX and CSV of invoices, usage or the summary for a year (GET /finance/exports/:kind). */
export function ExportButtons(props: { kind: 'invoices' | 'usage' | 'summary'; year: number }) {
  const t = useTranslate();
  const notify = useNotify();
  const get = (format: 'xlsx' | 'csv') =>
    download(
      `/finance/exports/${props.kind}?format=${format}&year=${props.year}`,
      `${props.kind}-${props.year}.${format}`,
    ).catch((e: Error) => notify(e.message, { type: 'error' }));
  return (
    <>
      <Button onClick={() => get('xlsx')}>{t('finance.common.export_xlsx')}</Button>
      <Button onClick={() => get('csv')}>{t('finance.common.export_csv')}</Button>
    </>
  );
}
