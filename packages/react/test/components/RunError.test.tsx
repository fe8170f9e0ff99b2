import { RateLimitError } from '@runlens/client'
import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { RunError } from '../../src/components/index.js'

describe('RunError', () => {
  test('last_error: code and message', () => {
    render(<RunError lastError={{ code: 'rate_limit_exceeded', message: 'You exceeded your quota.' }} />)
    const alert = screen.getByRole('alert')
    expect(alert.dataset.state).toBe('run')
    expect(alert.textContent).toContain('The run failed')
    expect(alert.textContent).toContain('You exceeded your quota.')
    expect(screen.getByText('rate_limit_exceeded').tagName).toBe('CODE')
  })

  test('incomplete_details in plain language, known and unknown reasons', () => {
    const { rerender } = render(<RunError incompleteDetails={{ reason: 'max_completion_tokens' }} />)
    expect(screen.getByRole('alert').textContent).toContain('reached the completion token limit')
    rerender(<RunError incompleteDetails={{ reason: 'max_prompt_tokens' }} />)
    expect(screen.getByRole('alert').textContent).toContain('exceeded the prompt token limit')
    // A reason this version does not know (content_filter, the example here once, is now a known one).
    rerender(<RunError incompleteDetails={{ reason: 'tool_budget' }} />)
    expect(screen.getByRole('alert').textContent).toContain('The run stopped early (tool_budget).')
  })

  test('a request error with status, code and request id (the shape of the client APIError)', () => {
    class FakeAPIError extends Error {
      status = 429
      code = 'rate_limit_exceeded'
      requestId = 'req_123abc'
    }
    render(<RunError error={new FakeAPIError('Too many requests')} />)
    const alert = screen.getByRole('alert')
    expect(alert.dataset.state).toBe('request')
    expect(alert.textContent).toContain('The request failed')
    expect(alert.textContent).toContain('Too many requests')
    expect(alert.textContent).toContain('429')
    expect(screen.getByText('req_123abc')).toBeTruthy()
  })

  test("the client's own RateLimitError fits the prop with no adapter", () => {
    const error = new RateLimitError('Rate limit reached', {
      status: 429,
      error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' },
      headers: new Headers({ 'x-request-id': 'req_from_header' }),
    })
    render(<RunError error={error} />)
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('429 Rate limit reached')
    expect(alert.textContent).toContain('rate_limit_exceeded')
    expect(screen.getByText('req_from_header')).toBeTruthy()
  })

  test('a plain error without status shows only its message', () => {
    const { container } = render(<RunError error={new Error('Network down')} live={false} />)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(container.querySelector('dl')).toBeNull()
    expect(container.textContent).toContain('Network down')
  })

  test('renders nothing without an error', () => {
    const { container } = render(<RunError lastError={null} incompleteDetails={null} error={null} />)
    expect(container.innerHTML).toBe('')
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLDivElement>()
    render(<RunError ref={ref} error={{ message: 'x' }} data-testid="e" className="mine" />)
    expect(ref.current).toBe(screen.getByTestId('e'))
    expect(ref.current?.className).toBe('rl-error mine')
  })
})
