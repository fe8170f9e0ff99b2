import type { ToolOutput } from '@runlens/client'
import {
  type RunStreamHandle,
  type RunStreamState,
  type ToolHandlers,
  toolHandlers,
  useRun,
  useRunStream,
  useSubmitToolOutputs,
} from '@runlens/react'
import { type SimulatorServer, startSimulatorServer } from '@runlens/simulator/node'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import {
  createHarness,
  createPace,
  createPacedSimulator,
  type Harness,
  serverText,
} from '../support/harness.js'

// The same hooks over real HTTP: the simulator served on 127.0.0.1 (port 0), requests through the
// platform fetch, streams through real sockets.

const handles: Record<string, RunStreamHandle<RunStreamState>> = {}
const servers: SimulatorServer[] = []

afterEach(() => cleanup())
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
})

async function httpHarness(options: { cutAfter?: number } = {}): Promise<Harness> {
  const pace = createPace()
  const simulator = createPacedSimulator(pace, {
    ...(options.cutAfter !== undefined && {
      sim: { faults: [{ cutAfter: options.cutAfter, method: 'POST', path: /\/runs$/ }] },
    }),
  })
  const server = await startSimulatorServer({ port: 0, host: '127.0.0.1', simulator })
  servers.push(server)
  return createHarness({ simulator, pace, baseURL: server.url })
}

function Starter(props: { threadId: string; tools?: ToolHandlers }) {
  const s = useRunStream(props.threadId, {
    commitEvery: 'event',
    ...(props.tools && { tools: toolHandlers(props.tools) }),
  })
  handles.main = s
  return (
    <>
      <p data-testid="status">{s.state.status ?? 'none'}</p>
      <p data-testid="connection">{s.state.connection}</p>
      <p data-testid="text">{s.state.text}</p>
    </>
  )
}

function Watch(props: { threadId: string; runId: string }) {
  const run = useRun(props.threadId, props.runId, { pollIntervalMs: 5 })
  return <p data-testid="run">{run.data?.status ?? '-'}</p>
}

function Submit(props: { threadId: string; runId: string; outputs: ToolOutput[]; name: string }) {
  const submit = useSubmitToolOutputs(props.threadId, props.runId)
  return (
    <>
      <button type="button" onClick={() => submit.mutate(props.outputs)}>
        {props.name}
      </button>
      <p data-testid={`${props.name}-result`}>{submit.data?.status ?? '-'}</p>
    </>
  )
}

/** Moves the simulator along (its sleeps) while real sockets carry the events. */
async function drive(h: Harness, done: () => boolean, rounds = 2000) {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}

describe('over HTTP', () => {
  beforeAll(() => {
    expect(typeof fetch).toBe('function')
  })

  test('StrictMode: one POST, the run streams to completion', async () => {
    const h = await httpHarness()
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('text') })
    })
    await drive(h, () => handles.main!.store.getState().status === 'completed')
    expect(screen.getByTestId('status').textContent).toBe('completed')
    expect(screen.getByTestId('text').textContent).toBe(await serverText(h, threadId, handles.main!.runId!))
    expect(h.count('POST', /\/runs$/)).toBe(1)
  })

  test('unmount mid-stream aborts the request', async () => {
    const h = await httpHarness()
    const threadId = await h.thread()
    const view = render(h.wrap(<Starter threadId={threadId} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('slow_stream') })
    })
    await drive(h, () => handles.main!.store.getState().status === 'in_progress')
    const store = handles.main!.store
    const post = h.requests.find((r) => r.method === 'POST')!
    view.unmount()
    await waitFor(() => expect(post.signal?.aborted).toBe(true))
    expect(store.getState().connection).toBe('closed')
  })

  test('dropped streams at several cut points end with the server state, no lost or doubled text', async () => {
    for (const cut of [1, 3, 6, 10, 20]) {
      const h = await httpHarness({ cutAfter: cut })
      const threadId = await h.thread()
      const view = render(h.wrap(<Starter threadId={threadId} />, { sleep: () => h.pace.step(3) }))
      await act(async () => {
        void handles.main!.start({ assistant_id: h.assistant('text') })
      })
      await drive(h, () => handles.main!.store.getState().connection === 'closed')
      expect(screen.getByTestId('status').textContent, `cut ${cut}`).toBe('completed')
      expect(screen.getByTestId('text').textContent, `cut ${cut}`).toBe(
        await serverText(h, threadId, handles.main!.runId!),
      )
      view.unmount()
    }
  })

  test('tool handlers over HTTP: one submission, the answer streams in', async () => {
    const h = await httpHarness()
    const threadId = await h.thread()
    render(h.wrap(<Starter threadId={threadId} tools={{ get_current_weather: async () => 'foggy' }} />))
    await act(async () => {
      void handles.main!.start({ assistant_id: h.assistant('function_call') })
    })
    await drive(h, () => handles.main!.store.getState().status === 'completed')
    expect(screen.getByTestId('text').textContent).toContain('foggy')
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
  })

  test('double submit from two components: one POST; useRun follows the run to completion', async () => {
    const h = await httpHarness()
    h.pace.auto()
    const threadId = await h.thread()
    const run = await h.client.runs.createAndPoll(threadId, { assistant_id: h.assistant('function_call') })
    expect(run.status).toBe('requires_action')
    const call = run.required_action!.submit_tool_outputs.tool_calls[0]!
    const outputs = [{ tool_call_id: call.id, output: 'dry' }]
    render(
      h.wrap(
        <>
          <Watch threadId={threadId} runId={run.id} />
          <Submit threadId={threadId} runId={run.id} outputs={outputs} name="a" />
          <Submit threadId={threadId} runId={run.id} outputs={outputs} name="b" />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('requires_action'))
    fireEvent.click(screen.getByText('a'))
    fireEvent.click(screen.getByText('a'))
    fireEvent.click(screen.getByText('b'))
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('completed'))
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(screen.getByTestId('a-result').textContent).toBe(screen.getByTestId('b-result').textContent)
  })
})
