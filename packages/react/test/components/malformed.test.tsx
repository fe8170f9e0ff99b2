import type { Message, Run, RunStep, RunToolCall } from '@runlens/client'
import { render, screen, within } from '@testing-library/react'
import fc from 'fast-check'
import type { ReactElement } from 'react'
import { describe, expect, test } from 'vitest'
import { takeUnexpectedConsole } from '../../../../test/dom/consoleGuard.js'
import {
  MessageText,
  messagePlainText,
  RequiredAction,
  RunError,
  RunList,
  RunMonitorView,
  RunStatusBadge,
  RunSteps,
  RunUsage,
} from '../../src/components/index.js'
import { makeCall, makeOutputMessage, makeResponse, makeRun, makeStep } from './fixtures.js'

// A server (or a proxy, or a cache from an older version) may send objects that are not the
// wire's shape. Each component shows what it can read, says what it could not, and never throws:
// a throw while rendering unmounts the whole app when no error boundary is there.

/** Forces a value where the wire's types say it cannot be (what these tests are about). */
const as = <T,>(value: unknown) => value as T

const fixedNow = () => 1761861540_000

function unreadableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>('[data-unreadable]'))
}

describe('the shapes that used to throw', () => {
  test('a tool call without `function`: the form names it unreadable and cannot be sent', () => {
    const { container } = render(
      <RequiredAction toolCalls={as<RunToolCall[]>([{ id: 'call_1', type: 'function' }])} />,
    )
    expect(screen.getByText('call_1')).toBeTruthy()
    expect(unreadableIn(container).length).toBeGreaterThan(0)
    expect(screen.getAllByText('Not readable').length).toBe(2)
    // The output is labelled by the call's id, as its function has no name to read.
    expect(screen.getByRole('textbox', { name: 'Output of call_1' })).toBeTruthy()
  })

  test('a required tool call without an id: shown, and the form says the outputs cannot be sent', () => {
    render(
      <RequiredAction
        toolCalls={as<RunToolCall[]>([{ type: 'function', function: { name: 'f', arguments: '{}' } }])}
      />,
    )
    expect(screen.getByText('f')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Submit outputs' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText(/its output cannot be sent from here/)).toBeTruthy()
  })

  test('`arguments` as an object: shown as JSON, flagged as not a JSON string', () => {
    const { container } = render(
      <RequiredAction
        toolCalls={as<RunToolCall[]>([
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: { city: 'Oslo' } } },
        ])}
      />,
    )
    const code = container.querySelector('pre[data-valid-json]')
    expect(code?.getAttribute('data-valid-json')).toBe('false')
    expect(code?.textContent).toContain('"city": "Oslo"')
    expect(screen.getByText('Not valid JSON, shown as received.')).toBeTruthy()
  })

  test('`toolCalls` that is not a list', () => {
    render(<RequiredAction toolCalls={as<RunToolCall[]>(null)} />)
    expect(screen.getByText(/its output cannot be sent from here/)).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Submit outputs' }) as HTMLButtonElement).disabled).toBe(true)
  })

  test('an `expiresAt` that is no time, and `defaultOutputs` that are not strings', () => {
    render(
      <RequiredAction
        toolCalls={[makeCall('call_1', 'f', '{}')]}
        expiresAt={as<number>('soon')}
        defaultOutputs={as<Record<string, string>>({ call_1: 42 })}
      />,
    )
    expect(screen.queryByText(/Expires in/)).toBeNull()
    expect((screen.getByRole('textbox', { name: 'Output of f' }) as HTMLTextAreaElement).value).toBe('')
  })

  test('a step without `step_details`', () => {
    const { container } = render(
      <RunSteps steps={[makeStep({ step_details: as<RunStep['step_details']>(undefined) })]} />,
    )
    expect(screen.getByRole('listitem').textContent).toContain('Part of this step could not be read.')
    expect(unreadableIn(container)).toHaveLength(1)
  })

  test('a tool_calls step with `tool_calls: null`', () => {
    render(
      <RunSteps
        steps={[
          makeStep({
            type: 'tool_calls',
            step_details: as<RunStep['step_details']>({ type: 'tool_calls', tool_calls: null }),
          }),
        ]}
      />,
    )
    expect(screen.getByText('Part of this step could not be read.')).toBeTruthy()
    expect(screen.getByText('Tool calls')).toBeTruthy()
  })

  test('a function call without `function`, and one with `arguments` as an object', () => {
    const { container } = render(
      <RunSteps
        steps={[
          makeStep({
            type: 'tool_calls',
            step_details: as<RunStep['step_details']>({
              type: 'tool_calls',
              tool_calls: [
                { id: 'call_a', type: 'function' },
                {
                  id: 'call_b',
                  type: 'function',
                  function: { name: 'lookup', arguments: { id: 7 }, output: null },
                },
              ],
            }),
          }),
        ]}
      />,
    )
    expect(screen.getByText('lookup')).toBeTruthy()
    expect(container.querySelector('pre')?.textContent).toContain('"id": 7')
    expect(unreadableIn(container).length).toBeGreaterThan(0)
  })

  test('code interpreter `outputs: null`, a null output, logs that are not text', () => {
    const { container } = render(
      <RunSteps
        steps={[
          makeStep({
            type: 'tool_calls',
            step_details: as<RunStep['step_details']>({
              type: 'tool_calls',
              tool_calls: [
                {
                  id: 'c1',
                  type: 'code_interpreter',
                  code_interpreter: { input: 'print(1)', outputs: null },
                },
                {
                  id: 'c2',
                  type: 'code_interpreter',
                  code_interpreter: { input: 'x', outputs: [null, { type: 'logs', logs: 5 }] },
                },
                { id: 'c3', type: 'code_interpreter' },
              ],
            }),
          }),
        ]}
      />,
    )
    expect(screen.getByText('print(1)')).toBeTruthy()
    expect(screen.getByText('5')).toBeTruthy()
    expect(unreadableIn(container).length).toBeGreaterThanOrEqual(3)
  })

  test('file search results that are not a list, a result with nothing readable', () => {
    const { container } = render(
      <RunSteps
        steps={[
          makeStep({
            type: 'tool_calls',
            step_details: as<RunStep['step_details']>({
              type: 'tool_calls',
              tool_calls: [
                { id: 'f1', type: 'file_search', file_search: { results: 'many' } },
                {
                  id: 'f2',
                  type: 'file_search',
                  file_search: { results: [{ score: 'high', content: 'x' }] },
                },
                { id: 'f3', type: 'file_search', file_search: {} },
              ],
            }),
          }),
        ]}
      />,
    )
    expect(unreadableIn(container)).toHaveLength(2)
    expect(screen.getByText('No results.')).toBeTruthy()
  })

  test('a step with a status, a type and an error of the wrong types', () => {
    const { container } = render(
      <RunSteps
        steps={[
          makeStep({
            type: as<RunStep['type']>({ kind: 'x' }),
            status: as<RunStep['status']>(7),
            created_at: as<number>('yesterday'),
            last_error: as<RunStep['last_error']>({ code: ['x'], message: { text: 'y' } }),
          }),
        ]}
      />,
    )
    expect(screen.getByText('Unknown')).toBeTruthy()
    expect(screen.getByText(/^Error:/)).toBeTruthy()
    expect(unreadableIn(container).length).toBeGreaterThanOrEqual(2)
  })

  test('message `content: null`', () => {
    const message = as<Message>({ id: 'msg_1', role: 'assistant', status: 'completed', content: null })
    render(<MessageText message={message} />)
    expect(screen.getByText('[part of this message could not be read]')).toBeTruthy()
  })

  test('a text part without `text`, beside a readable one', () => {
    const message = as<Message>({
      id: 'msg_1',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'text' }, { type: 'text', text: { value: 'Still here.', annotations: [] } }, null],
    })
    render(<MessageText message={message} />)
    expect(screen.getByText('Still here.')).toBeTruthy()
    expect(screen.getAllByText('[part of this message could not be read]')).toHaveLength(2)
    expect(messagePlainText(message, { imageFile: String, imageUrl: String, refusal: 'Refusal' })).toBe(
      '[part of this message could not be read]\n\nStill here.\n\n[part of this message could not be read]',
    )
  })

  test('a role that is not a string, or names something on Object.prototype', () => {
    render(
      <>
        <MessageText showRole message={as<Message>({ id: 'a', role: { x: 1 }, content: [] })} />
        <MessageText showRole message={as<Message>({ id: 'b', role: 'constructor', content: [] })} />
      </>,
    )
    expect(screen.getByText('constructor')).toBeTruthy()
  })

  test('a RunList row `{}`', () => {
    render(<RunList runs={as<Run[]>([{}])} onSelect={() => {}} />)
    const row = screen.getAllByRole('row')[1]!
    expect(within(row).getAllByText('Unreadable').length).toBeGreaterThanOrEqual(2)
    expect(within(row).getByText('Unknown')).toBeTruthy()
    expect(within(row).queryByRole('button')).toBeNull()
  })

  test('a RunList row with `created_at` as a string, and one that is null', () => {
    render(<RunList runs={as<Run[]>([makeRun({ created_at: as<number>('2025-10-30') }), null])} />)
    const rows = screen.getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(within(rows[0]!).getByText('run_1')).toBeTruthy()
    expect(within(rows[0]!).getByText('Unreadable')).toBeTruthy()
    expect(within(rows[0]!).getByText('Completed')).toBeTruthy()
  })

  test('two rows with one id, and runs that are not a list', () => {
    render(<RunList runs={[makeRun(), makeRun()]} />)
    expect(screen.getAllByText('run_1')).toHaveLength(2)
    const { container } = render(<RunList runs={as<Run[]>({ data: [] })} />)
    expect(container.querySelector('.rl-runlist')?.getAttribute('data-state')).toBe('empty')
  })

  test('RunError: a last_error and a request error whose fields are not strings', () => {
    render(
      <RunError
        lastError={as<Run['last_error']>({ code: 5, message: { a: 1 } })}
        incompleteDetails={as<Run['incomplete_details']>({ reason: { why: 'x' } })}
        error={as<{ message: string }>({ message: null, status: 'bad', requestId: ['r'] })}
      />,
    )
    expect(screen.getAllByText('No message was given.')).toHaveLength(2)
    expect(screen.getByText('The run stopped early ({"why":"x"}).')).toBeTruthy()
    expect(screen.queryByText('HTTP status')).toBeNull()
  })

  test('RunUsage: counts that are not numbers, usage that is not an object', () => {
    const { container } = render(
      <RunUsage
        usage={as<Run['usage']>({ prompt_tokens: '12', completion_tokens: 3, total_tokens: null })}
        maxPromptTokens={as<number>('x')}
      />,
    )
    expect(screen.getAllByText('Not readable')).toHaveLength(2)
    expect(screen.getByText('3')).toBeTruthy()
    expect(container.querySelector('[role="meter"]')).toBeNull()
    render(<RunUsage usage={as<Run['usage']>(42)} />)
    expect(screen.getAllByText('Not readable')).toHaveLength(3)
  })

  test('RunStatusBadge: a status that is not a string', () => {
    render(<RunStatusBadge status={as<string>({ toString: 1 })} />)
    expect(screen.getByText('Unknown')).toBeTruthy()
  })

  test('RunMonitorView: a run of the wrong shape everywhere still shows its id and says the rest', () => {
    const run = as<Run>({
      id: 'run_odd',
      status: 'requires_action',
      required_action: {
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: [{ id: 'call_1' }] },
      },
      expires_at: 'later',
      last_error: 'boom',
      usage: { total_tokens: 'many' },
    })
    render(
      <RunMonitorView
        run={run}
        steps={as<RunStep[]>(null)}
        messages={as<Message[]>([{ content: null }, null])}
        connection={as<string>({ x: 1 })}
      />,
    )
    expect(screen.getByText('run_odd')).toBeTruthy()
    expect(screen.getByRole('form', { name: 'Action required' })).toBeTruthy()
    expect(screen.getByText('No message was given.')).toBeTruthy()
    expect(screen.getAllByText('[part of this message could not be read]')).toHaveLength(2)
    expect(screen.getAllByText('Not readable').length).toBeGreaterThan(0)
  })

  test('RunMonitorView: `tool_calls: null` on a run that requires action', () => {
    const run = makeRun({
      status: 'requires_action',
      required_action: as<Run['required_action']>({
        type: 'submit_tool_outputs',
        submit_tool_outputs: { tool_calls: null },
      }),
    })
    render(<RunMonitorView run={run} />)
    expect(screen.getByText('run_1')).toBeTruthy()
  })
})

