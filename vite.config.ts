import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer loads from file:// in Electron, so every asset path is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130', assetsInlineLimit: 0 },
});
