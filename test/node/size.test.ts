import { afterEach, describe, expect, it, vi } from 'vitest'
import { apps, buildApp, compare } from '../../scripts/size.mjs'

const [client] = apps.additions

describe('scripts/size.mjs', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('measures what the run UI adds to the baseline app, and fails it only above its guard', async () => {
    // vitest sets NODE_ENV=test, under which Vite would build React for development.
    vi.stubEnv('NODE_ENV', 'production')
    const baseline = await buildApp(apps.baseline.entry, { source: true })
    const withClient = await buildApp(client!.entry, { source: true })

    // React, react-dom, react-query and zustand are in the baseline, minified: well over 100 KB.
    expect(baseline.min).toBeGreaterThan(100_000)
    expect(baseline.gzip).toBeLessThan(baseline.min)
    const { added } = compare(baseline, withClient, client!.guard)
    expect(added.min).toBeGreaterThan(0)
    expect(added.gzip).toBeGreaterThan(0)

    // At the guard passes, one byte over fails.
    expect(compare(baseline, withClient, added.gzip).over).toBe(false)
    expect(compare(baseline, withClient, added.gzip - 1).over).toBe(true)
  }, 60_000)

  it('refuses to build under a NODE_ENV other than production', async () => {
    vi.stubEnv('NODE_ENV', 'test')
    await expect(buildApp(apps.baseline.entry)).rejects.toThrow(/NODE_ENV unset or 'production', not 'test'/)
  })
})