// Arbitrary JSON, and objects that look like the wire's (its keys, values of any JSON type), so
// that the properties reach past the first field a component reads.
const json = fc.jsonValue({ maxDepth: 3 })
function shaped(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record = fc.record(Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, fc.oneof(v, json)])), {
    requiredKeys: [],
  })
  return fc.oneof({ weight: 1, arbitrary: json }, { weight: 4, arbitrary: record })
}
const listOf = (item: fc.Arbitrary<unknown>) => fc.oneof(fc.array(item, { maxLength: 3 }), json)
const status = fc.constantFrom(
  'queued',
  'in_progress',
  'requires_action',
  'completed',
  'failed',
  'expired',
  'x',
)
const time = fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), fc.double(), fc.string())

const toolCall = shaped({
  id: fc.string(),
  type: fc.constantFrom('function', 'code_interpreter', 'file_search', 'other'),
  function: shaped({ name: fc.string(), arguments: fc.oneof(fc.string(), json), output: json }),
  code_interpreter: shaped({
    input: fc.string(),
    outputs: listOf(shaped({ type: fc.constantFrom('logs', 'image'), logs: fc.string(), image: json })),
  }),
  file_search: shaped({
    results: listOf(shaped({ file_name: fc.string(), score: fc.double(), content: json })),
  }),
})
const step = shaped({
  id: fc.string(),
  type: fc.constantFrom('message_creation', 'tool_calls'),
  status,
  created_at: time,
  completed_at: time,
  step_details: shaped({
    type: fc.constantFrom('message_creation', 'tool_calls'),
    tool_calls: listOf(toolCall),
    message_creation: json,
  }),
  last_error: json,
})
const part = shaped({
  type: fc.constantFrom('text', 'refusal', 'image_file', 'image_url'),
  text: shaped({ value: fc.string() }),
  refusal: json,
  image_file: json,
  image_url: json,
})
const message = shaped({ id: fc.string(), role: fc.string(), status, content: listOf(part) })
const usage = shaped({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() })
const run = shaped({
  id: fc.string(),
  status,
  model: fc.string(),
  created_at: time,
  started_at: time,
  completed_at: time,
  expires_at: time,
  required_action: shaped({ submit_tool_outputs: shaped({ tool_calls: listOf(toolCall) }) }),
  last_error: shaped({ code: fc.string(), message: fc.string() }),
  incomplete_details: shaped({ reason: fc.string() }),
  usage,
  max_prompt_tokens: json,
})

