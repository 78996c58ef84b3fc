import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server at /; hashed assets under /assets get a one-year cache there.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000' } },
});
