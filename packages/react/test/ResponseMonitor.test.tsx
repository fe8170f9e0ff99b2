import type { ResponseCreateParams, ResponseTool } from '@runlens/client'
import { type ResponsesRunMonitorProps, RunMonitor, useResponseStream } from '@runlens/react'
import { act, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { useEffect } from 'react'
import { describe, expect, test } from 'vitest'
import { createHarness, type Harness } from './support/harness.js'

// The connected monitor in its Responses mode, against the simulator in-process: the same view as
// an Assistants run, fed by a chain of responses.

async function until(h: Harness, done: () => boolean, rounds = 2000) {
  for (let i = 0; i < rounds && !done(); i++) {
    await act(async () => {
      await h.pace.step(1)
    })
  }
  expect(done()).toBe(true)
}

const weather: ResponseTool = {
  type: 'function',
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}

const ask = (model = 'gpt-4o', tools?: ResponseTool[]): ResponseCreateParams => ({
  model,
  input: 'What is the weather in Paris?',
  ...(tools && { tools }),
})

let shownId: string | null = null

function LiveMonitor({
  start,
  follow = false,
  ...props
}: { start: ResponseCreateParams; follow?: boolean } & Partial<ResponsesRunMonitorProps>) {
  const stream = useResponseStream({ commitEvery: 'event' })
  shownId = stream.responseId
  const begin = stream.start
  useEffect(() => {
    void begin(start)
  }, [begin, start])
  return (
    <>
      <RunMonitor protocol="responses" stream={stream} data-testid="live" {...props} />
      {follow && stream.responseId && (
        <RunMonitor protocol="responses" responseId={stream.responseId} data-testid="follower" />
      )}
    </>
  )
}

const state = (monitor: HTMLElement) => monitor.getAttribute('data-state')
const badge = (monitor: HTMLElement) =>
  monitor.querySelector('.rl-monitor__header .rl-badge__label')?.textContent ?? null

describe('RunMonitor protocol="responses"', () => {
  test('streams a response: status, the answer, usage; a follower by id shares the session', async () => {
    const h = createHarness()
    render(h.wrap(<LiveMonitor start={ask('sim-reasoning')} follow />))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'completed')
    const server = await h.client.responses.retrieve(shownId!)
    const message = server.output.find((item) => item.type === 'message')!
    const text = (message as { content: Array<{ text: string }> }).content[0]!.text
    expect(monitor.textContent).toContain(text)
    expect(badge(monitor)).toBe('Completed')
    // The reasoning summary shows among the steps.
    expect(monitor.textContent).toContain('The user wants an answer')
    expect(within(monitor).getByText(String(server.usage!.total_tokens))).toBeTruthy()
    const follower = screen.getByTestId('follower')
    expect(state(follower)).toBe('completed')
    expect(follower.textContent).toContain(text)
    expect(h.count('POST', /^\/responses$/)).toBe(1)
  })

  test('a function call through approval: one follow-up on a double click, the chain completes', async () => {
    const h = createHarness()
    const user = userEvent.setup()
    render(h.wrap(<LiveMonitor start={ask('gpt-4o', [weather])} requireApproval />))
    const monitor = screen.getByTestId('live')

    await until(h, () => state(monitor) === 'requires_action')
    expect(badge(monitor)).toBe('Action required')
    expect(monitor.textContent).toContain('get_weather')
    await user.click(within(monitor).getByRole('button', { name: 'Approve' }))
    await user.type(within(monitor).getByLabelText('Output of get_weather'), '21 °C, clear')
    await user.dblClick(within(monitor).getByRole('button', { name: 'Submit outputs' }))

    await until(
      h,
      () => state(monitor) === 'completed' && monitor.getAttribute('data-connection') === 'closed',
    )
    const followUps = h.requests.filter(
      (r) =>
        r.method === 'POST' &&
        r.path === '/responses' &&
        (r.body as Record<string, unknown>).previous_response_id,
    )
    expect(followUps).toHaveLength(1)
    // The call and the output sent for it, in the steps.
    expect(monitor.textContent).toContain('21 °C, clear')
    expect(within(monitor).queryByRole('form')).toBeNull()
  })

  test('deny: nothing is sent, the form goes, the response shows as it is', async () => {
    const h = createHarness()
    const user = userEvent.setup()
    render(h.wrap(<LiveMonitor start={ask('gpt-4o', [weather])} requireApproval />))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'requires_action')
    await user.click(within(monitor).getByRole('button', { name: 'Deny' }))
    await until(h, () => state(monitor) === 'completed')
    expect(within(monitor).queryByRole('form')).toBeNull()
    expect(h.count('POST', /\/cancel$/)).toBe(0)
    expect(h.count('POST', /^\/responses$/)).toBe(1)
  })

  test('cancel mid-stream: one cancel request, the response ends cancelled', async () => {
    const h = createHarness()
    const user = userEvent.setup()
    render(h.wrap(<LiveMonitor start={ask('sim-slow')} />))
    const monitor = screen.getByTestId('live')
    await until(h, () =>
      (monitor.querySelector('.rl-monitor__answer')?.textContent ?? '').includes('Paragraph 1.'),
    )
    await user.click(within(monitor).getByRole('button', { name: 'Cancel run' }))
    await until(h, () => state(monitor) === 'cancelled')
    expect(h.count('POST', /\/cancel$/)).toBe(1)
    expect(within(monitor).queryByRole('button', { name: /cancel/i })).toBeNull()
  })

  test('a finished response by id, in a new provider (a reload): its answer from the cache, no stream', async () => {
    const h = createHarness()
    h.pace.auto()
    const created = await h.client.responses.create({ ...ask('sim-reasoning'), background: true })
    const done = await h.client.responses.poll(created.id)
    const message = done.output.find((item) => item.type === 'message')!
    const text = (message as { content: Array<{ text: string }> }).content[0]!.text
    render(h.wrap(<RunMonitor protocol="responses" responseId={done.id} data-testid="by-id" />))
    const monitor = screen.getByTestId('by-id')
    await until(h, () => state(monitor) === 'completed')
    expect(monitor.querySelector('.rl-monitor__answer')?.textContent).toContain(text)
    expect(h.requests.filter((r) => r.search.includes('stream=true'))).toHaveLength(0)
  })

  test('an incomplete response says why', async () => {
    const h = createHarness()
    render(h.wrap(<LiveMonitor start={ask('sim-incomplete')} />))
    const monitor = screen.getByTestId('live')
    await until(h, () => state(monitor) === 'incomplete')
    expect(monitor.querySelector('.rl-error')?.textContent ?? '').toMatch(/output token/i)
  })
})
