// A tiny static file server for a built site (storybook-static by default), on 127.0.0.1 only.
// Usage: node scripts/serve-static.mjs [dir] [port]   (port 0 picks a free one; the URL is printed)
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
}

export function serveStatic(dir, port = 0) {
  const root = resolve(dir)
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    let file = normalize(join(root, path))
    // Never serve outside the root, whatever the request path says.
    if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end()
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html')
      statSync(file)
    } catch {
      return res.writeHead(404).end('not found')
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await serveStatic(process.argv[2] ?? 'storybook-static', Number(process.argv[3] ?? 6007))
  console.log(`http://127.0.0.1:${server.address().port}/`)
}
