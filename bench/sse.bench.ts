/**
 * The SSE pipeline on one synthetic 100,000-delta run, three ways, in one process:
 *   (a) runlens: bytes -> frames -> typed events -> applyRunEvent, the snapshot kept up to date;
 *   (b) eventsource-parser + JSON.parse, doing nothing with the events (the floor of a parser);
 *   (c) openai's beta.threads.runs.stream helper, reading the same bytes through a custom fetch.
 * and, for the choice of decoder, the first stage alone (bytes -> frames, no parse):
 *   (d) runlens's createSSEDecoder, (e) eventsource-parser.
 * Each is warmed up, then timed several times in turns; the median is reported as events per
 * CPU-second, with the ratios.
 * Run: npx tsx bench/sse.bench.ts   (BENCH_DELTAS and BENCH_REPEATS change the size.)
 */

import { createParser } from 'eventsource-parser'
import OpenAI from 'openai'
import { applyRunEvent, emptyRunSnapshot } from '../packages/client/src/applyRunEvent.js'
import { createRunsClient } from '../packages/client/src/createRunsClient.js'
import { createSSEDecoder } from '../packages/client/src/sse/sseDecoder.js'
import { toStreamEvent } from '../packages/client/src/sse/toStreamEvent.js'
import { bodyOf, type SyntheticRun, syntheticRun } from './syntheticRun.js'

const deltas = Number(process.env.BENCH_DELTAS ?? 100_000)
// 15 rounds: between two runs of the benchmark the medians then move by a few percent, not ten.
const repeats = Number(process.env.BENCH_REPEATS ?? 15)
const run = syntheticRun(deltas)

type Contender = (run: SyntheticRun) => Promise<number>

/** (a) the runlens stages, read from a body as RunStream reads it. */
const runlens: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const decode = createSSEDecoder()
  let snapshot = emptyRunSnapshot
  let count = 0
  for (;;) {
    const { done, value } = await reader.read()
    for (const frame of decode(value)) {
      snapshot = applyRunEvent(snapshot, toStreamEvent(frame))
      count++
    }
    if (done) break
  }
  if (!snapshot.done || snapshot.run?.status !== 'completed') throw new Error('runlens: wrong final snapshot')
  return count
}

/** (a') the whole client: createRunsClient().runs.stream over a fetch, events through `for await`. */
const runlensClient: Contender = async (input) => {
  const client = createRunsClient({
    baseURL: 'http://bench/v1',
    fetch: async () => new Response(bodyOf(input)),
  })
  const stream = client.runs.stream('thread_1', { assistant_id: 'asst_1' })
  let count = 0
  for await (const _event of stream) count++
  if (stream.snapshot().run?.status !== 'completed') throw new Error('client: wrong final snapshot')
  return count
}

/** (b) eventsource-parser and JSON.parse of each event's data, nothing more. */
const eventsourceParser: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const text = new TextDecoder()
  let count = 0
  let last: unknown
  const parser = createParser({
    onEvent(event) {
      last = event.data === '[DONE]' ? event.data : JSON.parse(event.data)
      count++
    },
  })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(text.decode(value, { stream: true }))
  }
  if (last !== '[DONE]') throw new Error('eventsource-parser: did not reach [DONE]')
  return count
}

/** (c) the openai package's streaming helper, which also keeps snapshots of the run. */
const openaiHelper: Contender = async (input) => {
  const client = new OpenAI({
    apiKey: 'bench',
    baseURL: 'http://bench/v1',
    fetch: async () => new Response(bodyOf(input), { headers: { 'content-type': 'text/event-stream' } }),
  })
  const stream = client.beta.threads.runs.stream('thread_1', { assistant_id: 'asst_1' })
  let count = 0
  for await (const _event of stream) count++
  return count + 1 // its iterator swallows the final [DONE]; count it as the others do
}

/** (d) the runlens decoder alone: bytes -> frames. */
const runlensDecoder: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const decode = createSSEDecoder()
  let count = 0
  for (;;) {
    const { done, value } = await reader.read()
    count += decode(value).length
    if (done) break
  }
  return count
}

/** (e) eventsource-parser alone: bytes -> events, their data left unparsed. */
const eventsourceParserAlone: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const text = new TextDecoder()
  let count = 0
  const parser = createParser({
    onEvent() {
      count++
    },
  })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(text.decode(value, { stream: true }))
  }
  return count
}

/**
 * Runs the contenders in turns (a, b, c, a', a, b, ...) so that a slow spell of a shared machine
 * hits them all alike, after two warm-up runs each; reports the median events/s of each.
 */
async function measureAll(contenders: Array<[string, Contender, number]>): Promise<number[]> {
  for (const [, contender] of contenders) {
    await contender(run)
    await contender(run)
  }
  const rates: number[][] = contenders.map(() => [])
  for (let round = 0; round < repeats; round++) {
    for (const [i, [name, contender, times]] of contenders.entries()) {
      if (round >= times) continue
      // CPU time of this process rather than wall time: on a shared machine the scheduler's
      // pauses would otherwise weigh more than the code measured.
      const start = process.cpuUsage()
      const count = await contender(run)
      const used = process.cpuUsage(start)
      const seconds = (used.user + used.system) / 1e6
      if (count !== run.events) throw new Error(`${name}: ${count} events, expected ${run.events}`)
      rates[i]!.push(count / seconds)
    }
  }
  return contenders.map(([name], i) => {
    const sorted = rates[i]!.sort((x, y) => x - y)
    const median = sorted[Math.floor(sorted.length / 2)]!
    console.log(`${name.padEnd(44)} ${Math.round(median).toLocaleString('en-US').padStart(12)} events/s`)
    return median
  })
}

console.log(
  `SSE pipeline: ${run.events.toLocaleString('en-US')} events, ${(run.bytes / 1e6).toFixed(1)} MB, ` +
    `${run.chunks.length} chunks; events per CPU-second, median of ${repeats} interleaved runs after 2 warm-ups\n`,
)
// The openai helper is an order of magnitude slower: three runs of it are enough for a median.
const [a = 0, b = 0, c = 0, full = 0, d = 0, e = 0] = await measureAll([
  ['(a) runlens decode + parse + applyRunEvent', runlens, repeats],
  ['(b) eventsource-parser + JSON.parse', eventsourceParser, repeats],
  ['(c) openai beta.threads.runs.stream', openaiHelper, Math.min(repeats, 3)],
  ["(a') runlens client.runs.stream, for await", runlensClient, repeats],
  ['(d) runlens decoder alone (bytes -> frames)', runlensDecoder, repeats],
  ['(e) eventsource-parser alone', eventsourceParserAlone, repeats],
])
console.log('')
console.log(`(a)/(b) = ${(a / b).toFixed(2)}x   target >= 0.9x`)
console.log(`(a)/(c) = ${(a / c).toFixed(2)}x   target >= 4x`)
console.log(`(a')/(c) = ${(full / c).toFixed(2)}x`)
console.log(`(d)/(e) = ${(d / e).toFixed(2)}x   the decoders alone`)
