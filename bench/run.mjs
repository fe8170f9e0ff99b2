// Runs every bench/*.bench.ts(x), one after the other, each in its own Node process (so that one
// benchmark's heap and timers never weigh on the next). Workspace packages resolve to their
// TypeScript sources through the @runlens/source condition, as in the tests.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter((name) => /\.bench\.tsx?$/.test(name))
  .filter((name) => only.length === 0 || only.some((pattern) => name.includes(pattern)))
  .sort()

let failed = 0
for (const name of files) {
  console.log(`\n== ${name}`)
  const result = spawnSync(
    process.execPath,
    ['--conditions=@runlens/source', '--import', 'tsx', join(here, name)],
    {
      stdio: 'inherit',
    },
  )
  if (result.status !== 0) failed++
}
process.exit(failed === 0 ? 0 : 1)
