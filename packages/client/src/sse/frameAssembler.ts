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

  /** The line `text[start, end)`. */
  line(text: string, start: number, end: number): void {
    if (start === end) {
      this.end()
      return
    }
    // The two fields every frame carries first, without cutting the line out of the chunk
    // (startsWith with a position is slow in V8; comparing a few char codes is not).
    if (isField(text, start, 'data:')) this.#addData(fieldValue(text, start + 5, end))
    else if (isField(text, start, 'event:')) this.#event = fieldValue(text, start + 6, end)
    else if (text.charCodeAt(start) !== 58) {
      const line = text.slice(start, end)
      const colon = line.indexOf(':')
      const field = colon === -1 ? line : line.slice(0, colon)
      const value = colon === -1 ? '' : fieldValue(line, colon + 1, line.length)
      if (field === 'data') this.#addData(value)
      else if (field === 'event') this.#event = value
    }
  }

  /** Dispatches the frame under construction, if it has data; at a blank line and at the end. */
  end(): void {
    const data = this.#data
    if (data !== undefined) this.frames.push({ event: this.#event, data })
    this.#data = undefined
    this.#event = ''
  }

  #addData(value: string): void {
    this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`
  }
}

function isField(text: string, at: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) if (text.charCodeAt(at + i) !== name.charCodeAt(i)) return false
  return true
}

function fieldValue(text: string, from: number, end: number): string {
  return text.slice(text.charCodeAt(from) === 32 ? from + 1 : from, end)
}
