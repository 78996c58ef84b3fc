import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// PLACEHOLDER: the portal's pages are being built.
function Portal() {
  return (
    <main>
      <h1>Cổng Dịch vụ công</h1>
      <p>
        <a href="/auth/citizen/login">Đăng nhập</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Portal />
  </StrictMode>,
);
