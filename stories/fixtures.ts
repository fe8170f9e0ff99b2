import type {
  FunctionCallOutput,
  Message,
  Response,
  ResponseFunctionCall,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseReasoningItem,
  ResponseUsage,
  Run,
  RunStep,
  RunToolCall,
} from '@runlens/client'
import type { RequestErrorLike } from '@runlens/react'

// Realistic objects for the stories, shaped after the recorded streams in test/fixtures
// (text-run.sse and function-call-requires-action.sse). Times are fixed so that stories and
// screenshots are the same on every run.

/** The clock of the stories: 2025-10-30T22:00:00Z, 1 min 40 s after the tool-call run started. */
export const STORY_NOW_MS = 1761861632_000
export const storyNow = () => STORY_NOW_MS

const THREAD = 'thread_6oUGUBxLwhyApwhYBhWjHI5f'
const ASSISTANT = 'asst_BFMmpHsel3a7MuFuKKY9i5uG'

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_current_weather',
    description: "Gets the user's current weather",
    parameters: { type: 'object', properties: {} },
    strict: false,
  },
}

/** A run as the API sends it, with every field; pass only what differs. */
export function run(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run_oyfV44CrJXYJkvb2qsd80LvJ',
    object: 'thread.run',
    created_at: 1761861531,
    assistant_id: ASSISTANT,
    thread_id: THREAD,
    status: 'queued',
    started_at: null,
    expires_at: 1761862131,
    cancelled_at: null,
    failed_at: null,
    completed_at: null,
    required_action: null,
    last_error: null,
    model: 'gpt-4o',
    instructions: null,
    tools: [weatherTool],
    tool_resources: { code_interpreter: { file_ids: [] } },
    metadata: {},
    temperature: 1.0,
    top_p: 1.0,
    reasoning_effort: null,
    max_completion_tokens: null,
    max_prompt_tokens: null,
    truncation_strategy: { type: 'auto', last_messages: null },
    incomplete_details: null,
    usage: null,
    response_format: 'auto',
    tool_choice: 'auto',
    parallel_tool_calls: true,
    ...overrides,
  }
}

export const weatherCall: RunToolCall = {
  id: 'call_xyFYaEeyocjyE6jN64QTcxip',
  type: 'function',
  function: { name: 'get_current_weather', arguments: '{}' },
}

export const forecastCall: RunToolCall = {
  id: 'call_Q2m8dV4kLr7TnP0aXc5bWe1z',
  type: 'function',
  function: { name: 'get_forecast', arguments: '{"city":"Lisbon","days":3,"units":"metric"}' },
}

/** Arguments a model produced that are not JSON: shown raw. */
export const brokenCall: RunToolCall = {
  id: 'call_7hJk2LmN9pQ4rS6tUv8wXy0A',
  type: 'function',
  function: { name: 'lookup_order', arguments: '{"order_id": "A-1042", "include": [items' },
}

export const usage = { prompt_tokens: 38, completion_tokens: 35, total_tokens: 73 }

export const queuedRun = run({ id: 'run_Qe7mWc2sJd9LkP4xRtY1aZ0b' })
export const inProgressRun = run({
  id: 'run_Ip3nVb8xKc2MzQ6wEr5tY7uA',
  status: 'in_progress',
  started_at: 1761861532,
})
export const requiresActionRun = run({
  status: 'requires_action',
  started_at: 1761861532,
  required_action: { type: 'submit_tool_outputs', submit_tool_outputs: { tool_calls: [weatherCall] } },
})
export const completedRun = run({
  id: 'run_Uy45lNz2P7BpJcqWzQkXl1Bu',
  status: 'completed',
  created_at: 1761861742,
  started_at: 1761861744,
  completed_at: 1761861747,
  expires_at: null,
  tools: [],
  usage,
})
export const failedRun = run({
  id: 'run_Fa1lD9qWx3Ec5Rv7Tb2Yn4Um',
  status: 'failed',
  started_at: 1761861532,
  failed_at: 1761861540,
  expires_at: null,
  last_error: {
    code: 'rate_limit_exceeded',
    message: 'You exceeded your current quota, please check your plan and billing details.',
  },
})
export const incompleteRun = run({
  id: 'run_In8cPl2Ws4Ex6Rd1Tf3Yg5Uh',
  status: 'incomplete',
  started_at: 1761861532,
  completed_at: 1761861561,
  expires_at: null,
  max_completion_tokens: 256,
  incomplete_details: { reason: 'max_completion_tokens' },
  usage: { prompt_tokens: 812, completion_tokens: 256, total_tokens: 1068 },
})
export const cancellingRun = run({
  id: 'run_Cn5gLm7Xq1Wz3Ev9Rb2Tc4Yd',
  status: 'cancelling',
  started_at: 1761861532,
})
export const cancelledRun = run({
  id: 'run_Cd2lKj4Hg6Fd8Sa0Qw1Er3Ty',
  status: 'cancelled',
  started_at: 1761861532,
  cancelled_at: 1761861545,
  expires_at: null,
})
export const expiredRun = run({
  id: 'run_Ex9pRd1Qa3Ws5Ed7Rf0Tg2Yh',
  status: 'expired',
  started_at: 1761861532,
  expires_at: 1761862131,
})

