import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { useToastStore } from '@/stores/toasts'

export type RouteName =
  | 'classify'
  | 'history'
  | 'classification'
  | 'albums'
  | 'models'
  | 'model'
  | 'stats'
  | 'sign-in'
  | 'sign-up'
  | 'account'
  | 'not-found'

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown in the tab and announced to screen readers after navigation. */
    title: string
    /** Only for signed-in people; guests are sent to sign in first. */
    requiresAccount?: boolean
    /** Sign-in and sign-up pages: signed-in people go on to where they came from. */
    guestOnly?: boolean
    /** The main section this page belongs to, when it is not one itself (an item belongs to history). */
    section?: RouteName
  }
}

type NamedRoute = RouteRecordRaw & { name: RouteName }

export const routes: NamedRoute[] = [
  { path: '/', name: 'classify', component: () => import('../views/ClassifyView.vue'), meta: { title: 'Classify' } },
  { path: '/history', name: 'history', component: () => import('../views/HistoryView.vue'), meta: { title: 'History' } },
  {
    path: '/history/:id',
    name: 'classification',
    component: () => import('../views/ClassificationView.vue'),
    props: true,
    meta: { title: 'Result', section: 'history' },
  },
  { path: '/albums', name: 'albums', component: () => import('../views/AlbumsView.vue'), meta: { title: 'Albums' } },
  { path: '/models', name: 'models', component: () => import('../views/ModelsView.vue'), meta: { title: 'Models' } },
  {
    path: '/models/:id',
    name: 'model',
    component: () => import('../views/ModelView.vue'),
    props: true,
    meta: { title: 'Model', section: 'models' },
  },
  { path: '/stats', name: 'stats', component: () => import('../views/StatsView.vue'), meta: { title: 'Stats' } },
  { path: '/sign-in', name: 'sign-in', component: () => import('../views/SignInView.vue'), meta: { title: 'Sign in', guestOnly: true } },
  { path: '/sign-up', name: 'sign-up', component: () => import('../views/SignUpView.vue'), meta: { title: 'Sign up', guestOnly: true } },
  {
    path: '/account',
    name: 'account',
    component: () => import('../views/AccountView.vue'),
    meta: { title: 'Account', requiresAccount: true },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('../views/NotFoundView.vue'), meta: { title: 'Not found' } },
]

/** Only same-app paths are followed after signing in, never a full URL from the query string. */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/history'
}

export async function accessGuard(to: RouteLocationNormalized) {
  const auth = useAuthStore()
  await auth.load()
  if (to.meta.requiresAccount && !auth.isSignedIn) return { name: 'sign-in' satisfies RouteName, query: { redirect: to.fullPath } }
  if (to.meta.guestOnly && auth.isSignedIn) return safeRedirect(to.query.redirect)
  return true
}

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(import.meta.env.BASE_URL),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  router.beforeEach(accessGuard)
  router.afterEach((to) => {
    document.title = `${to.meta.title} · Zoolens`
  })
  // A page's code is fetched on first visit; offline (before the service worker has it) that can fail.
  router.onError(() => {
    useToastStore().error(navigator.onLine ? 'That page could not be loaded. Reload and try again.' : 'You are offline, and that page is not available offline yet.')
  })
  return router
}
