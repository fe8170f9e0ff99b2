import type { LineSink } from './lineSplitter.js'

/** One server-sent event: its `event:` name (empty when absent) and its `data:` lines joined by LF. */
export interface SSEFrame {
  event: string
  data: string
}

/**
 * Lines -> frames, as the HTML spec's event-stream interpretation: a blank line dispatches,
 * `:` starts a comment, one space after the colon is dropped, several `data:` lines join with
 * LF, and a frame without data is not dispatched. `id` and `retry` only matter to an
 * EventSource that reconnects by itself, which a POST stream never does, so they are ignored.
 */
export class FrameAssembler implements LineSink {
  /** The frames completed so far; the owner takes them. */
  frames: SSEFrame[] = []
  #event = ''
  #data: string | undefined

  /** The line `text[start, end)`, looked at without cutting it out of the chunk. */
  line(text: string, start: number, end: number): void {
    if (start === end) {
      this.end()
      return
    }
    let colon = text.indexOf(':', start)
    if (colon === -1 || colon > end) colon = end
    const field = text.slice(start, colon)
    const value = text.slice(text.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1, end)
    if (field === 'data') this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`
    else if (field === 'event') this.#event = value
  }

  /** Dispatches the frame under construction, if it has data; at a blank line and at the end. */
  end(): void {
    if (this.#data !== undefined) this.frames.push({ event: this.#event, data: this.#data })
    this.#data = undefined
    this.#event = ''
  }
}
