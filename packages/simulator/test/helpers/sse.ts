/** One server-sent event, with `data` parsed when it is JSON. */
export interface SseEvent {
  event: string
  data: unknown
  raw: string
}

/** A minimal SSE parser for the simulator's own frames (LF lines, one `data:` line per event). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = []
  for (const frame of text.split('\n\n')) {
    if (frame.trim() === '') continue
    let event = 'message'
    const data: string[] = []
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    const raw = data.join('\n')
    let parsed: unknown = raw
    try {
      parsed = JSON.parse(raw)
    } catch {
      // '[DONE]' stays a string.
    }
    events.push({ event, data: parsed, raw })
  }
  return events
}

/** Reads a whole SSE body. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  return parseSse(await response.text())
}

/** Reads events one by one, so a test can act in the middle of a stream. */
export function sseReader(response: Response) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const queue: SseEvent[] = []
  let ended = false
  return {
    /** The next event, or null when the stream ended. */
    async next(): Promise<SseEvent | null> {
      for (;;) {
        const queued = queue.shift()
        if (queued) return queued
        if (ended) return null
        const { done, value } = await reader.read()
        if (done) {
          ended = true
          queue.push(...parseSse(buffer))
          buffer = ''
          continue
        }
        buffer += decoder.decode(value, { stream: true })
        const end = buffer.lastIndexOf('\n\n')
        if (end !== -1) {
          queue.push(...parseSse(buffer.slice(0, end + 2)))
          buffer = buffer.slice(end + 2)
        }
      }
    },
    /** Events until (and including) the first named `event`. */
    async until(event: string): Promise<SseEvent[]> {
      const seen: SseEvent[] = []
      for (;;) {
        const next = await this.next()
        if (!next) return seen
        seen.push(next)
        if (next.event === event) return seen
      }
    },
    /** Every remaining event. */
    async rest(): Promise<SseEvent[]> {
      const seen: SseEvent[] = []
      for (let next = await this.next(); next; next = await this.next()) seen.push(next)
      return seen
    },
    cancel: () => reader.cancel(),
  }
}
