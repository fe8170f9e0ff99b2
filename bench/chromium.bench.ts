/**
 * A long stream in Chromium, for runs and for responses: BENCH_DELTAS text deltas (default
 * 100,000, about 460 KB of text) from the simulator on loopback, written as fast as the server
 * writes them, rendered by two contenders in the same page:
 *   (baseline) fetch + eventsource-parser, `useState` appended on every delta, one plain text node;
 *   (runlens) the connected monitor: useRunStream + <RunMonitor stream> (runs),
 *             useResponseStream + <RunMonitor protocol="responses"> (responses).
 * Per contender and protocol it measures the total script time, the longest main-thread task,
 * React commits per animation frame, and that the text shown at the end is the text sent (the
 * benchmark fails if not). It prints the medians of BENCH_REPEATS page loads (default 3), the
 * ratio runlens/baseline of script time, and whether the aims hold: at most the baseline's script
 * time, at most one commit per frame, no task over 50 ms.
 * Run: npm run bench -- chromium   (BENCH_PROTOCOLS=runs or responses for one protocol,
 * BENCH_PARAGRAPH_DELTAS for the paragraphs' length, BENCH_PROFILE_DIR to keep the profiles.)
 * The browser is Debian's Chromium, as for the e2e tests: scripts/install-chromium.sh installs it.
 */

