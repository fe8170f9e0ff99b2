import { afterAll, beforeAll, beforeEach } from 'vitest'
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/index.js'
import { startSimulatorServer } from '../../src/node.js'

/** A macrotask without any delay: lets sockets and timers of 0 run, never waits real time. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A frozen clock the test moves by hand; the simulator's sleep never advances it. */
export function createTestClock(start = Date.UTC(2026, 0, 1)) {
  let now = start
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
    set(ms: number) {
      now = ms
    },
  }
}

export type Clock = ReturnType<typeof createTestClock>

export interface Target {
  name: 'in-process' | 'http'
  simulator: Simulator
  clock: Clock
  /** Every ms the simulator asked to sleep for. */
  sleeps: number[]
  /** The API's base URL (`http://127.0.0.1:PORT/v1`, or a placeholder in process). */
  baseURL: string
  fetch(path: string, init?: RequestInit): Promise<Response>
  get(path: string, headers?: Record<string, string>): Promise<Response>
  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  json<T = Record<string, unknown>>(response: Response | Promise<Response>): Promise<T>
  close(): Promise<void>
}

/**
 * The same simulator options served two ways: called as a fetch handler, or over real HTTP on
 * 127.0.0.1. `sleep` yields one macrotask whatever it is asked, so token delays, latency faults
 * and expiry timers cost no real time; the clock only moves when a test moves it.
 */
export async function createTarget(
  name: Target['name'],
  options: Omit<SimulatorOptions, 'now' | 'sleep'> & { sleep?: (ms: number) => Promise<void> } = {},
): Promise<Target> {
  const clock = createTestClock()
  const sleeps: number[] = []
  const sleep = options.sleep ?? nextTurn
  const simulatorOptions: SimulatorOptions = {
    ...options,
    now: clock.now,
    sleep: (ms) => {
      sleeps.push(ms)
      return sleep(ms)
    },
  }
  let baseURL = 'http://simulator.test/v1'
  let simulator: Simulator
  let close = async () => {}
  let doFetch: (input: string, init?: RequestInit) => Promise<Response>
  if (name === 'http') {
    const server = await startSimulatorServer({ ...simulatorOptions, port: 0 })
    baseURL = server.url
    simulator = server.simulator
    close = server.close
    doFetch = (input, init) => fetch(input, init)
  } else {
    simulator = createSimulator(simulatorOptions)
    doFetch = simulator.fetch
  }
  const target: Target = {
    name,
    simulator,
    clock,
    sleeps,
    baseURL,
    fetch: (path, init) => doFetch(`${baseURL}${path}`, init),
    get: (path, headers = {}) => target.fetch(path, { headers }),
    post: (path, body, headers = {}) =>
      target.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    json: async <T>(response: Response | Promise<Response>) => (await (await response).json()) as T,
    close,
  }
  return target
}

export const TARGETS = ['in-process', 'http'] as const

/**
 * One target for the enclosing describe block, closed after it; before each test the simulator is
 * reset and a thread is created from `thread`. `ready` receives both (assign them to the block's
 * `let`s).
 */
export function useTargetWithThread(
  name: Target['name'],
  ready: (target: Target, threadId: string) => void,
  { options = {}, thread = {} }: { options?: Parameters<typeof createTarget>[1]; thread?: unknown } = {},
): void {
  let target: Target
  beforeAll(async () => {
    target = await createTarget(name, options)
  })
  afterAll(() => target.close())
  beforeEach(async () => {
    target.simulator.reset()
    ready(target, (await target.json<{ id: string }>(target.post('/threads', thread))).id)
  })
}

/** Polls `read` (one macrotask apart) until `done` accepts its value; fails after `tries`. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  tries = 500,
): Promise<T> {
  let value = await read()
  for (let i = 0; i < tries && !done(value); i++) {
    await nextTurn()
    value = await read()
  }
  if (!done(value))
    throw new Error(`condition not met after ${tries} tries: ${JSON.stringify(value).slice(0, 300)}`)
  return value
}

export const TERMINAL = ['completed', 'failed', 'cancelled', 'incomplete', 'expired']
