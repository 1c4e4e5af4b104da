import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Multi-page app served by the Gengbao server from web/dist. `npm run dev` proxies the APIs to a running server
// (./run, port 5080 unless GENGBAO_PORT says otherwise).
const server = `http://127.0.0.1:${process.env.GENGBAO_PORT ?? '5080'}`;

export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        onemap: resolve(import.meta.dirname, 'index.html'),
        dashboard: resolve(import.meta.dirname, 'dashboard.html'),
        login: resolve(import.meta.dirname, 'login.html'),
        portal: resolve(import.meta.dirname, 'portal.html'),
        field: resolve(import.meta.dirname, 'field.html'),
        patrol: resolve(import.meta.dirname, 'patrol.html'),
        admin: resolve(import.meta.dirname, 'admin.html'),
        cases: resolve(import.meta.dirname, 'cases.html'),
      },
    },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/tiles', '/p', '/health', '/openapi'].map((p) => [p, server])),
  },
});