/** The assistant's answer of text-run.sse. */
export const answerText =
  "Hello! I'm just a program, so I don't have feelings, but I'm here and ready to help you with whatever you need. How can I assist you today?"

export function message(text: string, overrides: Partial<Message> = {}): Message {
  return {
    id: 'msg_Tn5DNmiQEPZ80biW5AukKrvH',
    object: 'thread.message',
    created_at: 1761861745,
    assistant_id: 'asst_0VLdyfoSMFV4tQpzWUT2ywhg',
    thread_id: 'thread_Wq2ScOs1iInUsyhUUDmN5NZH',
    run_id: 'run_Uy45lNz2P7BpJcqWzQkXl1Bu',
    status: 'completed',
    incomplete_details: null,
    incomplete_at: null,
    completed_at: 1761861746,
    role: 'assistant',
    content: [{ type: 'text', text: { value: text, annotations: [] } }],
    attachments: [],
    metadata: {},
    ...overrides,
  }
}

export const answerMessage = message(answerText)
export const userMessage = message('Hello, how are you?', {
  id: 'msg_user_1',
  role: 'user',
  assistant_id: null,
  run_id: null,
  created_at: 1761861741,
})
export const streamingMessage = message("Hello! I'm just a program, so I don't have", {
  status: 'in_progress',
  completed_at: null,
})

function step(overrides: Partial<RunStep>): RunStep {
  return {
    id: 'step_msg',
    object: 'thread.run.step',
    created_at: 1761861745,
    assistant_id: ASSISTANT,
    thread_id: THREAD,
    run_id: 'run_oyfV44CrJXYJkvb2qsd80LvJ',
    type: 'message_creation',
    status: 'completed',
    step_details: {
      type: 'message_creation',
      message_creation: { message_id: 'msg_Tn5DNmiQEPZ80biW5AukKrvH' },
    },
    last_error: null,
    expired_at: null,
    cancelled_at: null,
    failed_at: null,
    completed_at: 1761861747,
    metadata: null,
    usage: null,
    ...overrides,
  }
}

export const functionStep = step({
  id: 'step_fn_8sKq2',
  type: 'tool_calls',
  created_at: 1761861533,
  completed_at: 1761861561,
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      {
        id: weatherCall.id,
        type: 'function',
        function: {
          name: 'get_current_weather',
          arguments: '{}',
          output: '{"temperature_c":21,"sky":"clear"}',
        },
      },
    ],
  },
})

export const codeStep = step({
  id: 'step_code_3Pw',
  type: 'tool_calls',
  created_at: 1761861562,
  completed_at: 1761861566,
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      {
        id: 'call_code_1',
        type: 'code_interpreter',
        code_interpreter: {
          input: 'import statistics\ntemps = [19, 21, 23]\nprint(statistics.mean(temps))',
          outputs: [
            { type: 'logs', logs: '21.0' },
            { type: 'image', image: { file_id: 'file-chart-7Hq' } },
          ],
        },
      },
    ],
  },
})

export const searchStep = step({
  id: 'step_search_9Zt',
  type: 'tool_calls',
  created_at: 1761861567,
  completed_at: 1761861568,
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      {
        id: 'call_search_1',
        type: 'file_search',
        file_search: {
          ranking_options: { ranker: 'default_2024_08_21', score_threshold: 0 },
          results: [
            {
              file_id: 'file-handbook',
              file_name: 'travel-handbook.pdf',
              score: 0.8731,
              content: [{ type: 'text', text: 'Lisbon averages 21 °C in late October.' }],
            },
            { file_id: 'file-faq', file_name: 'weather-faq.md', score: 0.5412 },
          ],
        },
      },
    ],
  },
})

export const messageStep = step({ id: 'step_msg_5Rb', created_at: 1761861569, completed_at: 1761861573 })
export const runningStep = step({
  id: 'step_msg_run',
  status: 'in_progress',
  created_at: 1761861600,
  completed_at: null,
})
export const failedStep = step({
  id: 'step_fail_1',
  type: 'tool_calls',
  status: 'failed',
  created_at: 1761861533,
  completed_at: null,
  failed_at: 1761861540,
  last_error: { code: 'server_error', message: 'The tool call timed out.' },
  step_details: {
    type: 'tool_calls',
    tool_calls: [
      {
        id: 'call_f1',
        type: 'function',
        function: { name: 'lookup_order', arguments: '{"order_id":"A-1042"}', output: null },
      },
    ],
  },
})

