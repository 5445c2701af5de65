import {execFileSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

/**
 * Browsers speak HTTP/2 only over TLS, and the Studio needs HTTP/2 (it holds more live streams
 * than HTTP/1.1 allows connections). So the local backend makes itself a certificate: a small
 * certificate authority of its own, made once, and a certificate for localhost signed by it. An
 * editor trusts `ca.pem` once (or accepts the browser's warning once); the site's server trusts
 * it through NODE_EXTRA_CA_CERTS.
 */
export type Certificate = {key: string; cert: string; caFile: string}

const LOOPBACK_NAMES = 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1'

export function ensureCertificate(directory: string): Certificate {
  const file = (name: string) => join(directory, name)
  if (!existsSync(file('localhost.pem'))) {
    mkdirSync(directory, {recursive: true, mode: 0o700})
    const openssl = (...args: string[]) => execFileSync('openssl', args, {stdio: ['ignore', 'ignore', 'pipe']})
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '825',
      '-subj', '/CN=KZ SIM Guide local Studio CA', '-keyout', file('ca-key.pem'), '-out', file('ca.pem'),
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
    openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost',
      '-keyout', file('localhost-key.pem'), '-out', file('localhost.csr'))
    writeFileSync(file('localhost.ext'), `${LOOPBACK_NAMES}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`)
    // 825 days: the longest validity Apple platforms accept for a server certificate.
    openssl('x509', '-req', '-in', file('localhost.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-CAcreateserial',
      '-days', '825', '-extfile', file('localhost.ext'), '-out', file('localhost.pem'))
  }
  return {key: readFileSync(file('localhost-key.pem'), 'utf8'), cert: readFileSync(file('localhost.pem'), 'utf8'), caFile: file('ca.pem')}
}
