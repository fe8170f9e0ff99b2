import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type FixtureName, fixture, fixturePath } from '../fixtures/fixture.js'

describe('test/fixtures', () => {
  it('holds every file SOURCE.md accounts for, and SOURCE.md accounts for every name tests may ask', () => {
    const source = readFileSync(fixturePath('SOURCE.md' as FixtureName), 'utf8')
    const names: FixtureName[] = [
      'text-run.sse',
      'function-call-requires-action.sse',
      'responses-text-stream.sse',
      'openai-openapi.yaml',
    ]
    for (const name of names) {
      expect(source).toContain(`### \`${name}\``)
      expect(fixture(name).length).toBeGreaterThan(1000)
    }
  })

  it('a missing file fails with its path, not with whatever reads it next', () => {
    expect(() => fixture('no-such-recording.sse' as FixtureName)).toThrow(
      /test fixture missing: \/.*test\/fixtures\/no-such-recording\.sse/,
    )
  })
})
