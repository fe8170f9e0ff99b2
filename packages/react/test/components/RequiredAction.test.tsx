import { act, fireEvent, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { createRef } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { RequiredAction } from '../../src/components/index.js'
import { makeCall } from './fixtures.js'

const calls = [
  makeCall('call_a', 'get_weather', '{"city":"Paris","unit":"c"}'),
  makeCall('call_b', 'lookup', '{not json'),
]

afterEach(() => {
  vi.useRealTimers()
})

describe('RequiredAction', () => {
  test('shows each call: name, id, pretty arguments, raw invalid JSON', () => {
    const { container } = render(<RequiredAction toolCalls={calls} />)
    expect(screen.getByText('get_weather')).toBeTruthy()
    expect(screen.getByText('call_b')).toBeTruthy()
    const pres = container.querySelectorAll('pre')
    expect(pres[0]?.textContent).toBe('{\n  "city": "Paris",\n  "unit": "c"\n}')
    expect(pres[0]?.getAttribute('data-valid-json')).toBe('true')
    expect(pres[1]?.textContent).toBe('{not json')
    expect(pres[1]?.getAttribute('data-valid-json')).toBe('false')
    expect(screen.getByText('Not valid JSON, shown as received.')).toBeTruthy()
  })

  test('one labelled field per call; one submission with every output, in order', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    render(<RequiredAction toolCalls={calls} onSubmit={onSubmit} />)
    await user.type(screen.getByLabelText('Output of lookup (2 of 2)'), 'found')
    await user.type(screen.getByLabelText('Output of get_weather (1 of 2)'), '21C')
    await user.click(screen.getByRole('button', { name: 'Submit outputs' }))
    expect(onSubmit).toHaveBeenCalledTimes(1)
    expect(onSubmit).toHaveBeenCalledWith([
      { tool_call_id: 'call_a', output: '21C' },
      { tool_call_id: 'call_b', output: 'found' },
    ])
  })

  test('refuses incomplete outputs: marks the missing field, focuses it, says so', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    const { container } = render(<RequiredAction toolCalls={calls} onSubmit={onSubmit} />)
    await user.type(screen.getByLabelText('Output of get_weather (1 of 2)'), '21C')
    await user.click(screen.getByRole('button', { name: 'Submit outputs' }))
    expect(onSubmit).not.toHaveBeenCalled()
    const missing = screen.getByLabelText('Output of lookup (2 of 2)')
    expect(missing.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(missing)
    expect(screen.getByRole('alert').textContent).toBe('1 output is missing.')
    expect(container.querySelector('form')?.hasAttribute('data-invalid')).toBe(true)
    // Whitespace is not an output either.
    await user.type(missing, '   ')
    await user.click(screen.getByRole('button', { name: 'Submit outputs' }))
    expect(onSubmit).not.toHaveBeenCalled()
  })

  test('disabled while submitting', () => {
    const onSubmit = vi.fn()
    const { container } = render(
      <RequiredAction
        toolCalls={calls}
        submitting
        onSubmit={onSubmit}
        defaultOutputs={{ call_a: 'x', call_b: 'y' }}
      />,
    )
    const form = container.querySelector('form') as HTMLFormElement
    expect(form.dataset.state).toBe('submitting')
    expect(form.getAttribute('aria-busy')).toBe('true')
    const button = screen.getByRole('button', { name: 'Submitting…' }) as HTMLButtonElement
    expect(button.matches(':disabled')).toBe(true)
    expect(
      (screen.getByLabelText('Output of get_weather (1 of 2)') as HTMLTextAreaElement).matches(':disabled'),
    ).toBe(true)
    fireEvent.submit(form)
    expect(onSubmit).not.toHaveBeenCalled()
  })

  test('approval step: approve reveals the fields', async () => {
    const user = userEvent.setup()
    const onApprove = vi.fn()
    const { container } = render(<RequiredAction toolCalls={calls} requireApproval onApprove={onApprove} />)
    expect(container.querySelector('form')?.dataset.state).toBe('pending-approval')
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.getByRole('group', { name: 'Allow these tool calls to run?' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Approve' }))
    expect(onApprove).toHaveBeenCalledTimes(1)
    expect(container.querySelector('form')?.dataset.state).toBe('editing')
    expect(screen.getAllByRole('textbox')).toHaveLength(2)
  })

  test('approval step: deny', async () => {
    const user = userEvent.setup()
    const onDeny = vi.fn()
    const onSubmit = vi.fn()
    const { container } = render(
      <RequiredAction toolCalls={calls} requireApproval onDeny={onDeny} onSubmit={onSubmit} />,
    )
    await user.click(screen.getByRole('button', { name: 'Deny' }))
    expect(onDeny).toHaveBeenCalledTimes(1)
    expect(onSubmit).not.toHaveBeenCalled()
    expect(container.querySelector('form')?.dataset.state).toBe('denied')
    expect(screen.getByText('Tool calls denied.')).toBeTruthy()
  })

  test('approval can be controlled by the parent', () => {
    const { container, rerender } = render(
      <RequiredAction toolCalls={calls} requireApproval approval="pending" />,
    )
    expect(container.querySelector('form')?.dataset.state).toBe('pending-approval')
    rerender(<RequiredAction toolCalls={calls} requireApproval approval="approved" />)
    expect(container.querySelector('form')?.dataset.state).toBe('editing')
  })

  test('expires_at counts down with the injected clock, then disables the form', () => {
    vi.useFakeTimers()
    let clock = 1_000_000_000_000
    const now = () => clock
    const expiresAt = clock / 1000 + 65
    const { container } = render(
      <RequiredAction
        toolCalls={calls}
        expiresAt={expiresAt}
        now={now}
        defaultOutputs={{ call_a: 'a', call_b: 'b' }}
      />,
    )
    const time = container.querySelector('time') as HTMLTimeElement
    expect(time.textContent).toBe('Expires in 1:05')
    expect(time.dateTime).toBe(new Date(expiresAt * 1000).toISOString())
    act(() => {
      clock += 6_000
      vi.advanceTimersByTime(1000)
    })
    expect(container.querySelector('time')?.textContent).toBe('Expires in 0:59')
    act(() => {
      clock += 60_000
      vi.advanceTimersByTime(1000)
    })
    const form = container.querySelector('form') as HTMLFormElement
    expect(form.dataset.state).toBe('expired')
    expect(screen.getByText('Expired: the run no longer accepts outputs.')).toBeTruthy()
    expect(
      (screen.getByRole('button', { name: 'Submit outputs' }) as HTMLButtonElement).matches(':disabled'),
    ).toBe(true)
  })

  test('is a form landmark named by its title', () => {
    render(<RequiredAction toolCalls={calls} />)
    const title = screen.getByRole('heading', { name: 'Action required' })
    const form = screen.getByRole('form', { name: 'Action required' })
    expect(form.getAttribute('aria-labelledby')).toBe(title.id)
  })

  test("a caller's aria-label names the form instead of its title", () => {
    render(<RequiredAction toolCalls={calls} aria-label="Weather tool" />)
    expect(screen.getByRole('form', { name: 'Weather tool' })).toBeTruthy()
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLFormElement>()
    render(<RequiredAction ref={ref} toolCalls={calls} data-testid="f" id="mine" />)
    expect(ref.current).toBe(screen.getByTestId('f'))
    expect(ref.current?.id).toBe('mine')
    expect(ref.current?.className).toBe('rl-action')
  })

  test('labels replace every word', () => {
    render(
      <RequiredAction
        toolCalls={calls.slice(0, 1)}
        labels={{ title: 'Action requise', submit: 'Envoyer', output: (name) => `Sortie de ${name}` }}
      />,
    )
    expect(screen.getByRole('heading', { name: 'Action requise' })).toBeTruthy()
    expect(screen.getByRole('form', { name: 'Action requise' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Envoyer' })).toBeTruthy()
    expect(screen.getByLabelText('Sortie de get_weather')).toBeTruthy()
  })
})
