// Sessions are made while rendering (useRunStream, useRunSession): that is only sound because
// `streams.create` is pure, and only useful if StrictMode's double render and double effect still
// end with one session and one connection per run. These tests pin both, on the paced simulator.
import type { RunCreateParams, RunsClient } from '@runlens/client'
import {
  type RunSession,
  type RunStreamHandle,
  type RunStreamState,
  type ToolHandlers,
  toolHandlers,
  useRun,
  useRunStream,
} from '@runlens/react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { useStore } from 'zustand'
import { createStreamRegistry } from '../../src/store/streamRegistry.js'
import { createSubmissionRegistry } from '../../src/store/submissionRegistry.js'
import { useRunSession } from '../../src/useRunSession.js'
import { createHarness, type Harness, serverText, until } from '../support/harness.js'

afterEach(() => {
  cleanup()
  // What the components below wrote: a test must not read the last test's handle or sessions.
  handle = null
  for (const name of Object.keys(seen)) delete seen[name]
})

const runsPath = (threadId: string) => `/threads/${threadId}/runs`

/**
 * The harness's client, counting the streams asked of it: a stream aborted before its request went
 * out (StrictMode's cleanup can come that early) never reaches the fetch the harness records.
 */
function countingStreams(h: Harness) {
  const opened: string[] = []
  const client: RunsClient = {
    ...h.client,
    runs: {
      ...h.client.runs,
      stream: (threadId, body, options) => {
        opened.push(threadId)
        return h.client.runs.stream(threadId, body, options)
      },
    },
  }
  return { client, opened }
}

let handle: RunStreamHandle<RunStreamState> | null = null

/** Starts a run from an effect, as an app that streams on mount does. */
function AutoStart(props: { threadId: string; body?: RunCreateParams; tools?: ToolHandlers }) {
  const stream = useRunStream(props.threadId, {
    commitEvery: 'event',
    ...(props.tools && { tools: toolHandlers(props.tools) }),
  })
  handle = stream
  const { start } = stream
  const { body } = props
  useEffect(() => {
    if (body) void start(body)
  }, [start, body])
  return <p data-testid="status">{stream.state.status ?? 'none'}</p>
}

const seen: Record<string, RunSession> = {}

/** What RunMonitor does to follow a run by id: the run from the cache, the session from the registry. */
function Watcher(props: { threadId: string; runId: string; name: string }) {
  useRun(props.threadId, props.runId)
  const session = useRunSession(props.threadId, props.runId)
  seen[props.name] = session
  const status = useStore(session.store, (state) => state.status)
  return <p data-testid={props.name}>{status ?? 'none'}</p>
}

describe('streams.create', () => {
  test('is pure: no request, no registration, no notification until retain', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const registry = createStreamRegistry({ client: h.client, submissions: createSubmissionRegistry() })
    const notified = vi.fn()
    registry.subscribe(notified)

    // What StrictMode's double render and abandoned renders do: create and drop, many times.
    const dropped = Array.from({ length: 5 }, () => registry.create(threadId, 'run_x'))
    await act(async () => {
      await h.pace.run()
    })
    expect(h.requests).toEqual([])
    expect(notified).not.toHaveBeenCalled()
    expect(registry.get(threadId, 'run_x')).toBeUndefined()
    expect(dropped.every((s) => !s.started && s.store.getState().connection === 'idle')).toBe(true)

    // Only retain (an effect) puts a session in the registry.
    const kept = registry.create(threadId, 'run_x')
    const release = registry.retain(kept)
    expect(registry.get(threadId, 'run_x')).toBe(kept)
    expect(notified).toHaveBeenCalledTimes(1)
    release()
    await Promise.resolve()
    expect(registry.get(threadId, 'run_x')).toBeUndefined()
  })
})

