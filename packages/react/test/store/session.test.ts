import {
  type AssistantStreamEvent,
  applyRunEvent,
  emptyRunSnapshot,
  type Message,
  type Run,
  type RunStatus,
  type RunStep,
  type RunToolCall,
} from '@runlens/client'
import { describe, expect, test, vi } from 'vitest'
import { requiredToolCalls } from '../../src/requiredToolCalls.js'
import type { RunsProtocol } from '../../src/store/assistantsAdapter.js'
import { initialRunState, snapshotState } from '../../src/store/runStore.js'
import { createSession, type SessionHost } from '../../src/store/session.js'
import type { SessionAdapter } from '../../src/store/sessionAdapter.js'
import { createSubmissionRegistry } from '../../src/store/submissionRegistry.js'

// The session core is React-free, as the registry is.
vi.mock('react', () => {
  throw new Error('no react')
})

// These tests give the session an adapter of their own and no client at all: whatever the session
// does on the wire, it does through its adapter, which is what lets a second protocol plug in.

const run = (status: RunStatus, extra: Partial<Run> = {}): Run =>
  ({ id: 'run_1', object: 'thread.run', thread_id: 'thread_1', status, ...extra }) as Run

const runEvent = (data: Run): AssistantStreamEvent =>
  ({ event: `thread.run.${data.status}`, data }) as AssistantStreamEvent
const done = { event: 'done', data: '[DONE]' } as AssistantStreamEvent

const message = (value: string): Message =>
  ({
    id: 'msg_1',
    object: 'thread.message',
    role: 'assistant',
    content: [{ type: 'text', text: { value, annotations: [] } }],
  }) as unknown as Message

interface Deferred<T> {
  promise: Promise<T>
  resolve(value: T): void
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

type Adapter = SessionAdapter<RunsProtocol>

/** What the fake adapter reads besides the run, recorded as the two lists it stands for. */
interface Content {
  messages?(): Promise<Message[]>
  steps?(): Promise<RunStep[]>
}

/** An adapter that records every call and answers from `script`. */
function fakeAdapter(script: Partial<Adapter> & Content) {
  const calls: string[] = []
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.push(name)
      return fn(...args)
    }
  const missing = (name: string) => () => {
    throw new Error(`unexpected ${name}`)
  }
  const messages = record('messages', script.messages ?? (async () => []))
  const steps = record('steps', script.steps ?? (async () => []))
  const adapter: Adapter = {
    initialState: (runId) => initialRunState('thread_1', runId),
    empty: emptyRunSnapshot,
    start: record('start', script.start ?? missing('start')),
    lostRunFinder: script.lostRunFinder ?? (() => null),
    answer: record('answer', script.answer ?? missing('answer')),
    answered: (snapshot) => snapshot,
    cancel: record('cancel', script.cancel ?? missing('cancel')),
    cancelCameTooLate: () => false,
    retrieve: record('retrieve', script.retrieve ?? missing('retrieve')),
    // As the Assistants adapter: the messages at each poll, the steps too at the end.
    async readContent(_runId, final, withSteps) {
      const list = await messages()
      return final && withSteps ? { messages: list, steps: await steps() } : { messages: list }
    },
    pollDelayMs: () => 0,
    apply: applyRunEvent,
    withRun: (snapshot, r) => ({ ...snapshot, run: r }),
    current: (snapshot) => snapshot.run,
    position: () => null,
    view: snapshotState,
    runOf: (event) =>
      (event.data as Partial<Run> | null)?.object === 'thread.run' ? (event.data as Run) : null,
    isEnd: (event) => event.event === 'done',
    isError: (event) => event.event === 'error',
    isActive: (status) => status === 'queued' || status === 'in_progress' || status === 'cancelling',
    waitsForTools: (snapshot) => snapshot.run?.status === 'requires_action',
    requiredCalls: (snapshot) => requiredToolCalls(snapshot.run),
  }
  return { adapter, calls }
}

