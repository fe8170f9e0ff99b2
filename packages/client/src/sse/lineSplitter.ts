/** Receives each line as a span of `text`, so that no line is copied just to be looked at. */
export interface LineSink {
  line(text: string, start: number, end: number): void
}

/**
 * Text -> lines, at LF, CR or CRLF, whatever the chunking: a line may span chunks, and a CRLF
 * may be split between two chunks (the CR ends the line, the LF that follows is skipped).
 */
export class LineSplitter {
  #rest = ''
  #afterCR = false

  push(text: string, sink: LineSink): void {
    let start = 0
    if (this.#afterCR && text.length > 0) {
      this.#afterCR = false
      if (text.charCodeAt(0) === 10) start = 1
    }
    if (this.#rest) {
      // Finish the line the previous chunk left open, then go on from its end.
      const end = nextBreak(text, start)
      if (end === -1) {
        this.#rest += text.slice(start)
        return
      }
      const line = this.#rest + text.slice(start, end)
      this.#rest = ''
      sink.line(line, 0, line.length)
      start = this.#skipBreak(text, end)
    }
    // indexOf runs in native code; most streams use LF only, so the CR search happens once per chunk.
    if (text.indexOf('\r', start) === -1) {
      let lf = text.indexOf('\n', start)
      while (lf !== -1) {
        sink.line(text, start, lf)
        start = lf + 1
        lf = text.indexOf('\n', start)
      }
    } else {
      let end = nextBreak(text, start)
      while (end !== -1) {
        sink.line(text, start, end)
        start = this.#skipBreak(text, end)
        end = nextBreak(text, start)
      }
    }
    if (start < text.length) this.#rest = text.slice(start)
  }

  /** The last line when the text does not end with a line break. */
  end(sink: LineSink): void {
    const rest = this.#rest
    this.#rest = ''
    this.#afterCR = false
    if (rest) sink.line(rest, 0, rest.length)
  }

  /** Where the next line starts after the break at `end`: past LF, CR, or CRLF. */
  #skipBreak(text: string, end: number): number {
    if (text.charCodeAt(end) !== 13) return end + 1
    if (end + 1 === text.length) {
      this.#afterCR = true
      return end + 1
    }
    return text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1
  }
}

function nextBreak(text: string, from: number): number {
  const lf = text.indexOf('\n', from)
  const cr = text.indexOf('\r', from)
  return cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
}
