import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from 'chart.js'

// Registered once, only the parts the stats page uses (keeps the lazy stats chunk small).
Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend, Filler)

export interface ChartTheme {
  series: string[]
  text: string
  grid: string
}

/** Chart colours come from the same CSS custom properties as the rest of the app, dark mode included. */
export function useChartTheme(): ChartTheme {
  const style = typeof window === 'undefined' ? null : getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback
  return {
    series: [read('--chart-1', '#0f766e'), read('--chart-2', '#f59e0b'), read('--chart-3', '#6366f1'), read('--chart-4', '#dc2626')],
    text: read('--color-text-muted', '#4f605b'),
    grid: read('--chart-grid', 'rgba(0,0,0,0.1)'),
  }
}

/** The axis that counts pictures: from zero, in whole numbers. */
export function countAxis(theme: ChartTheme) {
  return { beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid }, border: { display: false } }
}

/** The axis that names what is counted (days, labels), without grid lines. */
export function categoryAxis(theme: ChartTheme, ticks: { maxRotation?: number; autoSkipPadding?: number } = {}) {
  return { ticks: { color: theme.text, ...ticks }, grid: { display: false }, border: { display: false } }
}

export function baseOptions<T extends 'bar' | 'line'>(theme: ChartTheme, overrides: ChartOptions<T> = {} as ChartOptions<T>): ChartOptions<T> {
  const axis = { ticks: { color: theme.text }, grid: { color: theme.grid }, border: { display: false } }
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: { duration: 300 },
    plugins: { legend: { labels: { color: theme.text, boxWidth: 12 } } },
    scales: { x: { ...axis }, y: { ...axis, beginAtZero: true } },
    ...overrides,
  } as ChartOptions<T>
}
