// Shared settings and helpers for the end-to-end tests (playwright-core driving Debian's Chromium).
import { mkdirSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const here = path.dirname(fileURLToPath(import.meta.url))
export const frontendDir = path.resolve(here, '..')
export const repoDir = path.resolve(frontendDir, '..')

export const settings = {
  baseUrl: (process.env.ZOOLENS_E2E_BASE_URL ?? 'https://localhost:8443').replace(/\/$/, ''),
  catImage: process.env.ZOOLENS_E2E_CAT_IMAGE ?? path.join(repoDir, '.cache/test-images/chelsea.png'),
  chromium: process.env.ZOOLENS_E2E_CHROMIUM ?? '/usr/bin/chromium',
  screenshots: process.env.ZOOLENS_E2E_SCREENSHOTS ?? path.join(frontendDir, 'screenshots'),
  /** The first classification may wait for a cold model. */
  classifyTimeoutMs: Number(process.env.ZOOLENS_E2E_CLASSIFY_TIMEOUT_MS ?? 90000),
}

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
}

/** The size a file that runs at one size works at: ZOOLENS_E2E_VIEWPORT=phone runs it on a phone (default desktop). */
export const mainViewport = viewports[process.env.ZOOLENS_E2E_VIEWPORT ?? 'desktop'] ?? viewports.desktop

export async function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: settings.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  })
}

let shot = 0

/**
 * Saves the page at desktop and phone widths as screenshots/NN-name-{desktop,phone}.png. The window is made as
 * tall as the page (rather than a full-page capture) so that fixed parts such as the phone tab bar sit where they belong.
 * The page is left at `after` (desktop unless told).
 */
export async function snap(page, name, after = viewports.desktop) {
  mkdirSync(settings.screenshots, { recursive: true })
  const prefix = String(++shot).padStart(2, '0')
  for (const [kind, viewport] of Object.entries(viewports)) {
    await page.setViewportSize(viewport)
    await page.waitForTimeout(350) // charts and grids re-lay out after a resize
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 6000)) })
    await page.waitForTimeout(200)
    await page.screenshot({ path: path.join(settings.screenshots, `${prefix}-${name}-${kind}.png`) })
  }
  await page.setViewportSize(after)
}

/**
 * The public API with a browser context's own cookies (Playwright's context.request shares them), sending the
 * CSRF token from the cookie jar as the SPA does: for setting up and checking what the UI did, never instead of it.
 */
export function apiOf(context, base = settings.baseUrl) {
  async function token() {
    const find = async () => (await context.cookies(base)).find((cookie) => cookie.name === 'XSRF-TOKEN')
    let cookie = await find()
    if (!cookie) {
      await context.request.get(`${base}/api/auth/csrf`)
      cookie = await find()
    }
    return cookie ? decodeURIComponent(cookie.value) : ''
  }
  async function call(method, path, { json, multipart } = {}) {
    const headers = { Accept: 'application/json, application/problem+json' }
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = await token()
    const response = await context.request.fetch(`${base}/api${path}`, { method, headers, data: json, multipart })
    const text = await response.text()
    let body = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = text
    }
    return { status: response.status(), body }
  }
  return {
    get: (path) => call('GET', path),
    post: (path, json) => call('POST', path, { json }),
    put: (path, json) => call('PUT', path, { json }),
    /** An upload; `fields` are further form parts, e.g. `{ albumId }` to file it into an album. */
    upload: (name, mimeType, buffer, fields = {}) => call('POST', '/classifications', { multipart: { image: { name, mimeType, buffer }, ...fields } }),
  }
}

/** A new account's details, unique for this run. */
export function newAccount(prefix) {
  const stamp = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
  return { username: `${prefix}${stamp}`, email: `${prefix}-${stamp}@example.org`, password: 'purple-harbor-lantern-47' }
}

/** Collects script errors and Content-Security-Policy violations of a page into `errors`. */
export function watchErrors(page, errors) {
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) errors.push(`CSP: ${message.text()}`)
  })
}

/**
 * A plain TCP relay on a free local port to the stack's gateway that connects from another loopback address
 * (`localAddress`, e.g. 127.0.0.2): the browser speaks TLS to the gateway through it unchanged, and the gateway sees
 * a client of its own address. For limits per address, which every other test (all from 127.0.0.1) shares.
 * Answers the origin to use (same host name, so the certificate and the allowed hosts still fit) and `close`.
 */
export async function relayFrom(localAddress, target = settings.baseUrl) {
  const url = new URL(target)
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  // The gateway listens on IPv4; "localhost" might resolve to ::1 first here.
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname
  const sockets = new Set()
  const server = net.createServer((client) => {
    const upstream = net.connect({ host, port, localAddress })
    const close = () => {
      for (const socket of [client, upstream]) {
        socket.destroy()
        sockets.delete(socket)
      }
    }
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', close)
      socket.on('close', close)
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return {
    origin: `${url.protocol}//${url.hostname}:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

/** The other test photos beside the cat (scripts/fetch-test-images.sh). */
export const testImage = (name) => path.join(path.dirname(settings.catImage), name)

/** Chromium's fake camera (a test video) without a permission prompt, for the camera flow: launchBrowser(fakeCamera). */
export const fakeCamera = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
