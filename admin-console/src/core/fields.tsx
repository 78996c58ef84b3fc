import { Chip } from '@mui/material';
import { FunctionField, useTranslate, type FunctionFieldProps } from 'react-admin';
import { formatDate, formatDateTime, formatMoney } from './format';

type FieldProps = Omit<FunctionFieldProps, 'render'> & { source: string };

const valueAt = (record: Record<string, unknown>, source: string): unknown =>
  source.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], record);

/** A date as dd/MM/yyyy in Asia/Ho_Chi_Minh. */
export function DateText(props: FieldProps) {
  return <FunctionField {...props} render={(r) => formatDate(valueAt(r, props.source) as string)} />;
}

/** A date and time, dd/MM/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function DateTimeText(props: FieldProps) {
  return <FunctionField {...props} render={(r) => formatDateTime(valueAt(r, props.source) as string)} />;
}

/** Đồng as 1.188.000.000 ₫, right-aligned in tables. */
export function MoneyText(props: FieldProps) {
  return (
    <FunctionField
      textAlign="right"
      {...props}
      render={(r) => formatMoney(valueAt(r, props.source) as number)}
    />
  );
}

const statusColour: Record<string, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  active: 'success',
  paid: 'success',
  completed: 'success',
  issued: 'info',
  approved: 'info',
  draft: 'default',
  queued: 'default',
  pending: 'default',
  running: 'info',
  suspended: 'warning',
  overdue: 'error',
  failed: 'error',
  terminated: 'error',
  void: 'error',
  retired: 'default',
};

/** A status as a coloured chip, its label from `<prefix>.<status>`. */
export function StatusChip(props: FieldProps & { prefix: string }) {
  const t = useTranslate();
  const { prefix, ...rest } = props;
  return (
    <FunctionField
      {...rest}
      render={(r) => {
        const s = String(valueAt(r, props.source) ?? '');
        return (
          <Chip size="small" color={statusColour[s] ?? 'default'} label={t(`${prefix}.${s}`, { _: s })} />
        );
      }}
    />
  );
}
