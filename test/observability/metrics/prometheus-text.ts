/**
 * A small parser of the Prometheus text exposition format, for asserting on what /metrics
 * serves: HELP and TYPE per metric, and every sample with its labels unescaped. It throws on a
 * line it cannot read, so a malformed exposition fails the test that reads it.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  help: Map<string, string>;
  type: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)$/;

export function parsePrometheus(text: string): Exposition {
  const out: Exposition = { help: new Map(), type: new Map(), samples: [] };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (meta) {
      const [, kind, name = "", rest = ""] = meta;
      if (kind === "HELP") out.help.set(name, rest.replace(/\\n/g, "\n").replace(/\\\\/g, "\\"));
      else out.type.set(name, rest);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample: ${line}`);
    const [, name = "", labels, raw = ""] = m;
    out.samples.push({ name, labels: labels ? parseLabels(labels.slice(1, -1)) : {}, value: parseValue(raw) });
  }
  return out;
}

function parseValue(raw: string): number {
  if (raw === "+Inf") return Number.POSITIVE_INFINITY;
  if (raw === "-Inf") return Number.NEGATIVE_INFINITY;
  const n = Number(raw);
  if (raw !== "NaN" && Number.isNaN(n)) throw new Error(`not a sample value: ${raw}`);
  return n;
}

function parseLabels(body: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf("=", i);
    const name = body.slice(i, eq);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) || body[eq + 1] !== '"') throw new Error(`bad label at ${body.slice(i)}`);
    let value = "";
    let j = eq + 2;
    for (; j < body.length && body[j] !== '"'; j++) {
      if (body[j] === "\\") {
        const next = body[++j];
        value += next === "n" ? "\n" : (next ?? "");
      } else value += body[j];
    }
    if (body[j] !== '"') throw new Error(`unterminated label value in ${body}`);
    labels[name] = value;
    i = j + 1;
    if (body[i] === ",") i++;
  }
  return labels;
}

/** The sum of a metric's samples whose labels include `match`. */
export function total(exposition: Exposition, name: string, match: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
