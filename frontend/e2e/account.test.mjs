// Sessions, limits, password rules, albums, History's select-several and stats, against the full stack
// (issue 12: items 4, 5, 7, 13, 14, 15). Started by e2e/run.mjs, which checks first that the stack answers.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { apiOf, launchBrowser, newAccount, relayFrom, settings, snap, viewports, watchErrors } from './support.mjs'

const base = settings.baseUrl
const PROBLEM = 'https://zoolens.io/problems/'
const cat = readFileSync(settings.catImage)
const stamp = Date.now().toString(36)

/**
 * The guest limit counts per network address, and every other test reaches the gateway from 127.0.0.1. On a local
 * stack this test comes from 127.0.0.2 through a TCP relay (support.mjs), so it uses up an allowance of its own;
 * ZOOLENS_E2E_GUEST_BASE_URL names another way in for a remote stack.
 */
async function guestOrigin() {
  if (process.env.ZOOLENS_E2E_GUEST_BASE_URL) return { origin: process.env.ZOOLENS_E2E_GUEST_BASE_URL.replace(/\/$/, ''), close: async () => {} }
  const { hostname } = new URL(base)
  if (hostname !== 'localhost' && hostname !== '127.0.0.1') return null
  return relayFrom('127.0.0.2')
}

const windowNames = { 60: 'a minute', 3600: 'an hour', 86400: 'a day' }

