import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves dist/ at `/` in production; in development Vite serves the app and forwards the
// API and the WebSocket to a server on the default port, so the app always talks to its own origin.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/v1': { target: 'http://127.0.0.1:8080', ws: true, changeOrigin: false },
    },
  },
  build: { outDir: 'dist', sourcemap: true, target: 'es2022' },
});
