/**
 * The Responses SSE pipeline on one synthetic 100,000-delta background response, in one process:
 *   (a) runlens: bytes -> frames -> typed events -> applyResponseEvent, the snapshot kept up to date;
 *   (b) eventsource-parser + JSON.parse, doing nothing with the events (the floor of a parser);
 *   (c) openai's responses.stream helper (it keeps a snapshot of the response too), reading the
 *       same bytes through a custom fetch;
 *   (a') the whole client: client.responses.stream, events through `for await`.
 * Each is warmed up, then timed several times in turns; the median is reported as events per
 * CPU-second, with the ratios.
 * Run: npm run bench -- responses   (BENCH_DELTAS and BENCH_REPEATS change the size.)
 */

import { createParser } from 'eventsource-parser'
import OpenAI from 'openai'
import { applyResponseEvent, emptyResponseSnapshot } from '../packages/client/src/applyResponseEvent.js'
import { createRunsClient } from '../packages/client/src/createRunsClient.js'
import { createSSEDecoder } from '../packages/client/src/sse/sseDecoder.js'
import { toResponseEvent } from '../packages/client/src/sse/toResponseEvent.js'
import { syntheticResponse } from './syntheticResponse.js'
import { bodyOf, type SyntheticRun } from './syntheticRun.js'

const deltas = Number(process.env.BENCH_DELTAS ?? 100_000)
const repeats = Number(process.env.BENCH_REPEATS ?? 15)
const stream = syntheticResponse(deltas)

type Contender = (input: SyntheticRun) => Promise<number>

/** (a) the runlens stages, read from a body as ResponseStream reads it. */
const runlens: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const decode = createSSEDecoder()
  let snapshot = emptyResponseSnapshot
  let count = 0
  for (;;) {
    const { done, value } = await reader.read()
    for (const frame of decode(value)) {
      snapshot = applyResponseEvent(snapshot, toResponseEvent(frame))
      count++
    }
    if (done) break
  }
  if (!snapshot.done || snapshot.response?.status !== 'completed')
    throw new Error('runlens: wrong final snapshot')
  return count
}

/** (a') the whole client: client.responses.stream over a fetch. */
const runlensClient: Contender = async (input) => {
  const client = createRunsClient({
    baseURL: 'http://bench/v1',
    fetch: async () => new Response(bodyOf(input)),
  })
  const responseStream = client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi', background: true })
  let count = 0
  for await (const _event of responseStream) count++
  if (responseStream.snapshot().response?.status !== 'completed')
    throw new Error('client: wrong final snapshot')
  return count
}

/** (b) eventsource-parser and JSON.parse of each event's data, nothing more. */
const eventsourceParser: Contender = async (input) => {
  const reader = bodyOf(input).getReader()
  const text = new TextDecoder()
  let count = 0
  let last: { type?: string } | undefined
  const parser = createParser({
    onEvent(event) {
      last = JSON.parse(event.data)
      count++
    },
  })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parser.feed(text.decode(value, { stream: true }))
  }
  if (last?.type !== 'response.completed') throw new Error('eventsource-parser: did not reach the end')
  return count
}

/** (c) the openai package's responses.stream helper. */
const openaiHelper: Contender = async (input) => {
  const client = new OpenAI({
    apiKey: 'bench',
    baseURL: 'http://bench/v1',
    fetch: async () => new Response(bodyOf(input), { headers: { 'content-type': 'text/event-stream' } }),
  })
  const helper = client.responses.stream({ model: 'gpt-4o-mini', input: 'Hi', background: true })
  let count = 0
  for await (const _event of helper) count++
  return count
}

async function measureAll(contenders: Array<[string, Contender, number]>): Promise<number[]> {
  for (const [, contender] of contenders) {
    await contender(stream)
    await contender(stream)
  }
  const rates: number[][] = contenders.map(() => [])
  for (let round = 0; round < repeats; round++) {
    for (const [i, [name, contender, times]] of contenders.entries()) {
      if (round >= times) continue
      // CPU time of this process, not wall time: a shared machine's pauses would weigh more.
      const start = process.cpuUsage()
      const count = await contender(stream)
      const used = process.cpuUsage(start)
      if (count !== stream.events) throw new Error(`${name}: ${count} events, expected ${stream.events}`)
      rates[i]!.push(count / ((used.user + used.system) / 1e6))
    }
  }
  return contenders.map(([name], i) => {
    const sorted = rates[i]!.sort((x, y) => x - y)
    const median = sorted[Math.floor(sorted.length / 2)]!
    console.log(`${name.padEnd(48)} ${Math.round(median).toLocaleString('en-US').padStart(12)} events/s`)
    return median
  })
}

console.log(
  `Responses SSE pipeline: ${stream.events.toLocaleString('en-US')} events, ${(stream.bytes / 1e6).toFixed(1)} MB, ` +
    `${stream.chunks.length} chunks; events per CPU-second, median of ${repeats} interleaved runs after 2 warm-ups\n`,
)
const [a = 0, b = 0, c = 0, full = 0] = await measureAll([
  ['(a) runlens decode + parse + applyResponseEvent', runlens, repeats],
  ['(b) eventsource-parser + JSON.parse', eventsourceParser, repeats],
  ['(c) openai responses.stream', openaiHelper, Math.min(repeats, 3)],
  ["(a') runlens client.responses.stream, for await", runlensClient, repeats],
])
console.log('')
console.log(`(a)/(b) = ${(a / b).toFixed(2)}x   against the parser alone`)
console.log(`(a)/(c) = ${(a / c).toFixed(2)}x   aim >= 4x`)
console.log(`(a')/(c) = ${(full / c).toFixed(2)}x`)
