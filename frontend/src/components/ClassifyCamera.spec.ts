import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ClassifyCamera from './ClassifyCamera.vue'

describe('ClassifyCamera', () => {
  it('falls back to the camera app through the file input when there is no live camera', async () => {
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: undefined })
    const wrapper = mount(ClassifyCamera)
    const fallback = wrapper.get('input[capture="environment"]')
    const click = vi.spyOn(fallback.element as HTMLInputElement, 'click')
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(click).toHaveBeenCalled()
    expect(wrapper.text()).toContain('cannot show a live camera')

    const photo = new File(['x'], 'camera.jpg', { type: 'image/jpeg' })
    Object.defineProperty(fallback.element, 'files', { value: [photo], configurable: true })
    await fallback.trigger('change')
    expect(wrapper.emitted('capture')).toEqual([[photo]])
  })

  it('explains a refused permission and still offers the fallback', async () => {
    const getUserMedia = vi.fn(() => Promise.reject(new DOMException('denied', 'NotAllowedError')))
    vi.stubGlobal('navigator', { ...navigator, mediaDevices: { getUserMedia } })
    const wrapper = mount(ClassifyCamera)
    await wrapper.get('button').trigger('click')
    await flushPromises()
    expect(getUserMedia).toHaveBeenCalled()
    expect(wrapper.text()).toContain('Camera access was refused')
  })
})
