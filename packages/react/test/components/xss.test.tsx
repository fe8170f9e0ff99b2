import type { FunctionCallOutput, ResponseOutputItem, Run } from '@runlens/client'
import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import {
  MessageText,
  RequiredAction,
  RunError,
  RunList,
  RunMonitorView,
  RunStatusBadge,
  RunSteps,
  RunUsage,
} from '../../src/components/index.js'
import { makeCall, makeMessage, makeOutputMessage, makeResponse, makeRun, makeStep } from './fixtures.js'

// Every string a server (or a user) controls goes through every component; none may become markup.
const payloads = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
]

function injected(container: HTMLElement) {
  return container.querySelectorAll(
    'img, script, svg, iframe, a, object, embed, [onerror], [onload], [href], [src]',
  )
}

describe.each(payloads)('payload %s', (p) => {
  const call = makeCall(p, p, p)
  const run: Run = makeRun({
    id: p,
    status: 'requires_action',
    model: p,
    metadata: { [p]: p },
    last_error: { code: p, message: p },
    incomplete_details: { reason: p },
    required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [call] } },
  })
  const steps = [
    makeStep({
      id: p,
      type: 'tool_calls',
      status: p,
      last_error: { code: p, message: p },
      step_details: {
        type: 'tool_calls',
        tool_calls: [
          { id: p, type: 'function', function: { name: p, arguments: p, output: p } },
          {
            id: `${p}2`,
            type: 'code_interpreter',
            code_interpreter: {
              input: p,
              outputs: [
                { type: 'logs', logs: p },
                { type: 'image', image: { file_id: p } },
              ],
            },
          },
          {
            id: `${p}3`,
            type: 'file_search',
            file_search: {
              results: [{ file_id: p, file_name: p, score: 1, content: [{ type: 'text', text: p }] }],
            },
          },
        ],
      },
    }),
    makeStep({
      id: `${p}m`,
      step_details: { type: 'message_creation', message_creation: { message_id: p } },
    }),
  ]
  const message = makeMessage(p, {
    role: p,
    content: [
      { type: 'text', text: { value: p, annotations: [] } },
      { type: 'refusal', refusal: p },
      { type: 'image_url', image_url: { url: p } },
      { type: 'image_file', image_file: { file_id: p } },
    ],
  })
  const error = { message: p, code: p, requestId: p, status: 500 }
  // The Responses API's objects, every string field the payload.
  const outputMessage = makeOutputMessage(p, {
    id: p,
    content: [
      { type: 'output_text', text: p, annotations: [] },
      { type: 'refusal', refusal: p },
    ],
  })
  const items: (ResponseOutputItem | FunctionCallOutput)[] = [
    {
      type: 'reasoning',
      id: p,
      summary: [{ type: 'summary_text', text: p }],
      content: [{ type: 'reasoning_text', text: p }],
    },
    { type: 'function_call', id: p, call_id: p, name: p, arguments: p, status: p },
    { type: 'function_call_output', call_id: p, output: p },
    { type: 'function_call_output', call_id: `${p}x`, output: p },
    {
      type: 'file_search_call',
      id: p,
      status: p,
      queries: [p],
      results: [{ filename: p, text: p, score: 1 }],
    },
    { type: 'web_search_call', id: p, action: { type: 'find_in_page', url: p, pattern: p } },
    {
      type: 'code_interpreter_call',
      id: p,
      status: p,
      code: p,
      outputs: [
        { type: 'logs', logs: p },
        { type: 'image', url: p },
      ],
    },
    { type: 'mcp_call', id: p, name: p, server_label: p, arguments: p, error: p },
    { type: 'custom_tool_call', id: p, call_id: p, name: p, input: p },
    outputMessage,
    { type: p as 'compaction', id: p },
  ]
  const response = makeResponse({
    id: p,
    status: 'completed',
    error: { code: p, message: p },
    incomplete_details: { reason: p as 'content_filter' },
    output: items.filter((item): item is ResponseOutputItem => item.type !== 'function_call_output'),
  })

  const cases: Array<[string, React.ReactElement]> = [
    ['RunStatusBadge', <RunStatusBadge key="b" status={p} />],
    [
      'RequiredAction',
      <RequiredAction
        key="a"
        toolCalls={[call, makeCall('c2', p, `{"k":"${p.replaceAll('"', '\\"')}"}`)]}
        defaultOutputs={{ [p]: p }}
      />,
    ],
    [
      'RunUsage',
      <RunUsage
        key="u"
        usage={{ prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }}
        maxPromptTokens={2}
      />,
    ],
    [
      'RunError',
      <RunError
        key="e"
        lastError={run.last_error}
        incompleteDetails={run.incomplete_details}
        error={error}
      />,
    ],
    ['RunSteps', <RunSteps key="s" steps={steps} />],
    ['MessageText (message)', <MessageText key="m" message={message} showRole />],
    ['MessageText (text)', <MessageText key="t" text={p} />],
    ['RunList', <RunList key="l" runs={[run]} onSelect={() => {}} hasMore />],
    [
      'RunMonitorView',
      <RunMonitorView
        key="v"
        run={run}
        steps={steps}
        messages={[message]}
        error={error}
        connection={p}
        onCancel={() => {}}
      />,
    ],
    ['RunSteps (response items)', <RunSteps key="ri" steps={items} />],
    ['MessageText (response message)', <MessageText key="rm" message={outputMessage} />],
    [
      'RunMonitorView (response)',
      <RunMonitorView key="rv" run={response} steps={items} messages={[outputMessage]} onCancel={() => {}} />,
    ],
  ]

  test.each(cases)('%s renders it as text', (_name, element) => {
    const { container } = render(element)
    expect(injected(container)).toHaveLength(0)
    expect(container.innerHTML).not.toContain('<script')
    expect(container.innerHTML).not.toContain('<img')
    expect(container.innerHTML).not.toContain('<svg')
    if (_name !== 'RunUsage') expect(container.textContent).toContain(p)
  })
})
