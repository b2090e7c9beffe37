import { describe, expect, it } from 'vitest'
import { ApiProblem } from '@/services/problem'
import { useFormErrors } from './useFormErrors'

const P = 'https://zoolens.io/problems/'

describe('useFormErrors', () => {
  it('puts validation messages beside their fields', () => {
    const errors = useFormErrors()
    errors.show(new ApiProblem({ type: `${P}validation-failed`, errors: [{ field: 'email', message: 'Not an email.' }] }, 400))
    expect(errors.fields.value).toEqual({ email: 'Not an email.' })
    expect(errors.form.value).toBeNull()
  })

  it('maps known problem types to a field, and everything else to the form', () => {
    const errors = useFormErrors({ 'username-taken': 'username' })
    errors.show(new ApiProblem({ type: `${P}username-taken` }, 409))
    expect(errors.fields.value.username).toBe('That username is already taken.')
    errors.show(new ApiProblem({ type: `${P}bad-credentials` }, 401))
    expect(errors.fields.value).toEqual({})
    expect(errors.form.value).toBe('That username or email and password do not match.')
  })

  it('says an error about no field in the form, not beside a field called "null"', () => {
    const errors = useFormErrors()
    errors.show(new ApiProblem({ type: `${P}validation-failed`, detail: 'The request is invalid.', errors: [{ field: null, message: 'Give a name or a description.' }] }, 400))
    expect(errors.fields.value).toEqual({})
    expect(errors.form.value).not.toBeNull()
  })
})
