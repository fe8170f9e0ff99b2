import type { Assistant } from '@runlens/client'
import { ConnectionReset } from './connectionReset.js'
import { createCore, type SimulatorCore } from './core.js'
import { deliverBody } from './deliverBody.js'
import type { EngineContext, ErrorEventShape } from './engineContext.js'
import { SimulatorError } from './errors.js'
import { createFaultPlan, FAULT_HEADER, type FaultRule, faultBody } from './faults.js'
import { errorResponse, json } from './http.js'
import { createIdempotencyStore, IDEMPOTENCY_HEADER } from './idempotency.js'
import { makeAssistant, scenarioTools } from './objects.js'
import { createRandom, type Random } from './random.js'
import type { ResponseScenario } from './responses/responseRecord.js'
import { responseScenarios as builtinResponseScenarios } from './responses/responseScenarios.js'
import { matchRoute } from './router.js'
import type { Scenario } from './scenario.js'
import { builtinScenarios } from './scenarios/builtinScenarios.js'
import type { SimulatorState } from './state.js'

export interface SimulatorOptions {
  /** Seeds every id, request id and fault draw. Default 'runlens'. */
  seed?: number | string
  /** Pause before each streamed token, in ms, through `sleep`. Default 0. */
  tokenDelayMs?: number
  /** The clock, in ms since the epoch. Default `Date.now`. */
  now?: () => number
  /** How the simulator waits (token delays, latency faults, expiry). Default: a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>
  /** When set, requests must send `Authorization: Bearer <apiKey>` or get the real API's 401. */
  apiKey?: string
  /** Faults for every matching request (the `x-runlens-fault` header sets one per request). */
  faults?: FaultRule[]
  /** When set, every response carries `openai-poll-after-ms` with this value. */
  pollAfterMs?: number
  /** Where the API is served. Default '/v1'. */
  basePath?: string
  /** When true, a request without `OpenAI-Beta: assistants=v2` gets the real API's 400. Default false. */
  requireBetaHeader?: boolean
  /** Scenarios to register next to the built-in ones. */
  scenarios?: Scenario[]
  /** Responses API scenarios to register next to the built-in ones, each picked by its `model`. */
  responseScenarios?: ResponseScenario[]
  /**
   * When set, every run expires this many ms after its creation if it is still waiting for tool
   * outputs, whatever its scenario's `expiresAfterSeconds` (600 s, 60 s for `expired`) says.
   */
  expiresAfterMs?: number
  /**
   * The data of a stream's `event: error`: `'wrapped'` (default) is `{"error": {message, type,
   * param, code}}`, as real servers send it and the official SDKs read it; `'bare'` is the error
   * object alone, as the OpenAPI spec's ErrorEvent describes it.
   */
  errorEventShape?: ErrorEventShape
}

export interface Simulator {
  /** A `fetch` serving the API: pass it to the client as its `fetch`. Any origin works. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>
  /**
   * The same, for a `Request` you already have. Never rejects, except for an aborted request and
   * a `reset` fault (a `TypeError`, as `fetch` rejects for a network error).
   */
  handle(request: Request): Promise<Response>
  /** Forgets every thread, message, run and response, and restarts ids and faults from the seed. */
  reset(): void
  /** Adds (or replaces) a scenario and returns its assistant, `asst_<name>`. */
  registerScenario(scenario: Scenario): Assistant
  /** Adds (or replaces) a Responses API scenario: requests for its `model` follow it. */
  registerResponseScenario(scenario: ResponseScenario): void
  /** The id of the assistant that runs a scenario: `asst_<name>`. */
  assistantId(scenarioName: string): string
  /** The names of every scenario, built-in and registered. */
  scenarioNames(): string[]
  readonly basePath: string
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Like defaultSleep, but an expiry timer alone never keeps Node running (unref is Node-only). */
const detachedSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer: unknown = setTimeout(resolve, ms)
    ;(timer as { unref?: () => void }).unref?.()
  })

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
  'access-control-expose-headers':
    'x-request-id, openai-poll-after-ms, retry-after, retry-after-ms, idempotent-replayed',
}

/** The fault chosen for one request, kept for what happens after its handler: the wire. */
interface Attempt {
  fault: FaultRule | null
}

const SCENARIO_NAME = /^[A-Za-z0-9_-]{1,64}$/

/** A scenario's name becomes an assistant id, so it must be one. */
function checkScenario(scenario: Scenario): void {
  if (typeof scenario?.name !== 'string' || !SCENARIO_NAME.test(scenario.name)) {
    throw new TypeError(`A scenario name is 1 to 64 letters, digits, '_' or '-', got '${scenario?.name}'.`)
  }
  if (!Array.isArray(scenario.steps))
    throw new TypeError(`Scenario '${scenario.name}' needs a 'steps' array.`)
}

