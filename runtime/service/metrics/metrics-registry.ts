/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text exposition format
 * (version 0.0.4). Recording is a map lookup and an add, so it can sit on the request path; anything costly (process
 * figures, consumer lag) is computed by a collector only when /metrics is scraped.
 */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Labels = readonly string[];

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(out: string[]): void;
}

export class Counter implements Family {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[] = []) {}

  inc(labels: Labels = [], by = 1): void {
    const key = labels.join('\u0001');
    const v = this.values.get(key);
    if (v) v.value += by;
    else this.values.set(key, { labels: [...labels], value: by });
  }

  render(out: string[]): void {
    for (const v of this.values.values()) out.push(`${this.name}${labelText(this.labelNames, v.labels)} ${num(v.value)}`);
  }
}

export class Gauge implements Family {
  readonly type = 'gauge';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string, readonly labelNames: readonly string[] = []) {}

  set(labels: Labels, value: number): void {
    this.values.set(labels.join('\u0001'), { labels: [...labels], value });
  }

  /** Forgets every series (a collector that recomputes the gauge on each scrape calls this first). */
  reset(): void {
    this.values.clear();
  }

  render(out: string[]): void {
    for (const v of this.values.values()) out.push(`${this.name}${labelText(this.labelNames, v.labels)} ${num(v.value)}`);
  }
}

/** Default buckets in seconds, for request latency on a service that answers in milliseconds. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  readonly labels: Labels;
  readonly counts: number[];
  sum: number;
  count: number;
}

export class Histogram implements Family {
  readonly type = 'histogram';
  private readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[] = [],
    readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {}

  observe(labels: Labels, value: number): void {
    this.observeKeyed(labels.join('\u0001'), labels, value);
  }

  /** For hot paths that already hold a key for `labels`. */
  observeKeyed(key: string, labels: Labels, value: number): void {
    let s = this.series.get(key);
    if (!s) {
      s = { labels: [...labels], counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    s.sum += value;
    s.count++;
    const b = this.buckets;
    for (let i = 0; i < b.length; i++) {
      if (value <= b[i]!) {
        s.counts[i]!++;
        break;
      }
    }
  }

  render(out: string[]): void {
    const le = [...this.labelNames, 'le'];
    for (const s of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.buckets.length; i++) {
        cumulative += s.counts[i]!;
        out.push(`${this.name}_bucket${labelText(le, [...s.labels, num(this.buckets[i]!)])} ${cumulative}`);
      }
      out.push(`${this.name}_bucket${labelText(le, [...s.labels, '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${labelText(this.labelNames, s.labels)} ${num(s.sum)}`);
      out.push(`${this.name}_count${labelText(this.labelNames, s.labels)} ${s.count}`);
    }
  }
}

export type Collector = () => void | Promise<void>;

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();
  private readonly collectors: Collector[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /** A family that renders its own sample lines (for recorders that keep their series in their own shape). */
  custom(name: string, help: string, type: Family['type'], render: (out: string[]) => void): void {
    this.add({ name, help, type, render });
  }

  /** Runs before every render: the place to set gauges from figures that cost something to read. */
  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    await Promise.all(this.collectors.map(async (c) => c()));
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`);
      f.render(out);
    }
    return `${out.join('\n')}\n`;
  }

  private add<F extends Family>(family: F): F {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(family.name)) throw new TypeError(`invalid metric name '${family.name}'`);
    if (this.families.has(family.name)) throw new TypeError(`metric '${family.name}' is registered twice`);
    this.families.set(family.name, family);
    return family;
  }
}

function labelText(names: readonly string[], values: Labels): string {
  if (names.length === 0) return '';
  return `{${names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`).join(',')}}`;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function num(n: number): string {
  return Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
}
