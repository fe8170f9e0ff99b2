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
export class FrameAssembler {
  #event = ''
  #data: string | undefined

  line(line: string): SSEFrame | undefined {
    if (line === '') return this.end()
    // Fast paths for the two fields every frame carries.
    if (line.startsWith('data:')) {
      this.#addData(fieldValue(line, 5))
      return
    }
    if (line.startsWith('event:')) {
      this.#event = fieldValue(line, 6)
      return
    }
    if (line.charCodeAt(0) === 58) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : fieldValue(line, colon + 1)
    if (field === 'data') this.#addData(value)
    else if (field === 'event') this.#event = value
  }

  /** Dispatches the frame under construction, if it has data; used at a blank line and at the end. */
  end(): SSEFrame | undefined {
    const data = this.#data
    const event = this.#event
    this.#data = undefined
    this.#event = ''
    return data === undefined ? undefined : { event, data }
  }

  #addData(value: string): void {
    this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`
  }
}

function fieldValue(line: string, from: number): string {
  return line.charCodeAt(from) === 32 ? line.slice(from + 1) : line.slice(from)
}
