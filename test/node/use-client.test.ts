// React Server Components bundlers run a module on the server unless it starts with 'use client'.
// So every module of @runlens/react that touches React's client APIs must carry the directive, and
// the query keys and options (what a server component imports to prefetch) must reach none of them,
// or prefetching on the server would get client references instead of functions.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

const src = fileURLToPath(new URL('../../packages/react/src/', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

const files = sourceFiles(src)
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]))

function hasDirective(file: string): boolean {
  return /^(?:\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*['"]use client['"]/.test(text.get(file) ?? '')
}

/** Runtime imports only: `import type` and `export type` vanish from the output. */
function runtimeImports(file: string): string[] {
  const code = text.get(file) ?? ''
  const specifiers: string[] = []
  for (const match of code.matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
    specifiers.push(match[1] as string)
  }
  return specifiers
}

function resolveLocal(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''))
  return [`${base}.ts`, `${base}.tsx`].find((candidate) => text.has(candidate)) ?? null
}

// React's client-only APIs: hooks, context, and components built with forwardRef.
const clientApi = /\b(use[A-Z]\w*|createContext|forwardRef)\s*\(/

describe("'use client'", () => {
  test.each(files.filter((file) => clientApi.test(text.get(file) ?? '')).map((file) => relative(src, file)))(
    '%s uses React client APIs and starts with the directive',
    (file) => {
      expect(hasDirective(join(src, file))).toBe(true)
    },
  )

  test.each(['queryKeys.ts', 'queryOptions.ts'])(
    '%s reaches no client module, so servers can prefetch',
    (entry) => {
      const seen = new Set<string>()
      const visit = (file: string) => {
        if (seen.has(file)) return
        seen.add(file)
        expect(hasDirective(file), `${relative(src, file)} is reached from ${entry}`).toBe(false)
        for (const specifier of runtimeImports(file)) {
          expect(specifier, `${relative(src, file)} imports react`).not.toMatch(/^react(\/|$)/)
          const local = resolveLocal(file, specifier)
          if (local) visit(local)
        }
      }
      visit(join(src, entry))
      expect(seen.size).toBeGreaterThan(0)
    },
  )
})
