// Issue 12, the classify page: nothing-found results, all labels and the threshold, announcements and focus,
// boxes that do not hide each other, photos shrunk in the browser, the upload queue (drop anywhere, paste,
// several files, camera), the album of an upload, honest progress. Desktop and phone sizes, one browser session.
// Started by e2e/run.mjs, which checks first that the stack answers.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { fakeCamera, launchBrowser, settings, snap, testImage, viewports } from './support.mjs'

const base = settings.baseUrl
const sizes = Object.entries(viewports)
const png = (file) => ({ name: file.split('/').pop(), mimeType: 'image/png', buffer: readFileSync(file) })

/** A JPEG's bytes with an EXIF block (APP1) saying how to turn it, right after the start-of-image marker. */
function withExifOrientation(jpeg, orientation) {
  const exif = Buffer.from([
    0xff, 0xe1, 0x00, 0x22, // APP1, 34 bytes from here
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, first IFD at 8
    0x01, 0x00, // one entry
    0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ])
  return Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)])
}

describe('The classify page', { timeout: 20 * 60 * 1000 }, () => {
  let browser
  let context
  let page
  const pageErrors = []

  before(async () => {
    browser = await launchBrowser(fakeCamera)
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: viewports.desktop, serviceWorkers: 'block' })
    // Generous: big generated photos go through the DevTools protocol, on a busy 2-core machine.
    context.setDefaultTimeout(60000)
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageErrors.push(`CSP: ${message.text()}`)
    })
  })

  after(async () => {
    await browser?.close()
  })

  async function open(size = 'desktop') {
    await page.setViewportSize(viewports[size])
    await page.goto(`${base}/`)
    await page.getByRole('heading', { level: 1, name: "What's in your photo?" }).waitFor()
  }

  const announcer = () => page.locator('[data-testid="announcer"]')
  const heading = () => page.locator('#result-heading')

  /** The shown photo's outcome, once it is settled: never the previous photo's heading, still on screen for a frame. */
  async function outcome() {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())))
    await page.locator('[data-testid="classify-status"]').waitFor({ state: 'detached', timeout: settings.classifyTimeoutMs })
    await heading().or(page.locator('[data-testid="problem"]')).first().waitFor({ timeout: settings.classifyTimeoutMs })
    const link = page.locator('[data-testid="open-in-history"]')
    if (!(await link.count())) return null
    const id = (await link.getAttribute('href')).split('/').pop()
    return readClassification(id)
  }

  const readClassification = (id, query = '') =>
    page.evaluate(async ([path]) => (await fetch(path, { credentials: 'include' })).json(), [`/api/classifications/${id}${query}`])

  /**
   * Draws a picture in the page and returns it as a file for setInputFiles: `grey`, `noise`, or a `photo` (a
   * data URL) fitted into the canvas on grey, optionally as `columns` × `rows` tiles.
   */
  async function drawn(name, type, quality, width, height, kind, options = {}) {
    const base64 = await page.evaluate(
      async ([type, quality, width, height, kind, options]) => {
        const canvas = document.createElement('canvas')
        canvas.width = width
        canvas.height = height
        const context = canvas.getContext('2d')
        if (kind === 'grey') {
          context.fillStyle = '#8a8f8c'
          context.fillRect(0, 0, width, height)
        } else if (kind === 'noise') {
          const pixels = context.createImageData(width, height)
          const data = new Uint32Array(pixels.data.buffer)
          for (let i = 0; i < data.length; i++) data[i] = (Math.random() * 0xffffff) | 0xff000000
          context.putImageData(pixels, 0, 0)
        } else {
          const image = new Image()
          image.src = options.url
          await image.decode()
          context.fillStyle = '#8a8f8c'
          context.fillRect(0, 0, width, height)
          const columns = options.columns ?? 1
          const rows = options.rows ?? 1
          const [tileWidth, tileHeight] = [width / columns, height / rows]
          const scale = Math.min(tileWidth / image.width, tileHeight / image.height)
          const [w, h] = [image.width * scale, image.height * scale]
          for (let row = 0; row < rows; row++) {
            for (let column = 0; column < columns; column++) {
              context.drawImage(image, column * tileWidth + (tileWidth - w) / 2, row * tileHeight + (tileHeight - h) / 2, w, h)
            }
          }
        }
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, quality))
        const bytes = new Uint8Array(await blob.arrayBuffer())
        let binary = ''
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
        return btoa(binary)
      },
      [type, quality, width, height, kind, options],
    )
    return { name, mimeType: type, buffer: Buffer.from(base64, 'base64') }
  }

  const dataUrl = (file) => `data:image/${file.endsWith('.png') ? 'png' : 'jpeg'};base64,${readFileSync(file).toString('base64')}`
  const catDataUrl = dataUrl(settings.catImage)

  it('announces the result in a region that stays, moves focus to its heading, and keeps the file input usable (items 9, 15)', async () => {
    for (const [size] of sizes) {
      await open(size)
      const input = page.locator('[data-testid="file-input"]')
      await input.focus()
      const region = await announcer().elementHandle()
      await input.setInputFiles(settings.catImage)
      assert.equal(await input.isDisabled(), false, 'the file input is never disabled, so focus is not dropped')
      const item = await outcome()
      await page.waitForFunction(() => /sure/.test(document.querySelector('[data-testid="announcer"]').textContent))
      const said = (await announcer().textContent()).trim()
      const objects = item.objects.length
      assert.equal(said, `Cat, ${Math.round(item.topScore * 100)}% sure, ${objects} ${objects === 1 ? 'object' : 'objects'} found`)
      assert.ok(await region.evaluate((element) => element.isConnected), 'the live region that announced is the one that was there before')
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'result-heading', 'focus is on the result heading')
      assert.match(await page.locator('[data-testid="timing"]').innerText(), /^Classified in \d/)
      assert.ok(await page.locator('[data-testid="open-in-history"]').isVisible(), 'a guest is offered their history')
    }
    await snap(page, 'classify-announced')
    await page.locator('[data-testid="open-in-history"]').click()
    await page.getByRole('heading', { level: 1, name: 'cat' }).waitFor()
  })

  it('says honestly that nothing was recognised, with the hints, and asks what it is (item 7)', async () => {
    const grey = await drawn('grey.png', 'image/png', undefined, 640, 480, 'grey')
    for (const [size, choice] of [
      ['desktop', 'label'],
      ['phone', 'nothing'],
    ]) {
      await open(size)
      await page.locator('[data-testid="file-input"]').setInputFiles(grey)
      const item = await outcome()
      assert.equal(await heading().innerText(), 'Nothing recognised')
      const hints = await page.locator('[data-testid="hints"]').innerText()
      if (item.hints?.length) {
        assert.match(hints, /^Not confident, but maybe: /)
        for (const hint of item.hints) assert.ok(hints.includes(`${hint.label.replace(/_/g, ' ')} ${Math.round(hint.score * 100)}%`), `hint ${hint.label} shown`)
      } else assert.equal(hints, 'No label came anywhere near sure.')
      assert.doesNotMatch(await page.locator('[data-testid="result"]').innerText(), /Unknown|– sure|0 objects found|Was this right\?/)
      assert.match((await announcer().textContent()).trim(), /^Nothing recognised\./)
      assert.equal(await page.locator('#feedback-heading').innerText(), 'What is it?')
      if (size === 'desktop') await snap(page, 'classify-nothing-found')
      if (choice === 'label') {
        await page.locator('[data-testid="feedback-label"]').fill('wall')
        await page.locator('[data-testid="feedback-save"]').click()
        await page.locator('[data-testid="feedback-saved"]', { hasText: 'You said it is wall' }).waitFor()
        assert.deepEqual(((await readClassification(item.id)).feedback ?? {}).label, 'wall')
      } else {
        await page.locator('[data-testid="feedback-nothing"]').click()
        await page.locator('[data-testid="feedback-saved"]', { hasText: 'Nothing here' }).waitFor()
        assert.equal((await readClassification(item.id)).feedback.correct, true)
      }
      assert.equal(item.recognised, false, 'the api calls it not recognised (contract E)')
      assert.ok(Array.isArray(item.hints), 'the api gives hints (contract E)')
    }
  })

  it('lists every label on request and filters boxes at any threshold (items 8, 10)', async () => {
    await open('desktop')
    await page.locator('[data-testid="file-input"]').setInputFiles(settings.catImage)
    const item = await outcome()
    assert.ok(item.labelCount > 5, `the api keeps every label score (labelCount ${item.labelCount})`)
    const all = page.locator('[data-testid="all-labels"]')
    assert.equal(await all.innerText(), `Show all ${Math.min(100, item.labelCount)} labels`)
    const reread = page.waitForResponse((response) => /\/api\/classifications\/[^/?]+\?topK=100&minScore=0$/.test(response.url()))
    await all.click()
    const body = await (await reread).json()
    assert.deepEqual(body.applied, { topK: 100, minScore: 0 })
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="result-labels"] li').length === count, Math.min(100, item.labelCount))
    await snap(page, 'classify-all-labels')

    const slider = page.locator('[data-testid="threshold"]')
    await slider.fill('95')
    assert.equal(await page.locator('[data-testid="box"]').count(), item.objects.filter((object) => object.score >= 0.95).length)
    await slider.fill('5')
    const low = body.objects.filter((object) => object.score >= 0.05).length
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="box"]').length > 0 || count === 0, low)
    assert.ok((await page.locator('[data-testid="object-item"]').count()) >= item.objects.length)
    assert.match(await heading().innerText(), /^cat$/i, 'the heading stays the upload’s answer')
  })

  it('lays out the labels of a crowd so that none hides another, and links list and boxes (item 10)', async () => {
    // Eight portraits in two rows: eight people, and as many ties inside and beside them (coco-centernet).
    const crowd = await drawn('crowd.jpg', 'image/jpeg', 0.9, 2048, 1200, 'photo', { url: dataUrl(testImage('grace_hopper.jpg')), columns: 4, rows: 2 })
    for (const [size] of sizes) {
      await open(size)
      await page.locator('[data-testid="file-input"]').setInputFiles(crowd)
      const item = await outcome()
      assert.ok(item.objects.length >= 6, `several people found (${item.objects.length})`)
      const frame = await page.locator('[data-testid="result-image"]').boundingBox()
      const labels = await page.locator('[data-testid="box"]').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON()))
      assert.ok(labels.length >= 6)
      labels.forEach((a, index) => {
        assert.ok(a.left >= frame.x - 0.5 && a.right <= frame.x + frame.width + 0.5 && a.top >= frame.y - 0.5 && a.bottom <= frame.y + frame.height + 0.5, 'inside the photo')
        for (const b of labels.slice(index + 1)) {
          const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5
          assert.equal(overlap, false, `labels at ${JSON.stringify(a)} and ${JSON.stringify(b)} overlap (${size})`)
        }
      })

      // Hover (or tap) an entry of the list: its box lights up; keyboard: one tab stop, arrows from box to box.
      // The photo has its final size first: a resting pointer that content slides under would hover something else.
      await page.waitForFunction(() => document.querySelector('[data-testid="result-image"] img')?.complete)
      const entry = page.locator('[data-testid="object-item"]').first()
      // A tap on a phone arrives as a click.
      if (size === 'desktop') await entry.hover()
      else await entry.click()
      const key = await entry.getAttribute('data-key')
      await page.locator(`rect.active[data-key="${key}"]`).waitFor()
      await page.mouse.move(0, 0)
      await page.locator('[data-testid="box"][tabindex="0"]').focus()
      await page.keyboard.press('ArrowRight')
      const second = await page.evaluate(() => document.activeElement?.getAttribute('data-key'))
      assert.notEqual(second, await page.locator('[data-testid="box"]').first().getAttribute('data-key'))
      await page.locator(`[data-testid="object-item"].active[data-key="${second}"]`).waitFor()
    }
    await snap(page, 'classify-crowd')
  })

  it('shrinks large photos in the browser, upright, and states the limits when it still refuses (item 11)', async () => {
    await open('desktop')
    const huge = await drawn('huge.jpg', 'image/jpeg', 0.6, 8000, 8000, 'photo', { url: catDataUrl })
    assert.ok(huge.buffer.length < 10 * 1024 * 1024, `an 8000 × 8000 JPEG of ${huge.buffer.length} bytes`)
    await page.locator('[data-testid="file-input"]').setInputFiles(huge)
    let item = await outcome()
    assert.match(await page.locator('[data-testid="upload-size"]').innerText(), /^Shrunk before upload to 2048 × 2048 px, .+ \(the original: 8000 × 8000 px, /)
    assert.equal(item.image.width, 2048)
    assert.match(await heading().innerText(), /cat/i)
    await snap(page, 'classify-shrunk')

    // Kept as it is, the same photo is refused, and the refusal says the limit.
    await page.locator('[data-testid="keep-original"]').check()
    await page.locator('[data-testid="file-input"]').setInputFiles(huge)
    const problem = page.locator('[data-testid="problem"]')
    await problem.waitFor({ timeout: settings.classifyTimeoutMs })
    assert.match(await problem.innerText(), /40 megapixels/)
    assert.match((await announcer().textContent()).trim(), /That did not work\. .*40 megapixels/)
    await page.locator('[data-testid="keep-original"]').uncheck()

    // A portrait phone photo stored sideways with an EXIF orientation: shrunk upright.
    await open('phone')
    const sideways = await drawn('sideways.jpg', 'image/jpeg', 0.9, 3000, 1500, 'photo', { url: catDataUrl })
    await page.locator('[data-testid="file-input"]').setInputFiles({ ...sideways, buffer: withExifOrientation(sideways.buffer, 6) })
    item = await outcome()
    assert.match(await page.locator('[data-testid="upload-size"]').innerText(), /to 1024 × 2048 px, .+the original: 1500 × 3000 px/)
    assert.deepEqual([item.image.width, item.image.height], [1024, 2048])

    // Over 10 MB: shrunk instead of refused.
    // A phone-sized picture of noise: about 12 MB as a JPEG.
    const noisy = await drawn('noisy.jpg', 'image/jpeg', 0.95, 4032, 3024, 'noise')
    assert.ok(noisy.buffer.length > 10 * 1024 * 1024, `a ${noisy.buffer.length}-byte photo`)
    await page.locator('[data-testid="file-input"]').setInputFiles(noisy, { timeout: 180000 })
    item = await outcome()
    assert.ok(item, 'classified')
    assert.match(await page.locator('[data-testid="upload-size"]').innerText(), /to 2048 × 1536 px, .+the original: 4032 × 3024 px, 1\d(\.\d)? MB\)/)

    // What is not a picture is refused at once, naming what is accepted.
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') })
    const refusal = page.locator('[data-testid="problem"]', {
      // The accepted types as the api's session lists them.
      hasText: /“notes\.pdf” is application\/pdf; Zoolens reads (JPEG|PNG|WebP|GIF|BMP)(, (JPEG|PNG|WebP|GIF|BMP))* and (JPEG|PNG|WebP|GIF|BMP) pictures\./,
    })
    await refusal.waitFor().catch(async (error) => {
      const state = await page.evaluate(() => ({
        stage: document.querySelector('.classify-stage')?.textContent?.replace(/\s+/g, ' '),
        queue: [...document.querySelectorAll('[data-testid="queue-item"]')].map((item) => `${item.textContent?.trim()}: ${item.dataset.phase}`),
      }))
      throw new Error(`${error.message}\n${JSON.stringify(state)}`)
    })
  })

  it('takes several photos dropped anywhere, picked or pasted, as a queue, and keeps the camera working (item 12)', async () => {
    await open('desktop')
    const files = [settings.catImage, testImage('astronaut.png'), testImage('coffee.png')]
    // A real drag from outside the browser (trusted events), dropped on the page header, not on the drop zone.
    const cdp = await context.newCDPSession(page)
    const target = await page.locator('.page-header p').boundingBox()
    const at = { x: Math.round(target.x + 10), y: Math.round(target.y + target.height / 2) }
    const data = { items: [], files, dragOperationsMask: 1 }
    for (const type of ['dragEnter', 'dragOver']) await cdp.send('Input.dispatchDragEvent', { type, ...at, data })
    await page.locator('.classify-drop').waitFor()
    await cdp.send('Input.dispatchDragEvent', { type: 'drop', ...at, data })
    const queue = page.locator('[data-testid="queue-item"]')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 3)
    assert.equal(page.url(), `${base}/`, 'the browser did not open the dropped file')
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="queue-item"]')].every((item) => item.dataset.phase === 'done'), null, {
      timeout: settings.classifyTimeoutMs,
    })
    assert.equal(await page.locator('[data-testid="queue-open"]').count(), 3, 'each finished photo links to its result')
    await snap(page, 'classify-queue')

    // The picker takes several files; a paste adds one more.
    await page.locator('[data-testid="file-input"]').setInputFiles([png(settings.catImage), png(testImage('coffee.png'))])
    await page.evaluate((base64) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], 'pasted.png', { type: 'image/png' }))
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }))
    }, readFileSync(settings.catImage).toString('base64'))
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 6)
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="queue-item"]')].every((item) => item.dataset.phase === 'done'), null, {
      timeout: settings.classifyTimeoutMs,
    })
    assert.match(await queue.nth(5).innerText(), /pasted\.png/)
    await queue.first().getByRole('button', { name: /^Show/ }).click()
    assert.equal(await queue.first().getAttribute('aria-current'), 'true')
    assert.match(await heading().innerText(), /cat/i)

    // At phone size, and with the camera (Chromium's fake one).
    await open('phone')
    await page.locator('[data-testid="file-input"]').setInputFiles([png(settings.catImage), png(testImage('astronaut.png'))])
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="queue-item"]')].filter((item) => item.dataset.phase === 'done').length === 2, null, {
      timeout: settings.classifyTimeoutMs,
    })
    await page.getByRole('button', { name: 'Take a photo' }).click()
    await page.waitForFunction(() => document.querySelector('video')?.videoWidth > 0)
    await page.getByRole('button', { name: 'Capture' }).click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]').length === 3)
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-item"]')[2]?.dataset.phase === 'done', null, { timeout: settings.classifyTimeoutMs })
    await snap(page, 'classify-queue-camera')
  })

  it('does not call an upload that visibly moves "taking longer than usual" (item 15)', async () => {
    await open('desktop')
    await page.locator('[data-testid="keep-original"]').check()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    // About 60 KB/s up: the 466 KB coffee photo takes some 8 s to send, well past the 4 s "slow" mark.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: 60 * 1024 })
    const started = Date.now()
    await page.locator('[data-testid="file-input"]').setInputFiles(testImage('coffee.png'))
    let uploadingMs = 0
    let percents = new Set()
    for (;;) {
      const status = await page.locator('[data-testid="classify-status"] .status-title').textContent().catch(() => '')
      if (!/Uploading/.test(status ?? '')) {
        if (percents.size) break
      } else {
        percents.add(status)
        uploadingMs = Date.now() - started
        assert.equal(await page.locator('[data-testid="slow"]').count(), 0, `"longer than usual" shown at ${status}`)
      }
      if (Date.now() - started > 60000) break
      await page.waitForTimeout(250)
    }
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    assert.ok(uploadingMs > 4500, `the upload took ${uploadingMs} ms, longer than the slow mark`)
    assert.ok(percents.size > 3, `progress moved: ${[...percents].join(', ')}`)
    await outcome()
    await page.locator('[data-testid="keep-original"]').uncheck()
  })

  it('confirms the album an upload went to (item 13)', async () => {
    await open('desktop')
    const stamp = Date.now().toString(36)
    const album = `Upload album ${stamp}`
    const status = await page.evaluate(
      async ([username, album]) => {
        const token = () => decodeURIComponent(document.cookie.match(/XSRF-TOKEN=([^;]+)/)?.[1] ?? '')
        await fetch('/api/auth/csrf', { credentials: 'include' })
        const post = (path, body) =>
          fetch(path, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': token() }, body: JSON.stringify(body) })
        const registered = await post('/api/auth/register', { username, email: `${username}@example.org`, password: 'violet-canyon-ferry-82' })
        await fetch('/api/auth/csrf', { credentials: 'include' }) // the token rotates at sign-in
        const created = await post('/api/albums', { name: album })
        return [registered.status, created.status]
      },
      [`e2ealbum${stamp}`, album],
    )
    assert.deepEqual(status, [201, 201])
    await open('desktop')
    // Pickers show the album's size after its name ("Zoo (0 pictures)").
    const value = await page.waitForFunction(
      (name) => [...document.querySelectorAll('#upload-album option')].find((option) => option.textContent.startsWith(`${name} (`))?.value,
      album,
    )
    await page.locator('#upload-album').selectOption(await value.jsonValue())
    await page.locator('[data-testid="file-input"]').setInputFiles(settings.catImage)
    await outcome()
    assert.equal(await page.locator('[data-testid="result-album"]').innerText(), `Filed into album ${album}`)
    await snap(page, 'classify-album')
  })

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(pageErrors, [])
  })
})
