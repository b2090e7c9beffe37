// The Models page (issue 15) beyond the happy path of models.test.mjs, in the browser against the full stack: a
// refused training says what to fix, a training cancelled from the progress bar, "none of my classes" feedback and
// removing an example, a keyboard-only walk with its live-region announcements, an axe-core scan at both sizes,
// an offline reload from the service worker, and changing a model's classes. Started by e2e/run.mjs.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  albumsOfCrops,
  createAlbum,
  createModelByApi,
  cropOf,
  crops,
  followTraining,
  gridCrops,
  openBrowser,
  photo,
  signUp,
  threeClasses,
  trainByApi,
  uploadInto,
} from './models-support.mjs'
import { launchBrowser, mainViewport, settings, viewports, watchErrors } from './support.mjs'

const base = settings.baseUrl
const suffix = Date.now().toString(36)
// Album names need only be unique per account, and this file has an account of its own: plain names read better
// in the report saved for the README.
const photos = threeClasses()
const [cats, coffee, rockets] = Object.keys(photos)
const few = 'Flowers'
const mixed = 'Astronauts'
/** The keyboard walk's classes: pictures no other training read, so its features take a few seconds to hear. */
const keyboardClasses = { People: photo('grace_hopper.jpg'), Blooms: photo('flower.jpg') }
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

