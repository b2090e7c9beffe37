import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import AppUpload from './AppUpload.vue'

const file = new File(['x'], 'cat.png', { type: 'image/png' })

describe('AppUpload', () => {
  it('offers the accepted types and emits the picked file', async () => {
    const wrapper = mount(AppUpload, { props: { accept: ['image/png', 'image/jpeg'] } })
    const input = wrapper.get('input[type="file"]')
    expect(input.attributes('accept')).toBe('image/png,image/jpeg')
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    expect(wrapper.emitted('select')).toEqual([[file]])
  })

  it('takes a dropped file and shows the drag state meanwhile', async () => {
    const wrapper = mount(AppUpload, { props: { accept: ['image/png'] } })
    const zone = wrapper.get('[data-testid="upload-zone"]')
    await zone.trigger('dragenter')
    expect(zone.classes()).toContain('dragging')
    expect(zone.text()).toContain('Drop it here')
    await zone.trigger('drop', { dataTransfer: { files: [file] } })
    expect(zone.classes()).not.toContain('dragging')
    expect(wrapper.emitted('select')).toEqual([[file]])
  })

  it('ignores files while disabled', async () => {
    const wrapper = mount(AppUpload, { props: { accept: ['image/png'], disabled: true } })
    await wrapper.get('[data-testid="upload-zone"]').trigger('drop', { dataTransfer: { files: [file] } })
    expect(wrapper.emitted('select')).toBeUndefined()
  })
})
