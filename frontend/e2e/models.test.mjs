// The Models page (issue 15) in the browser against the full stack: one account, three albums of real photos, then
// through the UI: create a model from them, train it and follow the bar, read the report, classify with it, teach it
// with "Wrong → it is …", retrain, compare the two versions, delete it. Started by e2e/run.mjs, which checks first
// that the stack answers.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { apiOf, launchBrowser, newAccount, settings, snap, testImage, viewports, watchErrors } from './support.mjs'

const base = settings.baseUrl
const suffix = Date.now().toString(36)
const photos = {
  [`Cats ${suffix}`]: { file: settings.catImage, type: 'image/png' },
  [`Coffee ${suffix}`]: { file: testImage('coffee.png'), type: 'image/png' },
  [`Rockets ${suffix}`]: { file: testImage('rocket.jpg'), type: 'image/jpeg' },
}
const classNames = Object.keys(photos)
/** Six crops per class for training (the api wants 5 distinct pictures a class), and one more to classify later. */
const crops = [
  { x: 0, y: 0, w: 0.8, h: 0.8 },
  { x: 0.2, y: 0, w: 0.8, h: 0.8 },
  { x: 0, y: 0.2, w: 0.8, h: 0.8 },
  { x: 0.2, y: 0.2, w: 0.8, h: 0.8 },
  { x: 0.1, y: 0.1, w: 0.7, h: 0.7 },
  { x: 0.05, y: 0.05, w: 0.9, h: 0.9 },
]
const unseenCrop = { x: 0.15, y: 0.1, w: 0.75, h: 0.85 }

