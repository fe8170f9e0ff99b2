import { StreamError } from '../errors.js'

/** One server-sent event: its `event:` name (empty when absent) and its `data:` lines joined by LF. */
export interface SSEFrame {
  event: string
  data: string
}

/**
 * Gives the frames completed by `bytes`; called without bytes at the end of the body, the
 * frames left, including a last one with no blank line after it.
 */
export type SSEDecoder = (bytes?: Uint8Array) => SSEFrame[]

/**
 * The default cap on one event: its open line, or its data so far, in characters of the decoded
 * text (UTF-16 code units; one per byte for the ASCII JSON of the API's events). 16 Mi: far above
 * any real event (a long message arrives as many small deltas), low enough to stop a server that
 * never ends a line before it fills the memory.
 */
export const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024

/**
 * The first stages of the stream, bytes -> text -> lines -> frames (the next one, frames ->
 * typed events, is `toStreamEvent` for runs and `toResponseEvent` for responses). The three stages share one loop over each chunk: every
 * event of a stream passes here, and a line is handled where it is found, with no call or
 * array between the stages (the SSE benchmark measures this path). They read in order:
 *
 * 1. bytes -> text: `TextDecoder` in streaming mode; a character split between chunks waits for
 *    its other bytes, invalid bytes become U+FFFD rather than errors.
 * 2. text -> lines at LF, CR or CRLF: a chunk with a CR has its line ends rewritten to LF first
 *    (most streams have none), and a CRLF split between two chunks is one line end. A line may
 *    span chunks.
 * 3. lines -> frames, as the HTML spec's event-stream interpretation: a blank line dispatches,
 *    `:` starts a comment, one space after the colon is dropped, several `data:` lines join with
 *    LF, a frame without data is not dispatched. `id` and `retry` only matter to an EventSource
 *    that reconnects by itself, which a POST stream never does: ignored.
 *
 * One open line, or one event's data, longer than `maxEventSize` characters throws
 * `StreamError('event_too_large')` instead of growing without bound.
 */
export function createSSEDecoder(maxEventSize = DEFAULT_MAX_EVENT_SIZE): SSEDecoder {
  const utf8 = new TextDecoder()
  // The line the previous chunk left open; whether that chunk ended with a CR.
  let rest = ''
  let afterCR = false
  // The frame under construction.
  let event = ''
  let data: string | undefined

  return (bytes) => {
    const frames: SSEFrame[] = []
    // At the end, two line breaks close the open line and the open frame.
    let text = bytes ? utf8.decode(bytes, { stream: true }) : `${utf8.decode()}\n\n`
    // The LF of a CRLF whose CR ended the previous chunk (and its line) is no line end of its own.
    // Both are read from the chunk as it came: a chunk that is only that LF ends with no CR.
    const skipLF = afterCR && text.startsWith('\n')
    if (text) afterCR = text.endsWith('\r')
    if (skipLF) text = text.slice(1)
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
    let start = 0
    // indexOf runs in native code; each line is one slice of the chunk, joined once to the line
    // the previous chunk left open rather than the whole chunk copied.
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = rest + text.slice(start, end)
      rest = ''
      start = end + 1
      if (!line) {
        if (data !== undefined) frames.push({ event, data })
        data = undefined
        event = ''
        continue
      }
      // The field is recognised in place rather than sliced out: one string less per line.
      let colon = line.indexOf(':')
      if (colon < 0) colon = line.length
      const value = line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1)
      if (colon === 4 && line.startsWith('data')) data = data === undefined ? value : `${data}\n${value}`
      else if (colon === 5 && line.startsWith('event')) event = value
    }
    rest += text.slice(start)
    if (rest.length > maxEventSize || (data?.length ?? 0) > maxEventSize) {
      throw new StreamError(
        'event_too_large',
        `A stream event grew past ${maxEventSize} characters without its end; the stream stops rather than hold it all.`,
      )
    }
    return frames
  }
}
