import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from 'chart.js'

// Registered once, only the parts the stats page uses (keeps the lazy stats chunk small).
Chart.register(BarElement, CategoryScale, LinearScale, Tooltip, Legend)

/** What a colour means, the same in every chart: pictures, marked correct, marked wrong, nothing found. */
export interface ChartColors {
  pictures: string
  correct: string
  wrong: string
  nothingFound: string
}

export interface ChartTheme {
  colors: ChartColors
  text: string
  grid: string
}

/** Chart colours come from the same CSS custom properties as the rest of the app, dark mode included. */
export function useChartTheme(): ChartTheme {
  const style = typeof window === 'undefined' ? null : getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string) => style?.getPropertyValue(name).trim() || fallback
  return {
    colors: {
      pictures: read('--chart-pictures', '#4f46e5'),
      correct: read('--chart-correct', '#15803d'),
      wrong: read('--chart-wrong', '#dc2626'),
      nothingFound: read('--chart-nothing-found', '#78716c'),
    },
    text: read('--color-text-muted', '#4f605b'),
    grid: read('--chart-grid', 'rgba(0,0,0,0.1)'),
  }
}

/** The axis that counts pictures: from zero, in whole numbers. */
export function countAxis(theme: ChartTheme) {
  return { beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid }, border: { display: false } }
}

/** The axis that names what is counted (days, labels), without grid lines. */
export function categoryAxis(theme: ChartTheme, ticks: Record<string, unknown> = {}) {
  return { ticks: { color: theme.text, ...ticks }, grid: { display: false }, border: { display: false } }
}

export function baseOptions<T extends 'bar'>(theme: ChartTheme, overrides: ChartOptions<T> = {} as ChartOptions<T>): ChartOptions<T> {
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