describe('Accounts, sessions and limits in the browser', { timeout: 10 * 60 * 1000 }, () => {
  let browser
  const pageErrors = []
  const contexts = []

  /** A browser of its own (cookies, session) at the given size, like a second device. */
  async function device({ viewport = viewports.desktop, origin = base } = {}) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, serviceWorkers: 'block' })
    context.setDefaultTimeout(20000)
    contexts.push(context)
    const page = await context.newPage()
    watchErrors(page, pageErrors)
    return { context, page, api: apiOf(context, origin) }
  }

  async function register(api, account) {
    const answer = await api.post('/auth/register', account)
    assert.equal(answer.status, 201, JSON.stringify(answer.body))
    return answer.body
  }

  async function signIn(api, account) {
    const answer = await api.post('/auth/login', { login: account.username, password: account.password })
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
  }

  async function uploadCats(api, count) {
    for (let i = 0; i < count; i++) {
      const answer = await api.upload(`cat-${i}.png`, 'image/png', cat)
      assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body))
    }
  }

  /** The link of a main section that is on screen: the header's on a desktop, the tab bar's on a phone. */
  const sectionLink = (page, name) => page.getByRole('link', { name, exact: true }).filter({ visible: true }).first()

  before(async () => {
    browser = await launchBrowser()
  })

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
  })

  it('shows a guest every page without a 401 or any console error, asking /api/auth/session', async () => {
    const { page } = await device()
    const refused = []
    const consoleErrors = []
    const asked = new Set()
    page.on('response', (response) => {
      const url = new URL(response.url())
      if (!url.pathname.startsWith('/api/')) return
      asked.add(url.pathname)
      if (response.status() === 401) refused.push(`${response.request().method()} ${url.pathname}`)
    })
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    for (const path of ['/', '/history', '/albums', '/stats', '/sign-up']) {
      await page.goto(`${base}${path}`)
      await page.locator('#main h1').waitFor()
      await page.waitForLoadState('networkidle')
    }
    assert.deepEqual(refused, [])
    assert.deepEqual(consoleErrors, [])
    assert.ok(asked.has('/api/auth/session'), 'the app asks who is here with /api/auth/session')
    assert.ok(!asked.has('/api/auth/me'), 'and no longer with /api/auth/me')
  })

  it('signed in on two devices, "sign out everywhere" on one: the other refuses an upload and says why', async () => {
    const account = newAccount('twodev')
    const laptop = await device()
    const phone = await device({ viewport: viewports.phone })
    await register(laptop.api, account)
    await signIn(phone.api, account)
    await phone.page.goto(`${base}/`)
    await phone.page.locator('[data-testid="account-link"]').waitFor()

    await laptop.page.goto(`${base}/account`)
    await laptop.page.getByRole('button', { name: 'Sign out everywhere' }).click()
    await laptop.page.locator('dialog[open] [data-testid="confirm"]').click()
    await laptop.page.locator('[data-testid="toast"]', { hasText: 'Signed out on every device' }).waitFor()

    // The phone has not looked since: its upload names the account (X-Expected-User) and the API refuses it.
    await phone.page.locator('[data-testid="file-input"]').setInputFiles(settings.catImage)
    const refusal = phone.page.locator('[data-testid="problem"][data-problem="session-ended"]')
    await refusal.waitFor()
    assert.match(await refusal.innerText(), /You were signed out — sign in again/)
    assert.match(await phone.page.locator('[data-testid="signed-out-banner"]').innerText(), /You were signed out — sign in again/)
    assert.equal(await phone.page.locator('[data-testid="account-link"]').count(), 0, 'no avatar once signed out')
    assert.equal(await refusal.getByRole('button', { name: 'Try again' }).count(), 0, 'sign in first, not a retry that fails again')
    // Nothing was stored, not even as a guest.
    const state = await phone.api.get('/auth/session')
    assert.equal(state.body.user, null)
    assert.equal(state.body.guest, false, 'the refused upload made no guest session')
    await snap(phone.page, 'account-signed-out-upload')

    // Sign in again from the explanation; the picture is still there, and now it goes to the account.
    await refusal.getByRole('link', { name: 'Sign in' }).click()
    await phone.page.getByLabel('Username or email').fill(account.username)
    await phone.page.getByLabel('Password').fill(account.password)
    await phone.page.getByRole('button', { name: 'Sign in' }).click()
    await phone.page.locator('[data-testid="account-link"]').waitFor()
    assert.equal(await phone.page.locator('[data-testid="signed-out-banner"]').count(), 0)
    await phone.page.locator('[data-testid="problem"]').getByRole('button', { name: 'Try again' }).click()
    await phone.page.locator('[data-testid="top-label"]').waitFor({ timeout: settings.classifyTimeoutMs })
    assert.equal((await phone.api.get('/classifications')).body.totalItems, 1)
  })

  it('notices a session that ended elsewhere when the tab gets focus, and pages that need an account say so', async () => {
    const account = newAccount('focus')
    const laptop = await device()
    const phone = await device({ viewport: viewports.phone })
    await register(laptop.api, account)
    await signIn(phone.api, account)
    await phone.page.goto(`${base}/stats`)
    await phone.page.locator('[data-testid="account-link"]').waitFor()
    await phone.page.locator('[data-testid="stats-totals"], [data-testid="chart"], .app-empty').first().waitFor()

    assert.ok((await laptop.api.post('/auth/logout-everywhere')).status < 300)
    // The person comes back to the tab: the app asks /api/auth/session again and finds a guest. (It looks at most
    // every two seconds, and the page load may just have looked: ask until it has.)
    const banner = phone.page.locator('[data-testid="signed-out-banner"]')
    for (let i = 0; i < 20 && !(await banner.count()); i++) {
      await phone.page.evaluate(() => window.dispatchEvent(new Event('focus')))
      await phone.page.waitForTimeout(500)
    }
    await banner.waitFor()
    assert.equal(await phone.page.locator('[data-testid="account-link"]').count(), 0)

    await sectionLink(phone.page, 'Albums').click()
    const invite = phone.page.locator('[data-testid="signed-out-invite"]')
    await invite.waitFor()
    assert.match(await invite.innerText(), /You were signed out — sign in again/)
    await snap(phone.page, 'account-signed-out-albums')
    await sectionLink(phone.page, 'History').click()
    await invite.waitFor()
    assert.equal(await phone.page.locator('[data-testid="history-card"]').count(), 0)

    // Going on as a guest is a choice the person makes; then the guest's pages show.
    await phone.page.getByRole('button', { name: 'Continue as guest' }).click()
    await phone.page.locator('[data-testid="signed-out-banner"]').waitFor({ state: 'detached' })
    await sectionLink(phone.page, 'Albums').click()
    await phone.page.locator('[data-testid="guest-invite"]', { hasText: 'Albums come with an account' }).waitFor()
  })

  it('tells a guest over the hourly limit how long to wait and why, up front and on refusal, and lets them sign up to go on', async (t) => {
    const relay = await guestOrigin()
    if (!relay) return t.skip('the guest limit needs an address of its own: set ZOOLENS_E2E_GUEST_BASE_URL')
    t.after(() => relay.close())
    const { origin } = relay
    const guest = await device({ origin })
    await guest.page.goto(`${origin}/`)
    const { max, windowSeconds } = (await guest.api.get('/auth/session')).body.limits.guestUploads
    if (max > 2000) return t.skip(`the stack allows ${max} guest uploads; lower zoolens.rate-limit.guest-uploads-per-client.max for this test`)
    const limitText = `Guests can classify ${max} ${max === 1 ? 'picture' : 'pictures'} ${windowNames[windowSeconds] ?? ''}`.trim()

    // Up front, before the first picture.
    const note = guest.page.locator('[data-testid="guest-limit-note"]')
    await note.waitFor()
    assert.ok((await note.innerText()).includes(limitText), await note.innerText())

    // Use up this address's allowance through the API. Every attempt counts, also one the api then refuses as not a
    // picture, so all but the first attempt send a few bytes that are not an image: quick even when the stack allows
    // hundreds (it must, for the other suites' guests from 127.0.0.1).
    let refusal = null
    for (let i = 0; i <= max && !refusal; i++) {
      const answer = i === 0 ? await guest.api.upload('cat.png', 'image/png', cat) : await guest.api.upload(`note-${i}.txt`, 'text/plain', Buffer.from('not a picture'))
      if (answer.status === 429) refusal = answer.body
      else if (i === 0) assert.ok([201, 202].includes(answer.status), JSON.stringify(answer.body))
      else assert.equal(answer.status, 415, JSON.stringify(answer.body))
    }
    assert.equal(refusal?.type, `${PROBLEM}guest-limit-reached`)

    await guest.page.locator('[data-testid="file-input"]').setInputFiles(settings.catImage)
    const problem = guest.page.locator('[data-testid="problem"][data-problem="guest-limit-reached"]')
    await problem.waitFor()
    const text = await problem.innerText()
    assert.match(text, /You can classify again in (about \d+ minutes|about an hour|about \d+ hours|\d+ seconds)/)
    assert.ok(text.includes(`${limitText} from one network address`), text)
    assert.doesNotMatch(text, /\d+ s\b/, 'no bare seconds count')
    assert.equal(await problem.getByRole('button', { name: 'Try again' }).count(), 0, 'no retry that fails again')
    await snap(guest.page, 'account-guest-limit')

    // Sign up from the refusal, come back to the same picture, and classify it as an account.
    const account = newAccount('limit')
    await problem.getByRole('link', { name: 'Sign up' }).click()
    await guest.page.getByLabel('Username').fill(account.username)
    await guest.page.getByLabel('Email').fill(account.email)
    await guest.page.getByLabel('Password').fill(account.password)
    await guest.page.getByRole('button', { name: 'Sign up' }).click()
    await guest.page.locator('[data-testid="account-link"]').waitFor()
    await guest.page.locator('[data-testid="problem"]').getByRole('button', { name: 'Try again' }).click()
    await guest.page.locator('[data-testid="top-label"]').waitFor({ timeout: settings.classifyTimeoutMs })
  })

  for (const [kind, viewport] of Object.entries(viewports)) {
    it(`lists the password rules up front and checks them live, every failed one at once (${kind})`, async () => {
      const { page } = await device({ viewport })
      const account = newAccount('rules')
      await page.goto(`${base}/sign-up`)
      const rules = page.locator('[data-testid="password-rule"]')
      await rules.first().waitFor()
      assert.ok((await rules.count()) >= 4, 'the API’s rules are listed before anything is typed')
      const state = (code) => page.locator(`[data-testid="password-rule"][data-code="${code}"]`).getAttribute('data-state')
      const settles = (code, wanted) =>
        page.waitForFunction(([c, w]) => document.querySelector(`[data-testid="password-rule"][data-code="${c}"]`)?.dataset.state === w, [code, wanted])

      await page.getByLabel('Username').fill(account.username)
      await page.getByLabel('Email').fill(account.email)
      await page.getByLabel('Password').fill('qwerty')
      await settles('not-common', 'failed')
      assert.equal(await state('min-length'), 'failed', 'short and common: both at once')
      assert.equal(await state('not-personal'), 'met')
      if (kind === 'desktop') await snap(page, 'account-password-rules')

      await page.getByLabel('Password').fill(`${account.username}-x`)
      await settles('not-personal', 'failed')
      assert.equal(await state('min-length'), 'met')
      assert.equal(await state('not-common'), 'met')

      await page.getByLabel('Password').fill(account.password)
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="password-rule"]')].every((rule) => rule.dataset.state === 'met'))
      assert.match(await page.locator('[data-testid="password-rules-summary"]').textContent(), /meets every rule/)

      // Sent anyway with a weak one: the refusal names what fails, beside the field.
      await page.getByLabel('Password').fill('qwertyuiop')
      await page.getByRole('button', { name: 'Sign up' }).click()
      const fieldError = page.locator('#password-error')
      await fieldError.waitFor()
      assert.match(await fieldError.innerText(), /common/i)
      assert.equal(await page.locator('#password').getAttribute('aria-invalid'), 'true')
    })
  }

  it('shows an album name that is taken (any case) beside the name field, also one made in another tab', async () => {
    const { page, api } = await device()
    await register(api, newAccount('albums'))
    const name = `Zoo ${stamp}`
    await page.goto(`${base}/albums`)
    await page.locator('[data-testid="album-name"]').fill(name)
    await page.locator('[data-testid="album-create"]').click()
    await page.locator('[data-testid="album-card"]', { hasText: name }).waitFor()

    await page.locator('[data-testid="album-name"]').fill(`  ${name.toUpperCase()} `)
    await page.locator('[data-testid="album-create"]').click()
    const error = page.locator('[data-testid="album-name-error"]')
    await error.waitFor()
    assert.match(await error.innerText(), new RegExp(`already have an album called “${name}”`))

    // Made elsewhere after this page loaded its list: the API's 409 lands in the same place.
    const other = `Garden ${stamp}`
    assert.equal((await api.post('/albums', { name: other })).status, 201)
    await page.locator('[data-testid="album-name"]').fill(other.toLowerCase())
    await page.locator('[data-testid="album-create"]').click()
    await page.waitForFunction((text) => document.querySelector('[data-testid="album-name-error"]')?.textContent?.includes(text), other.toLowerCase())
    assert.equal(await page.locator('[data-testid="album-name"]').getAttribute('aria-invalid'), 'true')
    assert.equal(await page.locator('[data-testid="album-card"]').count(), 1)
    await snap(page, 'account-album-name-taken')

    const clash = await api.post('/albums', { name: ` ${name.toLowerCase()}` })
    assert.equal(clash.status, 409)
    assert.equal(clash.body.type, `${PROBLEM}album-name-taken`)
  })

  describe('one account with pictures', () => {
    let user

    before(async () => {
      user = await device()
      await register(user.api, newAccount('bulk'))
      await uploadCats(user.api, 3)
    })

    it('keeps the History filter bar still when "Clear" appears', async () => {
      for (const viewport of Object.values(viewports)) {
        await user.page.setViewportSize(viewport)
        await user.page.goto(`${base}/history`)
        await user.page.locator('[data-testid="history-card"]').first().waitFor()
        const before = await user.page.locator('#filter-label').boundingBox()
        await user.page.locator('[data-testid="filter-feedback"]').selectOption('none')
        await user.page.locator('[data-testid="filter-clear"]:not(.hidden)').waitFor()
        assert.deepEqual(await user.page.locator('#filter-label').boundingBox(), before)
        await user.page.locator('[data-testid="filter-clear"]').click()
        await user.page.locator('[data-testid="filter-clear"].hidden').waitFor({ state: 'attached' })
      }
      await user.page.setViewportSize(viewports.desktop)
    })

    it('files several pictures into an album and deletes several from History, by pointer and keyboard', async () => {
      const { page, api } = user
      const album = `Cats ${stamp}`
      const created = await api.post('/albums', { name: album })
      assert.equal(created.status, 201)
      await page.goto(`${base}/history`)
      const boxes = page.locator('[data-testid="history-select"]')
      await boxes.nth(2).waitFor()
      await boxes.nth(0).check()
      await boxes.nth(1).focus()
      await page.keyboard.press('Space')
      assert.equal(await page.locator('#bulk-count').innerText(), '2 pictures selected')

      // On a phone the action bar sits above the tab bar, not under it.
      await page.setViewportSize(viewports.phone)
      const bar = await page.locator('[data-testid="bulk-bar"]').boundingBox()
      const tabs = await page.locator('.app-tabbar').boundingBox()
      assert.ok(bar && tabs && bar.y + bar.height <= tabs.y, 'the action bar is above the tab bar')
      await page.setViewportSize(viewports.desktop)
      await snap(page, 'account-history-selected')

      await page.locator('[data-testid="history-select-all"]').check()
      assert.equal(await page.locator('#bulk-count').innerText(), '3 pictures selected')
      await page.locator('[data-testid="bulk-album"]').selectOption({ label: `${album} (0 pictures)` })
      await page.locator('[data-testid="bulk-file"]').click()
      await page.locator('[data-testid="toast"]', { hasText: `Filed 3 pictures into “${album}”` }).waitFor()
      assert.equal((await api.get(`/classifications?albumId=${created.body.id}`)).body.totalItems, 3)
      await page.locator('[data-testid="history-card"]', { hasText: album }).nth(2).waitFor()

      await boxes.nth(0).check()
      await boxes.nth(1).check()
      await page.locator('[data-testid="bulk-delete"]').click()
      const dialog = page.locator('dialog[open]')
      assert.match(await dialog.innerText(), /Delete 2 pictures\?/)
      await dialog.locator('[data-testid="confirm"]').click()
      await page.locator('[data-testid="toast"]', { hasText: 'Deleted 2 pictures' }).waitFor()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-card"]').length === 1)
      assert.equal((await api.get('/classifications')).body.totalItems, 1)
    })

    it('adds up the stats: a "Nothing found" bar beside the labels, and accuracy over named pictures only', async () => {
      const { page, api } = user
      // A plain grey picture: nothing in it reaches the threshold.
      await page.goto(`${base}/stats`)
      const grey = await page.evaluate(() => {
        const canvas = document.createElement('canvas')
        canvas.width = 320
        canvas.height = 240
        const context = canvas.getContext('2d')
        context.fillStyle = '#8a8a8a'
        context.fillRect(0, 0, canvas.width, canvas.height)
        return canvas.toDataURL('image/png').split(',')[1]
      })
      const blank = await api.upload('grey.png', 'image/png', Buffer.from(grey, 'base64'))
      assert.ok([201, 202].includes(blank.status), JSON.stringify(blank.body))
      assert.equal(blank.body.recognised, false, JSON.stringify(blank.body))

      // The cat marked wrong: accuracy 0% on one sample, which must still show as a bar.
      const named = (await api.get('/classifications')).body.items.find((item) => item.recognised !== false)
      const feedback = await api.put(`/classifications/${named.id}/feedback`, { correct: false, label: 'dog' })
      assert.equal(feedback.status, 200, JSON.stringify(feedback.body))

      await page.reload()
      const labels = page.locator('[data-testid="chart"]', { hasText: 'Pictures per label' })
      await labels.locator('canvas').waitFor()
      assert.match(await labels.locator('table').textContent(), /Nothing found\s*1/)
      const totals = await page.locator('[data-testid="stats-totals"]').innerText()
      assert.match(totals, /1 named · 1 nothing found/)
      const activity = page.locator('[data-testid="chart"]', { hasText: 'Activity' })
      assert.match(await activity.locator('table').textContent(), /Today\s*2/)

      const accuracy = page.locator('[data-testid="chart"]', { hasText: 'Accuracy per label' })
      assert.match(await accuracy.locator('table').textContent(), /cat\s*0%\s*0 of 1/)
      assert.match(totals, /0 of 1 named pictures marked correct/)
      // A 0% bar is drawn as a stub in the "correct" colour, not left out: look for its pixels on the canvas.
      await page.waitForTimeout(600) // the bars grow in for 300 ms
      const stubPixels = await accuracy.locator('canvas').evaluate((canvas) => {
        const colour = getComputedStyle(document.documentElement).getPropertyValue('--chart-correct').trim()
        const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
        let count = 0
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i] - r) < 8 && Math.abs(data[i + 1] - g) < 8 && Math.abs(data[i + 2] - b) < 8 && data[i + 3] > 200) count++
        }
        return count
      })
      assert.ok(stubPixels > 50, `a visible 0% bar (${stubPixels} pixels in its colour)`)
      await snap(page, 'account-stats')
    })
  })

  it('ran without script errors or Content-Security-Policy violations', () => {
    assert.deepEqual(pageErrors, [])
  })
})
