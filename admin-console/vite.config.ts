import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server at /admin; hashed assets under /admin/assets get a one-year cache there.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: {
    alias: {
      // The portal's form renderer, so the form builder's preview renders exactly as citizens see it.
      '@portal-form': fileURLToPath(new URL('../tenant-portal/src/form-renderer', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000' } },
});
