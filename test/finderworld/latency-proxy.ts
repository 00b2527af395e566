import net from 'node:net';

/**
 * A TCP proxy that holds every chunk the server sends for `ms` before passing it on, in order:
 * SMTP is a dialogue, so each reply reaches the client `ms` later (a distant mail server).
 */
export async function startLatencyProxy(listen: { ip: string; port: number }, target: { ip: string; port: number }, ms: number) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.ip);
    sockets.add(client).add(upstream);
    let last = 0;
    upstream.on('data', (chunk) => {
      // Never reorder: a chunk leaves no earlier than the one before it.
      const due = Math.max(Date.now() + ms, last);
      last = due;
      setTimeout(() => client.writable && client.write(chunk), due - Date.now());
    });
    client.on('data', (chunk) => upstream.writable && upstream.write(chunk));
    const end = () => {
      setTimeout(() => client.destroy(), Math.max(0, last - Date.now()) + 1);
      upstream.destroy();
    };
    upstream.on('close', end);
    upstream.on('error', end);
    client.on('close', () => upstream.destroy());
    client.on('error', () => upstream.destroy());
    for (const s of [client, upstream]) s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.ip, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