/** A Responses scenario's model is what requests name: any non-empty string, as model names are. */
function checkResponseScenario(scenario: ResponseScenario): void {
  if (typeof scenario?.model !== 'string' || scenario.model.trim() === '') {
    throw new TypeError(`A response scenario needs a model name, got '${scenario?.model}'.`)
  }
  if (!Array.isArray(scenario.steps))
    throw new TypeError(`Response scenario '${scenario.model}' needs a 'steps' array.`)
}

function checkOptions(options: SimulatorOptions): void {
  const { expiresAfterMs, errorEventShape } = options
  if (expiresAfterMs !== undefined && !(Number.isFinite(expiresAfterMs) && expiresAfterMs >= 0)) {
    throw new TypeError(`expiresAfterMs must be a number of ms >= 0, got ${expiresAfterMs}.`)
  }
  if (errorEventShape !== undefined && errorEventShape !== 'wrapped' && errorEventShape !== 'bare') {
    throw new TypeError(`errorEventShape must be 'wrapped' or 'bare', got '${errorEventShape}'.`)
  }
}

const abortError = (signal: AbortSignal): unknown =>
  signal.reason ?? new DOMException('This operation was aborted', 'AbortError')

function mask(key: string): string {
  return key.length <= 8 ? key : `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`
}

