import type { RequestContext } from "./context.js";

export type Handler = (ctx: RequestContext) => Promise<Response> | Response;

export interface Route {
  method: string;
  /** Path template such as `/api/v2/users/{userId}`; each `{name}` matches one path segment. */
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: "found"; handler: Handler; params: Record<string, string> }
  | { kind: "method-not-allowed"; allowed: string[] }
  | { kind: "not-found" };

/** Matches requests to routes; the first route whose pattern and method match wins. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.routes = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (found === null) {
        continue;
      }
      if (route.method !== method) {
        allowed.add(route.method);
        continue;
      }
      return { kind: "found", handler: route.handler, params: paramsOf(route.names, found) };
    }
    if (allowed.size > 0) {
      return { kind: "method-not-allowed", allowed: [...allowed] };
    }
    return { kind: "not-found" };
  }
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (name === undefined) {
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }
      names.push(name);
      return "([^/]+)";
    })
    .join("/");
  return { ...route, regex: new RegExp(`^${source}/?$`), names };
}

function paramsOf(names: string[], found: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    params[name] = safeDecode(found[index + 1] ?? "");
  });
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
