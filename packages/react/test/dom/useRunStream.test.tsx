import type { RunCreateParams, ToolOutput } from '@runlens/client'
import {
  type CommitScheduler,
  type RunStreamHandle,
  type RunStreamState,
  RunsProvider,
  selectStatus,
  selectText,
  ToolHandlerError,
  type ToolHandlers,
  toolHandlers,
  useRun,
  useRunList,
  useRunStream,
  useRunStreamState,
  useSubmitToolOutputs,
} from '@runlens/react'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { manualFrames } from '../support/frames.js'
import { createHarness, serverText, until } from '../support/harness.js'
import { createScriptedServer } from '../support/scripted.js'

afterEach(() => cleanup())

type Handle = RunStreamHandle<RunStreamState>
const handles: Record<string, Handle> = {}

function Starter(props: {
  threadId: string
  name?: string
  autoStart?: RunCreateParams
  tools?: ToolHandlers
  commitEvery?: 'frame' | 'event' | number
  scheduler?: CommitScheduler
}) {
  const s = useRunStream(props.threadId, {
    ...(props.tools && { tools: toolHandlers(props.tools) }),
    commitEvery: props.commitEvery ?? 'event',
    ...(props.scheduler && { scheduler: props.scheduler }),
  })
  handles[props.name ?? 'main'] = s
  const { autoStart } = props
  const start = s.start
  useEffect(() => {
    if (autoStart) void start(autoStart)
  }, [autoStart, start])
  return (
    <div>
      <p data-testid={`${props.name ?? 'main'}-status`}>{s.state.status ?? 'none'}</p>
      <p data-testid={`${props.name ?? 'main'}-connection`}>{s.state.connection}</p>
      <p data-testid={`${props.name ?? 'main'}-text`}>{s.state.text}</p>
      <p data-testid={`${props.name ?? 'main'}-error`}>{s.state.error?.name ?? ''}</p>
    </div>
  )
}

function Follower(props: { threadId: string; runId: string | null; name: string }) {
  const s = useRunStream(props.threadId, { runId: props.runId, select: selectText })
  handles[props.name] = s as unknown as Handle
  return <p data-testid={`${props.name}-text`}>{s.state}</p>
}

function SharePage({ threadId }: { threadId: string }) {
  const s = useRunStream(threadId, { commitEvery: 'event' })
  handles.main = s
  return (
    <>
      <Follower threadId={threadId} runId={s.runId} name="a" />
      <Follower threadId={threadId} runId={s.runId} name="b" />
    </>
  )
}

function FollowPage(props: {
  threadId: string
  runId: string | null
  showStarter: boolean
  showFollower: boolean
}) {
  return (
    <>
      {props.showStarter && <Starter threadId={props.threadId} />}
      {props.showFollower && props.runId && (
        <Follower threadId={props.threadId} runId={props.runId} name="f" />
      )}
    </>
  )
}

function Watchers({ threadId, runId }: { threadId: string; runId: string | null }) {
  const run = useRun(threadId, runId)
  const list = useRunList(threadId)
  return (
    <>
      <p data-testid="run-status">{run.data?.status ?? '-'}</p>
      <p data-testid="rows">{list.runs.map((r) => `${r.id}:${r.status}`).join(',')}</p>
    </>
  )
}

function WatchPage({ threadId }: { threadId: string }) {
  const s = useRunStream(threadId, { commitEvery: 'event' })
  handles.main = s
  return <Watchers threadId={threadId} runId={s.runId} />
}

function StatusOnly(props: { threadId: string; runId: string | null; seen: Array<string | null> }) {
  const status = useRunStreamState(props.threadId, props.runId, selectStatus)
  props.seen.push(status)
  return <p>{status}</p>
}

function StatusPage({ threadId, seen }: { threadId: string; seen: Array<string | null> }) {
  const s = useRunStream(threadId, { commitEvery: 'event', select: (state) => state.runId })
  handles.main = s as unknown as Handle
  return <StatusOnly threadId={threadId} runId={s.runId} seen={seen} />
}

function TextView(props: { threadId: string; runId: string | null; renders: string[] }) {
  const value = useRunStreamState(props.threadId, props.runId, selectText)
  props.renders.push(value)
  return <p data-testid="text">{value}</p>
}

