// Checks what users install: each package's built output, exports and types, as npm would pack it.
// Run after `npm run build` (npm ci runs it through `prepare`).
import { execFileSync } from 'node:child_process'

const packages = ['packages/client', 'packages/simulator', 'packages/react']

for (const dir of packages) {
  console.log(`\n# ${dir}`)
  execFileSync('npx', ['publint', '--strict', dir], { stdio: 'inherit' })
  // ESM only by design: the CommonJS resolution modes are not a target.
  execFileSync('npx', ['attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped'], {
    stdio: 'inherit',
  })
}
