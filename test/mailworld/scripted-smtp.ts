import net from 'node:net';

/** What a scripted server says to one command (or to the connection, with line = null); null: hang up. */
export type Script = (line: string | null, state: { rcpts: number; connection: number }) => string | null;

/**
 * A raw SMTP server answering from a script, for replies smtp-server will not produce
 * (multi-line greetings, no EHLO, hang-ups mid-transaction, odd codes). Records every command.
 */
export async function startScriptedSmtp(ip: string, script: Script): Promise<{ port: number; commands: string[]; close(): Promise<void> }> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const state = { rcpts: 0, connection: ++connections };
    const say = (reply: string | null) => (reply === null ? socket.destroy() : socket.write(reply.endsWith('\r\n') ? reply : `${reply}\r\n`));
    say(script(null, state));
    let buffer = '';
    socket.on('data', (d) => {
      buffer += d.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        commands.push(line);
        if (/^RCPT TO/i.test(line)) state.rcpts++;
        if (!socket.destroyed) say(script(line, state));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, ip, () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
