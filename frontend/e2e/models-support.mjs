// Setup shared by the Models page's browser tests (models.test.mjs, models-edge.test.mjs): an account, albums of
// distinct crops of the real test photos (through the api, as fixtures), a model made on the page, and following a
// training to its end on the progress bar.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { apiOf, launchBrowser, mainViewport, newAccount, settings, testImage, watchErrors } from './support.mjs'

/**
 * Chromium with one context at the main viewport (service workers blocked, 20 s default timeout), a page whose
 * errors are collected into `pageErrors`, and the api client sharing the context's cookies.
 */
export async function openBrowser(pageErrors) {
  const browser = await launchBrowser()
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: mainViewport, serviceWorkers: 'block' })
  context.setDefaultTimeout(20000)
  const page = await context.newPage()
  watchErrors(page, pageErrors)
  return { browser, context, page, api: apiOf(context) }
}

/** Six crops (fractions of the photo) per class: the api wants 5 distinct pictures a class. */
export const crops = [
  { x: 0, y: 0, w: 0.8, h: 0.8 },
  { x: 0.2, y: 0, w: 0.8, h: 0.8 },
  { x: 0, y: 0.2, w: 0.8, h: 0.8 },
  { x: 0.2, y: 0.2, w: 0.8, h: 0.8 },
  { x: 0.1, y: 0.1, w: 0.7, h: 0.7 },
  { x: 0.05, y: 0.05, w: 0.9, h: 0.9 },
]
/** A crop no training sees, to classify with a model. */
export const unseenCrop = { x: 0.15, y: 0.1, w: 0.75, h: 0.85 }

/** A test photo by its file name beside the cat photo, with its type. */
export function photo(name) {
  const file = name === 'chelsea.png' ? settings.catImage : testImage(name)
  return { file, type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' }
}

/** Three classes a model tells apart well: album name → photo, the names made unique with `suffix` if given. */
export function threeClasses(suffix = '') {
  const name = (word) => (suffix ? `${word} ${suffix}` : word)
  return {
    [name('Cats')]: photo('chelsea.png'),
    [name('Coffee')]: photo('coffee.png'),
    [name('Rockets')]: photo('rocket.jpg'),
  }
}

/** `count` crops on a grid of slightly different windows, for albums larger than six. */
export function gridCrops(count) {
  const side = Math.ceil(Math.sqrt(count))
  return Array.from({ length: count }, (_, i) => {
    const size = 0.7 + 0.05 * (i % 3)
    const step = (1 - size) / Math.max(1, side - 1)
    return { x: step * (i % side), y: step * Math.floor(i / side), w: size, h: size }
  })
}

/** The page's canvas crops a photo (fractions of its size) and answers the PNG: distinct pictures of the same thing. */
export async function cropOf(page, { file, type }, crop) {
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

/** Registers a new account in the context (its api shares the cookies), answering its details. */
export async function signUp(api, prefix) {
  const account = newAccount(prefix)
  const registered = await api.post('/auth/register', account)
  assert.equal(registered.status, 201, JSON.stringify(registered.body))
  return account
}

/** Uploads buffers (PNG) into an album as classifications; answers their ids. */
export async function uploadInto(api, albumId, name, buffers) {
  const ids = []
  for (const [index, buffer] of buffers.entries()) {
    const answer = await api.upload(`${name}-${index}.png`, 'image/png', buffer, { albumId })
    assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body))
    ids.push(answer.body?.id)
  }
  return ids
}

/** An album, created through the api; answers its id. */
export async function createAlbum(api, name) {
  const album = await api.post('/albums', { name })
  assert.equal(album.status, 201, JSON.stringify(album.body))
  return album.body.id
}

/**
 * One album per class with a crop of its photo for each of `cropList`, through the api, and one more crop per class
 * that no album holds (`unseen`). The page must be on the app's origin (its canvas crops). Answers
 * `{ albums: name → id, unseen: name → PNG }`.
 */
export async function albumsOfCrops(page, api, classes, cropList = crops) {
  const albums = {}
  const unseen = {}
  for (const [name, source] of Object.entries(classes)) {
    albums[name] = await createAlbum(api, name)
    const buffers = []
    for (const crop of cropList) buffers.push(await cropOf(page, source, crop))
    await uploadInto(api, albums[name], name, buffers)
    unseen[name] = await cropOf(page, source, unseenCrop)
  }
  const listed = await api.get('/albums')
  for (const name of Object.keys(classes)) assert.equal(listed.body.find((album) => album.name === name)?.itemCount, cropList.length, name)
  return { albums, unseen }
}

/** A model through the api (a fixture for what is tested on its page); answers its id. */
export async function createModelByApi(api, name, albumIds) {
  const created = await api.post('/custom-models', { name, albumIds })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  return created.body.id
}

/** Fills in the "New model" form of /models with a name and albums by name, and submits it. Answers the model id. */
export async function createModelOnPage(page, base, name, albumNames, { beforeSubmit } = {}) {
  await page.goto(`${base}/models`)
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor()
  const form = page.locator('[data-testid="model-create"]')
  await form.locator('[data-testid="model-name"]').fill(name)
  for (const album of albumNames) await form.locator('label.album-option', { hasText: album }).locator('input').check()
  if (beforeSubmit) await beforeSubmit(form)
  await form.locator('[data-testid="model-create-submit"]').click()
  await page.waitForURL(/\/models\/[A-Za-z0-9]+$/)
  await page.locator('[data-testid="model-title"]', { hasText: name }).waitFor()
  return page.url().split('/').at(-1)
}

/** Waits for a training that the page started to end, reading the progress bar while it runs. */
export async function followTraining(page, timeoutMs = 120000) {
  const bar = page.locator('[data-testid="model-training"] [role="progressbar"]')
  const outcome = page.locator('[data-testid="model-training"] .training-outcome')
  const seen = []
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await outcome.isVisible()) break
    const now = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null)
    if (now !== null && seen.at(-1) !== now) seen.push(now)
    await page.waitForTimeout(150)
  }
  await outcome.waitFor({ timeout: 1000 })
  return { outcome: await outcome.innerText(), seen }
}

/** Trains a model through the api and waits for the job's end (a fixture); answers the finished job. */
export async function trainByApi(api, modelId, timeoutMs = 120000) {
  const started = await api.post(`/custom-models/${modelId}/trainings`)
  assert.equal(started.status, 202, JSON.stringify(started.body))
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const job = await api.get(`/custom-models/${modelId}/trainings/${started.body.id}`)
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(job.body?.state)) return job.body
    assert.ok(Date.now() < deadline, `training ${started.body.id} did not end within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}
