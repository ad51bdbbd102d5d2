// Builds the renderer into dist/renderer. Electron loads it from file:// and the browser host
// serves it under a strict CSP, so: relative asset paths, and no inline <script> anywhere.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `root` is resolved against the working directory, not this file: pin it to this folder so the
// build gives the same result from the repo root (`npm run build`) or from here.
const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The module-preload polyfill is injected as an inline script, which the CSP refuses.
    modulePreload: { polyfill: false },
  },
});
