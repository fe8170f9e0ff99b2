import type { ResponseTextDeltaEvent } from '../responseTypes.js'

/**
 * The hottest event of a response's stream, a text delta, byte for byte as the API (and the
 * recording) writes it, its strings free of escapes, with or without `obfuscation`. Anything
 * else, down to a reordered key, an escape, a logprob or an extra field, does not match and goes
 * to JSON.parse.
 */
const textDelta =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a raw control character is not JSON: no match.
  /^\{"type":"response\.output_text\.delta","sequence_number":(0|[1-9]\d{0,15}),"item_id":"([^"\\\u0000-\u001f]*)","output_index":(0|[1-9]\d{0,15}),"content_index":(0|[1-9]\d{0,15}),"delta":"([^"\\\u0000-\u001f]*)","logprobs":\[\](?:,"obfuscation":"([^"\\\u0000-\u001f]*)")?\}$/

/**
 * `JSON.parse(data)` for a `response.output_text.delta`, by one compiled regular expression
 * instead of the general parser (the Responses benchmark measures the difference); undefined for
 * anything else. Property tests hold it to JSON.parse on generated and mutated input.
 */
export function parseTextDelta(data: string): ResponseTextDeltaEvent | undefined {
  const m = textDelta.exec(data)
  if (!m) return undefined
  const event: ResponseTextDeltaEvent = {
    type: 'response.output_text.delta',
    sequence_number: +m[1]!,
    item_id: m[2]!,
    output_index: +m[3]!,
    content_index: +m[4]!,
    delta: m[5]!,
    logprobs: [],
  }
  if (m[6] !== undefined) event.obfuscation = m[6]
  return event
}
