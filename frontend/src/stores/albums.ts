import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ApiProblem } from '@/services/api'
import { api, type Album } from '@/services/api'

const byName = (a: Album, b: Album) => a.name.localeCompare(b.name)

export const useAlbumsStore = defineStore('albums', () => {
  const albums = ref<Album[]>([])
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<ApiProblem | Error | null>(null)

  const byId = computed(() => new Map(albums.value.map((album) => [album.id, album])))

  /** The album (other than `exceptId`) that already has this name, as the API compares: trimmed, any case. */
  function withName(name: string, exceptId?: string): Album | undefined {
    const wanted = name.trim().toLowerCase()
    return albums.value.find((album) => album.id !== exceptId && album.name.trim().toLowerCase() === wanted)
  }

  async function load(force = false) {
    if (loaded.value && !force) return
    loading.value = true
    error.value = null
    try {
      albums.value = (await api.albums.list()).slice().sort(byName)
      loaded.value = true
    } catch (problem) {
      error.value = problem instanceof Error ? problem : new Error(String(problem))
    } finally {
      loading.value = false
    }
  }

  async function create(name: string, description?: string): Promise<Album> {
    const album = await api.albums.create({ name: name.trim(), description: description?.trim() || undefined })
    albums.value = [...albums.value, album].sort(byName)
    return album
  }

  async function rename(id: string, name: string, description?: string): Promise<Album> {
    const album = await api.albums.update(id, { name: name.trim(), description: description?.trim() ?? undefined })
    albums.value = albums.value.map((existing) => (existing.id === id ? album : existing)).sort(byName)
    return album
  }

  /** `removeClass`: the album is a class of custom models (409 `album-in-custom-model`); drop it from them first. */
  async function remove(id: string, removeClass = false) {
    await api.albums.remove(id, removeClass)
    albums.value = albums.value.filter((album) => album.id !== id)
  }

  /** Keeps counts right after an item is filed in or out without reloading the list. */
  function adjustCount(id: string | null | undefined, delta: number) {
    if (!id) return
    albums.value = albums.value.map((album) => (album.id === id ? { ...album, itemCount: Math.max(0, album.itemCount + delta) } : album))
  }

  function reset() {
    albums.value = []
    loaded.value = false
    error.value = null
  }

  return { albums, loaded, loading, error, byId, withName, load, create, rename, remove, adjustCount, reset }
})
