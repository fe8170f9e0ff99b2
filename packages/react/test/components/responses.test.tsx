import type { FunctionCallOutput, KnownResponseStatus, ResponseOutputItem } from '@runlens/client'
import { render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { describe, expect, test, vi } from 'vitest'
import {
  defaultLabels,
  MessageText,
  messagePlainText,
  RunError,
  RunlensLabelsProvider,
  RunMonitorView,
  RunStatusBadge,
  RunSteps,
  RunUsage,
} from '../../src/components/index.js'
import { makeFunctionCall, makeOutputMessage, makeResponse } from './fixtures.js'

// The same components given the Responses API's objects: a response, its usage, its error, its
// output items and the function_call_output items that answer its calls.

const responseUsage = {
  input_tokens: 1200,
  input_tokens_details: { cached_tokens: 800 },
  output_tokens: 350,
  output_tokens_details: { reasoning_tokens: 128 },
  total_tokens: 1550,
}

function terms(container: HTMLElement) {
  return [...container.querySelectorAll('.rl-usage dt')].map((d) => d.textContent)
}

function stepEntries(container: HTMLElement) {
  return [...container.querySelectorAll<HTMLElement>('li.rl-step')]
}

describe('RunStatusBadge with a response status', () => {
  // Keyed by the client's type: a status added to responses does not compile until it is here.
  const expected: Record<KnownResponseStatus, [text: string, phase: string, outcome: string]> = {
    queued: ['Queued', 'active', 'none'],
    in_progress: ['In progress', 'active', 'none'],
    completed: ['Completed', 'finished', 'success'],
    failed: ['Failed', 'finished', 'failure'],
    incomplete: ['Incomplete', 'finished', 'neutral'],
    cancelled: ['Cancelled', 'finished', 'neutral'],
  }
  test.each(Object.entries(expected))('%s', (status, [text, phase, outcome]) => {
    const { container } = render(<RunStatusBadge status={status} />)
    const badge = container.firstElementChild as HTMLElement
    expect(badge.dataset.state).toBe(status)
    expect(badge.dataset.phase).toBe(phase)
    expect(badge.dataset.outcome).toBe(outcome)
    expect(badge.querySelector('.rl-badge__label')?.textContent).toBe(text)
  })
})

describe('RunUsage with a response usage', () => {
  test('input, cached input, output, reasoning and total, in the Responses words', () => {
    const { container } = render(<RunUsage usage={responseUsage} locale="en-US" />)
    expect(terms(container)).toEqual(['Input', 'Cached input', 'Output', 'Reasoning', 'Total'])
    const values = [...container.querySelectorAll('dd')].map((d) => d.textContent)
    expect(values).toEqual(['1,200', '800', '350', '128', '1,550'])
    const kinds = [...container.querySelectorAll<HTMLElement>('.rl-usage__item')].map((i) => i.dataset.kind)
    expect(kinds).toEqual(['input', 'cached', 'output', 'reasoning', 'total'])
  })

  test("the output bar against a response's max_output_tokens", () => {
    render(<RunUsage usage={responseUsage} maxCompletionTokens={400} locale="en-US" />)
    const meter = screen.getByRole('meter')
    expect(meter.getAttribute('aria-label')).toBe('Output tokens used of the limit')
    expect(meter.getAttribute('aria-valuetext')).toBe('350 of 400 tokens')
    expect(meter.dataset.level).toBe('high')
  })

  test('cached and reasoning rows only when reported; a run reports them in its details too', () => {
    const bare = { input_tokens: 5, output_tokens: 6, total_tokens: 11 }
    const { container, rerender } = render(<RunUsage usage={bare as never} />)
    expect(terms(container)).toEqual(['Input', 'Output', 'Total'])
    rerender(
      <RunUsage
        usage={{
          prompt_tokens: 10,
          completion_tokens: 4,
          total_tokens: 14,
          prompt_tokens_details: { cached_tokens: 6 },
          completion_tokens_details: { reasoning_tokens: 2 },
        }}
      />,
    )
    expect(terms(container)).toEqual(['Prompt', 'Cached input', 'Completion', 'Reasoning', 'Total'])
    expect([...container.querySelectorAll('dd')].map((d) => d.textContent)).toEqual([
      '10',
      '6',
      '4',
      '2',
      '14',
    ])
  })
})

test('the Responses words are labels like any other: a provider or a prop replaces them', () => {
  const { container } = render(
    <RunlensLabelsProvider
      labels={{ usage: { input: 'Entrée' }, steps: { types: { reasoning: 'Raisonnement' } } }}
    >
      <RunUsage usage={responseUsage} labels={{ output: 'Sortie' }} />
      <RunSteps steps={[{ type: 'reasoning', id: 'rs_1', summary: [] }]} />
    </RunlensLabelsProvider>,
  )
  expect(terms(container)).toEqual(['Entrée', 'Cached input', 'Sortie', 'Reasoning', 'Total'])
  expect(container.querySelector('.rl-step__type')?.textContent).toBe('Raisonnement')
})

describe('RunError with a response', () => {
  test("a response's error: code and message, where a run's last_error goes", () => {
    render(<RunError lastError={{ code: 'server_error', message: 'The model crashed.' }} />)
    const alert = screen.getByRole('alert')
    expect(alert.dataset.state).toBe('run')
    expect(alert.textContent).toContain('The model crashed.')
    expect(screen.getByText('server_error').tagName).toBe('CODE')
  })

  test("the Responses API's incomplete reasons in plain language", () => {
    const { rerender } = render(<RunError incompleteDetails={{ reason: 'max_output_tokens' }} />)
    const message = () => screen.getByRole('alert').querySelector('.rl-error__message') as HTMLElement
    expect(message().textContent).toBe(
      'The answer reached the output token limit (max_output_tokens) before it was finished.',
    )
    expect(message().dataset.reason).toBe('max_output_tokens')
    rerender(<RunError incompleteDetails={{ reason: 'content_filter' }} />)
    expect(message().textContent).toBe('The answer was stopped by the content filter.')
  })
})

describe('MessageText with a response message', () => {
  test('output_text and refusal parts, in order', () => {
    const message = makeOutputMessage('First part.', {
      content: [
        { type: 'output_text', text: 'First part.', annotations: [] },
        { type: 'refusal', refusal: 'I cannot help with that.' },
        { type: 'output_text', text: 'Line one\nline two', annotations: [] },
      ],
    })
    const { container } = render(<MessageText message={message} />)
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('complete')
    expect(root.dataset.role).toBe('assistant')
    const paragraphs = [...container.querySelectorAll('.rl-message__paragraph')].map((p) => p.textContent)
    expect(paragraphs).toEqual(['First part.', 'Refusal: I cannot help with that.', 'Line oneline two'])
    expect(messagePlainText(message, defaultLabels.message)).toBe(
      'First part.\n\nRefusal: I cannot help with that.\n\nLine one\nline two',
    )
  })

  test('an item still in progress streams', () => {
    const { container } = render(
      <MessageText message={makeOutputMessage('Hel', { status: 'in_progress' })} />,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('streaming')
    expect(root.getAttribute('aria-busy')).toBe('true')
    expect(root.textContent).toContain('Hel')
  })
})

describe('RunSteps with output items', () => {
  const items: (ResponseOutputItem | FunctionCallOutput)[] = [
    {
      type: 'reasoning',
      id: 'rs_1',
      summary: [
        { type: 'summary_text', text: 'Looking up the weather.' },
        { type: 'summary_text', text: 'Then the forecast.' },
      ],
    },
    makeFunctionCall('call_w', 'get_weather', '{"city":"Oslo"}'),
    { type: 'function_call_output', call_id: 'call_w', output: '{"t":3}' },
    { type: 'function_call_output', call_id: 'call_elsewhere', output: 'from an earlier response' },
    {
      type: 'file_search_call',
      id: 'fs_1',
      status: 'completed',
      queries: ['leave policy'],
      results: [{ file_id: 'file_1', filename: 'handbook.pdf', score: 0.8123, text: 'Leave is 25 days.' }],
    },
    {
      type: 'web_search_call',
      id: 'ws_1',
      status: 'searching',
      action: { type: 'search', query: 'oslo weather' },
    },
    {
      type: 'web_search_call',
      id: 'ws_2',
      status: 'completed',
      action: { type: 'open_page', url: 'https://example.com/' },
    },
    {
      type: 'code_interpreter_call',
      id: 'ci_1',
      status: 'completed',
      code: 'print(6 * 7)',
      outputs: [
        { type: 'logs', logs: '42' },
        { type: 'image', url: 'https://files.example/plot.png' },
      ],
    },
    {
      type: 'mcp_call',
      id: 'mcp_1',
      name: 'roll',
      server_label: 'dice',
      arguments: '{"sides":6}',
      output: '4',
      status: 'completed',
    },
    {
      type: 'mcp_call',
      id: 'mcp_2',
      name: 'roll',
      server_label: 'dice',
      arguments: '{}',
      error: 'server down',
    },
    { type: 'custom_tool_call', id: 'ct_1', call_id: 'call_ct', name: 'grep', input: 'TODO src/' },
    makeOutputMessage('The answer.', { id: 'msg_r7' }),
    { type: 'image_generation_call', id: 'ig_1', status: 'generating' },
  ]

  function entry(container: HTMLElement, type: string, n = 0) {
    return stepEntries(container).filter((li) => li.dataset.type === type)[n] as HTMLElement
  }

  test('every item in the timeline; an output answering a listed call is not an entry of its own', () => {
    const { container } = render(<RunSteps steps={items} locale="en-US" />)
    expect(stepEntries(container).map((li) => li.dataset.type)).toEqual([
      'reasoning',
      'function_call',
      'function_call_output',
      'file_search_call',
      'web_search_call',
      'web_search_call',
      'code_interpreter_call',
      'mcp_call',
      'mcp_call',
      'custom_tool_call',
      'message',
      'image_generation_call',
    ])
    expect(entry(container, 'reasoning').querySelector('.rl-step__type')?.textContent).toBe('Reasoning')
    // Items carry no times: no duration is made up.
    expect(container.querySelector('.rl-step__duration')).toBeNull()
  })

  test('reasoning: the summary parts', () => {
    const { container } = render(<RunSteps steps={items} />)
    const texts = [...entry(container, 'reasoning').querySelectorAll('.rl-tool__text')].map(
      (p) => p.textContent,
    )
    expect(texts).toEqual(['Looking up the weather.', 'Then the forecast.'])
  })

  test('reasoning text when the model gives it, and a note when there is no summary', () => {
    const { container } = render(
      <RunSteps
        steps={[
          {
            type: 'reasoning',
            id: 'rs_2',
            summary: [],
            content: [{ type: 'reasoning_text', text: 'Step by step.' }],
          },
        ]}
      />,
    )
    expect(container.textContent).toContain('No summary given.')
    expect(container.textContent).toContain('Step by step.')
  })

  test('a function call with the output of its function_call_output, in the function panel', () => {
    const { container } = render(<RunSteps steps={items} />)
    const call = entry(container, 'function_call')
    const panel = call.querySelector('[data-type="function"]') as HTMLElement
    expect(panel.querySelector('.rl-tool__name')?.textContent).toBe('get_weather')
    const pre = panel.querySelectorAll('pre')
    expect(pre[0]?.textContent).toBe('{\n  "city": "Oslo"\n}')
    expect(pre[1]?.textContent).toBe('{"t":3}')
    expect(call.querySelector('.rl-badge')?.textContent).toBe('Step status: Completed')
    // The output of a call not in the list, on its own: the call it answers and the output.
    const lone = entry(container, 'function_call_output')
    expect(lone.textContent).toContain('call_elsewhere')
    expect(lone.querySelector('pre')?.textContent).toBe('from an earlier response')
  })

  test('a function call still waiting for its output', () => {
    render(<RunSteps steps={[makeFunctionCall('call_1', 'f', '{}')]} />)
    expect(screen.getByText('No output yet.')).toBeTruthy()
  })

  test('file search: queries and results', () => {
    const { container } = render(<RunSteps steps={items} locale="en-US" />)
    const fs = entry(container, 'file_search_call')
    expect(fs.querySelector('.rl-tool__queries')?.textContent).toBe('leave policy')
    expect(fs.querySelector('.rl-result__name')?.textContent).toBe('handbook.pdf')
    expect(fs.textContent).toContain('0.812')
    expect(fs.textContent).toContain('Leave is 25 days.')
  })

  test('web search: the query or the page, a tool status as the badge knows it', () => {
    const { container } = render(<RunSteps steps={items} />)
    const searching = entry(container, 'web_search_call', 0)
    expect(searching.dataset.state).toBe('searching')
    expect(searching.querySelector('.rl-badge')?.textContent).toBe('Step status: In progress')
    expect(searching.textContent).toContain('oslo weather')
    expect(entry(container, 'web_search_call', 1).querySelector('code')?.textContent).toBe(
      'https://example.com/',
    )
  })

  test('code interpreter: code, logs and image URLs as text (never fetched)', () => {
    const { container } = render(<RunSteps steps={items} />)
    const ci = entry(container, 'code_interpreter_call')
    expect(ci.textContent).toContain('print(6 * 7)')
    expect(ci.textContent).toContain('42')
    expect(ci.textContent).toContain('Image https://files.example/plot.png')
    expect(ci.querySelector('img')).toBeNull()
  })

  test('MCP calls: server, name, arguments, output or error; a custom tool call: name and input', () => {
    const { container } = render(<RunSteps steps={items} />)
    const ok = entry(container, 'mcp_call', 0)
    expect(ok.querySelector('.rl-tool__name')?.textContent).toBe('roll')
    expect(ok.textContent).toContain('dice')
    expect([...ok.querySelectorAll('pre')].map((p) => p.textContent)).toEqual(['{\n  "sides": 6\n}', '4'])
    const failed = entry(container, 'mcp_call', 1)
    expect(failed.textContent).toContain('Error')
    expect(failed.textContent).toContain('server down')
    const custom = entry(container, 'custom_tool_call')
    expect(custom.querySelector('.rl-tool__name')?.textContent).toBe('grep')
    expect(custom.querySelector('pre')?.textContent).toBe('TODO src/')
  })

  test('a message item names its message, as a message_creation step; an unknown type is named', () => {
    const { container } = render(<RunSteps steps={items} />)
    expect(entry(container, 'message').textContent).toContain('Message msg_r7')
    const unknown = entry(container, 'image_generation_call')
    expect(unknown.querySelector('.rl-step__type')?.textContent).toBe('image_generation_call')
  })

  test('run steps and output items in one list', () => {
    const { container } = render(
      <RunSteps
        steps={[
          {
            id: 'step_1',
            object: 'thread.run.step',
            created_at: 100,
            assistant_id: 'asst_1',
            thread_id: 'thread_1',
            run_id: 'run_1',
            type: 'message_creation',
            status: 'completed',
            step_details: { type: 'message_creation', message_creation: { message_id: 'msg_1' } },
            last_error: null,
            expired_at: null,
            cancelled_at: null,
            failed_at: null,
            completed_at: 110,
            metadata: null,
            usage: null,
          },
          makeOutputMessage('x'),
        ]}
      />,
    )
    expect(stepEntries(container).map((li) => li.dataset.type)).toEqual(['message_creation', 'message'])
  })
})

describe('RunMonitorView with a response', () => {
  const weather = makeFunctionCall('call_w', 'get_weather', '{"city":"Oslo"}')

  test('a completed response: status, answer, output items and usage', () => {
    const answer = makeOutputMessage('It is 3 °C in Oslo.')
    const response = makeResponse({ output: [answer], usage: responseUsage })
    const { container } = render(
      <RunMonitorView run={response} steps={response.output} messages={[answer]} />,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('completed')
    expect(screen.getByRole('region', { name: 'Run resp_1' })).toBe(root)
    expect(root.querySelector('.rl-monitor__header .rl-badge')?.textContent).toBe('Run status: Completed')
    const answerPart = screen.getByRole('heading', { name: 'Answer' }).parentElement as HTMLElement
    expect(answerPart.textContent).toContain('It is 3 °C in Oslo.')
    expect(stepEntries(root).map((li) => li.dataset.type)).toEqual(['message'])
    expect(terms(root)).toEqual(['Input', 'Cached input', 'Output', 'Reasoning', 'Total'])
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull()
  })

  test('completed with function calls: shown as requires_action, and the form answers them by call_id', async () => {
    const user = userEvent.setup()
    const onSubmitToolOutputs = vi.fn()
    const response = makeResponse({ output: [weather] })
    const { container } = render(
      <RunMonitorView run={response} steps={response.output} onSubmitToolOutputs={onSubmitToolOutputs} />,
    )
    const root = container.firstElementChild as HTMLElement
    expect(root.dataset.state).toBe('requires_action')
    expect(root.querySelector('.rl-monitor__header .rl-badge')?.textContent).toBe(
      'Run status: Action required',
    )
    await user.type(screen.getByLabelText('Output of get_weather'), 'sunny')
    await user.click(screen.getByRole('button', { name: 'Submit outputs' }))
    expect(onSubmitToolOutputs).toHaveBeenCalledWith([{ tool_call_id: 'call_w', output: 'sunny' }])
  })

  test('in progress: cancel, streamed text; the status change is announced', async () => {
    const user = userEvent.setup()
    const onCancel = vi.fn()
    const active = makeResponse({ status: 'in_progress', usage: null })
    const { container, rerender } = render(
      <RunMonitorView run={active} text="It is 3" streaming connection="streaming" onCancel={onCancel} />,
    )
    expect(container.querySelector('.rl-usage')).toBeNull()
    expect(screen.getByText('It is 3')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Cancel run' }))
    expect(onCancel).toHaveBeenCalledTimes(1)
    rerender(<RunMonitorView run={{ ...active, status: 'cancelled' }} onCancel={onCancel} />)
    expect(screen.queryByRole('button', { name: /Cancel/ })).toBeNull()
    const announcer = container.querySelector('.rl-monitor__announcer') as HTMLElement
    expect(announcer.textContent).toBe('Run status: Cancelled')
  })

  test("a failed response's error, where a run's last_error goes", () => {
    render(
      <RunMonitorView
        run={makeResponse({
          status: 'failed',
          error: { code: 'server_error', message: 'Boom' },
          usage: null,
        })}
      />,
    )
    const alert = screen.getByRole('alert')
    expect(alert.dataset.state).toBe('run')
    expect(alert.textContent).toContain('Boom')
    expect(within(alert).getByText('server_error')).toBeTruthy()
  })

  test('incomplete at max_output_tokens: the reason, and the output bar against the limit', () => {
    render(
      <RunMonitorView
        run={makeResponse({
          status: 'incomplete',
          incomplete_details: { reason: 'max_output_tokens' },
          max_output_tokens: 350,
          usage: responseUsage,
        })}
      />,
    )
    expect(screen.getByRole('alert').textContent).toContain('output token limit')
    const meter = screen.getByRole('meter')
    expect(meter.getAttribute('aria-label')).toBe('Output tokens used of the limit')
    expect(meter.getAttribute('aria-valuetext')).toBe('350 of 350 tokens')
  })

  test("`usage` replaces the response's own (a chain's sum), also before the response reports one", () => {
    const chain = { ...responseUsage, input_tokens: 5000, total_tokens: 5350 }
    const { container, rerender } = render(
      <RunMonitorView run={makeResponse()} usage={chain} locale="en-US" />,
    )
    expect(container.querySelector('.rl-usage dd')?.textContent).toBe('5,000')
    rerender(<RunMonitorView run={makeResponse({ status: 'in_progress', usage: null })} usage={chain} />)
    expect(container.querySelector('.rl-usage')).not.toBeNull()
    // `null` says there is none to show, whatever the response says.
    rerender(<RunMonitorView run={makeResponse()} usage={null} />)
    expect(container.querySelector('.rl-usage')).toBeNull()
  })
})
