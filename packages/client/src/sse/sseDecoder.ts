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

  /** The frames completed by this chunk. */
  push(chunk: Uint8Array): SSEFrame[] {
    this.#lines.push(this.#text.decode(chunk, { stream: true }), this.#frames)
    return this.#take()
  }

  /** The frames left at the end of the body, including a last one with no blank line after it. */
  end(): SSEFrame[] {
    this.#lines.push(this.#text.decode(), this.#frames)
    this.#lines.end(this.#frames)
    this.#frames.end()
    return this.#take()
  }

  #take(): SSEFrame[] {
    const out = this.#frames.frames
    if (out.length) this.#frames.frames = []
    return out
  }
}