function TextPage(props: { threadId: string; scheduler: CommitScheduler; renders: string[] }) {
  const s = useRunStream(props.threadId, { scheduler: props.scheduler, select: (state) => state.runId })
  handles.main = s as unknown as Handle
  return <TextView threadId={props.threadId} runId={s.runId} renders={props.renders} />
}

function CancelView({ threadId }: { threadId: string }) {
  const s = useRunStream(threadId, { commitEvery: 'event', select: (st) => `${st.status}/${st.cancelling}` })
  handles.main = s as unknown as Handle
  return <p data-testid="state">{s.state}</p>
}

function SubmitButton(props: { threadId: string; runId: string; outputs: ToolOutput[] }) {
  const submit = useSubmitToolOutputs(props.threadId, props.runId)
  return (
    <button type="button" onClick={() => submit.mutate(props.outputs)}>
      submit-mutation
    </button>
  )
}

function ExistingRun(props: { threadId: string; runId: string }) {
  const run = useRun(props.threadId, props.runId)
  const s = useRunStream(props.threadId, { runId: props.runId, commitEvery: 'event' })
  handles.existing = s
  return (
    <>
      <p data-testid="existing-cached">{run.data?.status ?? '-'}</p>
      <p data-testid="existing-status">{s.state.status ?? 'none'}</p>
      <p data-testid="existing-text">{s.state.text}</p>
    </>
  )
}

const text = (id: string) => screen.getByTestId(id).textContent

