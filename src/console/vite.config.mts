import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// Built into dist/console (git-ignored), which restify serves under /console/ (src/http/console-static.ts).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: { outDir: path.resolve(import.meta.dirname, '../../dist/console'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: 'warn',
});
