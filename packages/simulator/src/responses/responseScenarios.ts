import type { ResponseScenario } from './responseRecord.js'

const LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) =>
    `Paragraph ${i + 1}. A long answer arrives one token at a time, so a response view can show text growing, ` +
    'keep the scroll position steady, and stay responsive while hundreds of deltas land.',
).join('\n\n')

/** What every other model name does. */
export const DEFAULT_RESPONSE_SCENARIO: ResponseScenario = {
  model: '*',
  description: 'Any other model: calls a function tool when given some, else answers in text.',
  steps: [{ type: 'answer' }],
}

/**
 * The Responses API's scripted behaviours, each picked by its model name and listed by
 * `GET /v1/models`. Any other model name behaves as DEFAULT_RESPONSE_SCENARIO.
 */
export const responseScenarios: readonly ResponseScenario[] = [
  {
    model: 'sim-reasoning',
    description: 'Reasons first (a reasoning item with two summary parts), then answers.',
    steps: [
      {
        type: 'reasoning',
        summary: [
          'The user wants an answer; nothing in the request needs a tool.',
          'A short, friendly reply will do.',
        ],
      },
      { type: 'answer' },
    ],
  },
  {
    model: 'sim-incomplete',
    description: 'A long answer cut by max_output_tokens (16 tokens when unset): status incomplete.',
    steps: [{ type: 'cut', text: LONG_TEXT }],
  },
  {
    model: 'sim-server-error',
    description: "Starts answering, then fails with error code 'server_error'.",
    steps: [
      {
        type: 'fail',
        code: 'server_error',
        message: 'The server had an error while processing your request. Sorry about that!',
        text: 'Let me think about',
      },
    ],
  },
  {
    model: 'sim-stream-error',
    description: 'Breaks mid-stream: an error event ends the stream; polling shows the response failed.',
    steps: [
      {
        type: 'fail',
        code: 'server_error',
        message: 'The server had an error while processing your request. Sorry about that!',
        text: 'This answer will be cut short by',
        streamError: true,
      },
    ],
  },
  {
    model: 'sim-slow',
    description: 'A long answer of several hundred deltas, four times slower per token.',
    delayFactor: 4,
    steps: [{ type: 'message', text: LONG_TEXT }],
  },
  {
    model: 'sim-parallel-calls',
    description: 'Calls every function tool in one turn (a single tool twice), then answers their outputs.',
    steps: [{ type: 'parallel_calls' }],
  },
]
