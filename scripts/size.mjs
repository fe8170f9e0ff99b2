// What runlens adds to an app, measured the way an app developer sees it: the production build
// (Vite, the React plugin, minified) of a minimal app that already uses the peers (react,
// react-dom, @tanstack/react-query, zustand; test/size/app.tsx), built as it is and with runlens
// added. The difference in emitted JS, raw and gzip, is what runlens costs:
//   (a) test/size/client.tsx: the calls a run UI makes on @runlens/client (create, stream, poll,
//       list, cancel, submit tool outputs, list steps, applyRunEvent)
//   (b) test/size/monitor.tsx: <RunsProvider client> + <RunMonitor threadId runId> from @runlens/react
// The packages come from their dist/, as an app installs them (`npm run size` builds them first).
//
// The guards are regression guards, not goals: they catch a change that adds far more than
// expected, and leave room for features. Nobody should bend code to save bytes under them.
// Exits 1 when an addition is above its guard.
// Vite rather than size-limit: Vite is the workspace's bundler already, while size-limit 14 needs
// Node 22.19+ and its app preset times the bundle in a Chrome it downloads.
// Usage: npm run size   (or node scripts/size.mjs, with dist/ up to date)
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { build, defaultClientConditions, version } from 'vite'

const root = fileURLToPath(new URL('../', import.meta.url))
const appDir = `${root}test/size/`

/**
 * The baseline app and the two additions, each with the most gzip bytes it may add: about a
 * quarter above what they add today, so that a jump (a dependency bundled by mistake, development
 * code left in production) fails while features fit. The history of the figures is in the root
 * README's Benchmarks section.
 */
export const apps = {
  baseline: { entry: `${appDir}baseline.tsx`, label: 'baseline: react, react-dom, react-query, zustand' },
  additions: [
    { entry: `${appDir}client.tsx`, label: '(a) + a run UI on @runlens/client', guard: 12 * 1024 },
    {
      entry: `${appDir}monitor.tsx`,
      label: '(b) + RunsProvider, RunMonitor and the client',
      guard: 34 * 1024,
    },
  ],
}

/**
 * Builds one entry as `vite build` builds an app for production, in memory, and returns the bytes
 * of the JS it emits: minified, and gzipped as a server sends it (zlib's default level, 6), each
 * chunk on its own. `source: true` resolves the workspace packages to their TypeScript sources
 * (the `@runlens/source` condition) instead of dist/, so tests need no build.
 */
export async function buildApp(entry, { source = false } = {}) {
  // Vite builds for development when NODE_ENV says so (vitest sets `test`): React's development
  // build would then be measured. Refuse rather than print wrong figures.
  const nodeEnv = process.env.NODE_ENV
  if (nodeEnv !== undefined && nodeEnv !== 'production') {
    throw new Error(`a production build needs NODE_ENV unset or 'production', not '${nodeEnv}'`)
  }
  const result = await build({
    configFile: false,
    root: appDir,
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      conditions: source ? ['@runlens/source', ...defaultClientConditions] : defaultClientConditions,
    },
    build: { write: false, rolldownOptions: { input: entry } },
  })
  const chunks = (Array.isArray(result) ? result : [result])
    .flatMap(({ output }) => output)
    .filter((file) => file.type === 'chunk')
  let min = 0
  let gzip = 0
  for (const { code } of chunks) {
    const bytes = Buffer.from(code)
    min += bytes.length
    gzip += gzipSync(bytes).length
  }
  return { min, gzip }
}

/** What an addition adds to the baseline, and whether its gzip bytes are above the guard. */
export function compare(baseline, withRunlens, guard) {
  const added = { min: withRunlens.min - baseline.min, gzip: withRunlens.gzip - baseline.gzip }
  return { added, guard, over: added.gzip > guard }
}

const n = (bytes) => bytes.toLocaleString('en-US')
const signed = (bytes) => (bytes > 0 ? `+${n(bytes)}` : n(bytes))
const row = (label, min, gzip, note = '') =>
  console.log(`${label.padEnd(52)}${min.padStart(10)}${gzip.padStart(10)}${note}`)

async function main() {
  for (const name of ['client', 'react']) {
    if (!existsSync(`${root}packages/${name}/dist/index.js`)) {
      console.error(`packages/${name}/dist is missing: npm run build (npm run size does it)`)
      process.exit(1)
    }
  }
  row(`production builds, Vite ${version}, emitted JS in bytes`, 'minified', 'gzip')
  const baseline = await buildApp(apps.baseline.entry)
  row(apps.baseline.label, n(baseline.min), n(baseline.gzip))
  let over = false
  for (const { entry, label, guard } of apps.additions) {
    const built = await buildApp(entry)
    const { added, over: above } = compare(baseline, built, guard)
    row(label, n(built.min), n(built.gzip))
    const verdict = above ? `ABOVE it by ${n(added.gzip - guard)}` : 'ok'
    row(
      '    added by runlens',
      signed(added.min),
      signed(added.gzip),
      `  (guard ${n(guard)} gzip: ${verdict})`,
    )
    over ||= above
  }

  // Not guarded: the weight of each SSE decoder, the reason the client README gives for shipping
  // its own rather than eventsource-parser (the two decode equally fast). Each is handed to the
  // page so that the build keeps it.
  const decoders = [
    ['SSE decoder alone: runlens createSSEDecoder', `${appDir}decoder-runlens.ts`],
    ['SSE decoder alone: eventsource-parser createParser', `${appDir}decoder-eventsource-parser.ts`],
  ]
  for (const [label, entry] of decoders) {
    const { min, gzip } = await buildApp(entry)
    row(label, n(min), n(gzip))
  }

  if (over) process.exit(1)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
