import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ApiProblem} from '@/services/api';
import { api, type Stats } from '@/services/api'

export const useStatsStore = defineStore('stats', () => {
  const stats = ref<Stats | null>(null)
  const loading = ref(false)
  const error = ref<ApiProblem | Error | null>(null)

  async function load() {
    loading.value = true
    error.value = null
    try {
      stats.value = await api.stats.get()
    } catch (problem) {
      error.value = problem instanceof Error ? problem : new Error(String(problem))
    } finally {
      loading.value = false
    }
  }

  function reset() {
    stats.value = null
    error.value = null
  }

  return { stats, loading, error, load, reset }
})
