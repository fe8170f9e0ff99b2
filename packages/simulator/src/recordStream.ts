/** A stream read to its end in the background, which any number of readers can replay. */
export interface StreamRecording {
  /** Every chunk so far, then the rest as it comes, then the end. */
  replay(): ReadableStream<Uint8Array>
  /** Stops reading the source (it is cancelled); replays end after what was recorded. */
  stop(): void
}

/**
 * Records a body independently of whoever reads it: a client leaving, or its connection being
 * reset, stops its own replay only, while the recording goes on to the source's end. That is what
 * lets a retried streamed request get the whole stream of the run its first attempt started.
 */
export function recordStream(body: ReadableStream<Uint8Array>): StreamRecording {
  const chunks: Uint8Array[] = []
  let ended = false
  let wake: Array<() => void> = []
  const notify = () => {
    const waiting = wake
    wake = []
    for (const resolve of waiting) resolve()
  }
  const source = body.getReader()
  void (async () => {
    try {
      for (let next = await source.read(); !next.done; next = await source.read()) {
        chunks.push(next.value)
        notify()
      }
    } catch {
      // A source that fails ends the recording where it stands, as a closed one does.
    }
    ended = true
    notify()
  })()

  return {
    replay() {
      let index = 0
      let cancelled = false
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          while (index >= chunks.length && !ended) await new Promise<void>((resolve) => wake.push(resolve))
          if (cancelled) return
          const chunk = chunks[index++]
          if (chunk) controller.enqueue(chunk)
          else controller.close()
        },
        cancel() {
          cancelled = true
        },
      })
    },
    stop() {
      source.cancel().catch(() => {})
    },
  }
}