describe('useRunStream', () => {
  test('StrictMode: an auto-start in an effect and a double click open one stream', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const body = { assistant_id: h.assistant('text') }
    render(h.wrap(<Starter threadId={threadId} autoStart={body} />, { strict: true }))
    await act(async () => {
      void handles.main!.start(body)
      void handles.main!.start(body)
    })
    await until(h, () => text('main-status') === 'completed')
    expect(text('main-status')).toBe('completed')
    expect(h.count('POST', /\/runs$/)).toBe(1)
    expect(text('main-text')).toBe(await serverText(h, threadId, handles.main!.runId!))
  })

  test('start after the run ended starts another run', async () => {
    const h = createHarness()
    h.pace.auto()
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      await handles.main!.start({ assistant_id: h.assistant('text') })
    })
    const first = handles.main!.runId
    await act(async () => {
      await handles.main!.start({ assistant_id: h.assistant('text') })
    })
    expect(handles.main!.runId).not.toBe(first)
    expect(h.count('POST', /\/runs$/)).toBe(2)
    expect(text('main-status')).toBe('completed')
  })

  test('start while the run waits for tool outputs creates no run: it resolves with the waiting run', async () => {
    const h = createHarness()
    h.pace.auto()
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} />))
    let first: Awaited<ReturnType<Handle['start']>> = null
    await act(async () => {
      first = await handles.main!.start({ assistant_id: h.assistant('function_call') })
    })
    expect(first!.status).toBe('requires_action')
    // The stream closed at requires_action: the run has not ended.
    expect(text('main-connection')).toBe('closed')
    let again: Awaited<ReturnType<Handle['start']>> = null
    await act(async () => {
      again = await handles.main!.start({ assistant_id: h.assistant('text') })
    })
    expect(again!.id).toBe(first!.id)
    expect(h.count('POST', /\/runs$/)).toBe(1)
    expect(handles.main!.runId).toBe(first!.id)
    expect(text('main-status')).toBe('requires_action')
    expect(handles.main!.state.requiredToolCalls).toHaveLength(1)
    expect(handles.main!.state.error).toBeNull()
  })

  test('three synchronous cancels send one POST', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(20)
    })
    expect(text('main-status')).toBe('in_progress')
    await act(async () => {
      const cancels = [handles.main!.cancel(), handles.main!.cancel(), handles.main!.cancel()]
      expect(new Set(cancels).size).toBe(1)
      await Promise.all(cancels)
    })
    await until(h, () => text('main-status') === 'cancelled')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
  })

  test('unmounting mid-stream aborts the request', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const view = render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(20)
    })
    expect(text('main-status')).toBe('in_progress')
    const store = handles.main!.store
    const post = h.requests.find((r) => r.method === 'POST')!
    expect(post.signal?.aborted).toBe(false)
    view.unmount()
    await act(async () => {
      await h.pace.step(2)
    })
    expect(post.signal?.aborted).toBe(true)
    expect(store.getState().connection).toBe('closed')
    const textAtUnmount = store.getState().text
    await act(async () => {
      await h.pace.step(50)
    })
    expect(store.getState().text).toBe(textAtUnmount)
  })

  test('detach keeps the stream after unmount; the cache still gets the final run', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const view = render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('text') })
      await h.pace.step(5)
    })
    const runId = handles.main!.runId!
    const post = h.requests.find((r) => r.method === 'POST')!
    handles.main!.detach()
    view.unmount()
    const cached = () =>
      h.queryClient.getQueryData<{ status: string }>(['runlens', 'thread', threadId, 'run', runId])
    // The session goes on with nobody mounted: the simulator is stepped until the run's end is cached.
    for (let i = 0; i < 50 && cached()?.status !== 'completed'; i++) {
      await act(async () => {
        await h.pace.run()
      })
    }
    expect(post.signal?.aborted).toBe(false)
    expect(cached()?.status).toBe('completed')
  })

  test('two components asking for the same run share one store and one connection', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<SharePage threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('text') })
      await h.pace.step(3)
    })
    expect(handles.a!.store).toBe(handles.main!.store)
    expect(handles.b!.store).toBe(handles.main!.store)
    await until(h, () => handles.main!.state.status === 'completed')
    const expected = await serverText(h, threadId, handles.main!.runId!)
    expect(text('a-text')).toBe(expected)
    expect(text('b-text')).toBe(expected)
    expect(h.count('POST')).toBe(1)
    expect(h.count('GET')).toBe(0)
  })

  test('a follower keeps the connection open after the starter unmounts', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    let runId: string | null = null
    const view = render(
      h.wrap(<FollowPage threadId={threadId} runId={runId} showStarter showFollower={false} />),
    )
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('text') })
      await h.pace.step(3)
    })
    runId = handles.main!.runId
    view.rerender(h.wrap(<FollowPage threadId={threadId} runId={runId} showStarter showFollower />))
    view.rerender(h.wrap(<FollowPage threadId={threadId} runId={runId} showStarter={false} showFollower />))
    const post = h.requests.find((r) => r.method === 'POST')!
    const atUnmount = text('f-text')
    // The follower alone now: text still arrives, over the starter's request.
    await until(h, () => text('f-text').length > atUnmount.length)
    expect(post.signal?.aborted).toBe(false)
    expect(text('f-text')).toBe(await serverText(h, threadId, runId!))
    expect(h.count('POST')).toBe(1)
    expect(h.count('GET')).toBe(0) // no reconnection: the one stream carried the run to its end
  })

  test('useRun and useRunList show the streamed run with no extra request', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<WatchPage threadId={threadId} />))
    await act(async () => {
      await h.pace.run()
    })
    const listGets = h.count('GET', /\/runs$/)
    expect(listGets).toBe(1)
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(10)
    })
    const runId = handles.main!.runId!
    expect(text('run-status')).toBe('in_progress')
    expect(text('rows')).toBe(`${runId}:in_progress`)
    await until(h, () => handles.main!.state.status === 'completed', 2000)
    expect(text('run-status')).toBe('completed')
    expect(text('rows')).toBe(`${runId}:completed`)
    // Not one GET of the run, and the list was never fetched again.
    expect(h.count('GET', /\/runs\/run_[^/]+$/)).toBe(0)
    expect(h.count('GET', /\/runs$/)).toBe(listGets)
  })

  test('a status-only subscriber renders once per status change', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const seen: Array<string | null> = []
    render(h.wrap(<StatusPage threadId={threadId} seen={seen} />, { strict: false }))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
    })
    await until(h, () => handles.main!.store.getState().status === 'completed', 4000)
    // Hundreds of deltas; renders only for: mount (null), the run id arriving (queued), in_progress, completed.
    expect(handles.main!.store.getState().text.length).toBeGreaterThan(1000)
    expect(seen.filter((s, i) => s !== seen[i - 1])).toEqual([null, 'queued', 'in_progress', 'completed'])
    expect(seen.length).toBeLessThanOrEqual(5)
  })

  test('text reaches the screen once per scheduled frame', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const { scheduler, run } = manualFrames()
    const renders: string[] = []
    render(
      h.wrap(<TextPage threadId={threadId} scheduler={scheduler} renders={renders} />, { strict: false }),
    )
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(10)
    })
    const before = renders.length
    const frameCount = await run(h, 30)
    expect(frameCount).toBeGreaterThan(5)
    expect(renders.length - before).toBeLessThanOrEqual(frameCount)
    await until(h, () => handles.main!.store.getState().status === 'completed', 4000)
    expect(text('text')).toBe(await serverText(h, threadId, handles.main!.runId!))
  })

  test('a dropped stream falls back to polling and shows the server final state', async () => {
    for (const cut of [2, 5, 9, 14, 25]) {
      const h = createHarness({ sim: { faults: [{ cutAfter: cut, method: 'POST', path: /\/runs$/ }] } })
      const threadId = await h.thread()
      const connections: string[] = []
      const view = render(h.wrap(<Starter threadId={threadId} />))
      // Every state the store goes through (React may batch two of them into one render).
      handles.main!.store.subscribe((state, previous) => {
        if (state.connection !== previous.connection) connections.push(state.connection)
      })
      await act(async () => {
        void handles.main!.start({ assistant_id: h.assistant('text') })
      })
      await until(h, () => handles.main!.store.getState().connection === 'closed', 2000)
      expect(text('main-status'), `cut ${cut}`).toBe('completed')
      expect(text('main-text'), `cut ${cut}`).toBe(await serverText(h, threadId, handles.main!.runId!))
      expect(connections, `cut ${cut}`).toEqual(['streaming', 'polling', 'closed'])
      // The text came from the messages endpoint (while polling and at the end), through the
      // provider's own client: the provider has no other prop for it.
      const reads = h.requests.filter((r) => r.method === 'GET' && /\/threads\/[^/]+\/messages$/.test(r.path))
      expect(reads.length, `cut ${cut}`).toBeGreaterThan(0)
      expect(new Set(reads.map((r) => new URLSearchParams(r.search).get('run_id'))), `cut ${cut}`).toEqual(
        new Set([handles.main!.runId]),
      )
      view.unmount()
    }
  })

  test('a stream cut before its first event: the handle adopts the server run (runId, text, status)', async () => {
    const h = createHarness({ sim: { faults: [{ cutAfter: 0, method: 'POST', path: /\/runs$/ }] } })
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('text') })
    })
    await until(h, () => handles.main!.store.getState().connection === 'closed', 2000)
    const runs = (await h.client.runs.list(threadId)).data
    expect(runs).toHaveLength(1)
    expect(handles.main!.runId).toBe(runs[0]!.id)
    expect(text('main-status')).toBe('completed')
    expect(text('main-error')).toBe('')
    expect(text('main-text')).toBe(await serverText(h, threadId, runs[0]!.id))
  })

  test('tool handlers answer automatically; a throwing handler shows an error and the run is cancelled', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const weather = vi.fn(async () => 'sunny')
    render(h.wrap(<Starter threadId={threadId} tools={{ get_current_weather: weather }} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('function_call') })
    })
    await until(h, () => handles.main!.store.getState().status === 'completed', 2000)
    expect(weather).toHaveBeenCalledTimes(1)
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(text('main-text')).toContain('sunny')
    cleanup()

    const h2 = createHarness()
    const thread2 = await h2.thread()
    const failing: ToolHandlers = {
      get_current_weather: () => {
        throw new Error('offline')
      },
    }
    render(h2.wrap(<Starter threadId={thread2} tools={failing} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h2.assistant('function_call') })
    })
    await until(h2, () => handles.main!.store.getState().status === 'cancelled', 2000)
    expect(text('main-error')).toBe('ToolHandlerError')
    expect(handles.main!.state.error).toBeInstanceOf(ToolHandlerError)
    expect(text('main-status')).toBe('cancelled')
  })

  test('cancel: cancelling until the server says cancelled', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    render(h.wrap(<CancelView threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(10)
    })
    await act(async () => {
      await handles.main!.cancel()
    })
    expect(text('state')).toBe('cancelling/true')
    await until(h, () => handles.main!.store.getState().status === 'cancelled')
    expect(text('state')).toBe('cancelled/false')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
  })
  test('a required action answered from the handle and from useSubmitToolOutputs at once: one POST, streamed', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const view = render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('function_call') })
    })
    await until(h, () => handles.main!.store.getState().status === 'requires_action')
    const calls = handles.main!.store.getState().requiredToolCalls
    expect(calls).toHaveLength(1)
    const outputs = [{ tool_call_id: calls[0]!.id, output: 'windy' }]
    view.rerender(
      h.wrap(
        <>
          <Starter threadId={threadId} />
          <SubmitButton threadId={threadId} runId={handles.main!.runId!} outputs={outputs} />
        </>,
      ),
    )
    await act(async () => {
      void handles.main!.submitToolOutputs(outputs)
      fireEvent.click(screen.getByText('submit-mutation'))
      fireEvent.click(screen.getByText('submit-mutation'))
    })
    await until(h, () => handles.main!.store.getState().status === 'completed')
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(text('main-text')).toContain('windy')
    expect(h.count('GET')).toBe(0)
  })

  test('a run started elsewhere: the handle with runId shows it and streams the submission', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('function_call') })
    await h.pace.run()
    render(h.wrap(<ExistingRun threadId={threadId} runId={run.id} />))
    await until(h, () => screen.getByTestId('existing-status').textContent === 'requires_action')
    expect(screen.getByTestId('existing-cached').textContent).toBe('requires_action')
    const call = handles.existing!.store.getState().requiredToolCalls[0]!
    await act(async () => {
      await handles.existing!.submitToolOutputs([{ tool_call_id: call.id, output: 'hail' }])
    })
    await until(h, () => handles.existing!.store.getState().status === 'completed')
    expect(screen.getByTestId('existing-text').textContent).toContain('hail')
    expect(screen.getByTestId('existing-cached').textContent).toBe('completed')
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
  })
})

