/**
 * The page of bench/chromium.bench.ts, bundled by esbuild for production (React's profiling build,
 * so that <Profiler> counts commits there too). `window.runBench(request)` renders one contender
 * of one protocol, streams one long answer from the simulator (same origin, /v1) and resolves once
 * its last text is on screen, with what the page itself can count: React commits, animation
 * frames and long tasks over the stream. `window.shownText()` then reads the text shown, out of
 * the measure (it lays the page out).
 */

import { createRunsClient } from '@runlens/client'
import { RunMonitor, RunsProvider, useResponseStream, useRunStream } from '@runlens/react'
import { createParser } from 'eventsource-parser'
import { Profiler, type ReactNode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { useStore } from 'zustand'

export type Contender = 'baseline' | 'runlens'
export type Protocol = 'runs' | 'responses'

export interface BenchRequest {
  contender: Contender
  protocol: Protocol
  /** runs: the thread to run on (made before the measure). */
  threadId: string
  /** runs: the long scenario's assistant. */
  assistantId: string
  /** responses: the long scenario's model. */
  model: string
}

export interface PageResult {
  /** Text deltas the baseline counted (0 for runlens, which never exposes them one by one). */
  deltas: number
  /** React commits of the contender's tree (Profiler onRender calls) over the stream. */
  commits: number
  /** requestAnimationFrame callbacks over the stream. */
  frames: number
  /** Durations of the tasks the 'longtask' observer reported (over 50 ms), in ms. */
  longTasks: number[]
  wallMs: number
}

declare global {
  interface Window {
    runBench(request: BenchRequest): Promise<PageResult>
    shownText(): string
  }
}

const base = `${location.origin}/v1`

/** How each protocol is asked for the stream, and where its text deltas are, for the baseline. */
const plainRequests: Record<Protocol, (r: BenchRequest) => { url: string; body: object }> = {
  runs: (r) => ({
    url: `${base}/threads/${r.threadId}/runs`,
    body: { assistant_id: r.assistantId, stream: true },
  }),
  responses: (r) => ({
    url: `${base}/responses`,
    body: { model: r.model, input: 'Hi', background: true, stream: true },
  }),
}

interface DeltaShapes {
  delta?: { content?: { text?: { value?: string } }[] } | string
}

/** The text a delta event adds, or null for any other event. */
function deltaText(protocol: Protocol, event: string | undefined, data: string): string | null {
  if (protocol === 'runs') {
    if (event !== 'thread.message.delta') return null
    const delta = (JSON.parse(data) as DeltaShapes).delta
    return typeof delta === 'object' ? (delta.content?.[0]?.text?.value ?? '') : null
  }
  if (event !== 'response.output_text.delta') return null
  const delta = (JSON.parse(data) as DeltaShapes).delta
  return typeof delta === 'string' ? delta : null
}

interface ContenderProps {
  request: BenchRequest
  onDone(deltas: number): void
}

/** (baseline) fetch, eventsource-parser, `useState` per delta, one plain text node. */
function Baseline({ request, onDone }: ContenderProps) {
  const [text, setText] = useState('')
  const [deltas, setDeltas] = useState<number | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    void (async () => {
      const { url, body } = plainRequests[request.protocol](request)
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
        body: JSON.stringify(body),
        signal: controller.signal,
      })
      let count = 0
      const parser = createParser({
        onEvent(message) {
          const piece = deltaText(request.protocol, message.event, message.data)
          if (piece === null) return
          count++
          setText((previous) => previous + piece)
        },
      })
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        parser.feed(value)
      }
      setDeltas(count)
    })()
    return () => controller.abort()
  }, [request])
  // After the commit that holds the last delta: setDeltas comes after every setText.
  useEffect(() => {
    if (deltas !== null) onDone(deltas)
  }, [deltas, onDone])
  // pre-line: the text node shows the answer's paragraph breaks, as the monitor's paragraphs do
  // (pre-wrap would too, but lays out a one-paragraph answer of 464 KB seven times slower).
  return (
    <p id="answer" style={{ whiteSpace: 'pre-line' }}>
      {text}
    </p>
  )
}

/** (runlens, runs) useRunStream + the connected RunMonitor. */
function RunlensRuns({ request, onDone }: ContenderProps) {
  const stream = useRunStream(request.threadId, { select: () => null })
  const { start, store } = stream
  useEffect(() => {
    void start({ assistant_id: request.assistantId })
  }, [start, request])
  const connection = useStore(store, (state) => state.connection)
  useEffect(() => {
    if (connection === 'closed') onDone(0)
  }, [connection, onDone])
  return <RunMonitor threadId={request.threadId} stream={stream} />
}

/** (runlens, responses) useResponseStream + the connected RunMonitor in Responses mode. */
function RunlensResponses({ request, onDone }: ContenderProps) {
  const stream = useResponseStream({ select: () => null })
  const { start, store } = stream
  useEffect(() => {
    void start({ model: request.model, input: 'Hi', background: true })
  }, [start, request])
  const connection = useStore(store, (state) => state.connection)
  useEffect(() => {
    if (connection === 'closed') onDone(0)
  }, [connection, onDone])
  return <RunMonitor protocol="responses" stream={stream} />
}

const contenders: Record<Contender, Record<Protocol, (props: ContenderProps) => ReactNode>> = {
  baseline: { runs: Baseline, responses: Baseline },
  runlens: { runs: RunlensRuns, responses: RunlensResponses },
}

/**
 * The text the contender shows, as rendered (innerText: paragraphs apart by a blank line): the
 * baseline's text node, or the monitor's answer.
 */
window.shownText = () => {
  const node = document.querySelector<HTMLElement>('#answer, .rl-message__text')
  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered is the point (paragraph breaks)
  return node?.innerText ?? ''
}

window.runBench = async (request) => {
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  const client = createRunsClient({ baseURL: base })

  const longTasks: number[] = []
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration)
  })
  observer.observe({ type: 'longtask', buffered: false })

  let frames = 0
  let counting = true
  const tick = () => {
    if (!counting) return
    frames++
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)

  let commits = 0
  const t0 = performance.now()
  const deltas = await new Promise<number>((resolve) => {
    const Contender = contenders[request.contender][request.protocol]
    const tree = (
      <Profiler id="contender" onRender={() => commits++}>
        <Contender request={request} onDone={resolve} />
      </Profiler>
    )
    root.render(request.contender === 'runlens' ? <RunsProvider client={client}>{tree}</RunsProvider> : tree)
  })
  const wallMs = performance.now() - t0
  counting = false
  const counted = { commits, frames }
  // Long-task entries are queued to observers after the task: give them a turn, then take the rest.
  await new Promise((resolve) => setTimeout(resolve, 100))
  for (const entry of observer.takeRecords()) longTasks.push(entry.duration)
  observer.disconnect()
  // The tree stays for shownText(); the next measure loads a fresh page.
  return { deltas, ...counted, longTasks, wallMs }
}
