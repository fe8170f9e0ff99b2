import { render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { describe, expect, test } from 'vitest'
import { RunSteps } from '../../src/components/index.js'
import { makeStep } from './fixtures.js'

const steps = [
  makeStep({
    id: 'step_tools',
    type: 'tool_calls',
    status: 'completed',
    created_at: 100,
    completed_at: 142,
    step_details: {
      type: 'tool_calls',
      tool_calls: [
        {
          id: 'call_f',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Oslo"}', output: '{"t":3}' },
        },
        {
          id: 'call_c',
          type: 'code_interpreter',
          code_interpreter: {
            input: 'print(6 * 7)',
            outputs: [
              { type: 'logs', logs: '42' },
              { type: 'image', image: { file_id: 'file_png' } },
            ],
          },
        },
        {
          id: 'call_s',
          type: 'file_search',
          file_search: {
            results: [
              {
                file_id: 'file_1',
                file_name: 'handbook.pdf',
                score: 0.8123,
                content: [{ type: 'text', text: 'Leave policy' }],
              },
            ],
          },
        },
      ],
    },
  }),
  makeStep({ id: 'step_msg', status: 'in_progress', created_at: 142, completed_at: null }),
]

describe('RunSteps', () => {
  test('each step: type, status and duration, as an ordered list', () => {
    render(<RunSteps steps={steps} locale="en-US" />)
    const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('rl-step'))
    expect(items).toHaveLength(2)
    const first = items.find((li) => li.dataset.type === 'tool_calls') as HTMLElement
    expect(first.dataset.state).toBe('completed')
    expect(first.textContent).toContain('Tool calls')
    expect(first.textContent).toContain('Step status: Completed')
    const time = first.querySelector('.rl-step__duration time') as HTMLTimeElement
    expect(time.dateTime).toBe('PT42S')
    expect(time.textContent).toBe('42s')
    const second = items.find((li) => li.dataset.type === 'message_creation') as HTMLElement
    expect(second.textContent).toContain('running')
    expect(second.textContent).toContain('msg_1')
  })

  test('elapsed time of a running step with the injected clock', () => {
    const { container } = render(<RunSteps steps={[steps[1]!]} now={() => 142_000 + 75_000} locale="en-US" />)
    expect(container.querySelector('.rl-step__duration time')?.textContent).toBe('1m 15s')
  })

  test('tool call details: function, code interpreter, file search', () => {
    const { container } = render(<RunSteps steps={steps} locale="en-US" />)
    const fn = container.querySelector('[data-type="function"]') as HTMLElement
    expect(fn.textContent).toContain('get_weather')
    expect(fn.querySelectorAll('pre')[0]?.textContent).toBe('{\n  "city": "Oslo"\n}')
    expect(fn.querySelectorAll('pre')[1]?.textContent).toBe('{"t":3}')
    const ci = container.querySelector('[data-type="code_interpreter"]') as HTMLElement
    expect(ci.textContent).toContain('print(6 * 7)')
    expect(ci.textContent).toContain('42')
    expect(ci.textContent).toContain('Image file file_png')
    const fs = container.querySelector('[data-type="file_search"]') as HTMLElement
    expect(fs.textContent).toContain('handbook.pdf')
    expect(fs.textContent).toContain('0.812')
    expect(fs.textContent).toContain('Leave policy')
  })

  test('a function call without output yet, and a failed step with its error', () => {
    render(
      <RunSteps
        steps={[
          makeStep({
            status: 'failed',
            failed_at: 200,
            completed_at: null,
            type: 'tool_calls',
            last_error: { code: 'server_error', message: 'Tool crashed' },
            step_details: {
              type: 'tool_calls',
              tool_calls: [
                { id: 'c', type: 'function', function: { name: 'f', arguments: '{}', output: null } },
              ],
            },
          }),
        ]}
      />,
    )
    expect(screen.getByText('No output yet.')).toBeTruthy()
    expect(screen.getByText(/Tool crashed/)).toBeTruthy()
  })

  test('empty', () => {
    render(<RunSteps steps={[]} />)
    expect(screen.getByText('No steps yet.')).toBeTruthy()
  })

  test('forwards its ref and passes unknown props through', () => {
    const ref = createRef<HTMLDivElement>()
    render(<RunSteps ref={ref} steps={[]} data-testid="s" />)
    expect(ref.current).toBe(screen.getByTestId('s'))
    expect(ref.current?.className).toBe('rl-steps')
  })
})
