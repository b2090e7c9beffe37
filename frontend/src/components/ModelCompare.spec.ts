import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { version } from '@/test/customModelFixtures'
import ModelCompare from './ModelCompare.vue'

describe('ModelCompare', () => {
  it('puts two versions side by side with accuracy and per-class F1 differences', () => {
    const v2 = version({
      version: '2',
      pictures: 36,
      metrics: { ...version().metrics, accuracy: 0.78, perClass: [{ label: 'beagle', support: 24, precision: 0.9, recall: 0.9, f1: 0.9 }, { label: 'basset', support: 12, precision: 0.6, recall: 0.6, f1: 0.6 }] },
    })
    const wrapper = mount(ModelCompare, { props: { a: v2, b: version() } })
    expect(wrapper.get('h2').text()).toBe('Version 1 and version 2')
    const accuracy = wrapper.get('[data-testid="compare-accuracy"]').findAll('th, td').map((c) => c.text())
    expect(accuracy).toEqual(['Accuracy', '80.0%', '78.0%', '−2 points'])
    expect(wrapper.find('[data-testid="compare-accuracy"] td.worse').exists()).toBe(true)
    const classes = wrapper.findAll('[data-testid="compare-class"]').map((row) => row.findAll('th, td').map((c) => c.text()))
    expect(classes).toEqual([
      ['beagle', '85.0%', '90.0%', '+5 points'],
      ['basset', '70.0%', '60.0%', '−10 points'],
    ])
  })
})
