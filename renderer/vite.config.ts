// Builds the renderer into out/renderer, which `control-room serve` and the desktop window load.
// The page must hold under CSP `script-src 'self'`: no inline scripts, relative asset paths.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // The preload polyfill is injected as code Vite may inline; modern Chromium needs none.
    modulePreload: { polyfill: false },
    // Never turn small assets into data: URLs for scripts; keep every file a file.
    assetsInlineLimit: 0,
  },
});
