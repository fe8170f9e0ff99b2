import type { Scenario, ScenarioContext } from '../scenario.js'

const weatherOutput = (context: ScenarioContext, name: string): string =>
  context.toolOutputs.find((output) => output.name === name)?.output ?? 'no data'

const SLOW_TEXT = Array.from(
  { length: 12 },
  (_, i) =>
    `Paragraph ${i + 1}. A long answer arrives one token at a time, so a run view can show text growing, ` +
    'keep the scroll position steady, and stay responsive while hundreds of deltas land.',
).join('\n\n')

/**
 * The scenarios every simulator serves, one assistant each (`asst_<name>`). They are written in
 * the same script format users register their own with.
 */
export const builtinScenarios: readonly Scenario[] = [
  {
    name: 'text',
    description: 'A plain text answer.',
    steps: [
      {
        type: 'message',
        text: "Hello! I'm a simulated assistant, so I don't have feelings, but I'm here and ready to help. How can I assist you today?",
      },
    ],
  },
  {
    name: 'function_call',
    description: 'Calls get_current_weather, waits for its output, then answers with it.',
    tools: [
      {
        type: 'function',
        function: {
          name: 'get_current_weather',
          description: "Gets the user's current weather",
          parameters: { type: 'object', properties: { location: { type: 'string' } } },
          strict: false,
        },
      },
    ],
    steps: [
      { type: 'tool_calls', calls: [{ name: 'get_current_weather', arguments: { location: 'Paris' } }] },
      {
        type: 'message',
        text: (context) => `The weather in Paris: ${weatherOutput(context, 'get_current_weather')}.`,
      },
    ],
  },
  {
    name: 'parallel_function_calls',
    description: 'Calls two functions in one step; both outputs must come in one submission.',
    steps: [
      {
        type: 'tool_calls',
        calls: [
          { name: 'get_current_weather', arguments: { location: 'Paris' } },
          { name: 'get_local_time', arguments: { timezone: 'Europe/Paris' } },
        ],
      },
      {
        type: 'message',
        text: (context) =>
          `In Paris the weather is ${weatherOutput(context, 'get_current_weather')} and the time is ${weatherOutput(context, 'get_local_time')}.`,
      },
    ],
  },
  {
    name: 'code_interpreter',
    description: 'Runs Python with the code interpreter, then explains the result.',
    steps: [
      { type: 'code_interpreter', input: 'import math\nprint(math.factorial(10))', logs: '3628800\n' },
      { type: 'message', text: '10! is 3,628,800.' },
    ],
  },
  {
    name: 'file_search',
    description: 'Searches files, then answers from what it found.',
    steps: [
      {
        type: 'file_search',
        results: [
          {
            file_id: 'file_runlens_handbook',
            file_name: 'handbook.md',
            score: 0.92,
            content:
              'Runs move from queued to in_progress, and end completed, failed, cancelled, incomplete or expired.',
          },
          {
            file_id: 'file_runlens_faq',
            file_name: 'faq.md',
            score: 0.61,
            content: 'A run waiting for tool outputs expires ten minutes after it was created.',
          },
        ],
      },
      {
        type: 'message',
        text: 'According to the handbook, a run ends completed, failed, cancelled, incomplete or expired.',
      },
    ],
  },
  {
    name: 'server_error',
    description: "Starts answering, then fails with last_error 'server_error'.",
    steps: [
      {
        type: 'fail',
        code: 'server_error',
        message: 'Sorry, something went wrong.',
        text: 'Let me think about',
      },
    ],
  },
  {
    name: 'stream_error',
    description: 'Breaks mid-stream: an `error` event and no `done`; the run is failed for pollers.',
    steps: [
      {
        type: 'fail',
        code: 'server_error',
        message: 'Sorry, something went wrong.',
        text: 'This answer will be cut short by',
        streamError: true,
      },
    ],
  },
  {
    name: 'rate_limit',
    description: "Fails with last_error 'rate_limit_exceeded' before any step.",
    steps: [
      {
        type: 'fail',
        code: 'rate_limit_exceeded',
        message:
          'Rate limit reached for gpt-4o in organization org-runlens on tokens per min (TPM): Limit 30000, Used 30000, Requested 120. Please try again in 240ms.',
      },
    ],
  },
  {
    name: 'incomplete_max_completion_tokens',
    description: 'Stops mid-answer: the completion token limit was reached.',
    steps: [
      {
        type: 'incomplete',
        reason: 'max_completion_tokens',
        text: 'Here is a very long answer that keeps going and going until the completion budget runs out, right about',
      },
    ],
  },
  {
    name: 'incomplete_max_prompt_tokens',
    description: 'Ends before answering: the prompt token limit was reached.',
    steps: [{ type: 'incomplete', reason: 'max_prompt_tokens' }],
  },
  {
    name: 'expired',
    description: 'Asks for a tool output and expires 60 seconds after creation if none comes.',
    expiresAfterSeconds: 60,
    steps: [
      { type: 'tool_calls', calls: [{ name: 'lookup_order', arguments: { order_id: 'A-1001' } }] },
      { type: 'message', text: 'Your order is on its way.' },
    ],
  },
  {
    name: 'slow_stream',
    description: 'A long answer of several hundred deltas, four times slower per token.',
    delayFactor: 4,
    steps: [{ type: 'message', text: SLOW_TEXT }],
  },
]
