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
 * The first stages of the stream, bytes -> text -> lines -> frames (the next one, frames ->
 * typed events, is `toStreamEvent`). One closure rather than a class per stage: its state lives
 * in local variables, which minify to one letter, where fields and methods keep their names.
 *
 * 1. bytes -> text: `TextDecoder` in streaming mode; a character split between chunks waits for
 *    its other bytes, invalid bytes become U+FFFD rather than errors.
 * 2. text -> lines (`split`): at LF, CR or CRLF whatever the chunking; a line may span chunks,
 *    and a CRLF may be split between two (the CR ends the line, the LF after it is skipped).
 * 3. lines -> frames (`line`), as the HTML spec's event-stream interpretation: a blank line
 *    dispatches, `:` starts a comment, one space after the colon is dropped, several `data:`
 *    lines join with LF, a frame without data is not dispatched. `id` and `retry` only matter to
 *    an EventSource that reconnects by itself, which a POST stream never does: ignored.
 */
export function createSSEDecoder(): SSEDecoder {
  const utf8 = new TextDecoder()
  // Stage 2: the line the previous chunk left open; whether that chunk ended with a CR.
  let rest = ''
  let afterCR = false
  // Stage 3: the frame under construction, and the frames completed for the caller.
  let event = ''
  let data: string | undefined
  let frames: SSEFrame[] = []

  // 2. text -> lines
  function split(chunk: string): void {
    let start = afterCR && chunk.charCodeAt(0) === 10 ? 1 : 0
    if (chunk) afterCR = false
    // indexOf runs in native code. Most streams use LF only: then the CR search happens once.
    const crlf = chunk.includes('\r')
    for (;;) {
      const lf = chunk.indexOf('\n', start)
      const cr = crlf ? chunk.indexOf('\r', start) : -1
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
      if (end === -1) break
      // The line the previous chunk left open is joined once, rather than the whole chunk copied.
      line(rest + chunk.slice(start, end))
      rest = ''
      start = end + 1
      if (end === cr) {
        if (start === chunk.length) afterCR = true
        else if (chunk.charCodeAt(start) === 10) start++
      }
    }
    rest += chunk.slice(start)
  }

  // 3. lines -> frames
  function line(text: string): void {
    if (!text) {
      if (data !== undefined) frames.push({ event, data })
      data = undefined
      event = ''
      return
    }
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    const value = colon < 0 ? '' : text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1)
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`
    else if (field === 'event') event = value
  }

  return (bytes) => {
    // At the end, two line breaks close the open line and the open frame: after a CR, the
    // first is the LF of its CRLF and the second the blank line; else a line end and a blank line.
    split(bytes ? utf8.decode(bytes, { stream: true }) : `${utf8.decode()}\n\n`)
    const out = frames
    frames = []
    return out
  }
}
