import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { api, ApiProblem } from '@/services/api'
import { useAuthStore } from '@/stores/auth'

export type RuleState = 'met' | 'failed' | 'unknown'

export interface PasswordRuleView {
  code: string
  text: string
  state: RuleState
}

/** What else the password is checked against (the not-personal rule). */
export interface PasswordContext {
  username?: string
  email?: string
}

const encoder = new TextEncoder()

/**
 * The password rules from the API (`GET /auth/password-rules`), each met, failed or not known yet for what is typed.
 * Length rules are judged here at once; the API (`POST /auth/password-check`, after typing pauses) judges every
 * rule, and its answer wins. A 422 `weak-password` from sign-up marks every rule it names as failed.
 */
export function usePasswordRules(password: Ref<string>, context: () => PasswordContext, delayMs = 400) {
  const auth = useAuthStore()
  const { passwordRules } = storeToRefs(auth)
  /** Codes the API said fail, for the input in `answeredFor`. */
  const failedCodes = ref<Set<string> | null>(null)
  const answeredFor = ref<string | null>(null)
  const checking = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: AbortController | null = null

  const key = () => JSON.stringify([password.value, context().username ?? '', context().email ?? ''])

  function localState(code: string, value: string): RuleState | null {
    const limits = passwordRules.value
    if (!limits) return null
    // Characters as the API counts them: code points, so an emoji is one.
    if (code === 'min-length') return [...value].length >= limits.minLength ? 'met' : 'failed'
    if (code === 'max-bytes') return encoder.encode(value).length <= limits.maxBytes ? 'met' : 'failed'
    return null
  }

  const rules = computed<PasswordRuleView[]>(() => {
    const value = password.value
    const answered = answeredFor.value === key() ? failedCodes.value : null
    return (passwordRules.value?.rules ?? []).map((rule) => {
      let state: RuleState = 'unknown'
      if (answered) state = answered.has(rule.code) ? 'failed' : 'met'
      else if (value) state = localState(rule.code, value) ?? 'unknown'
      return { ...rule, state }
    })
  })

  const failed = computed(() => rules.value.filter((rule) => rule.state === 'failed'))
  /** Every rule judged by the API for exactly what is typed now. */
  const settled = computed(() => !!password.value && answeredFor.value === key())

  async function check() {
    const asked = key()
    if (!password.value) return
    inFlight?.abort()
    const controller = new AbortController()
    inFlight = controller
    checking.value = true
    try {
      const { username, email } = context()
      const answer = await api.auth.checkPassword(
        { password: password.value, username: username || undefined, email: email || undefined },
        controller.signal,
      )
      failedCodes.value = new Set(answer.failed.map((rule) => rule.code))
      answeredFor.value = asked
    } catch {
      // Rate-limited or away: the length rules still show, and sign-up's own answer lists every failed rule.
    } finally {
      if (inFlight === controller) {
        inFlight = null
        checking.value = false
      }
    }
  }

  /** Sign-up was refused with 422 `weak-password`: its `errors` name every failed rule. */
  function showProblem(problem: unknown) {
    if (!(problem instanceof ApiProblem) || problem.slug !== 'weak-password') return
    const codes = problem.errors.filter((error) => error.field === 'password' && error.code).map((error) => error.code as string)
    if (!codes.length) return
    failedCodes.value = new Set(codes)
    answeredFor.value = key()
  }

  watch([password, () => context().username, () => context().email], () => {
    if (timer) clearTimeout(timer)
    timer = password.value ? setTimeout(check, delayMs) : null
  })

  onMounted(() => auth.loadPasswordRules())
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
    inFlight?.abort()
  })

  return { rules, failed, settled, checking, showProblem }
}
