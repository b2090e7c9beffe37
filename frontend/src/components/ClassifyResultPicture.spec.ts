import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyResultPicture from './ClassifyResultPicture.vue'

const objects = [{ label: 'cat', score: 0.71, box: { x: 45.1, y: 30, width: 225.5, height: 150 } }]
const picture = { src: 'blob:x', alt: 'photo', width: 451, height: 300 }

describe('ClassifyResultPicture', () => {
  it('hides the boxes when the switch is turned off and tells the page', async () => {
    const wrapper = mount(ClassifyResultPicture, { props: { ...picture, objects, showBoxes: true } })
    expect(wrapper.findAll('[data-testid="box"]')).toHaveLength(1)
    await wrapper.get('input[type="checkbox"]').setValue(false)
    expect(wrapper.emitted('update:showBoxes')?.[0]).toEqual([false])
    await wrapper.setProps({ showBoxes: false })
    expect(wrapper.find('[data-testid="box"]').exists()).toBe(false)
    expect(wrapper.get<HTMLInputElement>('input[type="checkbox"]').element.checked).toBe(false)
  })

  it('offers the switch only when something was found, and the photo only once there is one', () => {
    const nothingFound = mount(ClassifyResultPicture, { props: { ...picture, objects: [] } })
    expect(nothingFound.find('[data-testid="result-image"]').exists()).toBe(true)
    expect(nothingFound.find('input[type="checkbox"]').exists()).toBe(false)
    const noPreview = mount(ClassifyResultPicture, { props: { ...picture, src: null, objects } })
    expect(noPreview.find('[data-testid="result-image"]').exists()).toBe(false)
    expect(noPreview.text()).toContain('Show boxes')
  })

  it('offers the confidence threshold when the page binds it, and reports the chosen value', async () => {
    expect(mount(ClassifyResultPicture, { props: { ...picture, objects } }).find('[data-testid="threshold"]').exists()).toBe(false)
    const wrapper = mount(ClassifyResultPicture, { props: { ...picture, objects, minScore: 0.3 } })
    const slider = wrapper.get<HTMLInputElement>('[data-testid="threshold"]')
    expect(slider.element.value).toBe('30')
    expect(slider.attributes('min')).toBe('5')
    expect(slider.attributes('aria-valuetext')).toBe('30% sure')
    expect(wrapper.get('output').text()).toBe('30%')
    await slider.setValue('55')
    expect(wrapper.emitted('update:minScore')).toEqual([[0.55]])
  })
})
