// Just the part of dns2 (2.x, no bundled types) the mail world's DNS server uses.
declare module 'dns2' {
  import type { Socket } from 'node:dgram';
  interface Question {
    name: string;
    type: number;
  }
  interface Packet {
    header: { id: number; qr: number; rcode: number; aa: number };
    questions: Question[];
    answers: unknown[];
  }
  interface UdpServer extends Socket {
    listen(port: number, address: string): Promise<void>;
  }
  const DNS: {
    Packet: {
      TYPE: Record<'A' | 'AAAA' | 'MX' | 'NS' | 'TXT' | 'CNAME' | 'SOA', number>;
      CLASS: { IN: number };
      createResponseFromRequest(request: Packet): Packet;
    };
    createUDPServer(handler: (request: Packet, send: (response: Packet) => void, rinfo: unknown) => void): UdpServer;
  };
  export default DNS;
}
