import type { Message, Run, RunStep, RunToolCall } from '@runlens/client'
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
