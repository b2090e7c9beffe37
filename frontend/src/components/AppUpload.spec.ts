import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import AppUpload from './AppUpload.vue'

const cat = new File(['x'], 'cat.png', { type: 'image/png' })
const dog = new File(['y'], 'dog.jpg', { type: 'image/jpeg' })

describe('AppUpload', () => {
  it('offers the accepted types, several files at once, and emits every picked file', async () => {
    const wrapper = mount(AppUpload, { props: { accept: ['image/png', 'image/jpeg'], multiple: true } })
    const input = wrapper.get('input[type="file"]')
    expect(input.attributes('accept')).toBe('image/png,image/jpeg')
    expect(input.attributes('multiple')).toBeDefined()
    Object.defineProperty(input.element, 'files', { value: [cat, dog], configurable: true })
    await input.trigger('change')
    expect(wrapper.emitted('select')).toEqual([[[cat, dog]]])
    expect(wrapper.text()).toContain('Drop photos here')
  })

  it('takes dropped files, shows the drag state meanwhile, and keeps the drop from the page', async () => {
    const wrapper = mount(AppUpload, { props: { accept: ['image/png'], multiple: true }, attachTo: document.body })
    let reachedPage = false
    const onWindowDrop = () => (reachedPage = true)
    window.addEventListener('drop', onWindowDrop)
    const zone = wrapper.get('[data-testid="upload-zone"]')
    await zone.trigger('dragenter')
    expect(zone.classes()).toContain('dragging')
    expect(zone.text()).toContain('Drop it here')
    await zone.trigger('drop', { dataTransfer: { files: [cat, dog] } })
    expect(zone.classes()).not.toContain('dragging')
    expect(wrapper.emitted('select')).toEqual([[[cat, dog]]])
    expect(reachedPage).toBe(false)
    window.removeEventListener('drop', onWindowDrop)
    wrapper.unmount()
  })

  it('takes only the first file when it takes one, and none while disabled, without disabling the input', async () => {
    const single = mount(AppUpload, { props: { accept: ['image/png'] } })
    await single.get('[data-testid="upload-zone"]').trigger('drop', { dataTransfer: { files: [cat, dog] } })
    expect(single.emitted('select')).toEqual([[[cat]]])

    const off = mount(AppUpload, { props: { accept: ['image/png'], disabled: true } })
    await off.get('[data-testid="upload-zone"]').trigger('drop', { dataTransfer: { files: [cat] } })
    expect(off.emitted('select')).toBeUndefined()
    // A disabled input would drop keyboard focus to the page.
    expect(off.get('input').attributes('disabled')).toBeUndefined()
    expect(off.get('input').attributes('aria-disabled')).toBe('true')
  })
})
