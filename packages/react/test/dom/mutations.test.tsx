import type { Run, ToolOutput } from '@runlens/client'
import {
  IncompleteToolOutputsError,
  useCancelRun,
  useCreateRun,
  useRun,
  useRunList,
  useSubmitToolOutputs,
  useUpdateRun,
} from '@runlens/react'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { createHarness, type Harness } from '../support/harness.js'

afterEach(() => cleanup())

function RunStatus(props: { threadId: string; runId: string }) {
  const run = useRun(props.threadId, props.runId, { pollIntervalMs: 10 })
  return <p data-testid="run">{run.data?.status ?? '-'}</p>
}

function Rows(props: { threadId: string; limit?: number }) {
  const list = useRunList(props.threadId, props.limit ? { limit: props.limit } : {})
  return (
    <div>
      <p data-testid="rows">
        {list.runs.map((run) => `${run.status}${run.metadata?.tag ? `#${run.metadata.tag}` : ''}`).join(',')}
      </p>
      <p data-testid="ids">{list.runs.map((run) => run.id).join(',')}</p>
      <p data-testid="more">{String(list.hasNextPage)}</p>
      <button type="button" onClick={() => void list.fetchNextPage()}>
        more
      </button>
    </div>
  )
}

function Create(props: { threadId: string; assistantId: string; onCreated(run: Run): void }) {
  const create = useCreateRun(props.threadId)
  return (
    <button
      type="button"
      onClick={() => create.mutate({ assistant_id: props.assistantId }, { onSuccess: props.onCreated })}
    >
      create
    </button>
  )
}

function Update(props: { threadId: string; runId: string }) {
  const update = useUpdateRun(props.threadId, props.runId)
  return (
    <button type="button" onClick={() => update.mutate({ metadata: { tag: 'x' } })}>
      update
    </button>
  )
}

function Cancel(props: { threadId: string; runId: string }) {
  const cancel = useCancelRun(props.threadId, props.runId)
  return (
    <div>
      <button type="button" onClick={() => cancel.mutate()}>
        cancel
      </button>
      <p data-testid="cancelling">{String(cancel.cancelling)}</p>
      <p data-testid="cancelled">{cancel.data?.status ?? '-'}</p>
    </div>
  )
}

function Submit(props: { threadId: string; runId: string; name: string; outputs: ToolOutput[] }) {
  const submit = useSubmitToolOutputs(props.threadId, props.runId)
  return (
    <div>
      <button type="button" onClick={() => submit.mutate(props.outputs)}>
        {props.name}
      </button>
      <p data-testid={`${props.name}-result`}>{submit.data?.status ?? submit.error?.name ?? '-'}</p>
    </div>
  )
}

function Probe(props: { threadId: string; runId: string; toolCallId: string; seen: { error: unknown } }) {
  const submit = useSubmitToolOutputs(props.threadId, props.runId)
  props.seen.error = submit.error
  return (
    <button type="button" onClick={() => submit.mutate([{ tool_call_id: props.toolCallId, output: 'x' }])}>
      submit
    </button>
  )
}

async function runs(h: Harness, threadId: string, n: number): Promise<Run[]> {
  const made: Run[] = []
  for (let i = 0; i < n; i++)
    made.push(await h.client.runs.createAndPoll(threadId, { assistant_id: h.assistant('text') }))
  return made
}

describe('useRunList', () => {
  test('pages newest first, flattened; fetchNextPage until hasNextPage is false', async () => {
    const h = createHarness()
    h.pace.auto()
    const threadId = await h.thread()
    const made = await runs(h, threadId, 5)
    render(h.wrap(<Rows threadId={threadId} limit={2} />))
    const newestFirst = made.map((run) => run.id).reverse()
    await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe(newestFirst.slice(0, 2).join(',')))
    expect(screen.getByTestId('more').textContent).toBe('true')
    fireEvent.click(screen.getByText('more'))
    await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe(newestFirst.slice(0, 4).join(',')))
    fireEvent.click(screen.getByText('more'))
    await waitFor(() => expect(screen.getByTestId('ids').textContent).toBe(newestFirst.join(',')))
    expect(screen.getByTestId('more').textContent).toBe('false')
    expect(h.count('GET', /\/runs$/)).toBe(3)
  })

  test('a created run goes on top; an update shows in its row and in useRun, with no list refetch', async () => {
    const h = createHarness()
    h.pace.auto()
    const threadId = await h.thread()
    await runs(h, threadId, 2)
    let created: Run | null = null
    const view = render(
      h.wrap(
        <>
          <Rows threadId={threadId} />
          <Create
            threadId={threadId}
            assistantId={h.assistant('text')}
            onCreated={(run) => (created = run)}
          />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('completed,completed'))
    fireEvent.click(screen.getByText('create'))
    await waitFor(() => expect(created).not.toBeNull())
    await waitFor(() => expect(screen.getByTestId('ids').textContent?.split(',')[0]).toBe(created!.id))
    view.rerender(
      h.wrap(
        <>
          <Rows threadId={threadId} />
          <RunStatus threadId={threadId} runId={created!.id} />
          <Update threadId={threadId} runId={created!.id} />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('completed'))
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('completed,completed,completed'))
    fireEvent.click(screen.getByText('update'))
    await waitFor(() =>
      expect(screen.getByTestId('rows').textContent).toBe('completed#x,completed,completed'),
    )
    expect(h.count('GET', /\/runs$/)).toBe(1)
  })
})

describe('useCancelRun', () => {
  test('cancelling until the server says cancelled, following the run by itself', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('slow_stream') })
    await h.pace.step(10)
    // The mutation's own waits between retrieves are held until the test lets them go.
    const held: Array<() => void> = []
    const sleep = () => new Promise<void>((resolve) => held.push(resolve))
    render(h.wrap(<Cancel threadId={threadId} runId={run.id} />, { sleep }))
    fireEvent.click(screen.getByText('cancel'))
    await waitFor(() => expect(h.count('POST', /\/cancel$/)).toBe(1))
    await waitFor(() => expect(held.length).toBe(1))
    expect(screen.getByTestId('cancelling').textContent).toBe('true')
    expect(h.queryClient.getQueryData<Run>(['runlens', 'thread', threadId, 'run', run.id])?.status).toBe(
      'cancelling',
    )
    await act(async () => {
      await h.pace.run()
      while (held.length) held.shift()?.()
    })
    await waitFor(() => expect(screen.getByTestId('cancelled').textContent).toBe('cancelled'))
    expect(screen.getByTestId('cancelling').textContent).toBe('false')
    expect(h.queryClient.getQueryData<Run>(['runlens', 'thread', threadId, 'run', run.id])?.status).toBe(
      'cancelled',
    )
  })

  test('with useRun mounted, the cancel waits on its polling: no poller of its own', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('slow_stream') })
    await h.pace.step(10)
    let ownWaits = 0
    const sleep = () => {
      ownWaits++
      return Promise.resolve()
    }
    render(
      h.wrap(
        <>
          <RunStatus threadId={threadId} runId={run.id} />
          <Cancel threadId={threadId} runId={run.id} />
        </>,
        { sleep },
      ),
    )
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('in_progress'))
    fireEvent.click(screen.getByText('cancel'))
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('cancelling'))
    expect(screen.getByTestId('cancelling').textContent).toBe('true')
    await act(async () => {
      await h.pace.run()
    })
    await waitFor(() => expect(screen.getByTestId('cancelled').textContent).toBe('cancelled'))
    expect(screen.getByTestId('run').textContent).toBe('cancelled')
    expect(screen.getByTestId('cancelling').textContent).toBe('false')
    expect(ownWaits).toBe(0)
  })
})

