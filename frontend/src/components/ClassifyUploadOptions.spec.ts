import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyUploadOptions from './ClassifyUploadOptions.vue'

describe('ClassifyUploadOptions', () => {
  it('says what happens to large photos, and that "Keep the original" sends them as they are', async () => {
    const wrapper = mount(ClassifyUploadOptions, { props: { keepOriginal: false } })
    expect(wrapper.get('.field-hint').text()).toBe('Photos larger than 2048 px or 10 MB are shrunk in your browser first: faster, and recognised just as well.')
    await wrapper.get('[data-testid="keep-original"]').setValue(true)
    expect(wrapper.emitted('update:keepOriginal')).toEqual([[true]])
    await wrapper.setProps({ keepOriginal: true })
    expect(wrapper.get('.field-hint').text()).toBe('Photos are sent as they are: up to 10 MB.')
    expect(wrapper.get('input').attributes('aria-describedby')).toBe('keep-original-hint')
  })
})
