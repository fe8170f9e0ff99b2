/**
 * Rendering a streamed answer in React (jsdom), two ways, in one process, on the same 10,000-delta
 * stream served by the simulator (one delta per macrotask, as a socket hands them over), for a run
 * and for a background response (BENCH_PROTOCOLS=runs or responses for one of them):
 *   (a) runlens: useRunStream or useResponseStream, state in a vanilla store, text committed once
 *       per animation frame, a status-only component and a text component reading their slice
 *       through selectors;
 *   (b) a plain hook: the client's stream, its reducer (applyRunEvent, applyResponseEvent), useState
 *       updated on every event, the same two components fed by props.
 * It counts renders of the status-only component (target: one per status change) and commits of
 * the text view (target: at most one per frame), and prints both with the ratios.
 * Frames are simulated: one every BENCH_DELTAS_PER_FRAME deltas (default 10, i.e. 600 deltas/s at
 * 60 fps). Run: npm run bench -- render
 */

import { JSDOM } from 'jsdom'

const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true })
const globals = globalThis as Record<string, unknown>
for (const key of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Element', 'Text', 'Event']) {
  if (!(key in globals) || key === 'window' || key === 'document')
    globals[key] = (dom.window as unknown as Record<string, unknown>)[key]
}
globals.window = dom.window
globals.document = dom.window.document
globals.IS_REACT_ACT_ENVIRONMENT = false

const deltas = Number(process.env.BENCH_DELTAS ?? 10_000)
const perFrame = Number(process.env.BENCH_DELTAS_PER_FRAME ?? 10)
const protocols = (process.env.BENCH_PROTOCOLS ?? 'runs,responses').split(',') as Protocol[]

const [
  { createRunsClient, applyRunEvent, emptyRunSnapshot, applyResponseEvent, emptyResponseSnapshot },
  sim,
  react,
  reactDom,
  hooks,
  { QueryClient },
  { useStore },
] = await Promise.all([
  import('@runlens/client'),
  import('@runlens/simulator'),
  import('react'),
  import('react-dom/client'),
  import('../packages/react/src/index.js'),
  import('@tanstack/react-query'),
  import('zustand'),
])
const { createElement: h, Profiler, useEffect, useState } = react
type RunSnapshot = import('@runlens/client').RunSnapshot
type RunStreamEvent = import('@runlens/client').AssistantStreamEvent
type ResponseSnapshot = import('@runlens/client').ResponseSnapshot
type ResponseStreamEvent = import('@runlens/client').ResponseStreamEvent
type ReactNode = import('react').ReactNode
type ResponseStore = import('../packages/react/src/index.js').ResponseStore
type RunsClient = import('@runlens/client').RunsClient

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A frame clock driven by the simulator's token pace: callbacks run every `perFrame` deltas. */
function createFrames() {
  let pending: Array<() => void> = []
  let frames = 0
  let sleeps = 0
  return {
    scheduler(flush: () => void) {
      pending.push(flush)
      return () => {
        pending = pending.filter((f) => f !== flush)
      }
    },
    /** The simulator's sleep: one token per macrotask, a frame every `perFrame` tokens. */
    async sleep() {
      await macrotask()
      if (++sleeps % perFrame === 0) {
        frames++
        const run = pending
        pending = []
        for (const flush of run) flush()
      }
    },
    get frames() {
      return frames
    },
  }
}

type Protocol = 'runs' | 'responses'
type Kind = 'runlens' | 'plain'

function setup() {
  const frames = createFrames()
  const simulator = sim.createSimulator({ tokenDelayMs: 1, sleep: () => frames.sleep() })
  const words = Array.from({ length: deltas }, (_, i) => `w${i % 10}`).join(' ')
  simulator.registerScenario({ name: 'bench', steps: [{ type: 'message', text: words }] })
  simulator.registerResponseScenario({
    model: 'sim-bench',
    description: 'The render benchmark.',
    steps: [{ type: 'message', text: words }],
  })
  const client = createRunsClient({
    baseURL: 'http://sim.bench/v1',
    fetch: (url, init) => simulator.fetch(url, init),
  })
  return { frames, simulator, client }
}

async function thread(simulator: ReturnType<typeof sim.createSimulator>): Promise<string> {
  const response = await simulator.fetch('http://sim.bench/v1/threads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
    body: '{}',
  })
  return ((await response.json()) as { id: string }).id
}

interface Counts {
  statusRenders: number
  statusChanges: number
  textCommits: number
  frames: number
  deltas: number
  ms: number
  textLength: number
}

