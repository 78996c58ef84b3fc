import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const pkg = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

const vendor = (name: string, priority: number, packages: string) => ({
  name,
  priority,
  test: pkg(packages),
});

/**
 * Vendor code in a few long-cached chunks that change only when a dependency does: a release of
 * the console's own code re-downloads only its own chunk. Higher priority takes a shared module.
 */
const vendorGroups = [
  vendor('vendor-react', 30, 'react|react-dom|scheduler|react-router|react-router-dom'),
  vendor(
    'vendor-mui',
    20,
    '@mui|@emotion|@popperjs|stylis|react-transition-group|react-is|hoist-non-react-statics|clsx|@babel[\\\\/]runtime',
  ),
  vendor(
    'vendor-react-admin',
    10,
    'react-admin|ra-[a-z-]+|react-hook-form|@tanstack|lodash|inflection|jsonexport|query-string|node-polyglot|react-hotkeys-hook|react-error-boundary|eventemitter3',
  ),
];

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
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Explicit package lists: a catch-all node_modules group would pull recharts and dnd-kit
        // (lazy pages only) into the first screen. MUI components only a lazy page uses (the
        // onboarding stepper, ~4 KB gzip) do move into vendor-mui: MUI's barrel imports them all.
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/auth': 'http://localhost:3000' } },
});
