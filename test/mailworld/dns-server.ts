import DNS from 'dns2';

export interface Zone {
  mx?: Array<{ exchange: string; priority: number }>;
  a?: string[];
  /** Answer SERVFAIL for every question about this name. */
  servfail?: boolean;
}

const NXDOMAIN = 3;
const SERVFAIL = 2;

/**
 * An authoritative-looking DNS server on loopback (UDP) for the mail world: names of `zones`
 * answer their MX / A records (none: NODATA), every other name is NXDOMAIN.
 */
export async function startDnsServer(zones: Record<string, Zone>): Promise<{ address: string; close(): Promise<void> }> {
  const { Packet } = DNS;
  const server = DNS.createUDPServer((request, send) => {
    const response = Packet.createResponseFromRequest(request);
    response.header.aa = 1;
    for (const q of request.questions) {
      const name = q.name.toLowerCase().replace(/\.$/, '');
      const zone = zones[name];
      if (!zone) {
        response.header.rcode = NXDOMAIN;
        continue;
      }
      if (zone.servfail) {
        response.header.rcode = SERVFAIL;
        continue;
      }
      if (q.type === Packet.TYPE.MX) {
        for (const mx of zone.mx ?? []) response.answers.push({ name: q.name, type: Packet.TYPE.MX, class: Packet.CLASS.IN, ttl: 60, ...mx });
      }
      if (q.type === Packet.TYPE.A) {
        for (const address of zone.a ?? []) response.answers.push({ name: q.name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address });
      }
    }
    send(response);
  });
  await server.listen(0, '127.0.0.1');
  const { port } = server.address();
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
