import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import type { CustomModel } from '@/services/customModels'
import { useAlbumsStore } from '@/stores/albums'
import { classWarnings } from '@/utils/training'

/**
 * A model's classes with their albums' current names and picture counts (a deleted album has no name), and
 * whether a class warning blocks training: the class check, the class editor and the training all read this.
 */
export function useModelClasses(model: MaybeRefOrGetter<CustomModel | null>) {
  const albumsStore = useAlbumsStore()
  const classes = computed(() =>
    (toValue(model)?.classes ?? []).map((item) => {
      const album = albumsStore.byId.get(item.albumId)
      return { albumId: item.albumId, name: album?.name ?? item.name, pictures: album?.itemCount ?? 0 }
    }),
  )
  const blocked = computed(() => classWarnings(classes.value).some((warning) => warning.blocking))
  return { classes, blocked }
}
