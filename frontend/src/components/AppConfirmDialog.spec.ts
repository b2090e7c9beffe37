import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AppConfirmDialog from './AppConfirmDialog.vue'

describe('AppConfirmDialog', () => {
  it('confirms only once the asked text is typed', async () => {
    const wrapper = mount(AppConfirmDialog, {
      props: { open: true, title: 'Delete?', confirmLabel: 'Delete', danger: true, confirmText: 'ada' },
      slots: { default: 'Gone for good.' },
      attachTo: document.body,
    })
    await flushPromises() // the dialog opens on the next tick
    const confirm = wrapper.get('[data-testid="confirm"]')
    expect(confirm.attributes('disabled')).toBeDefined()
    await wrapper.get('input').setValue('ada')
    expect(confirm.attributes('disabled')).toBeUndefined()
    await wrapper.get('form').trigger('submit')
    expect(wrapper.emitted('confirm')).toHaveLength(1)
    await wrapper.findAll('button')[0]!.trigger('click')
    expect(wrapper.emitted('cancel')).toHaveLength(1)
    wrapper.unmount()
  })
})
