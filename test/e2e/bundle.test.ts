import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { runMonitorConfig } from '../../examples/run-monitor/vite.config.js'

// In proxy mode the dev server holds the key; the page only ever talks to same-origin /v1. A key that
// leaked into the client bundle (through `define`, an env prefix or an import of the config) would
// be readable by anyone who loads the page. Build with a recognisable key and look for it.
const canary = 'sk-test-canary-3f9a1c7e5b2d4086a1e2c3d4b5f60718'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('the demo bundle', () => {
  const dirs: string[] = []
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('never contains the API key, whatever the environment holds', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'runlens-demo-build-'))
    dirs.push(outDir)
    const env = {
      OPENAI_API_KEY: canary,
      OPENAI_BASE_URL: 'https://assistants.example.test/v1',
      // Even a variable with Vite's default public prefix must not carry it in.
      VITE_OPENAI_API_KEY: canary,
      VITE_RUNLENS_API_KEY: undefined,
    }
    const saved = { ...process.env }
    Object.assign(process.env, { OPENAI_API_KEY: canary, VITE_OPENAI_API_KEY: canary })
    try {
      const config = runMonitorConfig({}, env)
      await build({
        ...config,
        configFile: false,
        logLevel: 'warn',
        build: { ...config.build, outDir, emptyOutDir: true, sourcemap: true },
      })
    } finally {
      process.env = saved
    }

    const files = await filesUnder(outDir)
    const names = files.map((f) => relative(outDir, f))
    expect(names).toContain('index.html')
    expect(names.some((n) => n.endsWith('.js'))).toBe(true)
    expect(names.some((n) => n.endsWith('.css'))).toBe(true)

    let bytes = 0
    for (const file of files) {
      const text = await readFile(file, 'latin1')
      bytes += text.length
      expect(text.includes(canary), `${relative(outDir, file)} contains the API key`).toBe(false)
      expect(text.includes('canary-3f9a1c7e'), `${relative(outDir, file)} contains part of the key`).toBe(
        false,
      )
    }
    // The app really was built (React and the demo's code), so the absence above means something.
    expect(bytes).toBeGreaterThan(50_000)
  })
})
