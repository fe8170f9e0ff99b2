/**
 * Polling one active run from 20 components, in React (jsdom), two ways, in one process:
 *   (a) runlens: 20 `useRun` subscribers of the run (one cached query, one poll per interval);
 *   (b) a plain hook: each component polls with its own interval and fetch, as a naive hook does.
 * The run stays queued on the simulator for the whole measure; the interval is BENCH_POLL_MS
 * (default 50 ms) over BENCH_POLL_INTERVALS intervals (default 20). It prints requests per poll
 * interval (target for (a): 1) and the ratio.
 * Run: node --conditions=@runlens/source --import tsx bench/polling.bench.ts
 */

import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
const globals = globalThis as Record<string, unknown>
globals.window = dom.window
globals.document = dom.window.document
globals.navigator = dom.window.navigator
globals.IS_REACT_ACT_ENVIRONMENT = false

const subscribers = Number(process.env.BENCH_SUBSCRIBERS ?? 20)
const intervalMs = Number(process.env.BENCH_POLL_MS ?? 50)
const intervals = Number(process.env.BENCH_POLL_INTERVALS ?? 20)

const [{ createRunsClient }, sim, react, reactDom, hooks, { QueryClient }] = await Promise.all([
  import('@runlens/client'),
  import('@runlens/simulator'),
  import('react'),
  import('react-dom/client'),
  import('../packages/react/src/index.js'),
  import('@tanstack/react-query'),
])
const { createElement: h, useEffect, useState } = react
type Run = import('@runlens/client').Run

function setup() {
  let gets = 0
  // The simulator never wakes up: the run stays queued, so it is polled for the whole measure.
  const simulator = sim.createSimulator({ sleep: () => new Promise<void>(() => {}) })
  const fetch = (url: string, init: RequestInit) => {
    if ((init.method ?? 'GET') === 'GET' && /\/runs\/run_[^/]+$/.test(new URL(url).pathname)) gets++
    return simulator.fetch(url, init)
  }
  const client = createRunsClient({ baseURL: 'http://sim.bench/v1', fetch })
  return { client, simulator, gets: () => gets }
}

async function activeRun(
  simulator: ReturnType<typeof sim.createSimulator>,
  client: ReturnType<typeof setup>['client'],
) {
  const response = await simulator.fetch('http://sim.bench/v1/threads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
    body: '{}',
  })
  const threadId = ((await response.json()) as { id: string }).id
  const run = await client.runs.create(threadId, { assistant_id: 'asst_text' })
  return { threadId, runId: run.id }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function measure(render: (root: ReturnType<typeof reactDom.createRoot>) => void, gets: () => number) {
  const container = document.createElement('div')
  document.body.append(container)
  const root = reactDom.createRoot(container)
  render(root)
  // The first fetch of every subscriber, then a whole number of intervals.
  for (let i = 0; i < 2000 && gets() === 0; i++) await wait(1)
  await wait(intervalMs / 2)
  const before = gets()
  await wait(intervalMs * intervals)
  const polled = gets() - before
  root.unmount()
  container.remove()
  return { initial: before, perInterval: polled / intervals, text: container.textContent }
}

interface WatcherProps {
  client: ReturnType<typeof setup>['client']
  threadId: string
  runId: string
}

/** (a) runlens: a component with `useRun`. */
function RunlensWatcher({ threadId, runId }: WatcherProps) {
  const run = hooks.useRun(threadId, runId, { pollIntervalMs: intervalMs })
  return h('p', null, run.data?.status ?? '-')
}

/** (b) a plain hook: useState + its own setInterval + fetch. */
function usePlainRun({ client, threadId, runId }: WatcherProps) {
  const [run, setRun] = useState<Run | null>(null)
  useEffect(() => {
    let stopped = false
    const tick = async () => {
      const next = await client.runs.retrieve(threadId, runId)
      if (!stopped) setRun(next)
    }
    void tick()
    const id = setInterval(() => void tick(), intervalMs)
    return () => {
      stopped = true
      clearInterval(id)
    }
  }, [client, threadId, runId])
  return run
}

function PlainWatcher(props: WatcherProps) {
  const run = usePlainRun(props)
  return h('p', null, run?.status ?? '-')
}

async function runlens() {
  const { client, simulator, gets } = setup()
  const { threadId, runId } = await activeRun(simulator, client)
  const queryClient = new QueryClient()
  const result = await measure(
    (root) =>
      root.render(
        h(
          hooks.RunsProvider,
          { client, queryClient },
          Array.from({ length: subscribers }, (_, i) =>
            h(RunlensWatcher, { key: i, client, threadId, runId }),
          ),
        ),
      ),
    gets,
  )
  queryClient.clear()
  return result
}

async function plain() {
  const { client, simulator, gets } = setup()
  const { threadId, runId } = await activeRun(simulator, client)
  return measure(
    (root) =>
      root.render(
        h(
          'div',
          null,
          Array.from({ length: subscribers }, (_, i) => h(PlainWatcher, { key: i, client, threadId, runId })),
        ),
      ),
    gets,
  )
}

const a = await runlens()
const b = await plain()
console.log(
  `polling.bench: ${subscribers} subscribers of one active run, poll every ${intervalMs} ms, ${intervals} intervals (React ${react.version})`,
)
console.log(
  `(a) runlens useRun        first load ${a.initial} request(s), then ${a.perInterval.toFixed(2)} requests per interval`,
)
console.log(
  `(b) useState + interval   first load ${b.initial} request(s), then ${b.perInterval.toFixed(2)} requests per interval`,
)
console.log(`ratio b/a ${(b.perInterval / a.perInterval).toFixed(1)}x`)
dom.window.close()
process.exit(0)
