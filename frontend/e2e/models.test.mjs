// The Models page (issue 15) in the browser against the full stack: one account, three albums of real photos, then
// through the UI: create a model from them, train it and follow the bar, read the report, classify with it, teach it
// with "Wrong → it is …", retrain, compare the two versions, delete it. Started by e2e/run.mjs, which checks first
// that the stack answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { albumsOfCrops, createModelOnPage, followTraining, openBrowser, signUp, threeClasses } from './models-support.mjs'
import { mainViewport, settings, snap } from './support.mjs'

const base = settings.baseUrl
const suffix = Date.now().toString(36)
const photos = threeClasses(suffix)
const classNames = Object.keys(photos)

describe('Custom models in the browser', { timeout: 6 * 60 * 1000 }, () => {
  let browser
  let context
  let page
  let api
  let modelId
  let modelUrl
  /** Class name → a crop the model has not been trained on, as a PNG. */
  let unseen = {}
  const pageErrors = []

  before(async () => {
    ;({ browser, context, page, api } = await openBrowser(pageErrors))
  })

  after(async () => {
    await context?.close().catch(() => {})
    await browser?.close()
  })

  it('sets up an account with three albums of six distinct photos each (through the api)', async () => {
    await signUp(api, 'models')
    await page.goto(`${base}/`) // a page of the app's origin for the canvas
    unseen = (await albumsOfCrops(page, api, photos)).unseen
  })

  it('creates a model from the three albums on the Models page', async () => {
    await page.goto(`${base}/models`)
    await page.getByText('No models yet').waitFor()
    modelId = await createModelOnPage(page, base, `Things ${suffix}`, classNames, { beforeSubmit: () => snap(page, 'models-create', mainViewport) })
    modelUrl = page.url()
    assert.match(await page.locator('.page-header p').first().innerText(), /3 classes · not trained yet/)
  })

  it('trains it, following the progress bar to the end, and shows the report', async () => {
    const started = Date.now()
    await page.locator('[data-testid="training-start"]', { hasText: /^\s*Train\s*$/ }).click()
    const { outcome, seen } = await followTraining(page)
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
    await snap(page, 'model-report', mainViewport)
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
    await snap(page, 'model-classify-feedback', mainViewport)

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
    const { outcome } = await followTraining(page)
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
    await snap(page, 'model-compare', mainViewport)
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
