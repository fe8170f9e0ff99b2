/**
 * Text -> lines, at LF, CR or CRLF, whatever the chunking: a line may span chunks, and a CRLF
 * may be split between two chunks (the CR ends the line, the LF that follows is skipped).
 */
export class LineSplitter {
  #rest = ''
  #afterCR = false

  push(text: string, onLine: (line: string) => void): void {
    const length = text.length
    let start = 0
    if (this.#afterCR && length > 0) {
      this.#afterCR = false
      if (text.charCodeAt(0) === 10) start = 1
    }
    // indexOf runs in native code; searching each terminator on its own is much faster than a
    // character loop, and the CR search is skipped entirely for LF-only streams.
    let lf = text.indexOf('\n', start)
    let cr = text.indexOf('\r', start)
    while (lf !== -1 || cr !== -1) {
      let end: number
      let next: number
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf
        next = lf + 1
      } else {
        end = cr
        next = cr + 1
        if (next === length) this.#afterCR = true
        else if (text.charCodeAt(next) === 10) next++
      }
      const piece = text.slice(start, end)
      if (this.#rest) {
        onLine(this.#rest + piece)
        this.#rest = ''
      } else onLine(piece)
      start = next
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start)
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start)
    }
    if (start < length) this.#rest += text.slice(start)
  }

  /** The last line when the text does not end with a line break. */
  end(onLine: (line: string) => void): void {
    if (this.#rest) onLine(this.#rest)
    this.#rest = ''
    this.#afterCR = false
  }
}
