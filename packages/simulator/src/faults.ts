import type { Random } from './random.js'

/**
 * A fault to inject, set for the whole simulator (`faults` option) or for one request with the
 * `x-runlens-fault` header. Its grammar is `key=value` pairs joined by `;`:
 *
 *   status=503                 answer 503 (or any 4xx/5xx) with the real API's error body
 *   status=429;retry-after=1   ... with a `retry-after: 1` header (seconds)
 *   status=429;retry-after-ms=20   ... with a `retry-after-ms: 20` header
 *   latency-ms=50              wait 50 ms (on the injectable sleep) before answering
 *   cut-after=5                a stream ends after 5 events, with no terminal event and no [DONE]
 *   stall-after=5              a stream sends 5 events, then stays open and silent
 *   reset=before-handling      the connection is reset before the request is handled: no effect
 *   reset=after-handling       the request is handled (a run is created...), then the connection is
 *                              reset before the response headers: the client never learns the outcome
 *   reset-after-bytes=100      the connection closes after 100 bytes of the response body, before
 *                              its end (at its end if it is shorter): reading the body fails
 *   times=2                    only the first 2 requests carrying this exact header value get the
 *                              fault, later ones pass ("fail twice, then succeed")
 *   probability=0.3            the fault hits 30% of requests, drawn from the seeded random
 *
 * For example `x-runlens-fault: status=503;times=2` or `x-runlens-fault: latency-ms=50;cut-after=8`.
 * A global rule (the `faults` option, the CLI's `--fault`) may also name `method=POST` and
 * `path=/threads/runs` (a prefix under the base path) to choose its requests.
 */
export interface FaultRule {
  /** Answer with this status instead of handling the request. */
  status?: number
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number
  /** Milliseconds, sent as `retry-after-ms`. */
  retryAfterMs?: number
  /** Added before the response, through the injectable sleep. */
  latencyMs?: number
  /** End a stream after this many events, without a terminal event or `[DONE]`. */
  cutAfter?: number
  /** Stop sending after this many events and keep the stream open. */
  stallAfter?: number
  /**
   * Reset the connection (a TCP RST) before the response headers: before the request is handled,
   * so nothing happens, or after, so it took effect but its answer is lost. In process, `fetch`
   * rejects with a `TypeError` as a network error does.
   */
  reset?: ResetPhase
  /**
   * Close the connection after this many bytes of the response body (at its end if it is
   * shorter): the body never ends normally, reading it fails with a `TypeError` ('terminated').
   */
  resetAfterBytes?: number
  /** Apply to the first N matching requests only. */
  times?: number
  /** Between 0 and 1; drawn from the simulator's seeded random. Default 1. */
  probability?: number
  /** Global rules only: the HTTP method to match (any by default). */
  method?: string
  /** Global rules only: the path to match (under basePath, e.g. '/threads/'), by prefix or RegExp. */
  path?: string | RegExp
}

export type ResetPhase = 'before-handling' | 'after-handling'

const RESET_PHASES: readonly string[] = ['before-handling', 'after-handling'] satisfies ResetPhase[]

export const FAULT_HEADER = 'x-runlens-fault'

/** The keys whose value is a number, by their name in the header. */
const NUMBER_KEYS: Record<string, keyof FaultRule> = {
  status: 'status',
  'retry-after': 'retryAfter',
  'retry-after-ms': 'retryAfterMs',
  'latency-ms': 'latencyMs',
  'cut-after': 'cutAfter',
  'stall-after': 'stallAfter',
  'reset-after-bytes': 'resetAfterBytes',
  times: 'times',
  probability: 'probability',
}

/** Parses the header; throws an Error whose message says what is wrong. */
export function parseFaultHeader(value: string): FaultRule {
  return parseFault(value, false)
}

/**
 * Parses a global rule in the header's grammar plus `method=POST` and `path=/threads/runs` (a
 * prefix under the base path), as the CLI's `--fault` takes it; throws like parseFaultHeader.
 */
export function parseFaultRule(value: string): FaultRule {
  return parseFault(value, true)
}

