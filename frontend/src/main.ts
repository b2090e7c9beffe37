import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createAppRouter } from './router'
import './assets/main.css'

const app = createApp(App)
app.use(createPinia())
app.use(createAppRouter())
app.mount('#app')

// The service worker keeps the shell available offline; it never touches /api (see build/service-worker.js).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Not installable here (for example an untrusted test certificate): the app works the same without it.
    })
  })
}