export const allSteps = [functionStep, codeStep, searchStep, messageStep]

/** A page of a thread's runs, newest first, in every status. */
export const runPage: Run[] = [
  run({ id: 'run_9a', status: 'in_progress', created_at: 1761861620, started_at: 1761861621 }),
  run({ ...requiresActionRun, id: 'run_8b', created_at: 1761861600 }),
  run({
    ...completedRun,
    id: 'run_7c',
    created_at: 1761861500,
    started_at: 1761861501,
    completed_at: 1761861509,
  }),
  run({ ...failedRun, id: 'run_6d', created_at: 1761861400, model: 'gpt-4o-mini' }),
  run({
    ...incompleteRun,
    id: 'run_5e',
    created_at: 1761861300,
    started_at: 1761861301,
    completed_at: 1761861398,
  }),
  run({
    ...cancelledRun,
    id: 'run_4f',
    created_at: 1761861200,
    started_at: 1761861201,
    cancelled_at: 1761861207,
  }),
  run({
    ...expiredRun,
    id: 'run_3g',
    created_at: 1761860000,
    started_at: 1761860001,
    expires_at: 1761860600,
  }),
]

/** The next page, for "Load more". */
export const runPage2: Run[] = [
  run({
    ...completedRun,
    id: 'run_2h',
    created_at: 1761850000,
    started_at: 1761850001,
    completed_at: 1761850012,
    usage: { prompt_tokens: 1210, completion_tokens: 402, total_tokens: 1612 },
  }),
  run({
    ...completedRun,
    id: 'run_1i',
    created_at: 1761840000,
    started_at: 1761840002,
    completed_at: 1761840100,
    model: 'gpt-4.1',
  }),
]

/** What the client's APIError carries: message, HTTP status, error code and the x-request-id. */
export const apiError: RequestErrorLike = {
  message:
    'Rate limit reached for gpt-4o in organization org-demo on requests per min (RPM): Limit 500, Used 500.',
  status: 429,
  code: 'rate_limit_exceeded',
  requestId: 'req_4f1c2a7b9e8d3c6a',
}

export const streamError: RequestErrorLike = {
  message: 'The stream ended before the run finished; polling for its state.',
}

// ---------------------------------------------------------------------------------------------
// The Responses API: a background response, shaped after responses-text-stream.sse, through each
// of its states, and the output items a response may hold.

/** A background response as the API sends it; pass only what differs. */
export function response(overrides: Partial<Response> = {}): Response {
  return {
    id: 'resp_0976c6df58902d6a0068c9ef349f8881968e62cd0dd40b45bf',
    object: 'response',
    created_at: 1761861531,
    status: 'queued',
    background: true,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: 'gpt-5-mini-2025-08-07',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: 'medium', summary: 'auto' },
    store: true,
    tool_choice: 'auto',
    tools: [
      {
        type: 'function',
        name: 'get_current_weather',
        description: "Gets the user's current weather",
        parameters: { type: 'object', properties: {} },
        strict: false,
      },
    ],
    usage: null,
    user: null,
    metadata: {},
    ...overrides,
  }
}

/** A response's `message` item with one text part. */
export function outputMessage(
  text: string,
  overrides: Partial<ResponseOutputMessage> = {},
): ResponseOutputMessage {
  return {
    id: 'msg_0976c6df58902d6a0068c9ef3537f48196a252a62ce5661cef',
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text, annotations: [] }],
    ...overrides,
  }
}

export const responseUsage: ResponseUsage = {
  input_tokens: 1184,
  input_tokens_details: { cached_tokens: 1024 },
  output_tokens: 196,
  output_tokens_details: { reasoning_tokens: 128 },
  total_tokens: 1380,
}

export const reasoningItem: ResponseReasoningItem = {
  id: 'rs_68c9ef3602a88196a1c4d3e2f1b0a987',
  type: 'reasoning',
  status: 'completed',
  summary: [
    {
      type: 'summary_text',
      text: "**Checking the weather**\n\nThe user asks how the weather is; I need their location's current conditions, so I'll call get_current_weather.",
    },
  ],
}
/** A summary still arriving (`response.reasoning_summary_text.delta`). */
export const streamingReasoningItem: ResponseReasoningItem = {
  ...reasoningItem,
  status: 'in_progress',
  summary: [
    { type: 'summary_text', text: '**Checking the weather**\n\nThe user asks how the weather is; I need' },
  ],
}

export const responseWeatherCall: ResponseFunctionCall = {
  id: 'fc_68c9ef36e1d881969a0b2c3d4e5f6a7b',
  type: 'function_call',
  call_id: 'call_xyFYaEeyocjyE6jN64QTcxip',
  name: 'get_current_weather',
  arguments: '{}',
  status: 'completed',
}
/** The follow-up response's input item that answers the call. */
export const responseWeatherOutput: FunctionCallOutput = {
  type: 'function_call_output',
  call_id: responseWeatherCall.call_id,
  output: '{"temperature_c":21,"conditions":"sunny"}',
}

