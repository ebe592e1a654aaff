import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from '../ast/functions.js';
import { calleeName, keyName, staticString } from '../ast/names.js';
import { ROUTE_METHODS, SERVER_FACTORY_FUNCTIONS } from '../detect/api-shapes.js';

/**
 * Recognises calls that register request handlers, so a finding inside one is named after its route
 * (`POST /upload`) and rated as running per request. Shapes covered:
 *   Express / Koa-router / Hono / Fastify shorthand: `app.post('/upload', ...handlers)`, `router.all(...)`,
 *     `app.use('/api', handler)`, `app.use(handler)` (middleware), `app.route('/x').get(handler)`;
 *   Fastify: `fastify.route({ method: 'POST', url: '/upload', handler })`, request hooks `fastify.addHook('onResponse', handler)`;
 *   node:http(s)/http2: `http.createServer(handler)`, `createServer(options, handler)`, `server.on('request', handler)`.
 * A path must look like one (start with `/` or be `*`): `cache.get('key', fallback)` is not a route.
 */
export interface RouteRegistration {
  /** `POST /upload`, `GET|HEAD /items`, `USE /api`, `middleware`, `HTTP server`. */
  label: string;
  /** The arguments that handle requests: functions, or identifiers naming functions. */
  handlers: TSESTree.Node[];
}

const HTTP_METHODS: ReadonlySet<string> = new Set(ROUTE_METHODS);
const SERVER_FACTORIES: ReadonlySet<string> = new Set(SERVER_FACTORY_FUNCTIONS);
export const HTTP_SERVER_LABEL = 'HTTP server';
export const MIDDLEWARE_LABEL = 'middleware';

/**
 * Fastify's request lifecycle hooks (`server.addHook('onResponse', handler)`): each runs once per
 * request, as a route does. Its application hooks (`onReady`, `onListen`, `onClose`, `preClose`,
 * `onRoute`, `onRegister`) run once and are not among them.
 */
const FASTIFY_REQUEST_HOOKS: ReadonlySet<string> = new Set(['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort']);

function isRoutePath(value: string | null): value is string {
  return value !== null && (value.startsWith('/') || value === '*');
}

function handlerArguments(args: readonly TSESTree.Node[]): TSESTree.Node[] {
  const handlers: TSESTree.Node[] = [];
  for (const arg of args) {
    if (isFunctionNode(arg) || arg.type === AST_NODE_TYPES.Identifier) handlers.push(arg);
    else if (arg.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of arg.elements) if (element && (isFunctionNode(element) || element.type === AST_NODE_TYPES.Identifier)) handlers.push(element);
    }
  }
  return handlers;
}

/** For `app.route('/x').get(h).post(h)`: the path given to `.route(...)` down the call chain. */
function chainedRoutePath(object: TSESTree.Node): string | null {
  let current = object;
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (keyName(current.callee) === 'route') return staticString(current.arguments[0]);
    current = current.callee.object;
  }
  return null;
}

function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find(
    (property): property is TSESTree.Property =>
      property.type === AST_NODE_TYPES.Property && keyName(property) === name,
  );
}

function fastifyRoute(options: TSESTree.ObjectExpression): RouteRegistration | undefined {
  const url = staticString(objectProperty(options, 'url')?.value) ?? staticString(objectProperty(options, 'path')?.value);
  const handler = objectProperty(options, 'handler');
  if (!isRoutePath(url) || !handler) return undefined;
  const method = objectProperty(options, 'method')?.value;
  const methods =
    method?.type === AST_NODE_TYPES.ArrayExpression
      ? method.elements.map((element) => staticString(element ?? undefined)).filter((name): name is string => name !== null)
      : [staticString(method) ?? 'ALL'];
  // The route's own request hooks (`onResponse: async (req, reply) => ...`) run per request too.
  const handlers = [handler, ...[...FASTIFY_REQUEST_HOOKS].flatMap((hook) => objectProperty(options, hook) ?? [])]
    .map((property) => property.value)
    .filter((value) => isFunctionNode(value) || value.type === AST_NODE_TYPES.Identifier);
  return { label: `${methods.map((name) => name.toUpperCase()).join('|')} ${url}`, handlers };
}

/** The route `call` registers, or undefined when it registers none. */
export function routeOfCall(call: TSESTree.CallExpression): RouteRegistration | undefined {
  const name = calleeName(call);
  if (name === null) return undefined;
  const args = call.arguments;

  if (SERVER_FACTORIES.has(name)) {
    const handlers = handlerArguments(args);
    return handlers.length > 0 ? { label: HTTP_SERVER_LABEL, handlers } : undefined;
  }
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;

  if (name === 'on' && staticString(args[0]) === 'request') {
    return { label: HTTP_SERVER_LABEL, handlers: handlerArguments(args.slice(1)) };
  }
  if (name === 'addHook') {
    const hook = staticString(args[0]);
    return hook !== null && FASTIFY_REQUEST_HOOKS.has(hook) ? { label: `hook ${hook}`, handlers: handlerArguments(args.slice(1)) } : undefined;
  }
  if (name === 'route' && args.length === 1 && args[0]?.type === AST_NODE_TYPES.ObjectExpression) {
    return fastifyRoute(args[0]);
  }
  if (name === 'use') {
    const path = staticString(args[0]);
    const handlers = handlerArguments(isRoutePath(path) ? args.slice(1) : args);
    if (!handlers.some(isFunctionNode) && !isRoutePath(path)) return undefined;
    return handlers.length > 0 ? { label: isRoutePath(path) ? `USE ${path}` : MIDDLEWARE_LABEL, handlers } : undefined;
  }
  if (HTTP_METHODS.has(name)) {
    const path = staticString(args[0]);
    if (isRoutePath(path)) {
      const handlers = handlerArguments(args.slice(1));
      return handlers.length > 0 ? { label: `${name.toUpperCase()} ${path}`, handlers } : undefined;
    }
    const chained = chainedRoutePath(call.callee.object);
    if (isRoutePath(chained)) {
      const handlers = handlerArguments(args);
      return handlers.length > 0 ? { label: `${name.toUpperCase()} ${chained}`, handlers } : undefined;
    }
  }
  return undefined;
}
