// The bundle budgets of runlens, each an entry bundled for the browser with esbuild, minified, then
// gzipped (level 9). Prints the byte counts against each budget and fails above it.
//   - issue 3: what a run UI takes from @runlens/client (create, stream, poll, list, cancel,
//     submitToolOutputs and steps, plus applyRunEvent): at most 5 KB.
//   - issue 6: client + hooks + components for a run monitor (the connected RunMonitor in a
//     RunsProvider): at most 15 KB, with react, react-query and zustand external.
// Each entry re-exports what an app imports, so that the bytes counted are the library's only.
// Usage: node scripts/check-size.mjs [--verbose]   (--verbose lists the bytes per module)
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const budgets = [
  {
    name: '@runlens/client run UI',
    budget: 5 * 1024,
    external: [],
    // The client object carries every method: nothing of it is shaken off, however few an app calls.
    entry: `export { applyRunEvent, createRunsClient, emptyRunSnapshot } from '@runlens/client'`,
  },
  {
    name: '@runlens/react run monitor',
    budget: 15 * 1024,
    // JSX goes through h.ts (one `react` import); a module compiled with the automatic runtime would
    // bring `react/jsx-runtime` back, the extra import h.ts and the react README say the bundle lacks.
    forbid: ['react/jsx-runtime'],
    // The peers, with their subpaths (react/jsx-runtime, zustand/vanilla, ...).
    external: ['react', 'react-dom', '@tanstack/react-query', 'zustand', 'use-sync-external-store'].flatMap(
      (name) => [name, `${name}/*`],
    ),
    entry: `
export { createRunsClient } from '@runlens/client'
export { RunMonitor, RunsProvider } from '@runlens/react'
`,
  },
]

/** The entry bundled for the browser, minified, its workspace packages from their sources. */
function bundle(entry, external = []) {
  return build({
    stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external,
    // The workspace packages resolve to their TypeScript sources: no build needed.
    conditions: ['@runlens/source'],
    write: false,
    metafile: true,
    logLevel: 'error',
  })
}

let over = false
for (const { name, budget, external, entry, forbid = [] } of budgets) {
  const result = await bundle(entry, external)
  const code = result.outputFiles[0].contents
  const text = result.outputFiles[0].text
  for (const specifier of forbid) {
    if (text.includes(`"${specifier}"`) || text.includes(`'${specifier}'`)) {
      console.error(
        `${name}: the bundle imports ${specifier}: a module with JSX lacks the classic header (/** @jsxRuntime classic */ /** @jsx h */, see packages/react/src/h.ts)`,
      )
      over = true
    }
  }
  const gzipped = gzipSync(code, { level: 9 }).length
  if (process.argv.includes('--verbose')) {
    const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    for (const [file, { bytesInOutput }] of inputs.sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
      console.log(`${String(bytesInOutput).padStart(7)}  ${file}`)
    }
  }
  const verdict = gzipped <= budget ? `ok, ${budget - gzipped} to spare` : `OVER by ${gzipped - budget}`
  console.log(`${name}: ${code.length} bytes minified, ${gzipped} bytes gzip (budget ${budget}): ${verdict}`)
  over ||= gzipped > budget
}

// No budget, for the README's choice of decoder: the benchmark finds the two equally fast, so what
// each weighs decides (the client's budget could not hold eventsource-parser).
for (const [name, entry] of [
  [
    'SSE decoder, runlens createSSEDecoder',
    "export { createSSEDecoder } from './packages/client/src/sse/sseDecoder.ts'",
  ],
  ['SSE decoder, eventsource-parser', "export { createParser } from 'eventsource-parser'"],
]) {
  const code = (await bundle(entry)).outputFiles[0].contents
  console.log(
    `${name} alone: ${code.length} bytes minified, ${gzipSync(code, { level: 9 }).length} bytes gzip`,
  )
}

if (over) process.exit(1)
