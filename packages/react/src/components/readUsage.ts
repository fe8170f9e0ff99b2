import { readNumber, readObject } from './read.js'

/**
 * A usage of either protocol, read into one shape. A count is a number, `null` when it is there
 * but not a number (shown "not readable"), and, for the optional ones, `undefined` when the server
 * did not report it (no row at all).
 */
export interface UsageCounts {
  /** `responses` when the usage names its counts `input_tokens` / `output_tokens`. */
  protocol: 'runs' | 'responses'
  input: number | null
  output: number | null
  cached: number | null | undefined
  reasoning: number | null | undefined
  total: number | null
}

/** An optional count of a details object: `undefined` when neither object reports it. */
function detail(details: readonly unknown[], key: string): number | null | undefined {
  for (const value of details) {
    const d = readObject(value)
    if (d && d[key] !== undefined) return readNumber(d[key])
  }
  return undefined
}

/** The counts of `run.usage` or `response.usage`; `null` when the usage is not an object. */
export function readUsage(usage: unknown): UsageCounts | null {
  const u = readObject(usage)
  if (!u) return null
  // The Responses API renamed the counts; a usage with neither name is read as a run's (unreadable).
  const responses =
    u.prompt_tokens === undefined && (u.input_tokens !== undefined || u.output_tokens !== undefined)
  return {
    protocol: responses ? 'responses' : 'runs',
    input: readNumber(responses ? u.input_tokens : u.prompt_tokens),
    output: readNumber(responses ? u.output_tokens : u.completion_tokens),
    // The chat-style details, should a runs server send them (`prompt_tokens_details`, as chat
    // completions name it; `prompt_token_details` tolerated as well).
    cached: detail(
      [u.input_tokens_details, u.prompt_tokens_details, u.prompt_token_details],
      'cached_tokens',
    ),
    reasoning: detail([u.output_tokens_details, u.completion_tokens_details], 'reasoning_tokens'),
    total: readNumber(u.total_tokens),
  }
}
