import {
  APIConnectionError,
  APIError,
  BadRequestError,
  createRunsClient,
  RateLimitError,
  type Run,
  type RunStep,
} from '@runlens/client'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { IncompleteToolOutputsError, ToolHandlerError } from '../../src/errors.js'
import { createRunStore, messagesText, selectStatus } from '../../src/store/runStore.js'
import type { CommitScheduler } from '../../src/store/scheduler.js'
import { createStreamRegistry, type RunSessionOptions } from '../../src/store/streamRegistry.js'
import { createSubmissionRegistry } from '../../src/store/submissionRegistry.js'
import { toolHandlers } from '../../src/store/toolHandlers.js'
import { createSimHarness as createHarness, type SimHarness as Harness, serverText } from '../support/sim.js'

// The store, the stream registry and the submission registry are React-free: importing React here
// would throw, as zustand proves for its vanilla part.
vi.mock('react', () => {
  throw new Error('no react')
})

function setup(options: { harness?: Harness; session?: RunSessionOptions } = {}) {
  const h = options.harness ?? createHarness()
  const written: Run[] = []
  const steps: RunStep[][] = []
  const submissions = createSubmissionRegistry()
  const registry = createStreamRegistry({
    client: h.client,
    submissions,
    cache: { writeRun: (run) => written.push(run), writeSteps: (_t, _r, s) => steps.push(s) },
    // Each wait of a recovering session lets the simulator move a few ticks: no real time passes.
    sleep: () => h.pace.step(3),
  })
  return { h, registry, written, steps, submissions }
}

async function settle(h: Harness, session: { store: { getState(): { connection: string } } }) {
  for (let i = 0; i < 200 && session.store.getState().connection !== 'closed'; i++) await h.pace.run(50)
  await h.pace.run()
}

afterEach(() => {
  vi.useRealTimers()
})

describe('store', () => {
  test('starts empty and idle', () => {
    const store = createRunStore('thread_1')
    expect(store.getState()).toMatchObject({
      threadId: 'thread_1',
      runId: null,
      connection: 'idle',
      text: '',
    })
    expect(selectStatus(store.getState())).toBeNull()
  })

  test('text joins the assistant messages of the run', () => {
    const message = (id: string, role: string, value: string) =>
      ({
        id,
        role,
        content: [{ type: 'text', text: { value, annotations: [] } }],
      }) as unknown as Parameters<typeof messagesText>[0][number]
    expect(
      messagesText([
        message('a', 'user', 'q'),
        message('b', 'assistant', 'one'),
        message('c', 'assistant', 'two'),
      ]),
    ).toBe('one\n\ntwo')
  })
})

