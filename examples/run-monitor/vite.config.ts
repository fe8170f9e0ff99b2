import type { IncomingMessage, ServerResponse } from 'node:http'
import { fileURLToPath } from 'node:url'
import type * as SimulatorApi from '@runlens/simulator'
import type * as SimulatorNode from '@runlens/simulator/node'
import react from '@vitejs/plugin-react'
import {
  defaultClientConditions,
  defaultServerConditions,
  defineConfig,
  type Plugin,
  type ProxyOptions,
  type UserConfig,
  type ViteDevServer,
} from 'vite'

/**
 * The run monitor demo's dev server.
 *
 * - No environment: the runlens simulator answers `/v1` inside the dev server (no key, no network).
 * - `OPENAI_BASE_URL` and `OPENAI_API_KEY` set: `/v1` is proxied to that server and the proxy adds
 *   the `Authorization` header. The key lives in this Node process only; nothing here puts it into
 *   the browser bundle (`define`, `envPrefix` and `import.meta.env` never see it).
 *
 * The browser always talks to same-origin `/v1`.
 */

export interface RunMonitorDemoOptions {
  /** Upstream Assistants-compatible API, e.g. `https://api.example.com/v1`. Default: `OPENAI_BASE_URL`. */
  baseURL?: string | undefined
  /** Added server-side by the proxy. Default: `OPENAI_API_KEY`. */
  apiKey?: string | undefined
  /** The simulator's delay between streamed tokens. Default: `RUNLENS_TOKEN_DELAY_MS` or 30 ms. */
  tokenDelayMs?: number | undefined
  /** Simulator seed, for reproducible runs. Default: `RUNLENS_SEED` or 1. */
  seed?: number | undefined
  /** Dev server host. Default: `HOST` or 127.0.0.1 (never the whole network unless asked). */
  host?: string | undefined
  /** Dev server port. Default: `PORT` or 5173 (the next free one if taken). */
  port?: number | undefined
}

type Env = Record<string, string | undefined>

const root = fileURLToPath(new URL('.', import.meta.url))

// Workspace packages resolve to their TypeScript sources through this export condition, so the demo
// runs from a fresh clone without a build step. An app using the published packages needs none of it.
const source = '@runlens/source'

function numberFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? n : undefined
}

/** Reads the demo's options from the environment; explicit options win. */
export function resolveDemoOptions(options: RunMonitorDemoOptions = {}, env: Env = process.env) {
  const baseURL = (options.baseURL ?? env.OPENAI_BASE_URL)?.trim() || undefined
  const apiKey = (options.apiKey ?? env.OPENAI_API_KEY)?.trim() || undefined
  return {
    baseURL,
    apiKey,
    mode: baseURL ? ('proxy' as const) : ('simulator' as const),
    tokenDelayMs: options.tokenDelayMs ?? numberFrom(env.RUNLENS_TOKEN_DELAY_MS) ?? 30,
    seed: options.seed ?? numberFrom(env.RUNLENS_SEED) ?? 1,
    host: options.host ?? env.HOST ?? '127.0.0.1',
    port: options.port ?? numberFrom(env.PORT) ?? 5173,
  }
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void

/**
 * Mounts the simulator under `/v1` in the dev server. The simulator is loaded through the dev
 * server's own SSR module graph, so its TypeScript sources are used as they are (no build) and an
 * edit to them is picked up on the next server start.
 */
export function simulatorPlugin(options: { tokenDelayMs: number; seed: number }): Plugin {
  return {
    name: 'runlens:simulator',
    apply: 'serve',
    configureServer(server: ViteDevServer) {
      let middleware: Promise<Middleware> | undefined
      const load = async (): Promise<Middleware> => {
        const sim = (await server.ssrLoadModule('@runlens/simulator')) as typeof SimulatorApi
        const node = (await server.ssrLoadModule('@runlens/simulator/node')) as typeof SimulatorNode
        const simulator = sim.createSimulator({ tokenDelayMs: options.tokenDelayMs, seed: options.seed })
        return node.simulatorMiddleware(simulator)
      }
      // Registered before Vite's own middlewares so that `/v1` never reaches the SPA fallback. The
      // simulator's middleware passes every other path on; it is loaded on the first API call.
      server.middlewares.use((req, res, next) => {
        const path = req.url ?? '/'
        if (path !== '/v1' && !path.startsWith('/v1/') && !path.startsWith('/v1?')) return next()
        middleware ??= load()
        middleware.then(
          (handle) => handle(req, res, next),
          (error: unknown) => {
            middleware = undefined
            next(error)
          },
        )
      })
    },
  }
}

/** Prints where the demo's API calls go, once the server listens. */
function bannerPlugin(describe: string): Plugin {
  return {
    name: 'runlens:banner',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        setTimeout(() => server.config.logger.info(`  ➜  API:     ${describe}\n`), 0)
      })
    },
  }
}

function proxyTo(baseURL: string, apiKey: string | undefined): ProxyOptions {
  const target = baseURL.replace(/\/+$/, '')
  return {
    target,
    changeOrigin: true,
    // `/v1/threads/...` -> `${OPENAI_BASE_URL}/threads/...`
    rewrite: (path) => path.replace(/^\/v1/, ''),
    configure(proxy) {
      proxy.on('proxyReq', (proxyReq) => {
        // Whatever the page sends, the upstream sees the server's key only.
        proxyReq.removeHeader('cookie')
        if (apiKey) proxyReq.setHeader('authorization', `Bearer ${apiKey}`)
        else proxyReq.removeHeader('authorization')
      })
    },
  }
}

/** The demo's Vite config, for `vite`, `vite build` and the end-to-end tests. */
export function runMonitorConfig(options: RunMonitorDemoOptions = {}, env: Env = process.env): UserConfig {
  const o = resolveDemoOptions(options, env)
  const describe =
    o.mode === 'proxy'
      ? `/v1 → ${o.baseURL} (proxied, ${o.apiKey ? 'OPENAI_API_KEY added server-side' : 'no OPENAI_API_KEY set'})`
      : `/v1 → the runlens simulator in this dev server (token delay ${o.tokenDelayMs} ms; set OPENAI_BASE_URL and OPENAI_API_KEY to use a real server)`
  const proxy: Record<string, ProxyOptions> =
    o.mode === 'proxy' && o.baseURL ? { '/v1': proxyTo(o.baseURL, o.apiKey) } : {}
  return {
    root,
    // Only VITE_-prefixed variables could ever reach the bundle, and the demo reads none.
    envPrefix: 'VITE_RUNLENS_',
    // Which backend answers /v1, for a label in the header. Never the URL's credentials or the key.
    define: { __RUNLENS_BACKEND__: JSON.stringify(o.mode) },
    plugins: [
      react(),
      o.mode === 'simulator' ? simulatorPlugin({ tokenDelayMs: o.tokenDelayMs, seed: o.seed }) : null,
      bannerPlugin(describe),
    ],
    resolve: { conditions: [source, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
    server: { host: o.host, port: o.port, strictPort: false, proxy },
    // `vite preview` of a build: the same proxy (the simulator is mounted in the dev server only).
    preview: { host: o.host, proxy },
    build: { outDir: 'dist', emptyOutDir: true },
  }
}

export default defineConfig(() => runMonitorConfig())