function parseFault(value: string, global: boolean): FaultRule {
  const rule: FaultRule = {}
  const known = [...Object.keys(NUMBER_KEYS), 'reset', ...(global ? ['method', 'path'] : [])]
  for (const part of value.split(';')) {
    const trimmed = part.trim()
    if (trimmed === '') continue
    const [rawKey = '', rawValue, ...rest] = trimmed.split('=')
    const name = rawKey.trim().toLowerCase()
    if (!known.includes(name)) throw new Error(`unknown key '${rawKey.trim()}' (known: ${known.join(', ')})`)
    const text = rawValue?.trim() ?? ''
    if (name === 'reset') {
      if (!RESET_PHASES.includes(text) || rest.length > 0) {
        throw new Error(`'reset' must be ${RESET_PHASES.join(' or ')}, got '${rawValue ?? ''}'`)
      }
      rule.reset = text as ResetPhase
      continue
    }
    if (name === 'method') {
      if (!/^[A-Za-z]+$/.test(text) || rest.length > 0)
        throw new Error(`'method' must be an HTTP method, got '${rawValue ?? ''}'`)
      rule.method = text.toUpperCase()
      continue
    }
    if (name === 'path') {
      if (!text.startsWith('/') || rest.length > 0)
        throw new Error(`'path' must start with '/', got '${rawValue ?? ''}'`)
      rule.path = text
      continue
    }
    const key = NUMBER_KEYS[name] as keyof FaultRule
    const number = Number(text)
    if (rawValue === undefined || rest.length > 0 || text === '' || !Number.isFinite(number) || number < 0) {
      throw new Error(`'${rawKey.trim()}' needs a number >= 0, got '${rawValue ?? ''}'`)
    }
    if (key === 'status' && (!Number.isInteger(number) || number < 400 || number > 599)) {
      throw new Error(`'status' must be an HTTP error status from 400 to 599, got '${rawValue}'`)
    }
    if (key === 'probability' && number > 1)
      throw new Error(`'probability' must be between 0 and 1, got '${rawValue}'`)
    if (key === 'resetAfterBytes' && !Number.isInteger(number))
      throw new Error(`'reset-after-bytes' needs a whole number of bytes, got '${rawValue}'`)
    ;(rule as Record<string, number>)[key] = number
  }
  return rule
}

/** Decides which faults hit a request, counting `times` per rule (or per header value). */
export interface FaultPlan {
  select(request: { method: string; path: string; header: string | null }): FaultRule | null
  reset(): void
}

export function createFaultPlan(rules: readonly FaultRule[], random: () => Random): FaultPlan {
  let uses = new Map<string, number>()
  let draws = random()

  const applies = (key: string, rule: FaultRule): boolean => {
    const used = uses.get(key) ?? 0
    if (rule.times !== undefined && used >= rule.times) return false
    if (rule.probability !== undefined && draws.next() >= rule.probability) return false
    uses.set(key, used + 1)
    return true
  }

  const matches = (rule: FaultRule, method: string, path: string): boolean => {
    if (rule.method && rule.method.toUpperCase() !== method) return false
    if (rule.path === undefined) return true
    return typeof rule.path === 'string' ? path.startsWith(rule.path) : rule.path.test(path)
  }

  return {
    select({ method, path, header }) {
      if (header !== null) {
        const rule = parseFaultHeader(header)
        return applies(`header:${header.replace(/\s+/g, '')}`, rule) ? rule : null
      }
      for (const [index, rule] of rules.entries()) {
        if (matches(rule, method, path) && applies(`rule:${index}`, rule)) return rule
      }
      return null
    },
    reset() {
      uses = new Map()
      draws = random()
    },
  }
}

/** The real API's body for an injected error status. */
export function faultBody(status: number): { message: string; type: string; code: string | null } {
  if (status === 429)
    return { message: 'Rate limit reached for requests', type: 'requests', code: 'rate_limit_exceeded' }
  if (status === 500) {
    return {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
    }
  }
  if (status === 503)
    return { message: 'The server is overloaded or not ready yet.', type: 'server_error', code: null }
  if (status >= 500)
    return { message: `Bad gateway (simulated ${status}).`, type: 'server_error', code: null }
  return { message: `Simulated error ${status}.`, type: 'invalid_request_error', code: null }
}
