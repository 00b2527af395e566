import net from 'node:net';

/**
 * A minimal SOCKS5 proxy (no auth, CONNECT to IPv4 / domain) on loopback, counting the
 * connections it relays, to prove LEADFORGE_SOCKS_PROXY is used.
 */
export async function startSocks5Proxy(): Promise<{ url: string; relayed: string[]; close(): Promise<void> }> {
  const relayed: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => undefined);
    client.on('close', () => sockets.delete(client));
    client.once('data', (hello) => {
      if (hello[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once('data', (req) => {
        const atyp = req[3];
        let host: string;
        let offset: number;
        if (atyp === 1) {
          host = [...req.subarray(4, 8)].join('.');
          offset = 8;
        } else if (atyp === 3) {
          const len = req[4]!;
          host = req.subarray(5, 5 + len).toString();
          offset = 5 + len;
        } else return client.destroy();
        const port = req.readUInt16BE(offset);
        relayed.push(`${host}:${port}`);
        const upstream = net.connect({ host, port }, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          client.pipe(upstream).pipe(client);
        });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => {
          client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0]));
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `socks5://127.0.0.1:${port}`,
    relayed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
