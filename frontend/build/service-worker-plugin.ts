import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const template = fileURLToPath(new URL('./service-worker.js', import.meta.url))

/** Shell files worth keeping offline: the page, its code and styles, the manifest and icons. */
export function precacheList(fileNames: string[]): string[] {
  const wanted = fileNames.filter((name) => /\.(js|css|html|webmanifest|svg|png|woff2)$/.test(name) && name !== 'sw.js')
  return ['/', ...wanted.map((name) => `/${name}`).sort()]
}

/** Renders the service worker with this build's precache list; its version changes whenever a file name does. */
export function renderServiceWorker(source: string, fileNames: string[], indexHtml: string): string {
  const precache = precacheList(fileNames)
  const version = createHash('sha256').update(precache.join('\n')).update(indexHtml).digest('hex').slice(0, 12)
  return source.replace('__ZOOLENS_SW_VERSION__', version).replace('__ZOOLENS_SW_PRECACHE__', JSON.stringify(precache))
}

/** Emits /sw.js at build time; in dev there is no service worker at all. */
export function serviceWorker(): Plugin {
  return {
    name: 'zoolens-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const index = bundle['index.html']
      const indexHtml = index && index.type === 'asset' ? String(index.source) : ''
      const names = [...Object.keys(bundle), 'manifest.webmanifest', 'icons/icon.svg', 'icons/icon-192.png', 'icons/icon-512.png']
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: renderServiceWorker(readFileSync(template, 'utf8'), names, indexHtml),
      })
    },
  }
}
