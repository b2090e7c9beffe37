import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { serviceWorker } from './build/service-worker-plugin.ts'

// `npm run dev` proxies /api to a local api-service; override with ZOOLENS_API_URL
// (for example the gateway: https://localhost:8443, whose self-signed certificate is accepted).
const apiTarget = process.env.ZOOLENS_API_URL ?? 'http://localhost:8081'

export default defineConfig({
  plugins: [vue(), serviceWorker()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true, secure: false },
    },
  },
  build: {
    target: 'es2022',
    // No inline assets: keeps everything a file, which the strict CSP (img-src 'self' data: blob:) allows anyway.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
})