describe('useSubmitToolOutputs', () => {
  test('a double click and a second component send exactly one POST', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('function_call') })
    await h.pace.run()
    const waiting = await h.client.runs.retrieve(threadId, run.id)
    const call = waiting.required_action!.submit_tool_outputs.tool_calls[0]!
    const outputs = [{ tool_call_id: call.id, output: 'sunny' }]
    render(
      h.wrap(
        <>
          <RunStatus threadId={threadId} runId={run.id} />
          <Submit threadId={threadId} runId={run.id} name="a" outputs={outputs} />
          <Submit threadId={threadId} runId={run.id} name="b" outputs={outputs} />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('requires_action'))
    fireEvent.click(screen.getByText('a'))
    fireEvent.click(screen.getByText('a'))
    fireEvent.click(screen.getByText('b'))
    await waitFor(() => expect(screen.getByTestId('b-result').textContent).not.toBe('-'))
    await waitFor(() => expect(screen.getByTestId('a-result').textContent).not.toBe('-'))
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(1)
    expect(screen.getByTestId('a-result').textContent).toBe(screen.getByTestId('b-result').textContent)
    await act(async () => {
      await h.pace.run()
    })
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('completed'))
  })

  test('incomplete outputs are refused before sending', async () => {
    const h = createHarness()
    const threadId = await h.thread()
    const run = await h.client.runs.create(threadId, { assistant_id: h.assistant('parallel_function_calls') })
    await h.pace.run()
    const waiting = await h.client.runs.retrieve(threadId, run.id)
    const first = waiting.required_action!.submit_tool_outputs.tool_calls[0]!
    const seen: { error: unknown } = { error: null }
    render(
      h.wrap(
        <>
          <RunStatus threadId={threadId} runId={run.id} />
          <Probe threadId={threadId} runId={run.id} toolCallId={first.id} seen={seen} />
        </>,
      ),
    )
    await waitFor(() => expect(screen.getByTestId('run').textContent).toBe('requires_action'))
    fireEvent.click(screen.getByText('submit'))
    await waitFor(() => expect(seen.error).toBeInstanceOf(IncompleteToolOutputsError))
    expect((seen.error as IncompleteToolOutputsError).missing).toHaveLength(1)
    expect(h.count('POST', /submit_tool_outputs$/)).toBe(0)
  })
})