describe('useRunStream with odd events', () => {
  test('unmounting mid-stream with odd events pending throws nothing, in a microtask or elsewhere', async () => {
    const escaped: unknown[] = []
    const onEscape = (error: unknown) => escaped.push(error)
    process.on('uncaughtException', onEscape)
    process.on('unhandledRejection', onEscape)
    try {
      const run = {
        id: 'run_odd',
        object: 'thread.run',
        thread_id: 'thread_odd',
        assistant_id: 'asst_odd',
        created_at: Math.floor(Date.now() / 1000),
      }
      const server = createScriptedServer({
        create: [
          { event: 'thread.run.in_progress', data: { ...run, status: 'in_progress' } },
          { event: 'thread.message.completed', data: { id: 'm', object: 'thread.message', content: null } },
          {
            event: 'thread.message.delta',
            data: {
              id: 'm2',
              object: 'thread.message.delta',
              delta: { content: [{ index: 2, type: 'text' }] },
            },
          },
        ],
        stall: true,
      })
      // Frames never come: the odd snapshot waits, uncommitted, for the unmount.
      const scheduler: CommitScheduler = () => () => {}
      const view = render(
        <RunsProvider client={server.client}>
          <Starter threadId="thread_odd" scheduler={scheduler} commitEvery="frame" />
        </RunsProvider>,
      )
      let started: Promise<unknown> = Promise.resolve()
      await act(async () => {
        started = handles.main!.start({ assistant_id: 'asst_odd' })
      })
      await waitFor(() => expect(text('main-status')).toBe('in_progress'))
      const store = handles.main!.store
      view.unmount()
      await act(async () => {
        await started
        await new Promise((resolve) => setTimeout(resolve, 0))
      })
      expect(escaped).toEqual([])
      expect(store.getState().connection).toBe('closed')
      expect(store.getState().status).toBe('in_progress')
    } finally {
      process.off('uncaughtException', onEscape)
      process.off('unhandledRejection', onEscape)
    }
  })
})