describe('stream registry', () => {
  test('streams a run into the store and the cache sink', async () => {
    const { h, registry, written } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId)
    const release = registry.retain(session)
    const done = session.start({ assistant_id: h.assistant('text') })
    expect(session.store.getState().connection).toBe('streaming')
    await settle(h, session)
    const run = await done
    expect(run?.status).toBe('completed')
    const state = session.store.getState()
    expect(state.status).toBe('completed')
    expect(state.connection).toBe('closed')
    expect(state.text).toBe(await serverText(h, threadId, run!.id))
    expect(written.map((r) => r.status)).toEqual(
      expect.arrayContaining(['queued', 'in_progress', 'completed']),
    )
    expect(registry.get(threadId, run!.id)).toBe(session)
    expect(h.count('POST')).toBe(1)
    expect(h.count('GET')).toBe(0)
    // Nobody holds it any more: it leaves the registry.
    release()
    await Promise.resolve()
    expect(registry.get(threadId, run!.id)).toBeUndefined()
  })

  test('start is idempotent: a second call gives the same promise and opens nothing', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId)
    const a = session.start({ assistant_id: h.assistant('text') })
    const b = session.start({ assistant_id: h.assistant('text') })
    expect(a).toBe(b)
    await settle(h, session)
    expect(h.count('POST', /\/runs$/)).toBe(1)
  })

  test('text is committed only when the scheduler flushes; status changes at once', async () => {
    const flushes: Array<() => void> = []
    const scheduler: CommitScheduler = (flush) => {
      flushes.push(flush)
      return () => {
        const i = flushes.indexOf(flush)
        if (i >= 0) flushes.splice(i, 1)
      }
    }
    const { h, registry } = setup({ session: { scheduler } })
    const threadId = await h.thread()
    const session = registry.create(threadId, null, { scheduler })
    const statuses: Array<string | null> = []
    let textCommits = 0
    session.store.subscribe((state, previous) => {
      if (state.status !== previous.status) statuses.push(state.status)
      if (state.text !== previous.text) textCommits++
    })
    void session.start({ assistant_id: h.assistant('slow_stream') })
    // Let many deltas arrive without any frame.
    await h.pace.step(60)
    expect(session.store.getState().status).toBe('in_progress')
    expect(textCommits).toBe(0)
    expect(flushes.length).toBe(1)
    flushes.shift()?.()
    expect(textCommits).toBe(1)
    await settle(h, session)
    expect(statuses).toEqual(['queued', 'in_progress', 'completed'])
    expect(session.store.getState().text).toBe(await serverText(h, threadId, session.runId!))
  })

  test('a stream refused before any event reports the typed error and closes', async () => {
    const h = createHarness({ sim: { faults: [{ status: 400, method: 'POST', path: /\/runs$/ }] } })
    const { registry } = setup({ harness: h })
    const threadId = await h.thread()
    const session = registry.create(threadId)
    await Promise.all([session.start({ assistant_id: h.assistant('text') }), settle(h, session)])
    const state = session.store.getState()
    expect(state.connection).toBe('closed')
    expect(state.error).toBeInstanceOf(BadRequestError)
    expect((state.error as BadRequestError).status).toBe(400)
  })

  // Every cut point of the run: the session polls the run until it settles, then takes the
  // server's messages, so the final text is the server's, with nothing lost or doubled.
  test('a dropped stream at any cut point converges to the server state', async () => {
    const probe = setup()
    const probeThread = await probe.h.thread()
    const events: string[] = []
    const probeSession = probe.registry.create(probeThread)
    probeSession.store.subscribe(() => {})
    const stream = probe.h.client.runs.stream(probeThread, { assistant_id: probe.h.assistant('text') })
    const counting = (async () => {
      for await (const event of stream) events.push(event.event)
    })()
    await probe.h.pace.run()
    await counting
    const total = events.length
    expect(total).toBeGreaterThan(10)

    for (let cut = 1; cut < total - 1; cut++) {
      const h = createHarness({ sim: { faults: [{ cutAfter: cut, method: 'POST', path: /\/runs$/ }] } })
      const { registry } = setup({ harness: h })
      const threadId = await h.thread()
      const session = registry.create(threadId)
      const connections: string[] = []
      session.store.subscribe((s, p) => {
        if (s.connection !== p.connection) connections.push(s.connection)
      })
      const done = session.start({ assistant_id: h.assistant('text') })
      await settle(h, session)
      const run = await done
      const state = session.store.getState()
      expect(state.status, `cut after ${cut}`).toBe('completed')
      expect(state.text, `cut after ${cut}`).toBe(await serverText(h, threadId, run!.id))
      expect(connections, `cut after ${cut}`).toEqual(['streaming', 'polling', 'closed'])
      expect(state.error).toBeNull()
    }
  })

  // A stream that fails before naming its run may fail after the server made it: the session finds
  // that run (the thread's newest of the assistant since the start) and follows it, never orphans it.
  test('a stream failing before its first run event adopts the run the server made', async () => {
    const faults = [
      { reset: 'after-handling' as const },
      { cutAfter: 0 },
      { resetAfterBytes: 0 },
      { resetAfterBytes: 20 },
    ]
    for (const fault of faults) {
      const label = JSON.stringify(fault)
      const h = createHarness({ sim: { faults: [{ ...fault, method: 'POST', path: /\/runs$/ }] } })
      const { registry } = setup({ harness: h })
      const threadId = await h.thread()
      const session = registry.create(threadId)
      const release = registry.retain(session)
      const done = session.start({ assistant_id: h.assistant('text') })
      await settle(h, session)
      const run = await done
      const state = session.store.getState()
      const onServer = (await h.client.runs.list(threadId)).data
      expect(onServer, label).toHaveLength(1)
      expect(state.runId, label).toBe(onServer[0]!.id)
      expect(run?.id, label).toBe(onServer[0]!.id)
      expect(state.status, label).toBe('completed')
      expect(state.error, label).toBeNull()
      expect(state.text, label).toBe(await serverText(h, threadId, state.runId!))
      expect(registry.get(threadId, state.runId!), label).toBe(session)
      expect(h.count('POST', /\/runs$/), label).toBe(1)
      release()
    }
  })

  test('a create that never reached the server: the connection error, and nothing to adopt', async () => {
    const h = createHarness({
      sim: { faults: [{ reset: 'before-handling', method: 'POST', path: /\/runs$/ }] },
    })
    const { registry } = setup({ harness: h })
    const threadId = await h.thread()
    const session = registry.create(threadId)
    await Promise.all([session.start({ assistant_id: h.assistant('text') }), settle(h, session)])
    const state = session.store.getState()
    expect((await h.client.runs.list(threadId)).data).toHaveLength(0)
    expect(state.runId).toBeNull()
    expect(state.connection).toBe('closed')
    expect(state.error).toBeInstanceOf(APIConnectionError)
  })

  test('an HTTP error response stays an error: no run was made, none is looked for', async () => {
    const h = createHarness({ sim: { faults: [{ status: 429, method: 'POST', path: /\/runs$/ }] } })
    const { registry } = setup({ harness: h })
    const threadId = await h.thread()
    const session = registry.create(threadId)
    await Promise.all([session.start({ assistant_id: h.assistant('text') }), settle(h, session)])
    expect(session.store.getState().error).toBeInstanceOf(RateLimitError)
    expect(session.runId).toBeNull()
    expect(h.count('GET')).toBe(0)
  })

  test('while polling after a drop, the text advances before the run settles', async () => {
    const h = createHarness({ sim: { faults: [{ cutAfter: 6, method: 'POST', path: /\/runs$/ }] } })
    const { registry } = setup({ harness: h })
    const threadId = await h.thread()
    const session = registry.create(threadId)
    // The text seen while polling a run that still moves.
    const whilePolling = new Set<string>()
    session.store.subscribe((state) => {
      if (state.connection === 'polling' && state.status === 'in_progress') whilePolling.add(state.text)
    })
    void session.start({ assistant_id: h.assistant('slow_stream') })
    await settle(h, session)
    const final = session.store.getState().text
    expect(session.store.getState().status).toBe('completed')
    expect(final).toBe(await serverText(h, threadId, session.runId!))
    const partial = [...whilePolling].filter((text) => text !== '' && text !== final)
    // Several different texts, each a beginning of the final one: it grew while the run went on.
    expect(partial.length).toBeGreaterThan(1)
    for (const text of partial) expect(final.startsWith(text)).toBe(true)
  })

  test('a stream that stalls past the idle timeout is followed by polling to the server state', async () => {
    const h = createHarness({ sim: { faults: [{ stallAfter: 6, method: 'POST', path: /\/runs$/ }] } })
    // The harness's own client, but silent bodies give up after 20 ms (APITimeoutError).
    const client = createRunsClient({
      baseURL: 'http://sim.test/v1',
      fetch: h.fetch,
      maxRetries: 0,
      idleTimeoutMs: 20,
    })
    const registry = createStreamRegistry({
      client,
      submissions: createSubmissionRegistry(),
      sleep: () => h.pace.step(3),
    })
    const threadId = await h.thread()
    const session = registry.create(threadId)
    const connections: string[] = []
    session.store.subscribe((state, previous) => {
      if (state.connection !== previous.connection) connections.push(state.connection)
    })
    const done = session.start({ assistant_id: h.assistant('text') })
    // The idle timer runs on the real clock: let it fire while the simulator moves.
    for (let i = 0; i < 400 && session.store.getState().connection !== 'closed'; i++) {
      await h.pace.run(20)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const run = await done
    const state = session.store.getState()
    expect(run?.status).toBe('completed')
    expect(state.status).toBe('completed')
    expect(state.text).toBe(await serverText(h, threadId, run!.id))
    expect(state.error).toBeNull()
    expect(connections).toEqual(['streaming', 'polling', 'closed'])
  })

  test('an error event mid-stream: the run is followed by polling to its failed state', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId)
    const done = session.start({ assistant_id: h.assistant('stream_error') })
    await settle(h, session)
    await done
    const state = session.store.getState()
    expect(state.status).toBe('failed')
    expect(state.streamError?.message).toBeTruthy()
    expect(state.error).toBeInstanceOf(APIError)
    expect((state.error as APIError).error?.message).toBe(state.streamError?.message)
    expect(state.connection).toBe('closed')
  })

  test('tool handlers answer a required action with one submission', async () => {
    const handler = vi.fn(async (args: { location: string }) => `sunny in ${args.location}`)
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId, null, { tools: toolHandlers({ get_current_weather: handler }) })
    void session.start({ assistant_id: h.assistant('function_call') })
    await settle(h, session)
    for (let i = 0; i < 50 && session.store.getState().status !== 'completed'; i++) await settle(h, session)
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0]?.[0]).toEqual({ location: 'Paris' })
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(session.store.getState().text).toContain('sunny in Paris')
    expect(session.store.getState().status).toBe('completed')
  })

  test('a submission stream dropped at any point still ends with the server state, one POST', async () => {
    for (let cut = 1; cut <= 8; cut++) {
      const h = createHarness({
        sim: { faults: [{ cutAfter: cut, method: 'POST', path: /submit_tool_outputs$/ }] },
      })
      const { registry } = setup({ harness: h })
      const threadId = await h.thread()
      const session = registry.create(threadId, null, {
        tools: toolHandlers({ get_current_weather: () => 'misty' }),
      })
      void session.start({ assistant_id: h.assistant('function_call') })
      for (let i = 0; i < 50 && session.store.getState().status !== 'completed'; i++) await settle(h, session)
      const state = session.store.getState()
      expect(state.status, `cut ${cut}`).toBe('completed')
      expect(state.text, `cut ${cut}`).toBe(await serverText(h, threadId, session.runId!))
      expect(state.text).toContain('misty')
      expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    }
  })

  test('a submission cut before its first event is followed by polling, never sent again', async () => {
    for (const fault of [
      { reset: 'after-handling' as const },
      { cutAfter: 0 },
      { resetAfterBytes: 0 },
      { resetAfterBytes: 30 },
    ]) {
      const label = JSON.stringify(fault)
      const h = createHarness({
        sim: { faults: [{ ...fault, method: 'POST', path: /submit_tool_outputs$/ }] },
      })
      const { registry } = setup({ harness: h })
      const threadId = await h.thread()
      const session = registry.create(threadId, null, {
        tools: toolHandlers({ get_current_weather: () => 'hazy' }),
      })
      void session.start({ assistant_id: h.assistant('function_call') })
      for (let i = 0; i < 50 && session.store.getState().status !== 'completed'; i++) await settle(h, session)
      const state = session.store.getState()
      expect(state.status, label).toBe('completed')
      expect(state.text, label).toBe(await serverText(h, threadId, session.runId!))
      expect(state.text, label).toContain('hazy')
      expect(h.count('POST', /submit_tool_outputs$/), label).toBe(1)
      expect(state.connection, label).toBe('closed')
    }
  })

  test('parallel calls: all outputs in one submission', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId, null, {
      tools: toolHandlers({
        get_current_weather: () => 'rainy',
        get_local_time: async () => ({ time: '10:00' }),
      }),
    })
    void session.start({ assistant_id: h.assistant('parallel_function_calls') })
    for (let i = 0; i < 50 && session.store.getState().status !== 'completed'; i++) await settle(h, session)
    const submits = h.requests.filter((r) => r.path.endsWith('/submit_tool_outputs'))
    expect(submits).toHaveLength(1)
    expect((submits[0]!.body as { tool_outputs: unknown[] }).tool_outputs).toHaveLength(2)
    expect(session.store.getState().text).toContain('rainy')
    expect(session.store.getState().text).toContain('{"time":"10:00"}')
  })

  test('a throwing handler becomes a visible error and the run is cancelled, not left waiting', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId, null, {
      tools: toolHandlers({
        get_current_weather: () => {
          throw new Error('weather service down')
        },
      }),
    })
    void session.start({ assistant_id: h.assistant('function_call') })
    for (let i = 0; i < 50 && session.store.getState().status !== 'cancelled'; i++) await settle(h, session)
    const state = session.store.getState()
    expect(state.error).toBeInstanceOf(ToolHandlerError)
    expect((state.error as ToolHandlerError).toolName).toBe('get_current_weather')
    expect(state.status).toBe('cancelled')
    expect(state.cancelling).toBe(false)
    expect(h.count('POST', /\/cancel$/)).toBe(1)
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(0)
  })

  test('approval: denied cancels the run; approved runs the handlers', async () => {
    for (const approved of [false, true]) {
      const { h, registry } = setup()
      const threadId = await h.thread()
      const approve = vi.fn(async (_calls: unknown) => approved)
      const session = registry.create(threadId, null, {
        tools: toolHandlers({ get_current_weather: () => 'warm' }, { approve }),
      })
      void session.start({ assistant_id: h.assistant('function_call') })
      const target = approved ? 'completed' : 'cancelled'
      for (let i = 0; i < 50 && session.store.getState().status !== target; i++) await settle(h, session)
      expect(approve).toHaveBeenCalledTimes(1)
      expect(approve.mock.calls[0]?.[0]).toEqual([expect.objectContaining({ type: 'function' })])
      expect(session.store.getState().status).toBe(target)
      expect(h.count('POST', /submit_tool_outputs$/)).toBe(approved ? 1 : 0)
    }
  })

  test('manual submission: incomplete outputs are refused before sending; a double submit sends one POST', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId)
    void session.start({ assistant_id: h.assistant('parallel_function_calls') })
    await settle(h, session)
    const calls = session.store.getState().requiredToolCalls
    expect(calls).toHaveLength(2)
    await expect(
      session.submitToolOutputs([{ tool_call_id: calls[0]!.id, output: 'x' }]),
    ).rejects.toBeInstanceOf(IncompleteToolOutputsError)
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(0)
    const outputs = calls.map((call) => ({ tool_call_id: call.id, output: 'ok' }))
    const [a, b] = [session.submitToolOutputs(outputs), session.submitToolOutputs([...outputs].reverse())]
    for (let i = 0; i < 50 && session.store.getState().status !== 'completed'; i++) await settle(h, session)
    expect((await a).id).toBe((await b).id)
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(session.store.getState().status).toBe('completed')
  })

  test('cancel: cancelling until the server says cancelled', async () => {
    const { h, registry } = setup()
    const threadId = await h.thread()
    const session = registry.create(threadId)
    void session.start({ assistant_id: h.assistant('slow_stream') })
    await h.pace.step(20)
    expect(session.store.getState().status).toBe('in_progress')
    const cancelled = session.cancel()
    expect(session.store.getState().cancelling).toBe(true)
    await cancelled
    // The server's word: cancelling, not yet cancelled.
    expect(session.store.getState().status).toBe('cancelling')
    expect(session.store.getState().cancelling).toBe(true)
    expect(session.store.getState().connection).toBe('streaming')
    await settle(h, session)
    expect(session.store.getState().status).toBe('cancelled')
    expect(session.store.getState().cancelling).toBe(false)
  })

  test('the last release aborts the stream; a release and retain in the same task does not; detach keeps it', async () => {
    for (const mode of ['release', 'strict', 'detach'] as const) {
      const { h, registry } = setup()
      const threadId = await h.thread()
      const session = registry.create(threadId)
      const release = registry.retain(session)
      void session.start({ assistant_id: h.assistant('slow_stream') })
      await h.pace.step(10)
      const post = h.requests.find((r) => r.method === 'POST')!
      if (mode === 'detach') session.detach()
      release()
      const again = mode === 'strict' ? registry.retain(session) : null
      await Promise.resolve()
      await h.pace.step(2)
      expect(post.signal?.aborted, mode).toBe(mode === 'release')
      expect(session.store.getState().connection, mode).toBe(mode === 'release' ? 'closed' : 'streaming')
      expect(registry.isLive(threadId, session.runId!)).toBe(mode !== 'release')
      again?.()
      await settle(h, session)
    }
  })
})
