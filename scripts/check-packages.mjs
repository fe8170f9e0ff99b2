// Checks what users install: each package's built output, exports and types, as npm would pack it.
// Run after `npm run build` (npm ci runs it through `prepare`).
import { execFileSync } from 'node:child_process'

// Entry points with no types to check (a stylesheet), per package.
const packages = [
  ['packages/client', []],
  ['packages/simulator', []],
  ['packages/react', ['./styles.css']],
]

for (const [dir, untyped] of packages) {
  console.log(`\n# ${dir}`)
  execFileSync('npx', ['publint', '--strict', dir], { stdio: 'inherit' })
  // ESM only by design: the CommonJS resolution modes are not a target.
  const exclude = untyped.length > 0 ? ['--exclude-entrypoints', ...untyped] : []
  execFileSync(
    'npx',
    ['attw', '--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped', ...exclude],
    {
      stdio: 'inherit',
    },
  )
}