/** What the components of one measure share: ids, counters, the end signal. */
interface Probe {
  /** runs: the thread the run goes on. */
  threadId: string
  client: RunsClient
  scheduler: (flush: () => void) => () => void
  statusRenders: number
  statuses: Array<string | null>
  textCommits: number
  deltas: number
  done(): void
}

function countStatus(probe: Probe, status: string | null) {
  probe.statusRenders++
  if (probe.statuses[probe.statuses.length - 1] !== status) probe.statuses.push(status)
}

/** The page of one measure: a status-only component and a text view under a Profiler. */
function Page({ probe, status, text }: { probe: Probe; status: ReactNode; text: ReactNode }) {
  return h('div', null, status, h(Profiler, { id: 'text', onRender: () => probe.textCommits++ }, text))
}

// (a) runlens: a status-only and a text component, each reading its slice of the run's store.
function RunlensStatus({ probe, runId }: { probe: Probe; runId: string | null }) {
  const status = hooks.useRunStreamState(probe.threadId, runId, hooks.selectStatus)
  countStatus(probe, status)
  return h('p', null, status)
}

function RunlensText({ probe, runId }: { probe: Probe; runId: string | null }) {
  const text = hooks.useRunStreamState(probe.threadId, runId, hooks.selectText)
  return h('p', null, text)
}

function RunlensRunsPage({ probe }: { probe: Probe }) {
  const s = hooks.useRunStream(probe.threadId, { scheduler: probe.scheduler, select: (state) => state.runId })
  const { start, store } = s
  useEffect(() => {
    const stop = store.subscribe((state) => {
      if (state.status === 'completed') probe.done()
    })
    void start({ assistant_id: 'asst_bench' })
    return stop
  }, [start, store, probe])
  return h(Page, {
    probe,
    status: h(RunlensStatus, { probe, runId: s.runId }),
    text: h(RunlensText, { probe, runId: s.runId }),
  })
}

// (a) for responses: the same two components, reading the session's store through the same selectors.
function ResponseStatus({ probe, store }: { probe: Probe; store: ResponseStore }) {
  const status = useStore(store, hooks.selectStatus)
  countStatus(probe, status)
  return h('p', null, status)
}

function ResponseText({ store }: { store: ResponseStore }) {
  const text = useStore(store, hooks.selectText)
  return h('p', null, text)
}

function RunlensResponsesPage({ probe }: { probe: Probe }) {
  const s = hooks.useResponseStream({ scheduler: probe.scheduler, select: (state) => state.responseId })
  const { start, store } = s
  useEffect(() => {
    const stop = store.subscribe((state) => {
      if (state.status === 'completed') probe.done()
    })
    void start({ model: 'sim-bench', input: 'Hi', background: true })
    return stop
  }, [start, store, probe])
  return h(Page, {
    probe,
    status: h(ResponseStatus, { probe, store }),
    text: h(ResponseText, { store }),
  })
}

// (b) a plain hook: useState on every event, the components fed by props.

/** What the plain hook needs of a protocol: its stream, its reducer, what its snapshot shows. */
interface PlainProtocol<S, E> {
  empty: S
  open(probe: Probe): AsyncIterable<E> & { abort(): void }
  isDelta(event: E): boolean
  reduce(snapshot: S, event: E): S
  shown(snapshot: S): { status: string | null; text: string }
}

const plainRuns: PlainProtocol<RunSnapshot, RunStreamEvent> = {
  empty: emptyRunSnapshot,
  open: (probe) => probe.client.runs.stream(probe.threadId, { assistant_id: 'asst_bench' }),
  isDelta: (event) => event.event === 'thread.message.delta',
  reduce: applyRunEvent,
  shown: (snapshot) => ({
    status: snapshot.run?.status ?? null,
    text: snapshot.messages
      .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''))
      .join('\n\n'),
  }),
}

const plainResponses: PlainProtocol<ResponseSnapshot, ResponseStreamEvent> = {
  empty: emptyResponseSnapshot,
  open: (probe) => probe.client.responses.stream({ model: 'sim-bench', input: 'Hi', background: true }),
  isDelta: (event) => event.type === 'response.output_text.delta',
  reduce: applyResponseEvent,
  shown: (snapshot) => ({
    status: snapshot.response?.status ?? null,
    text: (snapshot.response?.output ?? [])
      .map((item) =>
        item.type === 'message'
          ? item.content.map((c) => (c.type === 'output_text' ? c.text : '')).join('')
          : '',
      )
      .join(''),
  }),
}

