// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { precacheList, renderServiceWorker } from './service-worker-plugin.ts'

describe('service worker build', () => {
  const source = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8')

  it('precaches the shell files and nothing else', () => {
    expect(precacheList(['index.html', 'assets/index-1.js', 'assets/index-1.css', 'sw.js', 'stats.json'])).toEqual([
      '/',
      '/assets/index-1.css',
      '/assets/index-1.js',
      '/index.html',
    ])
  })

  it('changes version when a file name changes, and fills both placeholders', () => {
    const one = renderServiceWorker(source, ['assets/a-1.js'], '<html>')
    const two = renderServiceWorker(source, ['assets/a-2.js'], '<html>')
    expect(one).not.toContain('__ZOOLENS_SW_')
    expect(one.match(/const VERSION = '(\w+)'/)?.[1]).not.toBe(two.match(/const VERSION = '(\w+)'/)?.[1])
  })

  it('never answers /api requests from the cache', () => {
    expect(source).toContain("url.pathname.startsWith('/api/')")
  })
})
