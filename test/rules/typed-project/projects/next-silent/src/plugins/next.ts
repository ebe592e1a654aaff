// zipline's Fastify plugin: it starts Next's custom server, whose prepare() installs Next's own process handlers.
import next from 'next';

export async function nextPlugin(options: { dev: boolean }) {
  const nextServer = next({ dir: '.', dev: options.dev });
  const handle = nextServer.getRequestHandler();
  await nextServer.prepare();
  return handle;
}
