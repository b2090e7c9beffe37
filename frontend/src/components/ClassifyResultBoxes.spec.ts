import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyResultBoxes from './ClassifyResultBoxes.vue'

const objects = [
  { label: 'cat', score: 0.71, box: { x: 45.1, y: 30, width: 225.5, height: 150 } },
  { label: 'dog', score: 0.4, box: { x: 0, y: 0, width: 451, height: 30 } },
]

describe('ClassifyResultBoxes', () => {
  it('draws each box scaled from original pixels, with its label and score', () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 451, height: 300, objects } })
    const rects = wrapper.findAll('rect')
    expect(rects).toHaveLength(2)
    expect(Number(rects[0]!.attributes('x'))).toBeCloseTo(10)
    expect(Number(rects[0]!.attributes('width'))).toBeCloseTo(50)
    const labels = wrapper.findAll('[data-testid="box"]')
    expect(labels.map((label) => label.text())).toEqual(['cat 71%', 'dog 40%'])
    expect(labels[0]!.attributes('style')).toMatch(/left: 10(\.0+\d*)?%/)
    expect(labels[0]!.attributes('style')).toMatch(/top: 10(\.0+\d*)?%/)
    expect(labels[1]!.classes()).toContain('inside')
    expect(wrapper.get('figcaption').text()).toContain('cat (71%)')
  })

  it('gives the frame the picture’s shape and hides boxes on request', async () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 400, height: 200, objects } })
    expect(wrapper.get('figure').attributes('style')).toContain('aspect-ratio: 2')
    await wrapper.setProps({ showBoxes: false })
    expect(wrapper.findAll('rect')).toHaveLength(0)
    expect(wrapper.find('[data-testid="box"]').exists()).toBe(false)
  })
  it('shows a placeholder when the browser cannot show the file', async () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 0, height: 0 } })
    await wrapper.get('img').trigger('error')
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('[role="img"]').text()).toContain('No preview')
  })
})