describe('Custom models: refusals, cancel, feedback, keyboard, accessibility, offline', { timeout: 8 * 60 * 1000 }, () => {
  let browser
  let context
  let page
  let api
  /** Album name → id. */
  let albums = {}
  /** Class name → a crop no album holds. */
  let unseen = {}
  /** The three-class model: cancelled once, then trained; classified with; scanned; shown offline. */
  let thingsId
  /** The two-class model made with the keyboard alone. */
  let keyboardId
  const pageErrors = []
  const timings = {}

  const timed = async (name, body) => {
    const started = Date.now()
    try {
      return await body()
    } finally {
      timings[name] = Date.now() - started
    }
  }
  const modelPage = async (id) => {
    await page.goto(`${base}/models/${id}`)
    await page.locator('[data-testid="model-title"]').waitFor()
  }
  const problemText = () => page.locator('[data-testid="model-training"] [data-testid="problem"]').innerText()
  /** Waits until the class table shows these picture counts (the page re-reads the albums after it opens). */
  const classCounts = async (counts) => {
    const shown = () =>
      page.evaluate(() => [...document.querySelectorAll('[data-testid="class-row"]')].map((row) => [row.querySelector('th')?.textContent.trim(), Number(row.querySelector('td')?.textContent)]))
    await page
      .waitForFunction(
        (wanted) =>
          Object.entries(wanted).every(([name, count]) =>
            [...document.querySelectorAll('[data-testid="class-row"]')].some((row) => row.querySelector('th')?.textContent.trim() === name && Number(row.querySelector('td')?.textContent) === count),
          ),
        counts,
      )
      .catch(async (error) => assert.fail(`the class table shows ${JSON.stringify(await shown())}, not ${JSON.stringify(counts)}: ${error.message}`))
  }

  before(async () => {
    ;({ browser, context, page, api } = await openBrowser(pageErrors))
  })

  after(async () => {
    console.log(`  timings (ms): ${Object.entries(timings).map(([name, ms]) => `${name} ${ms}`).join(', ')}`)
    await context?.close().catch(() => {})
    await browser?.close()
  })

  it('sets up an account, five albums of six crops, one of two and one sharing a picture (through the api)', async () => {
    await timed('setup', async () => {
      await signUp(api, 'edge')
      await page.goto(`${base}/`) // a page of the app's origin for the canvas
      ;({ albums, unseen } = await albumsOfCrops(page, api, photos))
      const flower = photo('flower.jpg')
      albums[few] = await createAlbum(api, few)
      await uploadInto(api, albums[few], few, [await cropOf(page, flower, crops[0]), await cropOf(page, flower, crops[1])])
      // Five astronaut crops and, byte for byte, the first coffee crop again: one picture in two classes.
      const astronaut = photo('astronaut.png')
      albums[mixed] = await createAlbum(api, mixed)
      const buffers = []
      for (const crop of crops.slice(0, 5)) buffers.push(await cropOf(page, astronaut, crop))
      buffers.push(await cropOf(page, photos[coffee], crops[0]))
      await uploadInto(api, albums[mixed], mixed, buffers)
      Object.assign(albums, (await albumsOfCrops(page, api, keyboardClasses, gridCrops(6))).albums)
    })
  })

  it('refuses a class with too few pictures, and a picture in two classes, saying what to do', async () => {
    await timed('refusal', async () => {
      const fewId = await createModelByApi(api, `Too few ${suffix}`, [albums[cats], albums[few]])
      await modelPage(fewId)
      await classCounts({ [cats]: 6, [few]: 2 })
      // Before anything is sent: the class check names the class and how many pictures to add.
      const warning = page.locator('[data-testid="class-warnings"] li[data-kind="too-few-pictures"]')
      assert.equal(await warning.count(), 1, 'only the small class is too small')
      assert.match(await warning.innerText(), new RegExp(`Training will refuse: “${few}” has 2 pictures; a class needs at least 5 .* Add 3 more\\.`))
      await page.locator('[data-testid="training-start"]').click()
      await page.locator('[data-testid="model-training"] [data-testid="problem"][data-problem="training-refused"]').waitFor()
      const refused = await problemText()
      assert.match(refused, /Training could not start/)
      assert.match(refused, new RegExp(few), `the refusal names the class: ${refused}`)
      assert.match(refused, /Add pictures to that album .*then train again\./, `the refusal says what to do: ${refused}`)
      assert.match(await page.locator('.page-header p').first().innerText(), /not trained yet/)

      const mixedId = await createModelByApi(api, `Shared ${suffix}`, [albums[coffee], albums[mixed]])
      await modelPage(mixedId)
      await classCounts({ [coffee]: 6, [mixed]: 6 })
      assert.equal(await page.locator('[data-testid="class-warnings"] [data-kind]').count(), 0, 'the counts alone cannot see a shared picture')
      await page.locator('[data-testid="training-start"]').click()
      await page.locator('[data-testid="model-training"] [data-testid="problem"][data-problem="training-refused"]').waitFor()
      const conflict = await problemText()
      assert.match(conflict, /The same picture is in more than one class/)
      assert.ok(conflict.includes(`in ${coffee} and ${mixed}`) || conflict.includes(`in ${mixed} and ${coffee}`), `the conflict lists both classes: ${conflict}`)
      assert.match(conflict, /Take it out of all but one album, then train again\./)
    })
  })

  it('cancels a training from the progress bar; the model stays as it was and trains afterwards', async () => {
    await timed('cancel (with two trainings)', async () => {
      // The first training over these 18 pictures: the features are not cached yet, so the bar runs for seconds.
      thingsId = await createModelByApi(api, `Things ${suffix}`, [albums[cats], albums[coffee], albums[rockets]])
      await modelPage(thingsId)
      await page.locator('[data-testid="training-start"]').click()
      const cancel = page.locator('[data-testid="training-cancel"]')
      await cancel.waitFor()
      await page.locator('[data-testid="model-training"] [role="progressbar"]').waitFor()
      await cancel.click()
      const outcome = page.locator('[data-testid="model-training"] .training-outcome')
      await outcome.waitFor({ timeout: 60000 })
      assert.match(await outcome.innerText(), /Training cancelled\. The model is as it was\./)
      await page.locator('[data-testid="training-announcement"]', { hasText: 'Training cancelled.' }).waitFor()
      assert.match(await page.locator('.page-header p').first().innerText(), /3 classes · not trained yet/)
      assert.equal(await page.locator('[data-testid="version-row"]').count(), 0)
      const model = await api.get(`/custom-models/${thingsId}`)
      assert.equal(model.body.activeVersion, null, JSON.stringify(model.body))

      // Still trainable: the same button makes version 1.
      await page.locator('[data-testid="training-start"]', { hasText: /^\s*Train\s*$/ }).click()
      await outcome.filter({ hasText: 'cancelled' }).waitFor({ state: 'detached' })
      const trained = await followTraining(page)
      assert.match(trained.outcome, /Done: version 1 is ready and active\./)
      await page.locator('[data-testid="model-report"]').getByRole('heading', { name: /Report of version 1\s*active/ }).waitFor()
    })
  })

  it('"None of its classes" on an unknown answer adds no example; removing an example lowers the count', async () => {
    await timed('unknown + examples', async () => {
      // Two examples as fixtures: answers of the model corrected to a class.
      for (const name of [cats, rockets]) {
        const answer = await api.upload(`${name}-unseen.png`, 'image/png', unseen[name], { customModelId: thingsId })
        assert.equal(answer.status, 201, JSON.stringify(answer.body))
        const feedback = await api.put(`/classifications/${answer.body.id}/feedback`, { correct: false, label: name })
        assert.equal(feedback.status, 200, JSON.stringify(feedback.body))
      }

      // A flower is none of cats, coffee and rockets.
      await page.goto(`${base}/`)
      await page.waitForFunction(
        (value) => [...document.querySelectorAll('[data-testid="model-picker"] option')].some((o) => o.value === value && !o.disabled),
        `custom:${thingsId}`,
      )
      await page.locator('[data-testid="model-picker"]').selectOption(`custom:${thingsId}`)
      const flower = photo('flower.jpg')
      await page.locator('[data-testid="file-input"]').setInputFiles({ name: 'flower.jpg', mimeType: flower.type, buffer: readFileSync(flower.file) })
      const none = page.locator('[data-testid="feedback-nothing"]')
      await none.waitFor({ timeout: settings.classifyTimeoutMs })
      assert.match(await none.innerText(), /None of its classes, that’s right/)
      await none.click()
      await page.locator('[data-testid="feedback-saved"]', { hasText: 'None of its classes' }).waitFor()
      assert.equal(await page.locator('[data-testid="feedback-taught"]').count(), 0, 'no class was taught')

      await modelPage(thingsId)
      const examples = page.locator('[data-testid="model-examples"]')
      await examples.getByRole('heading', { name: '2 new examples since version 1' }).waitFor()
      await examples.locator('[data-testid="example"]', { hasText: cats }).getByRole('button', { name: `Remove the picture from class ${cats}` }).click()
      await examples.getByRole('heading', { name: '1 new example since version 1' }).waitFor()
      assert.equal(await examples.locator('[data-testid="example"]').count(), 1)
      assert.match(await examples.locator('[data-testid="example"]').innerText(), new RegExp(`Class ${rockets}`))
      assert.match(await examples.getByRole('status').first().innerText(), new RegExp(`Removed from class ${cats}`))
      const listed = await api.get(`/custom-models/${thingsId}/examples`)
      assert.deepEqual(
        listed.body.examples.map((example) => example.label),
        [rockets],
      )
    })
  })

  /** Presses Tab (Shift+Tab with `back`) until the focused element fits `test`, at most `max` times. */
  async function tabTo(what, test, arg, { max = 80, back = false } = {}) {
    for (let i = 0; i < max; i++) {
      if (await page.evaluate(test, arg)) return
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab')
    }
    assert.fail(`Tab never reached ${what}; focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200))}`)
  }

  it('walks create → train → report with the keyboard alone, hearing the progress in the live region', async () => {
    await timed('keyboard walk', async () => {
      await page.goto(`${base}/models`)
      await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor()
      await page.locator('[data-testid="model-create"] label.album-option').first().waitFor()
      await tabTo('the name field', () => document.activeElement?.getAttribute('data-testid') === 'model-name')
      await page.keyboard.type(`Keys ${suffix}`)
      for (const name of Object.keys(keyboardClasses)) {
        await tabTo(
          `the album ${name}`,
          (album) => document.activeElement?.matches('label.album-option input') && document.activeElement.closest('label').textContent.includes(album),
          name,
        )
        await page.keyboard.press('Space')
        assert.ok(await page.evaluate(() => document.activeElement.checked), `${name} is checked`)
      }
      await tabTo('Create', () => document.activeElement?.getAttribute('data-testid') === 'model-create-submit')
      await page.keyboard.press('Enter')
      await page.waitForURL(/\/models\/[A-Za-z0-9]+$/)
      keyboardId = page.url().split('/').at(-1)
      await page.locator('[data-testid="model-title"]', { hasText: `Keys ${suffix}` }).waitFor()

      // Every text the polite region says from now on.
      await page.evaluate(() => {
        const region = document.querySelector('[data-testid="training-announcement"]')
        window.__announced = []
        new MutationObserver(() => {
          const text = region.textContent.trim()
          if (text && window.__announced.at(-1) !== text) window.__announced.push(text)
        }).observe(region, { childList: true, characterData: true, subtree: true })
      })
      const region = page.locator('[data-testid="training-announcement"]')
      assert.equal(await region.getAttribute('aria-live'), 'polite')
      assert.equal(await region.getAttribute('role'), 'status')
      await tabTo('Train', () => document.activeElement?.getAttribute('data-testid') === 'training-start')
      await page.keyboard.press('Enter')
      await page.locator('[data-testid="model-training"] .training-outcome').waitFor({ timeout: 120000 })
      await region.filter({ hasText: 'Done: version 1 is ready and active.' }).waitFor()
      const announced = await page.evaluate(() => window.__announced)
      console.log(`  announced: ${announced.join(' | ')}`)
      assert.ok(announced.length >= 2, `the start and the end were announced: ${announced}`)
      assert.match(announced[0], /Waiting for its turn|Training started/, `the start: ${announced}`)
      assert.ok(
        announced.some((text) => /^Training started\. Features \d+ of 12|of the features\./.test(text)),
        `the progress through the 12 pictures' features was announced: ${announced}`,
      )
      assert.equal(announced.at(-1), 'Done: version 1 is ready and active.')

      // On to the report: its per-class table scrolls with the keyboard (a focusable, named region).
      const report = page.locator('[data-testid="model-report"]')
      await report.getByRole('heading', { name: /Report of version 1\s*active/ }).waitFor()
      await tabTo('the report', () => !!document.activeElement?.closest('[data-testid="model-report"]'))
      const focused = await page.evaluate(() => ({ label: document.activeElement.getAttribute('aria-label'), tag: document.activeElement.tagName }))
      assert.ok(focused.label, `the first stop in the report is named: ${JSON.stringify(focused)}`)
    })
  })

  /** axe-core on the current page; answers the serious and critical violations as lines. */
  async function scan() {
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource)
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
    return result.violations
      .filter((violation) => ['serious', 'critical'].includes(violation.impact))
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
  }

  it('has no serious or critical axe-core violations on /models and a trained model with compare, at both sizes', async () => {
    await timed('axe scan', async () => {
      // A second version (it learns the remaining example) so that the comparison is on the page too.
      assert.equal((await trainByApi(api, thingsId)).state, 'SUCCEEDED')
      const found = []
      for (const [size, viewport] of Object.entries(viewports)) {
        await page.setViewportSize(viewport)
        await page.goto(`${base}/models`)
        await page.locator('[data-testid="model-card"]').first().waitFor()
        found.push(...(await scan()).map((line) => `/models ${size}: ${line}`))
        await page.goto(`${base}/models/${thingsId}?compare=1,2`)
        await page.locator('[data-testid="model-compare"] [data-testid="compare-accuracy"]').waitFor()
        await page.locator('[data-testid="confusion"] canvas').waitFor()
        await page.locator('[data-testid="model-examples"]').getByRole('heading', { name: /new examples? since version 2/ }).waitFor()
        found.push(...(await scan()).map((line) => `/models/:id ${size}: ${line}`))
      }
      await page.setViewportSize(mainViewport)
      assert.deepEqual(found, [])
    })
  })

  it('reloads a model offline from the service worker: shell, icon and manifest from the cache, the offline banner', async () => {
    await timed('offline', async () => {
      // At the other size than the rest of the file. A browser of its own: Chromium registers no service worker from a self-signed origin unless told to ignore
      // certificate errors (ignoreHTTPSErrors is not enough); service workers allowed, signed in as the same person.
      const swBrowser = await launchBrowser(['--ignore-certificate-errors'])
      const online = await swBrowser.newContext({ ignoreHTTPSErrors: true, viewport: mainViewport === viewports.phone ? viewports.desktop : viewports.phone, storageState: await context.storageState() })
      try {
        const offlinePage = await online.newPage()
        const errors = []
        watchErrors(offlinePage, errors)
        await offlinePage.goto(`${base}/models/${thingsId}`)
        await offlinePage.locator('[data-testid="model-title"]', { hasText: `Things ${suffix}` }).waitFor()
        await offlinePage.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20000 })
        await offlinePage.evaluate(() => navigator.serviceWorker.ready)

        await online.setOffline(true)
        await offlinePage.reload()
        await offlinePage.locator('[data-testid="offline-banner"]').waitFor()
        assert.match(await offlinePage.locator('[data-testid="offline-banner"]').innerText(), /You are offline/)
        await offlinePage.getByRole('link', { name: 'All models' }).waitFor()
        const cached = await offlinePage.evaluate(async () => {
          const manifest = await fetch('/manifest.webmanifest').then((r) => (r.ok ? r.json() : null)).catch(() => null)
          const icon = await fetch('/icons/icon-192.png').then((r) => r.ok).catch(() => false)
          const brand = document.querySelector('.app-brand img')
          return { manifestName: manifest?.name ?? null, icon, brandIcon: brand ? brand.complete && brand.naturalWidth > 0 : false }
        })
        assert.ok(cached.manifestName, `the manifest comes from the cache: ${JSON.stringify(cached)}`)
        assert.ok(cached.icon, `the icon comes from the cache: ${JSON.stringify(cached)}`)
        assert.ok(cached.brandIcon, `the header's icon is shown: ${JSON.stringify(cached)}`)
        assert.deepEqual(errors, [])
        // An offline reload keeps the signed-in user (stores/auth.ts), so the model page shows, not the guest invitation.
        assert.equal(
          await offlinePage.getByText('Custom models come with an account').count(),
          0,
          'offline reload forgot the signed-in user',
        )
      } finally {
        await swBrowser.close().catch(() => {})
      }
    })
  })

  it('changes the classes of a model: adds a third album, saves, trains a version with 3 classes', async () => {
    await timed('change classes', async () => {
      await modelPage(keyboardId)
      await page.locator('[data-testid="model-classes-edit"]').click()
      const editor = page.locator('[data-testid="model-classes-editor"]')
      await editor.waitFor()
      // The keyboard model has People and Blooms; Rockets holds its six photos and the example filed by feedback.
      const option = editor.locator('label.album-option', { hasText: rockets })
      assert.match(await option.innerText(), new RegExp(`${rockets} \\(\\d+ pictures\\)`))
      const third = option.locator('[data-testid="model-album"]')
      assert.equal(await third.isChecked(), false)
      await third.check()
      await editor.locator('[data-testid="model-classes-save"]').click()
      await page.locator('[data-testid="model-classes-saved"]').waitFor()
      await page.locator('[data-testid="model-classes-announcement"]').filter({ hasText: /\S/ }).waitFor()
      assert.match(await page.locator('.page-header p').first().innerText(), /3 classes/)
      await page.locator('[data-testid="model-classes-train"]').click()
      const { outcome } = await followTraining(page)
      assert.match(outcome, /Done: version 2 is ready and active\./)
      const model = await api.get(`/custom-models/${keyboardId}`)
      assert.equal(model.body.versions.find((version) => version.version === '2')?.classes?.length ?? model.body.classes.length, 3)
      assert.equal(await page.locator('[data-testid="model-report"] [data-testid="report-classes"] tbody tr').count(), 3)
    })
  })

  // Copied, shrunk, to docs/images/models-report.png (docs/frontend.md says how).
  it('saves the report of a trained model for the README', async () => {
    await page.setViewportSize(viewports.desktop)
    await modelPage(thingsId)
    const report = page.locator('[data-testid="model-report"]')
    await report.locator('[data-testid="confusion"] canvas').waitFor()
    await page.waitForTimeout(400) // the heatmap's animation
    const file = path.join(settings.screenshots, 'models-report-readme.png')
    // The sticky header would cover the report's heading in an element shot.
    await page.evaluate(() => (document.querySelector('header').style.visibility = 'hidden'))
    await report.screenshot({ path: file })
    await page.evaluate(() => (document.querySelector('header').style.visibility = ''))
    await page.setViewportSize(mainViewport)
    assert.ok(readFileSync(file).length > 10000, 'the report was drawn')
  })

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(pageErrors, [])
  })
})