/** Renders, checks nothing reached the console (React's warnings included), unmounts. */
function rendersQuietly(element: ReactElement) {
  const { unmount } = render(element)
  unmount()
  expect(takeUnexpectedConsole()).toEqual([])
}

// Renders are slow on a shared machine: each property gets time enough for its runs.
describe('no component throws on arbitrary JSON-shaped props', { timeout: 60_000 }, () => {
  const runs = { numRuns: 150 }

  test('RunStatusBadge', () => {
    fc.assert(
      fc.property(json, (s) => rendersQuietly(<RunStatusBadge status={as<string>(s)} />)),
      runs,
    )
  })

  test('RequiredAction', () => {
    fc.assert(
      fc.property(listOf(toolCall), time, json, (calls, expiresAt, outputs) =>
        rendersQuietly(
          <RequiredAction
            toolCalls={as<RunToolCall[]>(calls)}
            expiresAt={as<number>(expiresAt)}
            defaultOutputs={as<Record<string, string>>(outputs)}
            now={fixedNow}
          />,
        ),
      ),
      runs,
    )
  })

  test('RunUsage', () => {
    fc.assert(
      fc.property(usage, json, json, (u, maxPrompt, maxCompletion) =>
        rendersQuietly(
          <RunUsage
            usage={as<Run['usage']>(u)}
            maxPromptTokens={as<number>(maxPrompt)}
            maxCompletionTokens={as<number>(maxCompletion)}
          />,
        ),
      ),
      runs,
    )
  })

  test('RunError', () => {
    const error = shaped({
      message: fc.string(),
      status: fc.integer(),
      code: fc.string(),
      requestId: fc.string(),
    })
    fc.assert(
      fc.property(run, error, (r, e) => {
        const o = (r && typeof r === 'object' ? r : {}) as Record<string, unknown>
        rendersQuietly(
          <RunError
            lastError={as<Run['last_error']>(o.last_error)}
            incompleteDetails={as<Run['incomplete_details']>(o.incomplete_details)}
            error={as<{ message: string }>(e)}
          />,
        )
      }),
      runs,
    )
  })

  test('RunSteps', () => {
    fc.assert(
      fc.property(listOf(step), (steps) =>
        rendersQuietly(<RunSteps steps={as<RunStep[]>(steps)} now={fixedNow} />),
      ),
      runs,
    )
  })

  test('MessageText', () => {
    fc.assert(
      fc.property(message, fc.option(json), (m, text) =>
        rendersQuietly(
          <MessageText message={as<Message>(m)} text={as<string>(text ?? undefined)} showRole />,
        ),
      ),
      runs,
    )
  })

  test('RunList', () => {
    fc.assert(
      fc.property(listOf(run), json, (rows, selected) =>
        rendersQuietly(
          <RunList
            runs={as<Run[]>(rows)}
            selectedRunId={as<string>(selected)}
            onSelect={() => {}}
            now={fixedNow}
          />,
        ),
      ),
      runs,
    )
  })

  test('RunMonitorView', () => {
    fc.assert(
      fc.property(run, listOf(step), listOf(message), json, json, (r, steps, messages, connection, error) =>
        rendersQuietly(
          <RunMonitorView
            run={as<Run>(r)}
            steps={as<RunStep[]>(steps)}
            messages={as<Message[]>(messages)}
            connection={as<string>(connection)}
            error={as<{ message: string }>(error)}
            onCancel={() => {}}
            now={fixedNow}
          />,
        ),
      ),
      runs,
    )
  })
})

