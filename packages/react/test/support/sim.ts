import { createRunsClient, type FetchLike, type Message, type RunsClient } from '@runlens/client'
import { createSimulator, type Simulator, type SimulatorOptions } from '@runlens/simulator'

export interface RecordedRequest {
  method: string
  path: string
  search: string
  signal: AbortSignal | null
  body: unknown
}

/** A sleep the test releases by hand: nothing in the simulator moves until `step()`/`run()`. */
export interface Pace {
  sleep(ms: number): Promise<void>
  /** Resolves every pending sleep, again and again, until none is left (or `max` rounds). */
  run(max?: number): Promise<void>
  /** Releases sleeps one by one, `n` times, letting the stream flow between. */
  step(n?: number): Promise<void>
  pending(): number
  /** From now on every sleep resolves at once (a microtask later). */
  auto(): void
}

export function createPace(): Pace {
  const waiting: Array<() => void> = []
  let automatic = false
  // Microtasks, then one task: a session that gave the main thread back in a long burst of events
  // (yieldToMain: a MessageChannel task in Node) goes on, as it would between a socket's reads.
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve()
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        channel.port1.close()
        resolve()
      }
      channel.port2.postMessage(null)
    })
    for (let i = 0; i < 20; i++) await Promise.resolve()
  }
  return {
    sleep(_ms) {
      if (automatic) return Promise.resolve()
      return new Promise<void>((resolve) => waiting.push(resolve))
    },
    async run(max = 100_000) {
      for (let i = 0; i < max; i++) {
        await settle()
        const next = waiting.shift()
        if (!next) {
          await settle()
          if (waiting.length === 0) return
          continue
        }
        next()
      }
    },
    async step(n = 1) {
      for (let i = 0; i < n; i++) {
        await settle()
        waiting.shift()?.()
      }
      await settle()
    },
    pending: () => waiting.length,
    auto() {
      automatic = true
      while (waiting.length) waiting.shift()?.()
    },
  }
}

export interface SimHarness {
  sim: Simulator
  client: RunsClient
  requests: RecordedRequest[]
  fetch: FetchLike
  pace: Pace
  /** Requests matching a method and a path pattern. */
  count(method: string, path?: RegExp): number
  thread(): Promise<string>
  assistant(scenario: string): string
}

export interface HarnessOptions {
  sim?: SimulatorOptions
  /** The simulator waits on `pace` (default) or runs free. */
  paced?: boolean
  /** A running simulator server's URL: requests go over HTTP instead of in-process. */
  baseURL?: string
  /** The simulator that server serves (made with `createPacedSimulator` and the same `pace`). */
  simulator?: Simulator
  pace?: Pace
}

/** A simulator that waits on `pace` (by default) for every token and pause. */
export function createPacedSimulator(
  pace: Pace,
  options: Pick<HarnessOptions, 'paced' | 'sim'> = {},
): Simulator {
  const paced = options.paced ?? true
  return createSimulator({
    tokenDelayMs: 1,
    ...(paced ? { sleep: pace.sleep } : { sleep: () => Promise.resolve() }),
    ...options.sim,
  })
}

export function createSimHarness(options: HarnessOptions = {}): SimHarness {
  const pace = options.pace ?? createPace()
  const sim = options.simulator ?? createPacedSimulator(pace, options)
  const requests: RecordedRequest[] = []
  const baseURL = options.baseURL ?? 'http://sim.test/v1'
  const transport: FetchLike = options.baseURL
    ? (url, init) => fetch(url, init)
    : (url, init) => sim.fetch(url, init)
  const recording: FetchLike = (url, init) => {
    const parsed = new URL(url)
    let body: unknown = null
    if (typeof init.body === 'string') body = JSON.parse(init.body)
    requests.push({
      method: init.method ?? 'GET',
      path: parsed.pathname.replace(/^\/v1/, ''),
      search: parsed.search,
      signal: init.signal ?? null,
      body,
    })
    return transport(url, init)
  }
  const client = createRunsClient({
    baseURL,
    fetch: recording,
    maxRetries: 0,
    sleep: () => Promise.resolve(),
  })
  return {
    sim,
    client,
    requests,
    fetch: recording,
    pace,
    count(method, path) {
      return requests.filter((r) => r.method === method && (!path || path.test(r.path))).length
    },
    async thread() {
      const response = await transport(`${baseURL}/threads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }] }),
      })
      const thread = (await response.json()) as { id: string }
      return thread.id
    },
    assistant: (scenario) => `asst_${scenario}`,
  }
}

/** The server's text of a run's assistant messages, joined as the store joins them. */
export async function serverText(h: SimHarness, threadId: string, runId: string): Promise<string> {
  const direct = createRunsClient({ baseURL: 'http://sim.test/v1', fetch: (u, i) => h.sim.fetch(u, i) })
  const messages: Message[] = []
  for await (const message of direct.threads.messages.list(threadId, { run_id: runId, order: 'asc' }))
    messages.push(message)
  return messages
    .filter((m) => m.role === 'assistant')
    .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''))
    .filter((t) => t !== '')
    .join('\n\n')
}
