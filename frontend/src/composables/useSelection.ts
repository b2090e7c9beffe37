import { computed, ref, watch, type Ref } from 'vue'

/**
 * Several items of one page picked at once (History's select-several). What is no longer on the page (another
 * page, a new filter, deleted) drops out of the selection by itself.
 */
export function useSelection<T extends { id: string }>(items: Ref<T[]>) {
  const selected = ref<Set<string>>(new Set())

  watch(items, (current) => {
    const present = new Set(current.map((item) => item.id))
    const kept = [...selected.value].filter((id) => present.has(id))
    if (kept.length !== selected.value.size) selected.value = new Set(kept)
  })

  const ids = computed(() => items.value.filter((item) => selected.value.has(item.id)).map((item) => item.id))
  const count = computed(() => ids.value.length)
  const all = computed(() => items.value.length > 0 && count.value === items.value.length)
  const some = computed(() => count.value > 0 && !all.value)

  function isSelected(id: string) {
    return selected.value.has(id)
  }

  function toggle(id: string, on = !selected.value.has(id)) {
    const next = new Set(selected.value)
    if (on) next.add(id)
    else next.delete(id)
    selected.value = next
  }

  function toggleAll(on = !all.value) {
    selected.value = on ? new Set(items.value.map((item) => item.id)) : new Set()
  }

  function clear() {
    selected.value = new Set()
  }

  return { ids, count, all, some, isSelected, toggle, toggleAll, clear }
}
