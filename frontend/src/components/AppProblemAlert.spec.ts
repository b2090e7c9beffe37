import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { ApiProblem } from '@/services/problem'
import AppProblemAlert from './AppProblemAlert.vue'

describe('AppProblemAlert', () => {
  it('turns an API problem into a readable alert with a retry button', async () => {
    const error = new ApiProblem({ type: 'https://zoolens.io/problems/too-many-pixels', title: 'Too many pixels' }, 422)
    const wrapper = mount(AppProblemAlert, { props: { error, title: 'That did not work', retryable: true } })
    expect(wrapper.get('[role="alert"]').text()).toContain('too many pixels')
    await wrapper.get('button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})
