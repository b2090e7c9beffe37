import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassifyResultBoxes from './ClassifyResultBoxes.vue'

const objects = [
  { label: 'cat', score: 0.71, box: { x: 45.1, y: 30, width: 225.5, height: 150 } },
  { label: 'dog', score: 0.4, box: { x: 0, y: 0, width: 451, height: 30 } },
]
const px = (style: string | undefined, property: string) => Number(new RegExp(`${property}: (-?[\\d.]+)px`).exec(style ?? '')?.[1])

describe('ClassifyResultBoxes', () => {
  it('draws each box scaled from original pixels, and its label beside it without covering another', () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 451, height: 300, objects } })
    const rects = wrapper.findAll('rect')
    expect(rects).toHaveLength(2)
    const catRect = rects.find((rect) => rect.attributes('data-key')?.endsWith('cat'))!
    expect(Number(catRect.attributes('x'))).toBeCloseTo(10)
    expect(Number(catRect.attributes('width'))).toBeCloseTo(50)
    const labels = wrapper.findAll('[data-testid="box"]')
    expect(labels.map((label) => label.text())).toEqual(['cat 71%', 'dog 40%'])
    // Without layout the frame counts as 640 px wide: the cat box starts at 64 px, and its label sits just above it.
    const catStyle = labels[0]!.attributes('style')
    expect(px(catStyle, 'left')).toBeCloseTo(64)
    expect(px(catStyle, 'top') + px(catStyle, 'height')).toBeCloseTo(0.1 * (640 / (451 / 300)))
    // The dog box runs along the top edge, where the cat's label is: its own label goes elsewhere.
    const [cat, dog] = labels.map((label) => {
      const style = label.attributes('style')
      return { x: px(style, 'left'), y: px(style, 'top'), right: px(style, 'left') + px(style, 'width'), bottom: px(style, 'top') + px(style, 'height') }
    })
    const overlapping = cat!.x < dog!.right && dog!.x < cat!.right && cat!.y < dog!.bottom && dog!.y < cat!.bottom
    expect(overlapping).toBe(false)
    expect(wrapper.get('figcaption').text()).toContain('cat 71%')
  })

  it('draws one box named three ways as one box with a label of three lines', () => {
    const same = { x: 100, y: 100, width: 200, height: 150 }
    const wrapper = mount(ClassifyResultBoxes, {
      props: {
        src: 'blob:x',
        alt: 'photo',
        width: 600,
        height: 400,
        objects: [
          { label: 'cow', score: 0.62, box: same },
          { label: 'sheep', score: 0.41, box: same },
          { label: 'horse', score: 0.35, box: same },
        ],
      },
    })
    expect(wrapper.findAll('rect')).toHaveLength(1)
    const label = wrapper.get('[data-testid="box"]')
    expect(label.findAll('.boxes-line').map((line) => line.text())).toEqual(['cow 62%', 'sheep 41%', 'horse 35%'])
    expect(label.attributes('aria-label')).toBe('Box 1: cow 62%, sheep 41%, horse 35%')
    expect(label.attributes('data-labels')).toBe('cow sheep horse')
  })

  it('highlights a box from its label or its outline, and the one the page names', async () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 451, height: 300, objects } })
    const [catLabel] = wrapper.findAll('[data-testid="box"]')
    await catLabel!.trigger('mouseenter')
    const key = catLabel!.attributes('data-key')
    expect(wrapper.emitted('update:active')?.[0]).toEqual([key])
    await wrapper.setProps({ active: key })
    expect(wrapper.get(`rect[data-key="${key}"]`).classes()).toContain('active')
    expect(catLabel!.attributes('aria-pressed')).toBe('true')
    expect(wrapper.get('figure').classes()).toContain('highlighting')
    await wrapper.findAll('rect').at(-1)!.trigger('click')
    expect(wrapper.emitted('update:active')?.at(-1)).toEqual([wrapper.findAll('rect').at(-1)!.attributes('data-key')])
  })

  it('is one tab stop, with arrow keys from box to box', async () => {
    const wrapper = mount(ClassifyResultBoxes, { props: { src: 'blob:x', alt: 'photo', width: 451, height: 300, objects }, attachTo: document.body })
    const labels = wrapper.findAll('[data-testid="box"]')
    expect(labels.map((label) => label.attributes('tabindex'))).toEqual(['0', '-1'])
    await labels[0]!.trigger('keydown', { key: 'ArrowRight' })
    expect(wrapper.emitted('update:active')?.at(-1)).toEqual([labels[1]!.attributes('data-key')])
    await wrapper.setProps({ active: labels[1]!.attributes('data-key') })
    expect(labels.map((label) => label.attributes('tabindex'))).toEqual(['-1', '0'])
    expect(document.activeElement).toBe(labels[1]!.element)
    wrapper.unmount()
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