export const responseAnswer = outputMessage(
  "It's sunny where you are, 21 °C: a good day to be outside. Take sunscreen if you're out at midday.",
)
export const responseStreamingAnswer = outputMessage("It's sunny where you are, 21 °C: a good", {
  status: 'in_progress',
})

/** The same answer further on, after a dropped stream resumed. */
export const responseResumedAnswer = outputMessage(
  "It's sunny where you are, 21 °C: a good day to be outside. Take sunscreen",
  { status: 'in_progress' },
)

export const queuedResponse = response({ id: 'resp_Qe7mWc2sJd9LkP4xRtY1aZ0bResp0000000000000001' })
export const streamingResponse = response({
  id: 'resp_Ip3nVb8xKc2MzQ6wEr5tY7uAResp0000000000000002',
  status: 'in_progress',
  output: [reasoningItem, responseStreamingAnswer],
})
export const reasoningResponse = response({
  id: 'resp_Rs6kTq9Wn2Lp5Xv8Zc1Bm4HjResp0000000000000003',
  status: 'in_progress',
  output: [streamingReasoningItem],
})
/** Completed with a function call: it waits for the call's output (the next response's input). */
export const waitingResponse = response({
  status: 'completed',
  output: [reasoningItem, responseWeatherCall],
  usage: {
    ...responseUsage,
    output_tokens: 84,
    output_tokens_details: { reasoning_tokens: 64 },
    total_tokens: 1268,
  },
})
export const completedResponse = response({
  id: 'resp_68c9ef3a1b2c8196b7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2',
  status: 'completed',
  previous_response_id: waitingResponse.id,
  output: [responseAnswer],
  usage: responseUsage,
})
export const incompleteResponse = response({
  id: 'resp_In8cPl2Ws4Ex6Rd1Tf3Yg5UhResp0000000000000004',
  status: 'incomplete',
  max_output_tokens: 196,
  incomplete_details: { reason: 'max_output_tokens' },
  output: [
    reasoningItem,
    outputMessage("It's sunny where you are, 21 °C: a good day", { status: 'incomplete' }),
  ],
  usage: responseUsage,
})
export const failedResponse = response({
  id: 'resp_Fa1lD9qWx3Ec5Rv7Tb2Yn4UmResp0000000000000005',
  status: 'failed',
  error: { code: 'server_error', message: 'The model failed to generate a response. Please try again.' },
  output: [reasoningItem],
})
export const cancelledResponse = response({
  id: 'resp_Cd2lKj4Hg6Fd8Sa0Qw1Er3TyResp0000000000000006',
  status: 'cancelled',
  output: [streamingReasoningItem],
})

/** One output item of each kind the timeline shows, with the output that answers the call. */
export const responseItems: (ResponseOutputItem | FunctionCallOutput)[] = [
  reasoningItem,
  responseWeatherCall,
  responseWeatherOutput,
  {
    id: 'fs_68c9ef37a0b1819690f1e2d3c4b5a697',
    type: 'file_search_call',
    status: 'completed',
    queries: ['packing list for a sunny day'],
    results: [
      {
        file_id: 'file-3Hq8sLr2Vx6Tb1Nm4Kp7Wc',
        filename: 'travel-checklist.md',
        score: 0.8731,
        text: 'Sunny days: sunscreen, a hat, water.',
      },
    ],
  },
  {
    id: 'ws_68c9ef3811c48196bd2e3f4a5b6c7d8e',
    type: 'web_search_call',
    status: 'completed',
    action: { type: 'search', query: 'UV index today Lisbon' },
  },
  {
    id: 'ci_68c9ef38f2a081969e8d7c6b5a4f3e2d',
    type: 'code_interpreter_call',
    status: 'completed',
    container_id: 'cntr_68c9ef38e1b08196',
    code: 'print(round(21 * 9 / 5 + 32))',
    outputs: [{ type: 'logs', logs: '70' }],
  },
  {
    id: 'mcp_68c9ef39d3b48196a7f6e5d4c3b2a190',
    type: 'mcp_call',
    server_label: 'calendar',
    name: 'events_today',
    arguments: '{"date":"2025-10-30"}',
    output: '[{"title":"Picnic","at":"13:00"}]',
    status: 'completed',
  },
  {
    id: 'ctc_68c9ef39e4c58196b8a7f6e5d4c3b2a1',
    type: 'custom_tool_call',
    call_id: 'call_Rk3mWq8Zt1Yp6Lx2Nv9Cb4Df',
    name: 'note',
    input: 'Picnic at 13:00: bring sunscreen.',
  },
  responseAnswer,
]