// The Responses API's objects, malformed the same ways.

describe("a response's shapes that must not throw", () => {
  test('RunMonitorView: a response whose output, error and usage are of the wrong shape', () => {
    const response = makeResponse({
      status: 'failed',
      output: as('not a list'),
      error: as({ code: 7, message: null }),
      usage: as({ input_tokens: 'many', input_tokens_details: { cached_tokens: 'some' }, output_tokens: 3 }),
      max_output_tokens: as('lots'),
    })
    const { container } = render(<RunMonitorView run={response} />)
    expect((container.firstElementChild as HTMLElement).dataset.state).toBe('failed')
    expect(screen.getByText('resp_1')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('No message was given.')
    const usagePanel = container.querySelector('.rl-usage') as HTMLElement
    // Input, cached input and the missing total unreadable; output read; no bar against a limit
    // that is no number.
    expect(within(usagePanel).getAllByText('Not readable')).toHaveLength(3)
    expect(within(usagePanel).getByText('3')).toBeTruthy()
    expect(screen.queryByRole('meter')).toBeNull()
  })

  test('RunMonitorView: a completed response whose function call cannot be read still shows the form', () => {
    const response = makeResponse({ output: as([null, 5, { type: 'function_call' }]) })
    const { container } = render(<RunMonitorView run={response} />)
    expect((container.firstElementChild as HTMLElement).dataset.state).toBe('requires_action')
    expect(screen.getByRole('form', { name: 'Action required' })).toBeTruthy()
    expect(
      screen.getByText('A tool call could not be read, so its output cannot be sent from here.'),
    ).toBeTruthy()
  })

  test('RunSteps: items whose fields are of the wrong types say what they could not read', () => {
    const { container } = render(
      <RunSteps
        steps={as([
          { type: 'reasoning', summary: null, content: 'text' },
          { type: 'function_call', call_id: 7, name: null },
          { type: 'function_call_output', output: null },
          { type: 'file_search_call', queries: 'leave', results: 'none' },
          { type: 'web_search_call', action: 5 },
          { type: 'code_interpreter_call', outputs: 'x' },
          { type: 'mcp_call' },
          { type: 'custom_tool_call', name: 3 },
          { type: 'message', id: null },
          null,
        ])}
      />,
    )
    const entries = [...container.querySelectorAll<HTMLElement>('li.rl-step')]
    expect(entries.map((li) => li.dataset.type ?? null)).toEqual([
      'reasoning',
      'function_call',
      'function_call_output',
      'file_search_call',
      'web_search_call',
      'code_interpreter_call',
      'mcp_call',
      'custom_tool_call',
      'message',
      null,
    ])
    // Every entry, each in its own place, says it could not read something.
    for (const li of entries) expect(unreadableIn(li).length).toBeGreaterThan(0)
    // The call without a readable name, and waiting for an output nobody can match to it.
    expect(entries[1]?.textContent).toContain('No output yet.')
  })

  test('RunSteps: items without ids, and two with one id, do not share a key', () => {
    const call = { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' }
    const { container } = render(
      <RunSteps
        steps={as([call, call, { type: 'reasoning', summary: [] }, { type: 'reasoning', summary: [] }])}
      />,
    )
    expect(container.querySelectorAll('li.rl-step')).toHaveLength(4)
    expect(takeUnexpectedConsole()).toEqual([])
  })

  test('MessageText: a response message whose parts cannot be read', () => {
    const message = makeOutputMessage('ok', {
      content: as([
        { type: 'output_text', text: { value: 'nested' } },
        { type: 'refusal' },
        { type: 'output_text', text: 'ok' },
      ]),
    })
    render(<MessageText message={message} />)
    expect(screen.getAllByText('[part of this message could not be read]')).toHaveLength(2)
    expect(screen.getByText('ok')).toBeTruthy()
  })
})

const itemType = fc.constantFrom(
  'message',
  'reasoning',
  'function_call',
  'function_call_output',
  'file_search_call',
  'web_search_call',
  'code_interpreter_call',
  'mcp_call',
  'custom_tool_call',
  'other',
)
const outputPart = shaped({
  type: fc.constantFrom('output_text', 'refusal', 'summary_text', 'reasoning_text'),
  text: fc.oneof(fc.string(), json),
  refusal: json,
})
const outputItem = shaped({
  type: itemType,
  id: fc.string(),
  call_id: fc.constantFrom('call_1', 'call_2'),
  status: fc.constantFrom('in_progress', 'completed', 'searching', 'incomplete', 'x'),
  name: fc.string(),
  arguments: fc.oneof(fc.string(), json),
  output: json,
  error: json,
  server_label: json,
  input: json,
  code: json,
  role: fc.string(),
  content: listOf(outputPart),
  summary: listOf(outputPart),
  queries: listOf(fc.string()),
  results: listOf(shaped({ filename: fc.string(), score: fc.double(), text: json })),
  action: shaped({ type: fc.string(), query: json, queries: json, url: json, pattern: json }),
  outputs: listOf(shaped({ type: fc.constantFrom('logs', 'image'), logs: json, url: json })),
})
const responseUsageShape = shaped({
  input_tokens: fc.nat(),
  output_tokens: fc.nat(),
  total_tokens: fc.nat(),
  input_tokens_details: shaped({ cached_tokens: fc.nat() }),
  output_tokens_details: shaped({ reasoning_tokens: fc.nat() }),
})
const responseShape = shaped({
  object: fc.constant('response'),
  id: fc.string(),
  status: fc.constantFrom('queued', 'in_progress', 'completed', 'failed', 'incomplete', 'cancelled', 'x'),
  output: listOf(outputItem),
  error: shaped({ code: fc.string(), message: fc.string() }),
  incomplete_details: shaped({ reason: fc.string() }),
  usage: responseUsageShape,
  max_output_tokens: json,
})

describe('no component throws on arbitrary Responses-shaped props', { timeout: 60_000 }, () => {
  const runs = { numRuns: 150 }

  test('RunSteps', () => {
    fc.assert(
      fc.property(listOf(outputItem), (items) => rendersQuietly(<RunSteps steps={as<RunStep[]>(items)} />)),
      runs,
    )
  })

  test('RunUsage', () => {
    fc.assert(
      fc.property(responseUsageShape, json, (u, max) =>
        rendersQuietly(<RunUsage usage={as<Run['usage']>(u)} maxCompletionTokens={as<number>(max)} />),
      ),
      runs,
    )
  })

  test('MessageText', () => {
    fc.assert(
      fc.property(outputItem, (m) => {
        rendersQuietly(<MessageText message={as<Message>(m)} />)
        expect(
          typeof messagePlainText(as<Message>(m), { imageFile: String, imageUrl: String, refusal: 'R' }),
        ).toBe('string')
      }),
      runs,
    )
  })

  test('RunMonitorView', () => {
    fc.assert(
      fc.property(responseShape, listOf(outputItem), json, (r, items, usage) =>
        rendersQuietly(
          <RunMonitorView
            run={as<Run>(r)}
            steps={as<RunStep[]>(items)}
            messages={as<Message[]>(items)}
            usage={as<Run['usage']>(usage)}
            onCancel={() => {}}
            onSubmitToolOutputs={() => {}}
          />,
        ),
      ),
      runs,
    )
  })
})
