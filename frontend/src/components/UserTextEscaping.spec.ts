// Text that users supply (file names, labels, album names and descriptions, user names) and text the API sends back
// (problem details) must reach the page as text, never as markup: the real components, hostile strings, and a check
// of the DOM they produce. Also: no component may render raw HTML (v-html / innerHTML).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router'
import { ApiProblem, PROBLEM_BASE } from '@/services/problem'
import { useAlbumsStore } from '@/stores/albums'
import { useAuthStore } from '@/stores/auth'
import { stubFetch } from '@/test/fetchStub'
import { album, classification, user } from '@/test/fixtures'
import { setCookie } from '@/test/setup'
import AlbumsCard from './AlbumsCard.vue'
import AppAlbumSelect from './AppAlbumSelect.vue'
import AppHeader from './AppHeader.vue'
import AppProblemAlert from './AppProblemAlert.vue'
import ClassificationDetails from './ClassificationDetails.vue'
import ClassifyFeedback from './ClassifyFeedback.vue'
import ClassifyResultBoxes from './ClassifyResultBoxes.vue'
import ClassifyResultLabels from './ClassifyResultLabels.vue'
import HistoryCard from './HistoryCard.vue'

/** Payloads that execute script if any of them is ever parsed as HTML. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
]

/** Nothing the payloads would create exists, and every payload is there, verbatim, as text. */
function expectTextNotMarkup(wrapper: VueWrapper, payload: string) {
  const root = wrapper.element as Element
  expect(root.querySelectorAll('script, iframe, svg[onload], img[src="x"]')).toHaveLength(0)
  for (const element of root.querySelectorAll('*')) {
    const handlers = element.getAttributeNames().filter((name) => name.startsWith('on'))
    expect(handlers, `${element.tagName} has event handler attributes`).toEqual([])
  }
  expect(root.textContent).toContain(payload)
}

describe.each(HOSTILE)('user-supplied text %s', (payload) => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setCookie('XSRF-TOKEN', 't')
  })

  it('is text in a history card: label, feedback label and album name', () => {
    const item = classification({
      topLabel: payload,
      labels: [{ label: payload, score: 0.9 }],
      feedback: { correct: false, label: payload, givenAt: '2026-11-25T20:09:00Z' },
    })
    const wrapper = mount(HistoryCard, {
      props: { item, albumName: payload },
      global: { stubs: { RouterLink: RouterLinkStub } },
    })
    expectTextNotMarkup(wrapper, payload)
  })

  it('is text in the details: the file name and the model name', () => {
    const item = classification({
      originalFilename: payload,
      model: { name: payload, version: '1', task: 'classification' },
    })
    expectTextNotMarkup(mount(ClassificationDetails, { props: { item } }), payload)
  })

  it('is text in the result labels', () => {
    expectTextNotMarkup(mount(ClassifyResultLabels, { props: { labels: [{ label: payload, score: 0.8 }] } }), payload)
  })

  it('is text in the detection boxes, and an attribute value only in alt and data', () => {
    const wrapper = mount(ClassifyResultBoxes, {
      props: {
        src: '/api/classifications/c1/image',
        alt: payload,
        width: 100,
        height: 100,
        objects: [{ label: payload, score: 0.9, box: { x: 1, y: 1, width: 50, height: 50 } }],
      },
    })
    expectTextNotMarkup(wrapper, payload)
    expect(wrapper.get('img').attributes('alt')).toBe(payload)
  })

  it('is text on an album card: name and description', () => {
    const wrapper = mount(AlbumsCard, {
      props: { album: album({ name: payload, description: payload, itemCount: 1 }) },
      global: { stubs: { RouterLink: RouterLinkStub } },
    })
    expectTextNotMarkup(wrapper, payload)
  })

  it('is text in the album picker', () => {
    stubFetch({ 'GET /api/albums': { body: [album({ name: payload })] } })
    useAlbumsStore().albums = [album({ name: payload })]
    const wrapper = mount(AppAlbumSelect, { props: { id: 'pick', label: 'Album' } })
    expectTextNotMarkup(wrapper, payload)
    expect(wrapper.findAll('option').map((option) => option.text())).toContain(`${payload} (0 pictures)`)
  })

  it('is text in the feedback form: the label choices and the given label', () => {
    const item = classification({
      labels: [
        { label: 'cat', score: 0.7 },
        { label: payload, score: 0.2 },
      ],
      feedback: { correct: false, label: payload, givenAt: '2026-11-25T20:09:00Z' },
    })
    expectTextNotMarkup(mount(ClassifyFeedback, { props: { classification: item, labelChoices: [payload] } }), payload)
  })

  it('is text in the header: the user name', async () => {
    const auth = useAuthStore()
    auth.user = { ...user, username: payload }
    auth.status = 'user'
    const router = createRouter({ history: createMemoryHistory(), routes })
    await router.push('/')
    const wrapper = mount(AppHeader, { global: { plugins: [router], stubs: { RouterLink: RouterLinkStub } } })
    expectTextNotMarkup(wrapper, payload)
  })

  it('is text in a problem alert: the detail the API sent back', () => {
    const problem = new ApiProblem({ type: PROBLEM_BASE + 'some-new-problem', title: 'Oops', detail: payload }, 400)
    expectTextNotMarkup(mount(AppProblemAlert, { props: { error: problem, title: payload } }), payload)
  })
})

describe('the source', () => {
  // Vitest runs from the frontend folder (vitest.config.ts sets the root).
  const src = join(process.cwd(), 'src')

  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? files(path) : [path]
    })
  }

  it('renders no raw HTML anywhere: no v-html, innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    const offenders = files(src)
      .filter((path) => /\.(vue|ts)$/.test(path) && !path.endsWith('.spec.ts'))
      .filter((path) => /v-html|\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/.test(readFileSync(path, 'utf8')))
    expect(offenders).toEqual([])
  })
})
