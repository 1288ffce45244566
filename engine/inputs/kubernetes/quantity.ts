/** Kubernetes resource quantities: `128Mi`, `1G`, `500m`, `1.5`, `2e9`. */
const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The quantity as a number, or undefined when it is not one. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(value.trim());
  if (!m) return undefined;
  return Number(m[1]) * SUFFIX[m[2] ?? '']!;
}

/** CPU cores → a CFS quota over the kubelet's 100 ms period. */
export function cpuQuota(cores: number): { quota: number; period: number } {
  return { quota: Math.max(1000, Math.round(cores * 100_000)), period: 100_000 };
}
