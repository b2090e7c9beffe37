import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useSelection } from './useSelection'

const items = (...ids: string[]) => ids.map((id) => ({ id }))

describe('useSelection', () => {
  it('selects one by one or all on the page, and says whether all or some are selected', () => {
    const page = ref(items('a', 'b', 'c'))
    const selection = useSelection(page)
    selection.toggle('b')
    expect(selection.ids.value).toEqual(['b'])
    expect(selection.some.value).toBe(true)
    expect(selection.all.value).toBe(false)
    selection.toggleAll()
    expect(selection.ids.value).toEqual(['a', 'b', 'c'])
    expect(selection.all.value).toBe(true)
    expect(selection.some.value).toBe(false)
    selection.toggle('a', false)
    expect(selection.count.value).toBe(2)
    selection.toggleAll(false)
    expect(selection.count.value).toBe(0)
  })

  it('drops what is no longer on the page', async () => {
    const page = ref(items('a', 'b'))
    const selection = useSelection(page)
    selection.toggleAll(true)
    page.value = items('b', 'c')
    await nextTick()
    expect(selection.ids.value).toEqual(['b'])
    expect(selection.isSelected('a')).toBe(false)
  })
})
