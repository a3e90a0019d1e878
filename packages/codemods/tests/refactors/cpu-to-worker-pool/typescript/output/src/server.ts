import http from 'node:http';
import * as passwords from './lib/passwords.js';

const users = new Map<string, passwords.Stored>();

http
  .createServer(async (req, res) => {
    const stored = users.get(String(req.headers['x-user']));
    const ok = stored !== undefined && await passwords.passwordsPool.run([String(req.headers['x-password']), stored], { name: 'verifyPassword' });
    res.writeHead(ok ? 204 : 401).end();
  })
  .listen(8080);
