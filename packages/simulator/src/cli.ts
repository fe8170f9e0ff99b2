import type { ErrorEventShape } from './engineContext.js'
import { type FaultRule, parseFaultRule } from './faults.js'
import { startSimulatorServer } from './node.js'

const HELP = `runlens-sim: the OpenAI Assistants v2 Runs API and the Responses API, simulated locally

Usage: runlens-sim [--port N] [--host H] [--seed S] [--token-delay-ms N] [--api-key K] [--poll-after-ms N]
                   [--expires-after-ms N] [--error-event-shape wrapped|bare] [--fault RULE]...

  --port N                  port to listen on; 0 picks a free one (default 4010)
  --host H                  interface to listen on (default 127.0.0.1)
  --seed S                  seed for ids and fault draws (default runlens)
  --token-delay-ms N        pause before each streamed token (default 25, a human pace; 0 for tests)
  --api-key K               require "Authorization: Bearer K" (default: no key needed)
  --poll-after-ms N         send an openai-poll-after-ms header with every response
  --expires-after-ms N      a run waiting for tool outputs expires N ms after its creation
                            (default: its scenario's expiry, 600 s; 60 s for asst_expired)
  --error-event-shape S     the data of a stream's "event: error": wrapped (default) is
                            {"error": {...}} as real servers send it; bare is the spec's shape
  --fault RULE              a fault for every matching request: the x-runlens-fault grammar plus
                            method= and path= (a prefix under /v1); repeat it for more rules (the
                            first that matches applies), e.g.
                            --fault "method=POST;path=/threads;reset=after-handling;times=1"
  -h, --help                show this help

Every built-in scenario is an assistant: GET /v1/assistants lists them (asst_text, asst_function_call, ...).
The Responses API is served too (POST /v1/responses, background: true and stream: true included): any
model name works, and GET /v1/models lists the scripted ones (sim-reasoning, sim-slow, ...).
Inject faults per request with the x-runlens-fault header, e.g. "status=503;times=2".`

interface CliOptions {
  port: number
  host: string
  seed: string
  tokenDelayMs: number
  apiKey?: string
  pollAfterMs?: number
  expiresAfterMs?: number
  errorEventShape?: ErrorEventShape
  faults?: FaultRule[]
}

function integer(flag: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > max) {
    throw new Error(
      `${flag} expects an integer from 0 to ${max}, got ${value === undefined ? 'nothing' : `'${value}'`}.`,
    )
  }
  return Number(value)
}

/** Reads `--flag value` and `--flag=value`; throws a one-line message for anything else. */
export function parseArgs(argv: readonly string[]): CliOptions | 'help' {
  const options: CliOptions = { port: 4010, host: '127.0.0.1', seed: 'runlens', tokenDelayMs: 25 }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '-h' || arg === '--help') return 'help'
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    const value = (): string => {
      const next = inline ?? argv[++i]
      if (next === undefined || (inline === undefined && next.startsWith('--')))
        throw new Error(`${flag} needs a value.`)
      return next
    }
    switch (flag) {
      case '--port':
        options.port = integer(flag, value(), 65535)
        break
      case '--host':
        options.host = value()
        break
      case '--seed':
        options.seed = value()
        break
      case '--token-delay-ms':
        options.tokenDelayMs = integer(flag, value(), 60_000)
        break
      case '--api-key':
        options.apiKey = value()
        break
      case '--poll-after-ms':
        options.pollAfterMs = integer(flag, value(), 600_000)
        break
      case '--expires-after-ms':
        options.expiresAfterMs = integer(flag, value(), 86_400_000)
        break
      case '--error-event-shape': {
        const shape = value()
        if (shape !== 'wrapped' && shape !== 'bare')
          throw new Error(`${flag} expects wrapped or bare, got '${shape}'.`)
        options.errorEventShape = shape
        break
      }
      case '--fault': {
        const rule = value()
        try {
          options.faults = [...(options.faults ?? []), parseFaultRule(rule)]
        } catch (error) {
          throw new Error(`${flag} '${rule}': ${(error as Error).message}.`)
        }
        break
      }
      default:
        throw new Error(`Unknown option '${arg}'. Run runlens-sim --help for the options.`)
    }
  }
  return options
}

/** The `runlens-sim` command. Resolves once the server listens; it then runs until SIGINT/SIGTERM. */
export async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv)
  if (options === 'help') {
    console.log(HELP)
    return
  }
  const server = await startSimulatorServer(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(
        `Port ${options.port} on ${options.host} is in use: pick another with --port N (0 picks a free one).`,
      )
    }
    throw error
  })
  const auth = options.apiKey ? ` -H "Authorization: Bearer ${options.apiKey}"` : ''
  console.log(`runlens simulator listening on ${server.url}`)
  console.log(
    `try: curl -sN${auth} -H 'content-type: application/json' ${server.url}/threads/runs -d '{"assistant_id":"asst_text","stream":true,"thread":{"messages":[{"role":"user","content":"Hi"}]}}'`,
  )
  const stop = () => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

/** What the bin runs: `main`, and for a failure its one-line message and exit code 1. */
export function run(argv: string[]): void {
  main(argv).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
