import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { useLogin, useTranslate } from 'react-admin';

/** No password form of our own: one button that starts the OIDC flow. */
export function LoginPage() {
  const login = useLogin();
  const t = useTranslate();
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Card sx={{ maxWidth: 420 }}>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>
            {t('shell.title')}
          </Typography>
          <Typography sx={{ mb: 2 }}>{t('shell.sign_in_hint')}</Typography>
          <Button variant="contained" onClick={() => login({})}>
            {t('shell.sign_in')}
          </Button>
        </CardContent>
      </Card>
    </Box>
  );
}
