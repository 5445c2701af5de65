import {spawn} from 'node:child_process'
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {freePort} from '../tests/support/server'

/** Debian's nginx (nginx-light will do). */
export const NGINX = process.env.NGINX || '/usr/sbin/nginx'

/**
 * The baseline: nginx serving pages as static files, with a generated configuration, on a free
 * loopback port. `pages` maps a path (/zh) to the bytes to serve for it.
 */
export async function startStaticNginx(pages: Map<string, Buffer>) {
  const dir = mkdtempSync(join(tmpdir(), 'kz-nginx-'))
  // nginx's workers may run as another user: the files must be readable by it.
  chmodSync(dir, 0o755)
  for (const [path, bytes] of pages) {
    const file = join(dir, 'root', `${path}.html`)
    mkdirSync(dirname(file), {recursive: true, mode: 0o755})
    writeFileSync(file, bytes, {mode: 0o644})
  }
  const port = await freePort()
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  default_type text/html;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${port};
    root ${join(dir, 'root')};
    location / { try_files $uri.html =404; }
  }
}
`,
  )
  const child = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir], {stdio: 'ignore', detached: true})
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}${pages.keys().next().value}`).then(
        (r) => (r.arrayBuffer(), r.ok),
        () => false,
      )
    )
      break
    if (i > 100 || child.exitCode !== null) throw new Error(`nginx did not start (${join(dir, 'error.log')})`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    url,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {}
      await exited
      rmSync(dir, {recursive: true, force: true})
    },
  }
}
