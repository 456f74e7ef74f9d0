// Who may talk to the browser host: a page that holds this start's secret (given in the
// address the host opens, exchanged for a cookie), asking for 127.0.0.1:<port> by that very
// name (no DNS rebinding) and, when it says where it comes from, coming from there.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const LOOPBACK = '127.0.0.1';

export interface Guard {
  /** 256 bits, new at every start; in the address the host opens (`/?k=<secret>`). */
  readonly secret: string;
  readonly origin: string;
  readonly cookieName: string;
  /** The Set-Cookie header that the secret is exchanged for. */
  readonly setCookie: string;
  /** Host (and Origin when present) name this host; for a WebSocket upgrade Origin must be present. */
  sameSite(req: IncomingMessage, requireOrigin?: boolean): boolean;
  /** The request carries this start's cookie. */
  hasCookie(req: IncomingMessage): boolean;
  /** `k` is this start's secret. */
  isSecret(k: string | null): boolean;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createGuard(port: number): Guard {
  const secret = randomBytes(32).toString('hex');
  const cookieValue = randomBytes(32).toString('hex');
  // Cookies are not kept apart by port: the name carries it, so two hosts never share one.
  const cookieName = `beacon-${port}`;
  const host = `${LOOPBACK}:${port}`;
  const origin = `http://${host}`;
  return {
    secret,
    origin,
    cookieName,
    setCookie: `${cookieName}=${cookieValue}; HttpOnly; SameSite=Strict; Path=/`,
    sameSite(req, requireOrigin = false) {
      if (req.headers.host !== host) return false;
      const from = req.headers.origin;
      if (from === undefined) return !requireOrigin;
      return from === origin;
    },
    hasCookie(req) {
      for (const part of (req.headers.cookie ?? '').split(';')) {
        const [name, ...value] = part.trim().split('=');
        if (name === cookieName && equal(value.join('='), cookieValue)) return true;
      }
      return false;
    },
    isSecret(k) {
      return k !== null && equal(k, secret);
    },
  };
}
