// `npm run test:e2e`: checks that the stack, the browser and the test photo are there, then runs the flows.
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import https from 'node:https'
import http from 'node:http'
import path from 'node:path'
import { settings } from './support.mjs'

function fail(message) {
  console.error(`\nE2E cannot start: ${message}\n`)
  process.exit(1)
}

function probe(url) {
  return new Promise((resolve) => {
    const client = url.startsWith('https:') ? https : http
    // The stack under test uses a self-signed certificate.
    const request = client.get(url, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
      response.resume()
      resolve({ status: response.statusCode ?? 0 })
    })
    request.on('timeout', () => request.destroy(new Error('no answer within 5 s')))
    request.on('error', (error) => resolve({ error: error.message || error.code || String(error) }))
  })
}

if (!existsSync(settings.chromium)) {
  fail(`no Chromium at ${settings.chromium}. Install Debian's package (apt-get install chromium) or set ZOOLENS_E2E_CHROMIUM.`)
}
if (!existsSync(settings.catImage)) {
  fail(`no cat photo at ${settings.catImage}. Run scripts/fetch-test-images.sh or set ZOOLENS_E2E_CAT_IMAGE.`)
}
for (const [what, url, ok] of [
  ['the app', `${settings.baseUrl}/`, (status) => status === 200],
  ['the API', `${settings.baseUrl}/api/auth/csrf`, (status) => status === 200],
]) {
  const answer = await probe(url)
  if (answer.error || !ok(answer.status)) {
    fail(
      `${what} does not answer at ${url} (${answer.error ?? `HTTP ${answer.status}`}).\n` +
        'Start the full native stack (gateway + api + classifier) first, or point ZOOLENS_E2E_BASE_URL at a running one.',
    )
  }
}

console.log(`E2E against ${settings.baseUrl}, screenshots in ${settings.screenshots}`)
// Every e2e/*.test.mjs, one file after the other (they share the stack and its rate limits).
const e2eDir = path.dirname(new URL(import.meta.url).pathname)
const testFiles = readdirSync(e2eDir)
  .filter((name) => name.endsWith('.test.mjs'))
  // ZOOLENS_E2E_ONLY=classify,account runs only those files (while working on one page).
  .filter((name) => !process.env.ZOOLENS_E2E_ONLY || process.env.ZOOLENS_E2E_ONLY.split(',').includes(name.replace('.test.mjs', '')))
  .sort()
  .map((name) => path.join(e2eDir, name))
const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...testFiles], { stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
