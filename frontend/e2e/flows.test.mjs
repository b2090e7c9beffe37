// The flows a person goes through, in order, in one browser session, against the full stack.
// Started by e2e/run.mjs, which checks first that the stack answers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { launchBrowser, settings, snap, viewports } from './support.mjs'

const base = settings.baseUrl
const account = {
  username: `e2e${Date.now().toString(36)}`,
  email: `e2e-${Date.now().toString(36)}@example.org`,
  password: 'purple-harbor-lantern-47',
}
const albumName = `Cats ${new Date().toISOString().slice(0, 16).replace('T', ' ')}`

describe('Zoolens in the browser', { timeout: 10 * 60 * 1000 }, () => {
  let browser
  let context
  let page
  let itemUrl
  const pageErrors = []

  before(async () => {
    browser = await launchBrowser()
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: viewports.desktop, serviceWorkers: 'block' })
    context.setDefaultTimeout(20000)
    page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) pageErrors.push(`CSP: ${message.text()}`)
    })
  })

  after(async () => {
    await browser?.close()
  })

  it('a guest classifies a real cat photo and sees "cat" with a box', async () => {
    await page.goto(`${base}/`)
    await page.getByRole('heading', { level: 1, name: "What's in your photo?" }).waitFor()
    await snap(page, 'classify-start')

    await page.locator('[data-testid="file-input"]').setInputFiles(settings.catImage)
    await page.locator('[data-testid="result-image"] img').waitFor()
    const topLabel = page.locator('[data-testid="top-label"]')
    await topLabel.waitFor({ timeout: settings.classifyTimeoutMs })
    assert.match(await topLabel.innerText(), /cat/i)
    const catBox = page.locator('[data-testid="box"][data-label="cat"]')
    await catBox.first().waitFor()
    const box = await catBox.first().boundingBox()
    assert.ok(box && box.width > 0, 'the cat box label is drawn over the photo')
    assert.ok((await page.locator('[data-testid="result-labels"] li').count()) >= 1, 'labels with confidence bars are listed')
    await page.locator('[data-testid="guest-invite"]').waitFor()
    await snap(page, 'classify-result')
  })

  it('signs up, and the guest result is in the new account’s history', async () => {
    await page.locator('[data-testid="guest-invite"]').getByRole('link', { name: 'Sign up free' }).click()
    await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor()
    await page.getByLabel('Username').fill(account.username)
    await page.getByLabel('Email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await snap(page, 'sign-up')
    await page.getByRole('button', { name: 'Sign up' }).click()
    await page.locator('[data-testid="account-link"]').waitFor()

    await page.goto(`${base}/history`)
    const card = page.locator('[data-testid="history-card"]').first()
    await card.waitFor()
    assert.match(await card.innerText(), /cat/i)
    await snap(page, 'history')
  })

  it('gives feedback and sees that it was saved', async () => {
    await page.locator('[data-testid="history-card"] a').first().click()
    await page.locator('[data-testid="feedback-correct"]').click()
    await page.locator('[data-testid="feedback-saved"]').waitFor()
    itemUrl = page.url()
    await page.reload()
    const saved = page.locator('[data-testid="feedback-saved"]')
    await saved.waitFor()
    assert.match(await saved.innerText(), /Correct/)
    await snap(page, 'result')
  })

  it('creates an album and files the item into it', async () => {
    await page.goto(`${base}/albums`)
    await page.locator('[data-testid="album-name"]').fill(albumName)
    await page.locator('[data-testid="album-create"]').click()
    const card = page.locator('[data-testid="album-card"]', { hasText: albumName })
    await card.waitFor()

    await page.goto(itemUrl)
    const select = page.locator('#item-album')
    await select.waitFor()
    // Album pickers name each album with its picture count: "Cats … (0 pictures)".
    await page.waitForFunction((name) => [...document.querySelectorAll('#item-album option')].some((o) => o.textContent.startsWith(`${name} (`)), albumName)
    await select.selectOption({ label: `${albumName} (0 pictures)` })
    await page.locator('[data-testid="toast"]', { hasText: 'Filed into the album' }).waitFor()

    await page.goto(`${base}/albums`)
    await card.waitFor()
    assert.match(await card.innerText(), /1 picture\b/)
    await snap(page, 'albums')
    await card.getByRole('link', { name: albumName }).click()
    await page.locator('[data-testid="history-card"]').first().waitFor()
    assert.equal(await page.locator('[data-testid="history-card"]').count(), 1)
  })

  it('shows charts on the stats page', async () => {
    await page.goto(`${base}/stats`)
    const canvas = page.locator('[data-testid="chart"] canvas').first()
    await canvas.waitFor()
    const size = await canvas.boundingBox()
    assert.ok(size && size.width > 100 && size.height > 100, 'a chart is drawn')
    await snap(page, 'stats')
  })

  it('signs out and in again, and still finds the history', async () => {
    await page.goto(`${base}/account`)
    await page.locator('[data-testid="account-username"]', { hasText: account.username }).waitFor()
    await snap(page, 'account')
    await page.locator('[data-testid="sign-out"]').click()
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor()

    await page.goto(`${base}/sign-in`)
    await page.getByLabel('Username or email').fill(account.email)
    await page.getByLabel('Password').fill(account.password)
    await snap(page, 'sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('[data-testid="account-link"]').waitFor()
    await page.goto(`${base}/history`)
    await page.locator('[data-testid="history-card"]').first().waitFor()
  })

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(pageErrors, [])
  })
})