/**
 * The Assistants v2 Runs API, and the Responses API, as a fetch handler. It uses only web platform APIs (Request,
 * Response, ReadableStream, TextEncoder), so it runs in browsers, workers and Node alike.
 */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  checkOptions(options)
  const seed = options.seed ?? 'runlens'
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? defaultSleep
  const basePath = (options.basePath ?? '/v1').replace(/\/+$/, '')
  const scenarios = new Map<string, Scenario>()
  const responseScenarios = new Map<string, ResponseScenario>()

  let generation = 0
  let ids: Random = createRandom(seed, 'ids')
  let requestIds: Random = createRandom(seed, 'requests')
  const engine: EngineContext = {
    now,
    sleep,
    sleepDetached: options.sleep ?? detachedSleep,
    get random() {
      return ids
    },
    tokenDelayMs: options.tokenDelayMs ?? 0,
    expiresAfterMs: options.expiresAfterMs ?? null,
    errorEventShape: options.errorEventShape ?? 'wrapped',
    generation: () => generation,
  }
  const faults = createFaultPlan(options.faults ?? [], () => createRandom(seed, 'faults'))
  const idempotency = createIdempotencyStore(now)
  let state: SimulatorState
  let core: SimulatorCore

  const addScenarioAssistant = (scenario: Scenario): Assistant => {
    const assistant = makeAssistant(`asst_${scenario.name}`, Math.floor(now() / 1000), {
      name: scenario.name,
      description: scenario.description ?? null,
      model: scenario.model ?? 'gpt-4o',
      instructions: scenario.instructions ?? null,
      tools: scenarioTools(scenario),
      metadata: { scenario: scenario.name },
    })
    state.assistants.set(assistant.id, { assistant, scenario: scenario.name })
    return assistant
  }

  const reset = () => {
    generation++
    ids = createRandom(seed, 'ids')
    requestIds = createRandom(seed, 'requests')
    faults.reset()
    idempotency.clear()
    state = {
      threads: new Map(),
      assistants: new Map(),
      scenarios,
      runs: new Map(),
      responses: new Map(),
      responseScenarios,
    }
    core = createCore(state, engine)
    for (const scenario of scenarios.values()) addScenarioAssistant(scenario)
  }

  const registerScenario = (scenario: Scenario): Assistant => {
    checkScenario(scenario)
    scenarios.set(scenario.name, scenario)
    return addScenarioAssistant(scenario)
  }

  for (const scenario of options.scenarios ?? []) checkScenario(scenario)
  for (const scenario of options.responseScenarios ?? []) checkResponseScenario(scenario)
  for (const scenario of [...builtinResponseScenarios, ...(options.responseScenarios ?? [])]) {
    responseScenarios.set(scenario.model, scenario)
  }
  for (const scenario of [...builtinScenarios, ...(options.scenarios ?? [])]) {
    scenarios.set(scenario.name, scenario)
  }
  reset()

  const authorize = (request: Request): void => {
    if (options.apiKey === undefined) return
    const header = request.headers.get('authorization') ?? ''
    const key = /^Bearer\s+(.+)$/i.exec(header.trim())?.[1]?.trim()
    if (!key) {
      throw new SimulatorError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      )
    }
    if (key !== options.apiKey) {
      throw new SimulatorError(
        401,
        `Incorrect API key provided: ${mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        { code: 'invalid_api_key' },
      )
    }
  }

  const wait = async (ms: number, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) throw abortError(signal)
    let onAbort = () => {}
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortError(signal))
      signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      await Promise.race([sleep(ms), aborted])
    } finally {
      signal.removeEventListener('abort', onAbort)
    }
  }

  const dispatch = async (request: Request, attempt: Attempt): Promise<Response> => {
    const url = new URL(request.url)
    const method = request.method.toUpperCase()
    if (method === 'OPTIONS') return new Response(null, { status: 204 })
    const path = url.pathname
    if (path !== basePath && !path.startsWith(`${basePath}/`)) {
      throw new SimulatorError(404, `Invalid URL (${method} ${path})`)
    }
    const subPath = path.slice(basePath.length) || '/'

    let fault: FaultRule | null
    try {
      fault = faults.select({ method, path: subPath, header: request.headers.get(FAULT_HEADER) })
    } catch (error) {
      throw new SimulatorError(400, `Invalid ${FAULT_HEADER} header: ${(error as Error).message}.`, {
        param: FAULT_HEADER,
      })
    }
    attempt.fault = fault
    if (fault?.latencyMs) await wait(fault.latencyMs, request.signal)
    if (fault?.reset === 'before-handling') throw new ConnectionReset('before-headers')
    if (fault?.status !== undefined) {
      const body = faultBody(fault.status)
      const headers: Record<string, string> = {}
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter)
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs)
      throw new SimulatorError(fault.status, body.message, { type: body.type, code: body.code, headers })
    }

    authorize(request)
    // The header is the Assistants API's: the Responses API (and the models list) never asks for it.
    const assistantsPath = !/^\/(responses|models)(\/|$)/.test(subPath)
    if (
      options.requireBetaHeader &&
      assistantsPath &&
      !/\bassistants=v2\b/.test(request.headers.get('openai-beta') ?? '')
    ) {
      throw new SimulatorError(
        400,
        "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
      )
    }
    const match = matchRoute(method, subPath)
    if (match.kind === 'none') throw new SimulatorError(404, `Invalid URL (${method} ${path})`)
    if (match.kind === 'wrong-method') {
      throw new SimulatorError(405, `Invalid method for URL (${method} ${path})`, {
        headers: { allow: match.allow.join(', ') },
      })
    }
    const handler = async () => match.handler(core, { request, url, params: match.params })
    const key = request.headers.get(IDEMPOTENCY_HEADER)
    // GET reads change nothing: a key there has nothing to protect.
    if (key === null || method === 'GET' || method === 'HEAD') return handler()
    return idempotency.handleOnce(key, request, `${method} ${path}${url.search}`, handler)
  }

  /**
   * What the wire does to a response, per request: a reset after handling, a stream cut or
   * stalled, a cut after N bytes, and the client's abort for a stream.
   */
  const deliver = async (response: Response, fault: FaultRule | null, signal: AbortSignal) => {
    if (fault?.reset === 'after-handling') {
      // The work is done (and kept for an idempotent retry); this client only loses the answer.
      await response.body?.cancel()
      throw new ConnectionReset('before-headers')
    }
    const events = response.headers.get('content-type')?.startsWith('text/event-stream') ?? false
    if (!response.body || (!events && fault?.resetAfterBytes === undefined)) return response
    const body = deliverBody(response.body, {
      events,
      faults: {
        cutAfter: fault?.cutAfter,
        stallAfter: fault?.stallAfter,
        resetAfterBytes: fault?.resetAfterBytes,
      },
      signal,
    })
    return new Response(body, { status: response.status, headers: response.headers })
  }

  const handle = async (request: Request): Promise<Response> => {
    const requestId = `req_${requestIds.hex(32)}`
    if (request.signal.aborted) throw abortError(request.signal)
    const attempt: Attempt = { fault: null }
    let response: Response
    try {
      response = await dispatch(request, attempt)
    } catch (error) {
      if (request.signal.aborted) throw abortError(request.signal)
      if (error instanceof ConnectionReset) throw error
      if (error instanceof SimulatorError) response = errorResponse(error)
      else {
        // Never crash on a request: an unexpected error is the real API's 500.
        const body = faultBody(500)
        response = json({ error: { ...body, param: null } }, 500)
      }
    }
    response.headers.set('x-request-id', requestId)
    response.headers.set('openai-version', '2020-10-01')
    if (options.pollAfterMs !== undefined)
      response.headers.set('openai-poll-after-ms', String(options.pollAfterMs))
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value)
    return deliver(response, attempt.fault, request.signal)
  }

  return {
    fetch: (input, init) => {
      // A path alone ('/v1/threads') gets a placeholder origin; the simulator ignores origins.
      const target =
        typeof input === 'string' && input.startsWith('/') ? `http://simulator.local${input}` : input
      let request: Request
      try {
        request = new Request(target, init)
      } catch (error) {
        return Promise.reject(error)
      }
      return handle(request)
    },
    handle,
    reset,
    registerScenario,
    registerResponseScenario: (scenario) => {
      checkResponseScenario(scenario)
      responseScenarios.set(scenario.model, scenario)
    },
    assistantId: (name) => `asst_${name}`,
    scenarioNames: () => [...scenarios.keys()],
    basePath,
  }
}
