// Finds which of the plant's address:port pairs something else already listens on, by trying to
// listen there ourselves: the same check the servers would fail on, but with a clear message.
import net from 'node:net';
import type { Endpoint } from './layout';

function isFree(endpoint: Endpoint): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(new Error(`cannot probe ${endpoint.address}:${endpoint.port}: ${error.message}`));
    });
    server.once('listening', () => server.close(() => resolve(true)));
    server.listen({ host: endpoint.address, port: endpoint.port, exclusive: true });
  });
}

export async function findTakenEndpoints(endpoints: Endpoint[]): Promise<Endpoint[]> {
  const free = await Promise.all(endpoints.map(isFree));
  return endpoints.filter((_, index) => !free[index]);
}

export function formatEndpoint(endpoint: Endpoint): string {
  return `${endpoint.address}:${endpoint.port}`;
}