import { accessSync, constants } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { splitTokens } from '@runlens/simulator'
import { createSimulator, simulatorMiddleware } from '@runlens/simulator/node'
import { build } from 'esbuild'
import { type Browser, type CDPSession, chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.mjs'
import type { BenchRequest, Contender, PageResult, Protocol } from './chromiumPage.js'

try {
  accessSync(chromiumPath, constants.X_OK)
} catch {
  console.log(`chromium.bench: no browser at ${chromiumPath}; install it with scripts/install-chromium.sh`)
  process.exit(1)
}

const deltas = Number(process.env.BENCH_DELTAS ?? 100_000)
const repeats = Number(process.env.BENCH_REPEATS ?? 3)
const protocols = (process.env.BENCH_PROTOCOLS ?? 'runs,responses').split(',') as Protocol[]
/** Where to write each measure's CPU profile and trace (for DevTools), the page then unminified. */
const profileDir = process.env.BENCH_PROFILE_DIR
const contenderNames: Contender[] = ['baseline', 'runlens']
let written = 0

/**
 * A new paragraph every BENCH_PARAGRAPH_DELTAS deltas (default 100, about 460 characters, as an
 * answer has them); 0 makes the whole answer one paragraph, the worst case for layout.
 */
const paragraphDeltas = Number(process.env.BENCH_PARAGRAPH_DELTAS ?? 100)
/** Pieces of 1 to 8 UTF-8 bytes (an accent, an emoji among them), each one token of the simulator. */
const pieces = [' stream', ' of', ' text', ' é', ' 🙂', ' arrives', ' one', ' token', ' at', ' a', ' time']
// No space at the start of the answer or of a paragraph: the monitor's paragraphs (white-space:
// normal) would not show it, and the text check compares what is shown.
const piece = (i: number) =>
  i === 0 ? 'Long' : paragraphDeltas > 0 && i % paragraphDeltas === 0 ? '\n\nNext' : pieces[i % pieces.length]
const text = Array.from({ length: deltas }, (_, i) => piece(i)).join('')
// The simulator streams one delta per token: the text must cut into exactly `deltas` of them.
if (splitTokens(text).length !== deltas)
  throw new Error('the long text does not cut into BENCH_DELTAS tokens')

const simulator = createSimulator({ tokenDelayMs: 0 })
simulator.registerScenario({ name: 'long', steps: [{ type: 'message', text }] })
simulator.registerResponseScenario({
  model: 'sim-long',
  description: 'The long stream of the Chromium benchmark.',
  steps: [{ type: 'message', text }],
})

// The page for production, with React's profiling build: the production code paths, and
// <Profiler onRender> still called (the plain production build never calls it).
const bundle = await build({
  entryPoints: [fileURLToPath(new URL('./chromiumPage.tsx', import.meta.url))],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // Names kept when profiles are written, so that they read in DevTools.
  minify: !profileDir,
  jsx: 'automatic',
  conditions: ['@runlens/source'],
  alias: { 'react-dom/client': 'react-dom/profiling' },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
})
const pageScript = bundle.outputFiles[0]!.text
const pageHtml =
  '<!doctype html><meta charset="utf-8"><title>runlens bench</title><script type="module" src="/page.js"></script>'

// One origin for the page and the simulator's /v1, so the page's requests need no CORS preflight.
const serveSimulator = simulatorMiddleware(simulator)
const server = createServer((req, res) => {
  const route = { '/': ['text/html', pageHtml], '/page.js': ['text/javascript', pageScript] }[req.url ?? '']
  if (route) {
    res.writeHead(200, { 'content-type': route[0]!, 'cache-control': 'no-store' })
    res.end(route[1])
    return
  }
  serveSimulator(req, res, () => {
    res.writeHead(404)
    res.end()
  })
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

async function newThread(): Promise<string> {
  const response = await fetch(`${origin}/v1/threads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'openai-beta': 'assistants=v2' },
    body: '{}',
  })
  return ((await response.json()) as { id: string }).id
}

/** All the main thread's work so far, in ms: CDP Performance.getMetrics' TaskDuration. */
async function taskTime(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[]
  samples?: number[]
  timeDeltas?: number[]
}

/**
 * Script time from a CPU profile of the stream (CDP Profiler, a sample every ms): the samples
 * in JavaScript and in its garbage collector. Not Performance.getMetrics' ScriptDuration: that
 * counter leaves out most of the promise callbacks run at microtask checkpoints, and a streamed
 * fetch body is read by exactly such callbacks (measured here: ScriptDuration 80-200 ms for
 * baseline streams whose profiles held 550-950 ms of JavaScript). Samples of the browser's own
 * work (layout, paint, network: "(program)") and idle ones are left out; TaskDuration counts
 * everything.
 */
function scriptTime(profile: CpuProfile): number {
  const native = new Set(
    profile.nodes
      .filter((n) => ['(idle)', '(program)', '(root)'].includes(n.callFrame.functionName))
      .map((n) => n.id),
  )
  const { samples = [], timeDeltas = [] } = profile
  let us = 0
  // A sample stands for the time until the next one.
  for (let i = 0; i + 1 < samples.length; i++) {
    if (!native.has(samples[i]!)) us += timeDeltas[i + 1] ?? 0
  }
  return us / 1000
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/**
 * The longest task of the renderer's main thread, from a trace of the 'toplevel' category only
 * (one event per task, cheap): the page's 'longtask' observer only sees tasks over 50 ms, so it
 * cannot tell the longest one when none is that long. The longest in wall time (what a user
 * waits) and the longest in the thread's CPU time: on a busy machine a task also waits for a
 * core, and only the CPU time is the page's own.
 */
function longestTask(trace: Buffer): { wall: number; cpu: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const longest = { wall: 0, cpu: 0 }
  for (const e of events) {
    if (e.ph !== 'X' || !e.name.endsWith('RunTask') || !main.has(`${e.pid}:${e.tid}`)) continue
    longest.wall = Math.max(longest.wall, (e.dur ?? 0) / 1000)
    longest.cpu = Math.max(longest.cpu, (e.tdur ?? 0) / 1000)
  }
  return longest
}

interface Measure extends PageResult {
  /** The text the page shows at the end. */
  text: string
  scriptMs: number
  taskMs: number
  maxTaskMs: number
  maxTaskCpuMs: number
}

async function measure(browser: Browser, request: BenchRequest): Promise<Measure> {
  const page = await browser.newPage()
  page.setDefaultTimeout(120_000)
  try {
    await page.goto(origin)
    await page.waitForFunction(() => typeof window.runBench === 'function')
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
    await browser.startTracing(page, { categories: ['toplevel'] })
    const before = await taskTime(cdp)
    await cdp.send('Profiler.start')
    const result = await page.evaluate((r) => window.runBench(r), request)
    const { profile } = await cdp.send('Profiler.stop')
    const after = await taskTime(cdp)
    const trace = await browser.stopTracing()
    const shown = await page.evaluate(() => window.shownText())
    const longest = longestTask(trace)
    if (profileDir) {
      const name = join(profileDir, `${request.protocol}-${request.contender}-${++written}`)
      await writeFile(`${name}.cpuprofile`, JSON.stringify(profile))
      await writeFile(`${name}.trace.json`, trace)
    }
    return {
      ...result,
      text: shown,
      scriptMs: scriptTime(profile),
      taskMs: after - before,
      maxTaskMs: Math.max(longest.wall, ...result.longTasks),
      maxTaskCpuMs: longest.cpu,
    }
  } finally {
    await page.close()
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

interface Summary {
  scriptMs: number
  taskMs: number
  wallMs: number
  maxTaskMs: number
  maxTaskCpuMs: number
  longTasks: number
  commits: number
  frames: number
  perFrame: number
}

function summarize(runs: Measure[]): Summary {
  return {
    scriptMs: median(runs.map((r) => r.scriptMs)),
    taskMs: median(runs.map((r) => r.taskMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    // The worst over the page loads: one long task is enough to miss the aim.
    maxTaskMs: Math.max(...runs.map((r) => r.maxTaskMs)),
    maxTaskCpuMs: Math.max(...runs.map((r) => r.maxTaskCpuMs)),
    longTasks: Math.max(...runs.map((r) => r.longTasks.length)),
    commits: median(runs.map((r) => r.commits)),
    frames: median(runs.map((r) => r.frames)),
    perFrame: median(runs.map((r) => r.commits / Math.max(1, r.frames))),
  }
}

if (profileDir) await mkdir(profileDir, { recursive: true })
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: [...chromiumArgs],
})
let wrong = 0
try {
  console.log(
    `chromium.bench: ${deltas} deltas (${Buffer.byteLength(text)} bytes of text, ` +
      `${paragraphDeltas > 0 ? `a paragraph every ${paragraphDeltas} deltas` : 'one paragraph'}) per stream, ` +
      `${browser.version()}, medians of ${repeats} page loads (max task: the worst); ` +
      // The server, the browser and whatever else runs share the cores: the load says how much.
      `load average ${loadavg()[0]!.toFixed(1)}`,
  )
  for (const protocol of protocols) {
    const results: Record<Contender, Measure[]> = { baseline: [], runlens: [] }
    for (let i = 0; i < repeats; i++) {
      // Turns, the order swapped every time: neither contender always runs on a warmer machine.
      const order = i % 2 === 0 ? contenderNames : [...contenderNames].reverse()
      for (const contender of order) {
        const request: BenchRequest = {
          contender,
          protocol,
          threadId: protocol === 'runs' ? await newThread() : '',
          assistantId: 'asst_long',
          model: 'sim-long',
        }
        const result = await measure(browser, request)
        if (result.text !== text) {
          wrong++
          console.log(
            `  ${protocol} ${contender}: WRONG TEXT: ${result.text.length} chars shown, ${text.length} sent`,
          )
        }
        if (contender === 'baseline' && result.deltas !== deltas)
          console.log(`  ${protocol} baseline: ${result.deltas} deltas arrived, ${deltas} expected`)
        results[contender].push(result)
      }
    }
    const s = { baseline: summarize(results.baseline), runlens: summarize(results.runlens) }
    console.log(`\n${protocol}`)
    const columns = [
      ['script ms', (c: Summary) => c.scriptMs.toFixed(0)],
      ['main-thread ms', (c: Summary) => c.taskMs.toFixed(0)],
      ['wall ms', (c: Summary) => c.wallMs.toFixed(0)],
      ['max task ms', (c: Summary) => c.maxTaskMs.toFixed(0)],
      ['max task CPU ms', (c: Summary) => c.maxTaskCpuMs.toFixed(0)],
      ['tasks > 50 ms', (c: Summary) => String(c.longTasks)],
      ['commits', (c: Summary) => String(c.commits)],
      ['frames', (c: Summary) => String(c.frames)],
      ['commits/frame', (c: Summary) => c.perFrame.toFixed(2)],
    ] as const
    console.log(
      `  ${'contender'.padEnd(10)}${columns.map(([title]) => title.padStart(title.length + 3)).join('')}`,
    )
    for (const name of contenderNames) {
      const cells = columns.map(([title, cell]) => cell(s[name]).padStart(title.length + 3))
      console.log(`  ${name.padEnd(10)}${cells.join('')}`)
    }
    const r = s.runlens
    const b = s.baseline
    const aims = [
      [`script time <= baseline's`, r.scriptMs <= b.scriptMs],
      ['<= 1 commit per frame', r.perFrame <= 1],
      ['no task over 50 ms', r.maxTaskMs <= 50],
      ['(of CPU time)', r.maxTaskCpuMs <= 50],
    ] as const
    console.log(
      `  runlens/baseline: script time ${(r.scriptMs / b.scriptMs).toFixed(2)}x, main-thread time ` +
        `${(r.taskMs / b.taskMs).toFixed(2)}x, max task ${(r.maxTaskMs / b.maxTaskMs).toFixed(2)}x ` +
        `(CPU ${(r.maxTaskCpuMs / b.maxTaskCpuMs).toFixed(2)}x), ` +
        `commits ${(r.commits / Math.max(1, b.commits)).toFixed(3)}x`,
    )
    console.log(`  aims (runlens): ${aims.map(([aim, met]) => `${aim}: ${met ? 'yes' : 'NO'}`).join('; ')}`)
  }
} finally {
  await browser.close()
  await new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
if (wrong > 0) {
  console.log(`\n${wrong} measure(s) showed a text other than the one sent`)
  process.exit(1)
}
