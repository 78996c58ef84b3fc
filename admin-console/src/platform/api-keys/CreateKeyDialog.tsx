import Add from '@mui/icons-material/Add';
import ContentCopy from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiText,
} from '@mui/material';
import { useRef, useState } from 'react';
import {
  AutocompleteInput,
  HttpError,
  ReferenceInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { keyScopes, roleChoices, type KeyScope } from './scopes';

const tenantLabel = (r: { code: string; name: string }) => `${r.name} (${r.code})`;

/**
 * Creates a key, then shows its secret once: copyable, with the warning that it cannot be shown
 * again. Only "I have saved the key" closes that view (no click outside does).
 */
export function CreateKeyButton({ scope }: { scope: KeyScope }) {
  const t = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const secretInput = useRef<HTMLTextAreaElement>(null);

  const submit = async (values: Record<string, unknown>) => {
    try {
      const { data } = await dataProvider.create(keyScopes[scope].resource, { data: values });
      setSecret((data as { key: string }).key);
    } catch (e) {
      if (e instanceof HttpError) {
        const errors = (e.body as { errors?: Record<string, string> } | undefined)?.errors ?? {};
        if (Object.keys(errors).length > 0) return errors;
        notify(e.message, { type: 'error' });
        return;
      }
      throw e;
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      notify('platform.api_keys.copied', { type: 'success' });
    } catch {
      secretInput.current?.select();
      notify('platform.api_keys.copy_failed', { type: 'warning' });
    }
  };
  const close = () => {
    setOpen(false);
    setSecret(null);
    refresh();
  };

  return (
    <>
      <Button variant="contained" size="small" startIcon={<Add />} onClick={() => setOpen(true)}>
        {t('platform.api_keys.create')}
      </Button>
      <Dialog
        open={open}
        onClose={(_e, reason) => {
          // The secret view waits for its own button; the form may be dismissed.
          if (!secret && reason !== 'backdropClick') close();
        }}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle>
          {t(secret ? 'platform.api_keys.created_title' : 'platform.api_keys.create_title')}
        </DialogTitle>
        {secret ? (
          <>
            <DialogContent>
              <Alert severity="warning" sx={{ mb: 2 }} data-testid="api-key-once-warning">
                {t('platform.api_keys.once_warning')}
              </Alert>
              <MuiText
                fullWidth
                multiline
                label={t('platform.api_keys.secret')}
                value={secret}
                inputRef={secretInput}
                onFocus={(e) => e.target.select()}
                slotProps={{
                  htmlInput: { readOnly: true, 'data-testid': 'api-key-secret', spellCheck: false },
                  // The whole key, wrapped, with room below the line for its underscores.
                  input: {
                    sx: { fontFamily: 'monospace', fontSize: 14, lineHeight: 1.6, wordBreak: 'break-all' },
                  },
                }}
              />
            </DialogContent>
            <DialogActions>
              <Button startIcon={<ContentCopy />} onClick={copy}>
                {t('platform.api_keys.copy')}
              </Button>
              <Button variant="contained" onClick={close}>
                {t('platform.api_keys.saved')}
              </Button>
            </DialogActions>
          </>
        ) : (
          <DialogContent>
            <SimpleForm
              onSubmit={submit}
              defaultValues={{ role: keyScopes[scope].roles[0] }}
              toolbar={
                <Toolbar>
                  <SaveButton label="platform.api_keys.create" alwaysEnable />
                </Toolbar>
              }
            >
              {scope === 'unit' && (
                <ReferenceInput source="tenantId" reference="tenants">
                  <AutocompleteInput
                    label="platform.api_keys.unit"
                    optionText={tenantLabel}
                    filterToQuery={(q: string) => ({ q })}
                    validate={required()}
                    fullWidth
                  />
                </ReferenceInput>
              )}
              <TextInput
                source="name"
                label="platform.api_keys.name"
                helperText="platform.api_keys.name_help"
                validate={required()}
                fullWidth
              />
              <SelectInput
                source="role"
                label="platform.api_keys.role"
                choices={roleChoices(scope)}
                validate={required()}
              />
            </SimpleForm>
          </DialogContent>
        )}
      </Dialog>
    </>
  );
}
