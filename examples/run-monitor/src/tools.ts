import type { ResponseFunctionTool } from '@runlens/client'
import { toolHandlers } from '@runlens/react'

function field(args: unknown, name: string): string {
  if (args && typeof args === 'object' && name in args) {
    const value = (args as Record<string, unknown>)[name]
    if (typeof value === 'string') return value
  }
  throw new Error(`missing argument "${name}"`)
}

/**
 * The demo's own functions for the simulator's tool calls. Given to `useRunStream({ tools })` or
 * `useResponseStream({ tools })`, they answer the calls without the form: every call must have a
 * handler, and all the outputs go in one submission.
 */
export const demoTools = toolHandlers({
  get_current_weather: (args) => (field(args, 'location') ? '21 °C, clear skies' : 'unknown'),
  get_local_time: (args) =>
    new Date().toLocaleTimeString('en-GB', {
      timeZone: field(args, 'timezone'),
      hour: '2-digit',
      minute: '2-digit',
    }),
  lookup_order: async (args) => JSON.stringify({ order_id: field(args, 'order_id'), status: 'shipped' }),
})

/**
 * The same functions described for the Responses API, which takes its tools in the request (an
 * assistant carries its own). The simulator's model calls them with arguments drawn from these
 * schemas: hence the time zones as an enum, so that `get_local_time` gets one it can read.
 */
export const demoFunctionTools: ResponseFunctionTool[] = [
  {
    type: 'function',
    name: 'get_current_weather',
    description: 'The current weather in a city',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string', description: 'A city, e.g. Paris' } },
      required: ['location'],
      additionalProperties: false,
    },
  },
  {
    type: 'function',
    name: 'get_local_time',
    description: 'The local time in a time zone',
    parameters: {
      type: 'object',
      properties: {
        timezone: {
          type: 'string',
          enum: ['Europe/Paris', 'Europe/Lisbon', 'Asia/Tokyo', 'Australia/Perth'],
        },
      },
      required: ['timezone'],
      additionalProperties: false,
    },
  },
  {
    type: 'function',
    name: 'lookup_order',
    description: 'The shipping status of an order',
    parameters: {
      type: 'object',
      properties: { order_id: { type: 'string', description: 'e.g. A-1001' } },
      required: ['order_id'],
      additionalProperties: false,
    },
  },
]
