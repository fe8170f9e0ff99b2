import type { Thread, ThreadCreateParams } from '@runlens/client'
import { useCreateThread, useRunStream } from '@runlens/react'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, test } from 'vitest'
import { createHarness, serverText } from '../support/harness.js'

afterEach(() => cleanup())

function Chat(props: { threadId: string; assistantId: string }) {
  const stream = useRunStream(props.threadId, { commitEvery: 'event' })
  return (
    <div>
      <button type="button" onClick={() => void stream.start({ assistant_id: props.assistantId })}>
        ask
      </button>
      <p data-testid="status">{stream.state.status ?? 'none'}</p>
      <p data-testid="text">{stream.state.text}</p>
    </div>
  )
}

/** The README's "new conversation" flow: a thread first, then runs on it. */
function Conversation(props: { assistantId: string; body?: ThreadCreateParams }) {
  const createThread = useCreateThread()
  const [thread, setThread] = useState<Thread | null>(null)
  return (
    <div>
      <button
        type="button"
        onClick={() =>
          props.body
            ? createThread.mutate(props.body, { onSuccess: setThread })
            : createThread.mutate(undefined, { onSuccess: setThread })
        }
      >
        new conversation
      </button>
      <p data-testid="pending">{String(createThread.isPending)}</p>
      <p data-testid="error">
        {createThread.error ? `${createThread.error.name}: ${createThread.error.message}` : ''}
      </p>
      {thread && <p data-testid="thread">{thread.id}</p>}
      {thread && <Chat threadId={thread.id} assistantId={props.assistantId} />}
    </div>
  )
}

describe('useCreateThread', () => {
  test('mutate() creates an empty thread; a run streams on it', async () => {
    const h = createHarness()
    h.pace.auto()
    render(h.wrap(<Conversation assistantId={h.assistant('text')} />))
    fireEvent.click(screen.getByText('new conversation'))
    await waitFor(() => expect(screen.getByTestId('thread').textContent).toMatch(/^thread_/))
    const threadId = screen.getByTestId('thread').textContent!
    expect(h.requests).toMatchObject([{ method: 'POST', path: '/threads', body: {} }])
    expect(screen.getByTestId('pending').textContent).toBe('false')
    // The thread is on the server, empty.
    expect((await h.client.threads.retrieve(threadId)).id).toBe(threadId)
    expect((await h.client.threads.messages.list(threadId)).data).toEqual([])

    fireEvent.click(screen.getByText('ask'))
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('completed'))
    const [run] = (await h.client.runs.list(threadId)).data
    expect(run?.thread_id).toBe(threadId)
    const text = await serverText(h, threadId, run!.id)
    expect(text.length).toBeGreaterThan(0)
    expect(screen.getByTestId('text').textContent).toBe(text)
  })

  test('mutate(body) sends the first messages and metadata', async () => {
    const h = createHarness()
    h.pace.auto()
    render(
      h.wrap(
        <Conversation
          assistantId={h.assistant('text')}
          body={{ messages: [{ role: 'user', content: 'Hello from the button' }], metadata: { ui: 'new' } }}
        />,
      ),
    )
    fireEvent.click(screen.getByText('new conversation'))
    await waitFor(() => expect(screen.getByTestId('thread').textContent).toMatch(/^thread_/))
    const threadId = screen.getByTestId('thread').textContent!
    expect(h.requests[0]).toMatchObject({
      method: 'POST',
      path: '/threads',
      body: { messages: [{ role: 'user', content: 'Hello from the button' }], metadata: { ui: 'new' } },
    })
    expect((await h.client.threads.retrieve(threadId)).metadata).toEqual({ ui: 'new' })
    const [message] = (await h.client.threads.messages.list(threadId)).data
    expect(message?.content[0]).toMatchObject({ type: 'text', text: { value: 'Hello from the button' } })
  })

  test('a param the client rejects is the mutation error, with no request', async () => {
    const h = createHarness()
    h.pace.auto()
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']))
    render(h.wrap(<Conversation assistantId={h.assistant('text')} body={{ metadata: many }} />))
    fireEvent.click(screen.getByText('new conversation'))
    await waitFor(() =>
      expect(screen.getByTestId('error').textContent).toBe(
        'InvalidParamError: metadata has 17 keys; the API allows at most 16',
      ),
    )
    expect(screen.queryByTestId('thread')).toBeNull()
    expect(h.requests).toHaveLength(0)
  })
})
