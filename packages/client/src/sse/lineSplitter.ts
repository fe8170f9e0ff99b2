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
    let start = this.#afterCR && chunk.charCodeAt(0) === 10 ? 1 : 0
    if (chunk) this.#afterCR = false
    // indexOf runs in native code. Most streams use LF only: then the CR search happens once.
    const crlf = chunk.includes('\r')
    for (;;) {
      const lf = chunk.indexOf('\n', start)
      const cr = crlf ? chunk.indexOf('\r', start) : -1
      const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr
      if (end === -1) break
      if (this.#rest) {
        // The line the previous chunk left open: joined once, rather than the whole chunk copied.
        const line = this.#rest + chunk.slice(start, end)
        this.#rest = ''
        sink.line(line, 0, line.length)
      } else sink.line(chunk, start, end)
      start = end + 1
      if (end === cr) {
        if (start === chunk.length) this.#afterCR = true
        else if (chunk.charCodeAt(start) === 10) start++
      }
    }
    this.#rest += chunk.slice(start)
  }

  /** The last line when the text does not end with a line break. */
  end(sink: LineSink): void {
    if (this.#rest) sink.line(this.#rest, 0, this.#rest.length)
    this.#rest = ''
  }
}