function sessionOver(adapter: Adapter, runId: string | null = null) {
  const named: string[] = []
  const host: SessionHost<RunsProtocol> = {
    adapter,
    submissions: createSubmissionRegistry(),
    sleep: async () => {},
    knownRunIds: new Set(),
    named: (_session, id) => named.push(id),
    closed: () => {},
  }
  return { session: createSession('thread_1', runId, { commitEvery: 'event' }, host), named }
}

describe('the session over an adapter', () => {
  test('a stream cut before its end is followed by the adapter’s retrieves, its messages taken as final', async () => {
    const retrieves = [run('in_progress'), run('completed')]
    const { adapter, calls } = fakeAdapter({
      async *start() {
        yield runEvent(run('in_progress'))
        throw new Error('connection cut')
      },
      retrieve: async () => retrieves.shift()!,
      messages: async () => [message('the whole text')],
    })
    const { session, named } = sessionOver(adapter)

    const settled = await session.start({ assistant_id: 'asst_1' })

    expect(settled?.status).toBe('completed')
    expect(named).toEqual(['run_1'])
    expect(calls).toEqual(['start', 'retrieve', 'messages', 'retrieve', 'messages', 'steps'])
    expect(session.store.getState()).toMatchObject({
      connection: 'closed',
      status: 'completed',
      text: 'the whole text',
      error: null,
    })
  })

  test('a stream lost before naming its run adopts the run the adapter finds, and follows it', async () => {
    const finder = vi.fn(async () => run('in_progress'))
    const { adapter, calls } = fakeAdapter({
      // biome-ignore lint/correctness/useYield: a stream that fails before its first event
      async *start() {
        throw new Error('reset before the first event')
      },
      lostRunFinder: () => finder,
      retrieve: async () => run('completed'),
    })
    const { session } = sessionOver(adapter)

    const settled = await session.start({ assistant_id: 'asst_1' })

    expect(finder).toHaveBeenCalledTimes(1)
    expect(settled?.id).toBe('run_1')
    expect(calls).toEqual(['start', 'retrieve', 'messages', 'steps'])
    expect(session.store.getState()).toMatchObject({ connection: 'closed', status: 'completed', error: null })
  })

  test('a cancel asked before the run has an id is sent once the stream names it, and later cancels join it', async () => {
    const named = deferred<void>()
    const ended = deferred<void>()
    const answer = deferred<Run>()
    const { adapter, calls } = fakeAdapter({
      async *start() {
        await named.promise
        yield runEvent(run('in_progress'))
        await ended.promise
        yield runEvent(run('cancelled'))
        yield done
      },
      cancel: () => answer.promise,
    })
    const { session } = sessionOver(adapter)
    const started = session.start({ assistant_id: 'asst_1' })

    const early = session.cancel()
    await early
    expect(calls).toEqual(['start'])

    named.resolve()
    await vi.waitFor(() => expect(calls).toEqual(['start', 'cancel']))
    expect(session.store.getState().cancelling).toBe(true)
    const joined = [session.cancel(), session.cancel()]

    answer.resolve(run('cancelling'))
    await Promise.all(joined)
    ended.resolve()
    await started

    expect(calls).toEqual(['start', 'cancel'])
    expect(session.store.getState()).toMatchObject({
      connection: 'closed',
      status: 'cancelled',
      cancelling: false,
    })
  })

  test('a required action is answered through the adapter, once', async () => {
    const call = { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } } as RunToolCall
    const waiting = run('requires_action', {
      required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [call] } },
    } as Partial<Run>)
    const { adapter, calls } = fakeAdapter({
      async *start() {
        yield runEvent(waiting)
        yield done
      },
      async *answer() {
        yield runEvent(run('completed'))
        yield done
      },
    })
    const { session } = sessionOver(adapter)
    await session.start({ assistant_id: 'asst_1' })
    expect(session.store.getState().requiredToolCalls).toEqual([call])

    const outputs = [{ tool_call_id: 'call_1', output: 'ok' }]
    const [first, second] = [session.submitToolOutputs(outputs), session.submitToolOutputs(outputs)]

    expect((await first).status).toBe('completed')
    expect((await second).status).toBe('completed')
    expect(calls).toEqual(['start', 'answer'])
  })
})
