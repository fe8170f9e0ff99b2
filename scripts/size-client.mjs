// The bundle budget of @runlens/client: what a run UI takes from it (the client with create,
// stream, poll, list, cancel, submitToolOutputs and steps, plus applyRunEvent), bundled for the
// browser with esbuild, minified, then gzipped. Prints the byte count; exits 1 over 5 KB.
// Usage: node scripts/size-client.mjs [--verbose]
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const BUDGET = 5 * 1024

const entry = `
import { applyRunEvent, createRunsClient, emptyRunSnapshot } from '@runlens/client'

export async function runUi(threadId, assistantId, onSnapshot) {
  const client = createRunsClient({ baseURL: '/api/openai' })
  const stream = client.runs.stream(threadId, { assistant_id: assistantId })
  let snapshot = emptyRunSnapshot
  for await (const event of stream) onSnapshot((snapshot = applyRunEvent(snapshot, event)))
  const run = snapshot.run ?? (await client.runs.create(threadId, { assistant_id: assistantId }))
  await client.runs.poll(threadId, run.id)
  for await (const item of client.runs.list(threadId)) onSnapshot(item)
  await client.runs.cancel(threadId, run.id)
  await client.runs.submitToolOutputs(threadId, run.id, { tool_outputs: [{ tool_call_id: 'c', output: '' }] })
  await client.runs.steps.list(threadId, run.id)
  return client.runs.steps.retrieve(threadId, run.id, 'step')
}
`

const result = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'run-ui.js', loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  // The workspace package resolves to its TypeScript sources: no build needed.
  conditions: ['@runlens/source'],
  write: false,
  metafile: true,
  logLevel: 'error',
})

const code = result.outputFiles[0].contents
const gzipped = gzipSync(code, { level: 9 }).length
if (process.argv.includes('--verbose')) {
  const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  for (const [file, { bytesInOutput }] of inputs.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
    console.log(`${String(bytesInOutput).padStart(7)}  ${file}`)
  }
}
console.log(
  `@runlens/client run UI bundle: ${code.length} bytes minified, ${gzipped} bytes gzip (budget ${BUDGET})`,
)
if (gzipped > BUDGET) {
  console.error(`over budget by ${gzipped - BUDGET} bytes`)
  process.exit(1)
}
