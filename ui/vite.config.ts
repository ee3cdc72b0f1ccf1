import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Tauri serves the built files from ui/dist; in development it loads this dev server.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: 'es2021', chunkSizeWarningLimit: 2000 },
  test: { environment: 'node', include: ['src/**/*.test.ts'] },
});
