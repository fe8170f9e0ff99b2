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

  push(chunk: string, sink: LineSink): void {
    const text = this.#rest + (this.#afterCR && chunk.charCodeAt(0) === 10 ? chunk.slice(1) : chunk)
    if (chunk) this.#afterCR = false
    // indexOf runs in native code. Most streams use LF only: then the CR search happens once.
    const crlf = text.includes('\r')
    let start = 0
    for (;;) {
      const lf = text.indexOf('\n', start)
      const cr = crlf ? text.indexOf('\r', start) : -1
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
      if (end === -1) break
      sink.line(text, start, end)
      start = end + 1
      if (end === cr) {
        if (start === text.length) this.#afterCR = true
        else if (text.charCodeAt(start) === 10) start++
      }
    }
    this.#rest = text.slice(start)
  }

  /** The last line when the text does not end with a line break. */
  end(sink: LineSink): void {
    if (this.#rest) sink.line(this.#rest, 0, this.#rest.length)
    this.#rest = ''
  }
}
