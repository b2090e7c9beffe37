import type { RouteLocationNormalizedLoaded } from 'vue-router'
import type { IconName } from '@/components/AppIcon.vue'
import type { RouteName } from './index'

export interface NavItem {
  name: RouteName
  label: string
  icon: IconName
}

/** The main sections, in the order both the header and the phone tab bar show them. */
export const mainNavigation: NavItem[] = [
  { name: 'classify', label: 'Classify', icon: 'camera' },
  { name: 'history', label: 'History', icon: 'history' },
  { name: 'albums', label: 'Albums', icon: 'album' },
  { name: 'models', label: 'Models', icon: 'model' },
  { name: 'stats', label: 'Stats', icon: 'stats' },
]

export function isCurrentSection(route: RouteLocationNormalizedLoaded, item: NavItem): boolean {
  return (route.meta.section ?? route.name) === item.name
}