describe('sessions under StrictMode', () => {
  test('a run started from an effect opens exactly one stream, which StrictMode does not abort', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const { client, opened } = countingStreams(h)
    render(h.wrap(<AutoStart threadId={threadId} body={{ assistant_id: h.assistant('text') }} />, { client }))
    await act(async () => {
      await h.pace.step(3)
    })
    expect(opened).toEqual([threadId])
    const posts = h.requests.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.path)).toEqual([runsPath(threadId)])
    // StrictMode unmounted and mounted the effects once: the one stream survived it.
    expect(posts[0]!.signal?.aborted).toBe(false)

    await until(h, () => screen.getByTestId('status').textContent === 'completed')
    expect(screen.getByTestId('status').textContent).toBe('completed')
    expect(handle!.store.getState().text).toBe(await serverText(h, threadId, handle!.runId!))
    // Nothing else was sent: no second stream, no polling.
    expect(h.requests.length).toBe(1)
  })

  test('components following a run by id share one session and one connection', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('function_call') })
    await h.pace.run()
    const before = h.requests.length

    render(
      h.wrap(
        <>
          <Watcher threadId={threadId} runId={run.id} name="a" />
          <Watcher threadId={threadId} runId={run.id} name="b" />
        </>,
      ),
    )
    await until(h, () => screen.getByTestId('b').textContent === 'requires_action')
    expect(screen.getByTestId('a').textContent).toBe('requires_action')
    // Two components, each rendered and mounted twice: one session, the one in the registry.
    expect(seen.a).toBe(seen.b)
    // One GET of the run (the shared query), no stream yet.
    expect(h.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${runsPath(threadId)}/${run.id}`,
    ])

    const call = seen.b!.store.getState().requiredToolCalls[0]!
    await act(async () => {
      void seen.b!.submitToolOutputs([{ tool_call_id: call.id, output: 'fog' }])
    })
    await until(h, () => screen.getByTestId('a').textContent === 'completed')
    expect(screen.getByTestId('a').textContent).toBe('completed')
    expect(screen.getByTestId('b').textContent).toBe('completed')
    expect(seen.a!.store.getState().text).toContain('fog')
    // One connection: the submission's stream, and the run never polled meanwhile.
    expect(h.count('POST', /\/submit_tool_outputs$/)).toBe(1)
    expect(h.count('GET')).toBe(1)
  })

  test('a component following a streamed run joins its session and sends nothing', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const body = { assistant_id: h.assistant('text') }
    const view = render(h.wrap(<AutoStart threadId={threadId} body={body} />))
    await act(async () => {
      await h.pace.step(3)
    })
    const runId = handle!.runId!
    expect(runId).toBeTruthy()
    view.rerender(
      h.wrap(
        <>
          <AutoStart threadId={threadId} body={body} />
          <Watcher threadId={threadId} runId={runId} name="f" />
        </>,
      ),
    )
    expect(seen.f!.store).toBe(handle!.store)
    await until(h, () => screen.getByTestId('f').textContent === 'completed')
    expect(screen.getByTestId('f').textContent).toBe('completed')
    expect(h.requests.map((r) => r.method)).toEqual(['POST'])
  })
})

describe('a new thread, a new session', () => {
  test('useRunStream: the old stream closes, the new thread starts idle and streams on its own path', async () => {
    const h = createHarness()
    const first = await h.thread()
    const second = await h.thread()
    const body = { assistant_id: h.assistant('slow_stream') }
    const view = render(h.wrap(<AutoStart threadId={first} body={body} />))
    await act(async () => {
      await h.pace.step(10)
    })
    const old = handle!.store
    expect(old.getState().status).toBe('in_progress')

    view.rerender(h.wrap(<AutoStart threadId={second} />))
    expect(handle!.store).not.toBe(old)
    expect(handle!.store.getState()).toMatchObject({ threadId: second, runId: null, connection: 'idle' })
    await act(async () => {
      await h.pace.step(2)
    })
    // Nobody holds the first thread's session any more: its connection is closed, not left running.
    expect(h.requests[0]!.signal?.aborted).toBe(true)
    expect(old.getState().connection).toBe('closed')

    await act(async () => {
      void handle!.start({ assistant_id: h.assistant('text') })
    })
    await until(h, () => handle!.store.getState().status === 'completed')
    expect(h.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      runsPath(first),
      runsPath(second),
    ])
    expect(old.getState().status).toBe('in_progress')
  })

  test('useRunSession: another thread gets a session of its own', async () => {
    const h = createHarness()
    const first = await h.thread()
    const second = await h.thread()
    const view = render(h.wrap(<Watcher threadId={first} runId="run_same" name="w" />))
    const old = seen.w!
    view.rerender(h.wrap(<Watcher threadId={second} runId="run_same" name="w" />))
    expect(seen.w).not.toBe(old)
    expect(seen.w!.scope).toBe(second)
    expect(seen.w!.store.getState().threadId).toBe(second)
  })
})

describe('options', () => {
  test('the tools given on the latest render answer the required action', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const early = vi.fn(async () => 'early')
    const late = vi.fn(async () => 'late')
    const body = { assistant_id: h.assistant('function_call') }
    const view = render(
      h.wrap(<AutoStart threadId={threadId} body={body} tools={{ get_current_weather: early }} />),
    )
    await act(async () => {
      await h.pace.step(2)
    })
    expect(handle!.store.getState().status).not.toBe('requires_action')
    view.rerender(h.wrap(<AutoStart threadId={threadId} body={body} tools={{ get_current_weather: late }} />))

    await until(h, () => handle!.store.getState().status === 'completed')
    expect(early).not.toHaveBeenCalled()
    expect(late).toHaveBeenCalledTimes(1)
    expect(handle!.store.getState().text).toContain('late')
    expect(h.count('POST', /\/submit_tool_outputs$/)).toBe(1)
  })
})