describe('Custom models in the browser', { timeout: 6 * 60 * 1000 }, () => {
  let browser
  let context
  let page
  let api
  let modelId
  let modelUrl
  /** Album name → its id. */
  const albums = {}
  /** Class name → a crop the model has not been trained on, as a PNG. */
  const unseen = {}
  const pageErrors = []

  /** The page's canvas crops a photo (fractions of its size) and answers the PNG: distinct pictures of the same thing. */
  async function cropOf(file, type, crop) {
    const dataUrl = `data:${type};base64,${readFileSync(file).toString('base64')}`
    const base64 = await page.evaluate(
      async ({ dataUrl, crop }) => {
        const img = new Image()
        img.src = dataUrl
        await img.decode()
        const sx = Math.round(img.naturalWidth * crop.x)
        const sy = Math.round(img.naturalHeight * crop.y)
        const sw = Math.min(img.naturalWidth - sx, Math.round(img.naturalWidth * crop.w))
        const sh = Math.min(img.naturalHeight - sy, Math.round(img.naturalHeight * crop.h))
        const canvas = document.createElement('canvas')
        canvas.width = sw
        canvas.height = sh
        canvas.getContext('2d').drawImage(img, sx, sy, sw, sh, 0, 0, sw, sh)
        return canvas.toDataURL('image/png').split(',')[1]
      },
      { dataUrl, crop },
    )
    return Buffer.from(base64, 'base64')
  }

  /** Waits for a training that the page started to end, reading the progress bar while it runs. */
  async function followTraining() {
    const bar = page.locator('[data-testid="model-training"] [role="progressbar"]')
    const outcome = page.locator('[data-testid="model-training"] .training-outcome')
    const seen = []
    const deadline = Date.now() + 120000
    while (Date.now() < deadline) {
      if (await outcome.isVisible()) break
      const now = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null)
      if (now !== null && seen.at(-1) !== now) seen.push(now)
      await page.waitForTimeout(150)
    }
    await outcome.waitFor({ timeout: 1000 })
    return { outcome: await outcome.innerText(), seen }
  }

  before(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: viewports.desktop, serviceWorkers: 'block' })
    context.setDefaultTimeout(20000)
    page = await context.newPage()
    watchErrors(page, pageErrors)
    api = apiOf(context)
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
  })

  it('sets up an account with three albums of six distinct photos each (through the api)', async () => {
    const registered = await api.post('/auth/register', newAccount('models'))
    assert.equal(registered.status, 201, JSON.stringify(registered.body))
    await page.goto(`${base}/`) // a page of the app's origin for the canvas
    for (const [name, photo] of Object.entries(photos)) {
      const album = await api.post('/albums', { name })
      assert.equal(album.status, 201, JSON.stringify(album.body))
      albums[name] = album.body.id
      for (const [index, crop] of crops.entries()) {
        const answer = await api.upload(`${name}-${index}.png`, 'image/png', await cropOf(photo.file, photo.type, crop), { albumId: album.body.id })
        assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body))
      }
      unseen[name] = await cropOf(photo.file, photo.type, unseenCrop)
    }
    const listed = await api.get('/albums')
    for (const name of classNames) assert.equal(listed.body.find((album) => album.name === name)?.itemCount, crops.length, name)
  })

  it('creates a model from the three albums on the Models page', async () => {
    await page.goto(`${base}/models`)
    await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor()
    await page.getByText('No models yet').waitFor()
    const form = page.locator('[data-testid="model-create"]')
    await form.locator('[data-testid="model-name"]').fill(`Things ${suffix}`)
    for (const name of classNames) await form.locator('label.album-option', { hasText: name }).locator('input').check()
    await snap(page, 'models-create')
    await form.locator('[data-testid="model-create-submit"]').click()

    await page.waitForURL(/\/models\/[A-Za-z0-9]+$/)
    modelUrl = page.url()
    modelId = modelUrl.split('/').at(-1)
    await page.locator('[data-testid="model-title"]', { hasText: `Things ${suffix}` }).waitFor()
    assert.match(await page.locator('.page-header p').first().innerText(), /3 classes · not trained yet/)
  })

  it('trains it, following the progress bar to the end, and shows the report', async () => {
    const started = Date.now()
    await page.locator('[data-testid="training-start"]', { hasText: /^\s*Train\s*$/ }).click()
    const { outcome, seen } = await followTraining()
    assert.match(outcome, /Done: version 1 is ready and active\./)
    assert.ok(seen.length >= 1, 'the progress bar was shown while it trained')
    assert.ok(seen.map(Number).every((value, i, all) => i === 0 || value >= all[i - 1]), `the bar only moves forward: ${seen}`)
    console.log(`  trained version 1 in ${((Date.now() - started) / 1000).toFixed(1)} s; bar at ${seen.join(', ')} %`)

    const report = page.locator('[data-testid="model-report"]')
    await report.getByRole('heading', { name: /Report of version 1\s*active/ }).waitFor()
    assert.match(await report.locator('[data-testid="report-accuracy"]').innerText(), /^\d+(\.\d+)?\s?%$/)
    assert.match(await report.locator('[data-testid="report-method"]').innerText(), /on 18 pictures/)
    const rows = report.locator('[data-testid="report-classes"] tbody tr')
    assert.equal(await rows.count(), 3)
    for (const name of classNames) assert.match(await rows.filter({ hasText: name }).innerText(), /\b6\b/, `${name} has its 6 pictures`)
    const confusion = report.locator('[data-testid="confusion"]')
    await confusion.getByRole('heading', { name: 'Confusion matrix' }).waitFor()
    await confusion.locator('canvas').waitFor()
    assert.ok(((await confusion.locator('canvas').boundingBox())?.width ?? 0) > 100, 'the heatmap is drawn')
    assert.equal(await confusion.locator('[data-testid="confusion-table"] tbody tr').count(), 3)
    await snap(page, 'model-report')
  })

  it('classifies a new photo with the model on Classify: every class gets a bar; "Wrong → it is …" teaches it', async () => {
    await page.goto(`${base}/`)
    const picker = page.locator('[data-testid="model-picker"]')
    await page.waitForFunction((value) => [...document.querySelectorAll('[data-testid="model-picker"] option')].some((o) => o.value === value && !o.disabled), `custom:${modelId}`)
    await picker.selectOption(`custom:${modelId}`)
    await page.locator('[data-testid="model-picker-hint"]', { hasText: `Things ${suffix}` }).waitFor()

    const coffee = classNames[1]
    await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'coffee-unseen.png', mimeType: 'image/png', buffer: unseen[coffee] })
    const labels = page.getByRole('list', { name: 'Every class of the model' })
    await labels.waitFor({ timeout: settings.classifyTimeoutMs })
    const bars = labels.locator('li')
    assert.equal(await bars.count(), 3)
    const shown = await bars.allInnerTexts()
    for (const name of classNames) assert.ok(shown.some((text) => text.includes(name)), `a bar for ${name}: ${shown}`)
    assert.ok(shown[0].includes(coffee), `the unseen coffee crop is named ${coffee} first: ${shown}`)

    // Say it is another class (as a person correcting a mix-up would), so the picture goes into that class.
    const other = classNames[2]
    await page.locator('[data-testid="feedback-wrong"]').click()
    await page.locator('[data-testid="feedback-classes"]').getByLabel(other).check()
    await page.locator('[data-testid="feedback-save"]').click()
    await page.locator('[data-testid="feedback-saved"]', { hasText: `It is a ${other}` }).waitFor()
    const taught = page.locator('[data-testid="feedback-taught"]')
    await taught.waitFor()
    assert.match(await taught.innerText(), new RegExp(`Added to class ${other} for the next version of Things ${suffix}`))
    await snap(page, 'model-classify-feedback')

    await taught.getByRole('link', { name: `Things ${suffix}` }).click()
    await page.waitForURL(modelUrl)
    const examples = page.locator('[data-testid="model-examples"]')
    await examples.getByRole('heading', { name: '1 new example since version 1' }).waitFor()
    assert.equal(await examples.locator('[data-testid="example"]').count(), 1)
    assert.match(await examples.locator('[data-testid="example"]').innerText(), new RegExp(`Class ${other}`))
  })

  it('retrains with the new example and compares versions 1 and 2 side by side', async () => {
    const started = Date.now()
    await page.locator('[data-testid="examples-retrain"]', { hasText: 'Retrain with it' }).click()
    const { outcome } = await followTraining()
    assert.match(outcome, /Done: version 2 is ready and active\./)
    console.log(`  trained version 2 in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    await page.locator('[data-testid="model-examples"]').getByRole('heading', { name: '0 new examples since version 2' }).waitFor()
    await page.getByText('version 2 active').waitFor()

    const versions = page.locator('[data-testid="version-row"]')
    assert.equal(await versions.count(), 2)
    assert.match(await versions.first().innerText(), /Version 2\s*active[\s\S]*19 pictures/)
    for (const version of ['1', '2']) await page.locator(`[data-testid="version-row"][data-version="${version}"] [data-testid="version-compare"]`).check()
    const compare = page.locator('[data-testid="model-compare"]')
    await compare.getByRole('heading', { name: 'Version 1 and version 2' }).waitFor()
    await compare.locator('[data-testid="compare-accuracy"]').waitFor()
    assert.match(await compare.locator('[data-testid="compare-accuracy"]').innerText(), /\d+(\.\d+)?\s?%[\s\S]*\d+(\.\d+)?\s?%/)
    assert.equal(await compare.locator('[data-testid="compare-class"]').count(), 3)
    for (const name of classNames) await compare.locator('[data-testid="compare-class"]', { hasText: name }).waitFor()
    assert.match(await compare.getByRole('row', { name: /^Pictures/ }).innerText(), /18\s+19\s+\+1/, 'version 2 learnt from one picture more')
    await snap(page, 'model-compare')
  })

  it('deletes the model; its albums stay', async () => {
    await page.locator('[data-testid="model-delete"]').click()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete model' }).click()
    await page.waitForURL(`${base}/models`)
    await page.locator('[data-testid="toast"]', { hasText: `Model “Things ${suffix}” deleted` }).waitFor()
    await page.getByText('No models yet').waitFor()
    assert.equal((await api.get(`/custom-models/${modelId}`)).status, 404)
    const listed = await api.get('/albums')
    for (const name of classNames) assert.ok(listed.body.some((album) => album.name === name), `${name} stays`)
  })

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(pageErrors, [])
  })
})
