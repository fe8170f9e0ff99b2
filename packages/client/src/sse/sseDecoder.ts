import { FrameAssembler, type SSEFrame } from './frameAssembler.js'
import { LineSplitter } from './lineSplitter.js'

/**
 * Bytes -> frames: UTF-8 decoding (a character split between chunks waits for its other
 * bytes; invalid bytes become U+FFFD rather than errors), then lines, then frames.
 */
export class SSEDecoder {
  #text = new TextDecoder()
  #lines = new LineSplitter()
  #frames = new FrameAssembler()
  #out: SSEFrame[] = []
  #onLine = (line: string): void => {
    const frame = this.#frames.line(line)
    if (frame) this.#out.push(frame)
  }

  /** The frames completed by this chunk. */
  push(chunk: Uint8Array): SSEFrame[] {
    this.#lines.push(this.#text.decode(chunk, { stream: true }), this.#onLine)
    return this.#take()
  }

  /** The frames left at the end of the body, including a last one with no blank line after it. */
  end(): SSEFrame[] {
    this.#lines.push(this.#text.decode(), this.#onLine)
    this.#lines.end(this.#onLine)
    const last = this.#frames.end()
    if (last) this.#out.push(last)
    return this.#take()
  }

  #take(): SSEFrame[] {
    const out = this.#out
    if (out.length) this.#out = []
    return out
  }
}
