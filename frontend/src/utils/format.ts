// Formatting helpers shared by views; locale comes from the browser.
import type { Album } from '@/services/types'

export function formatPercent(score: number | null | undefined, digits = 0): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '–'
  return `${(Math.min(1, Math.max(0, score)) * 100).toFixed(digits)}%`
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' })

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–'
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? '–' : dateTime.format(date)
}

/** "2 minutes ago" for the last week, a plain date after that. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return '–'
  const then = new Date(iso).getTime()
  if (Number.isNaN(then)) return '–'
  const seconds = Math.round((then - now) / 1000)
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
  ]
  let value = seconds
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(unit === 'second' && Math.abs(value) < 10 ? 0 : value, unit)
    value = Math.round(value / size)
  }
  return formatDateTime(iso)
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–'
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} GB`
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Labels such as "golden_retriever" or "n02123045 tabby" read better as "golden retriever". */
export function humanLabel(label: string | null | undefined): string {
  if (!label) return 'unknown'
  return label.replace(/_/g, ' ')
}

/** An album in a picker: its name and how many pictures it holds ("Zoo (3 pictures)"). */
export function albumOptionLabel(album: Pick<Album, 'name' | 'itemCount'>): string {
  return `${album.name} (${album.itemCount} ${album.itemCount === 1 ? 'picture' : 'pictures'})`
}
