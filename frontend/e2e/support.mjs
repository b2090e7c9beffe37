// Shared settings and helpers for the end-to-end tests (playwright-core driving Debian's Chromium).
import { mkdirSync } from 'node:fs'
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
 */
export async function snap(page, name) {
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
  await page.setViewportSize(viewports.desktop)
}

/** The other test photos beside the cat (scripts/fetch-test-images.sh). */
export const testImage = (name) => path.join(path.dirname(settings.catImage), name)

/** Chromium's fake camera (a test video) without a permission prompt, for the camera flow: launchBrowser(fakeCamera). */
export const fakeCamera = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