function usePlainStream<S, E>(probe: Probe, protocol: PlainProtocol<S, E>) {
  const [snapshot, setSnapshot] = useState<S>(protocol.empty)
  useEffect(() => {
    const stream = protocol.open(probe)
    void (async () => {
      for await (const event of stream) {
        if (protocol.isDelta(event)) probe.deltas++
        setSnapshot((previous) => protocol.reduce(previous, event))
      }
      probe.done()
    })()
    return () => stream.abort()
  }, [probe, protocol])
  return protocol.shown(snapshot)
}

function PlainStatus({ probe, status }: { probe: Probe; status: string | null }) {
  countStatus(probe, status)
  return h('p', null, status)
}

function PlainText({ text }: { text: string }) {
  return h('p', null, text)
}

function PlainPage<S, E>({ probe, plain }: { probe: Probe; plain: PlainProtocol<S, E> }) {
  const state = usePlainStream(probe, plain)
  return h(Page, {
    probe,
    status: h(PlainStatus, { probe, status: state.status }),
    text: h(PlainText, { text: state.text }),
  })
}

type PageOf = (props: { probe: Probe }) => ReactNode

const pages: Record<Kind, Record<Protocol, PageOf>> = {
  runlens: { runs: RunlensRunsPage, responses: RunlensResponsesPage },
  plain: {
    runs: ({ probe }) => h(PlainPage, { probe, plain: plainRuns }),
    responses: ({ probe }) => h(PlainPage, { probe, plain: plainResponses }),
  },
}

async function measure(kind: Kind, protocol: Protocol): Promise<Counts> {
  const { frames, simulator, client } = setup()
  const threadId = protocol === 'runs' ? await thread(simulator) : ''
  let done = () => {}
  const finished = new Promise<void>((resolve) => {
    done = resolve
  })
  const probe: Probe = {
    threadId,
    client,
    scheduler: frames.scheduler,
    statusRenders: 0,
    statuses: [],
    textCommits: 0,
    deltas: 0,
    done: () => done(),
  }
  const queryClient = new QueryClient()
  const container = document.createElement('div')
  document.body.append(container)
  const root = reactDom.createRoot(container)
  const t0 = performance.now()
  const page = h(pages[kind][protocol], { probe })
  root.render(kind === 'runlens' ? h(hooks.RunsProvider, { client, queryClient }, page) : page)
  await finished
  for (let i = 0; i < 5; i++) await macrotask()
  const ms = performance.now() - t0
  const textLength = container.textContent?.length ?? 0
  root.unmount()
  container.remove()
  queryClient.clear()
  return {
    statusRenders: probe.statusRenders,
    statusChanges: probe.statuses.length - 1,
    textCommits: probe.textCommits,
    frames: frames.frames,
    deltas: probe.deltas,
    ms,
    textLength,
  }
}

const row = (name: string, c: Counts) =>
  `${name.padEnd(22)} status renders ${String(c.statusRenders).padStart(6)} (status changes ${c.statusChanges})  ` +
  `text commits ${String(c.textCommits).padStart(6)} over ${c.frames} frames  ${c.ms.toFixed(0).padStart(6)} ms  text ${c.textLength} chars`

for (const protocol of protocols) {
  const a = await measure('runlens', protocol)
  const b = await measure('plain', protocol)
  console.log(
    `render.bench (${protocol}): ${b.deltas} deltas, one per macrotask, a frame every ${perFrame} deltas (React ${react.version})`,
  )
  console.log(row('(a) runlens', a))
  console.log(row('(b) useState per delta', b))
  console.log(
    `status renders per status change: (a) ${(a.statusRenders / Math.max(1, a.statusChanges + 1)).toFixed(2)}  (b) ${(b.statusRenders / Math.max(1, b.statusChanges + 1)).toFixed(2)}  ratio b/a ${(b.statusRenders / a.statusRenders).toFixed(0)}x`,
  )
  console.log(
    `text commits per frame: (a) ${(a.textCommits / Math.max(1, a.frames)).toFixed(2)}  (b) ${(b.textCommits / Math.max(1, b.frames)).toFixed(2)}  ratio b/a ${(b.textCommits / a.textCommits).toFixed(1)}x`,
  )
  if (a.textLength !== b.textLength)
    console.log(`note: final text lengths differ: ${a.textLength} vs ${b.textLength}`)
}
dom.window.close()
// The QueryClient's garbage-collection timers would keep the process alive for minutes.
process.exit(0)
