/**
 * The Responses types against the vendored OpenAPI spec: every event of `ResponseStreamEvent` is
 * one the client knows (not passed on as unknown), and every field the client's create params
 * name is a field of the spec's `CreateResponse`, so that a body is built as the spec says.
 */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { ResponseCreateParams } from '../src/responseTypes.js'
import { toResponseEvent } from '../src/sse/toResponseEvent.js'
import { fixture } from './helpers.js'

interface Schema {
  $ref?: string
  allOf?: Schema[]
  anyOf?: Schema[]
  oneOf?: Schema[]
  properties?: Record<string, Schema & { enum?: string[] }>
}
const spec = parse(fixture('openai-openapi.yaml')) as { components: { schemas: Record<string, Schema> } }
const schemas = spec.components.schemas
const resolve = (schema: Schema): Schema =>
  schema.$ref ? resolve(schemas[schema.$ref.split('/').pop()!]!) : schema

/** Every property a schema has, through its allOf / anyOf / refs. */
function propertiesOf(schema: Schema): Set<string> {
  const resolved = resolve(schema)
  const names = new Set(Object.keys(resolved.properties ?? {}))
  for (const part of [...(resolved.allOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.oneOf ?? [])]) {
    for (const name of propertiesOf(part)) names.add(name)
  }
  return names
}

describe('the Responses types and the vendored spec', () => {
  const variants = (schemas.ResponseStreamEvent!.anyOf ?? schemas.ResponseStreamEvent!.oneOf)!.map(resolve)
  const types = variants.map((variant) => variant.properties!.type!.enum![0]!)

  it('every event of ResponseStreamEvent is a known, typed event', () => {
    expect(types.length).toBeGreaterThanOrEqual(50)
    for (const type of types) {
      const data = JSON.stringify({
        type,
        sequence_number: 1,
        response: { id: 'resp_1' },
        item: { id: 'x' },
        message: 'm',
      })
      expect(toResponseEvent({ event: type, data }).type, type).toBe(type)
    }
  })

  it('every field of ResponseCreateParams is a field of CreateResponse', () => {
    const fields: Record<keyof ResponseCreateParams, true> = {
      model: true,
      input: true,
      instructions: true,
      background: true,
      store: true,
      previous_response_id: true,
      conversation: true,
      tools: true,
      tool_choice: true,
      parallel_tool_calls: true,
      max_output_tokens: true,
      max_tool_calls: true,
      reasoning: true,
      include: true,
      metadata: true,
      temperature: true,
      top_p: true,
      top_logprobs: true,
      text: true,
      truncation: true,
      service_tier: true,
      stream_options: true,
      prompt: true,
      prompt_cache_key: true,
      safety_identifier: true,
      user: true,
    }
    const spec = propertiesOf(schemas.CreateResponse!)
    expect(Object.keys(fields).filter((name) => !spec.has(name))).toEqual([])
  })
})
