/**
 * An in-process stand-in for the Confluent REST API, as a `fetch` function (unit tests only; integration tests use the
 * real registry). It stores schemas by exact text, logs every request, and can be told to answer a path differently.
 */
export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Override = (req: LoggedRequest) => Response | Promise<Response>;

export class FakeRegistry {
  readonly requests: LoggedRequest[] = [];
  private readonly ids = new Map<string, number>();
  private readonly subjects = new Map<string, number[]>();
  /** Subject-level compatibility, as `PUT /config/{subject}` set it. */
  readonly levels = new Map<string, string>();
  private readonly overrides: Array<[RegExp, Override]> = [];
  constructor(readonly base = 'http://fake-registry/api') {}

  /** Answers requests whose `METHOD path` matches `pattern` with `answer` instead. */
  override(pattern: RegExp, answer: Override): void {
    this.overrides.unshift([pattern, answer]);
  }

  /** Registers directly, as another writer would have; returns the id. */
  put(subject: string, schema: unknown): number {
    const text = JSON.stringify(schema);
    let id = this.ids.get(text);
    if (id === undefined) this.ids.set(text, (id = this.ids.size + 100));
    const versions = this.subjects.get(subject) ?? [];
    if (!versions.includes(id)) versions.push(id);
    this.subjects.set(subject, versions);
    return id;
  }

  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const path = decodeURIComponent(url.slice(this.base.length));
    const req: LoggedRequest = {
      method: init?.method ?? 'GET',
      path,
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(req);
    for (const [pattern, answer] of this.overrides) if (pattern.test(`${req.method} ${path}`)) return answer(req);
    return this.answer(req);
  };

  private answer(req: LoggedRequest): Response {
    const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status });
    const schema = (req.body as { schema?: string } | undefined)?.schema;
    let m: RegExpMatchArray | null;
    if (req.method === 'POST' && (m = req.path.match(/^\/subjects\/(.+)\/versions$/))) return json(200, { id: this.put(m[1]!, JSON.parse(schema!)) });
    if (req.method === 'POST' && (m = req.path.match(/^\/subjects\/(.+)$/))) {
      const versions = this.subjects.get(m[1]!);
      if (!versions) return json(404, { error_code: 40401, message: `Subject '${m[1]}' not found.` });
      const id = this.ids.get(schema!);
      if (id === undefined || !versions.includes(id)) return json(404, { error_code: 40403, message: 'Schema not found' });
      return json(200, { subject: m[1], id, version: versions.indexOf(id) + 1, schema });
    }
    if (req.method === 'PUT' && (m = req.path.match(/^\/config\/([^?]+)$/))) {
      this.levels.set(m[1]!, (req.body as { compatibility: string }).compatibility);
      return json(200, req.body);
    }
    if (req.method === 'GET' && (m = req.path.match(/^\/config\/([^?]+)\?defaultToGlobal=false$/))) {
      const level = this.levels.get(m[1]!);
      return level ? json(200, { compatibilityLevel: level }) : json(404, { error_code: 40408, message: `Subject '${m[1]}' has no compatibility level` });
    }
    if (req.method === 'GET' && (m = req.path.match(/^\/schemas\/ids\/(\d+)$/))) {
      const entry = [...this.ids].find(([, id]) => id === Number(m![1]));
      return entry ? json(200, { schema: entry[0] }) : json(404, { error_code: 40403, message: `Schema ${m[1]} not found` });
    }
    return json(404, { error_code: 404, message: 'no route' });
  }
}
