import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { routes } from '@/router'

const Blank = defineComponent({ render: () => null })

/**
 * The app's routes (names, meta) with empty pages, at `path`: for components that link or read the route, without
 * loading the real (lazy) pages, which makes the first test of a file slow on a busy machine.
 */
export async function testRouter(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: routes.map((route) => ({ ...route, component: Blank }) as RouteRecordRaw),
  })
  await router.push(path)
  return router
}
