// electron-vite builds the desktop app into out/: main/index.js (the shell) and main/core.js (the
// core's utility process), preload/index.cjs (sandboxed, so CommonJS and self-contained) and
// renderer/ (the same page renderer/vite.config.ts builds for browser mode).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const REVIEWED_LINKS_CHUNK = 'reviewed-external-links';

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rolldownOptions: {
        input: {
          index: fromRoot('electron/shell/main.ts'),
          core: fromRoot('electron/core/utility-entry.ts'),
        },
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          // The module holding the app's one shell.openExternal call, reviewed for
          // electronegativity's OPEN_EXTERNAL_JS_CHECK, goes in a chunk of its own whose first
          // line carries the tool's marker for that check alone (docs/security.md, item 15).
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: REVIEWED_LINKS_CHUNK, test: /electron[\\/]shell[\\/]external-links/ }],
          },
          banner: (chunk) =>
            chunk.name === REVIEWED_LINKS_CHUNK ? '/* eng-disable OPEN_EXTERNAL_JS_CHECK */' : '',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require only 'electron': everything else is bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('electron/shell/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      rolldownOptions: { input: fromRoot('renderer/index.html') },
    },
  },
});
