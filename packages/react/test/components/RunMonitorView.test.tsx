import { render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { createRef } from 'react'
import { describe, expect, test, vi } from 'vitest'
import { RunMonitorView } from '../../src/components/index.js'
import { makeCall, makeMessage, makeRun, makeStep } from './fixtures.js'

const active = makeRun({ status: 'in_progress', completed_at: null, usage: null })

function announcer(container: HTMLElement) {
  return container.querySelector('.rl-monitor__announcer') as HTMLElement
}

describe('RunMonitorView', () => {
  test('status, steps, answer and usage of a completed run', () => {
    const { container } = render(
      <RunMonitorView
        run={makeRun()}
        steps={[makeStep()]}
        messages={[makeMessage('The answer is 42.')]}
        connection="closed"
      />,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('completed')
    expect(root.dataset.connection).toBe('closed')
    expect(screen.getByRole('heading', { level: 2, name: 'Run' })).toBeTruthy()
    // The page's only landmark, named by title and run id so that several monitors stay distinct.
    expect(screen.getByRole('region', { name: 'Run run_1' })).toBe(root)
    const answer = screen.getByRole('heading', { level: 3, name: 'Answer' }).parentElement as HTMLElement
    expect(answer.textContent).toContain('The answer is 42.')
    expect(screen.getByRole('heading', { level: 3, name: 'Steps' })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 3, name: 'Token usage' })).toBeTruthy()
    // A finished run cannot be cancelled.
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull()
  })

  test('no run: "No run yet.", or, while it is on its way, its id and "Loading…"', () => {
    const { container, rerender } = render(<RunMonitorView run={null} />)
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('empty')
    expect(root.hasAttribute('aria-busy')).toBe(false)
    expect(root.textContent).toContain('No run yet.')
    expect(root.querySelector('.rl-badge')).toBeNull()

    rerender(<RunMonitorView run={null} runId="run_1" loading />)
    expect(root.dataset.state).toBe('loading')
    expect(root.getAttribute('aria-busy')).toBe('true')
    expect(root.textContent).not.toContain('No run yet.')
    expect(screen.getByRole('region', { name: 'Run run_1' })).toBe(root)
    const badge = root.querySelector('.rl-badge') as HTMLElement
    expect(badge.dataset.state).toBe('loading')
    expect(badge.textContent).toBe('Run status: Loading…')

    // The run arrives: shown as usual, whatever `loading` still says.
    rerender(<RunMonitorView run={makeRun()} runId="run_1" loading />)
    expect(root.dataset.state).toBe('completed')
    expect(root.hasAttribute('aria-busy')).toBe(false)
    expect(badge.dataset.state).toBe('completed')
  })

  test('the loading words follow the labels', () => {
    render(<RunMonitorView run={null} loading labels={{ status: { loading: 'Chargement…' } }} />)
    expect(screen.getByText('Chargement…')).toBeTruthy()
  })

  test('one announcer speaks status changes, not the initial status', () => {
    const { container, rerender } = render(<RunMonitorView run={active} />)
    expect(screen.getAllByRole('status')).toHaveLength(1)
    expect(announcer(container).textContent).toBe('')
    rerender(<RunMonitorView run={{ ...active, status: 'completed' }} />)
    expect(announcer(container).textContent).toBe('Run status: Completed')
  })

  test('cancel: a button while active, "Cancelling…" until the server confirms', async () => {
    const user = userEvent.setup()
    const onCancel = vi.fn()
    const { rerender } = render(<RunMonitorView run={active} onCancel={onCancel} />)
    await user.click(screen.getByRole('button', { name: 'Cancel run' }))
    expect(onCancel).toHaveBeenCalledTimes(1)
    rerender(<RunMonitorView run={active} onCancel={onCancel} cancelling />)
    const button = screen.getByRole('button', { name: 'Cancelling…' })
    expect(button.getAttribute('aria-disabled')).toBe('true')
    await user.click(button)
    expect(onCancel).toHaveBeenCalledTimes(1)
    rerender(<RunMonitorView run={{ ...active, status: 'cancelled' }} onCancel={onCancel} />)
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull()
  })

  test('requires_action: the tool calls and one submission', async () => {
    const user = userEvent.setup()
    const onSubmitToolOutputs = vi.fn()
    const run = makeRun({
      status: 'requires_action',
      completed_at: null,
      required_action: {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: [makeCall('call_1', 'get_current_weather', '{}')] },
      },
    })
    render(<RunMonitorView run={run} onSubmitToolOutputs={onSubmitToolOutputs} />)
    await user.type(screen.getByLabelText('Output of get_current_weather'), 'sunny')
    await user.click(screen.getByRole('button', { name: 'Submit outputs' }))
    expect(onSubmitToolOutputs).toHaveBeenCalledWith([{ tool_call_id: 'call_1', output: 'sunny' }])
  })

  test('streamed text, connection state and errors', () => {
    render(
      <RunMonitorView
        run={makeRun({ status: 'failed', last_error: { code: 'server_error', message: 'Boom' } })}
        text="Partial ans"
        streaming
        connection="polling"
        error={{ message: 'stream dropped', requestId: 'req_1' }}
      />,
    )
    expect(screen.getByText('Polling')).toBeTruthy()
    expect(screen.getByText('Partial ans')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('Boom')
    expect(screen.getByRole('alert').textContent).toContain('req_1')
  })

  test('no run yet', () => {
    render(<RunMonitorView run={null} />)
    expect(screen.getByText('No run yet.')).toBeTruthy()
  })

  test('labels reach every part; ref and props pass through', () => {
    const ref = createRef<HTMLElement>()
    render(
      <RunMonitorView
        ref={ref}
        data-testid="m"
        run={makeRun()}
        labels={{
          monitor: { title: 'Exécution' },
          usage: { title: 'Jetons' },
          status: { prefix: 'Statut :' },
        }}
      />,
    )
    expect(ref.current).toBe(screen.getByTestId('m'))
    expect(screen.getByRole('heading', { name: 'Exécution' })).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Jetons' })).toBeTruthy()
    expect(ref.current?.querySelector('.rl-badge')?.textContent).toBe('Statut : Completed')
  })
})
