import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import { album } from '@/test/fixtures'
import { customModel } from '@/test/customModelFixtures'
import type { CustomModel } from '@/services/customModels'
import { useAlbumsStore } from '@/stores/albums'
import { useModelClasses } from './useModelClasses'

describe('useModelClasses', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('names each class after its album now and counts its pictures; a deleted album has no name and blocks training', () => {
    useAlbumsStore().albums = [album({ id: 'a1', name: 'Beagles', itemCount: 20 }), album({ id: 'a2', name: 'basset', itemCount: 10 })]
    const model = ref<CustomModel | null>(customModel())
    const { classes, blocked } = useModelClasses(model)
    expect(classes.value).toEqual([
      { albumId: 'a1', name: 'Beagles', pictures: 20 },
      { albumId: 'a2', name: 'basset', pictures: 10 },
    ])
    expect(blocked.value).toBe(false)
    model.value = customModel({ classes: [...customModel().classes, { albumId: 'a3', name: null }] })
    expect(classes.value.at(-1)).toEqual({ albumId: 'a3', name: null, pictures: 0 })
    expect(blocked.value).toBe(true)
  })

  it('has no classes before the model is loaded', () => {
    const { classes } = useModelClasses(() => null)
    expect(classes.value).toEqual([])
  })
})
