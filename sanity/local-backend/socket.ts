import type {IncomingMessage} from 'node:http'
import type {Duplex} from 'node:stream'
import {randomUUID} from 'node:crypto'
import {WebSocketServer, type WebSocket} from 'ws'

/**
 * The Studio's live socket (`/socket/<dataset>`), which it uses for presence: who else is looking
 * at a document. Sanity speaks JSON-RPC 2.0 over it (its "bifur" protocol). Here there is one
 * editor and nobody else, so every call is answered and no one else ever appears. The connection
 * is kept alive with the heartbeat Sanity's server sends.
 */
const HEARTBEAT = '♥'
const HEARTBEAT_MS = 20_000

type Call = {jsonrpc?: string; id?: string; method?: string}

function answer(socket: WebSocket, call: Call) {
  if (typeof call.id !== 'string' || typeof call.method !== 'string') return
  // A subscription is answered with its id; its events never come, as nobody else is here.
  const result = call.method.endsWith('_subscribe') ? randomUUID() : null
  socket.send(JSON.stringify({jsonrpc: '2.0', id: call.id, result}))
}

export function createPresenceSocket() {
  const sockets = new WebSocketServer({noServer: true})
  sockets.on('connection', (socket) => {
    const heartbeat = setInterval(() => socket.send(HEARTBEAT), HEARTBEAT_MS)
    socket.on('close', () => clearInterval(heartbeat))
    socket.on('message', (data) => {
      try {
        answer(socket, JSON.parse(String(data)) as Call)
      } catch {
        // Not a call: nothing to answer.
      }
    })
  })
  return {
    /** Takes over an HTTP/1.1 upgrade to the socket's address; false for any other upgrade. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (!/^\/v[^/]+\/socket\/[\w-]+(\?|$)/.test(request.url ?? '')) return false
      sockets.handleUpgrade(request, socket, head, (connection) => sockets.emit('connection', connection, request))
      return true
    },
    close: () => sockets.close(),
  }
}
