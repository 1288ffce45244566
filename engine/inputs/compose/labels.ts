/**
 * Compose `labels` (map or `key=value` list) and `x-caplint` (the
 * extension field: `ignore: "rule: reason"` or a list of them), as the
 * Subject's annotations, with where each one is written.
 */
import { join } from '../../model/pointer.js';
import { isRecord } from '../kubernetes/workloads.js';

export function composeLabels(v: Record<string, unknown>, at: (key: string, item?: number) => string): { values: Record<string, string>; places: Map<string, string> } {
  const values: Record<string, string> = {};
  const places = new Map<string, string>();
  const put = (key: string, value: string, pointer: string) => {
    values[key] = value;
    places.set(key, pointer);
  };
  const labels = v.labels;
  if (Array.isArray(labels)) {
    labels.forEach((entry, i) => {
      const [key = '', ...rest] = String(entry).split('=');
      put(key, rest.join('='), at('labels', i));
    });
  } else if (isRecord(labels)) for (const [key, value] of Object.entries(labels)) put(key, String(value ?? ''), join(at('labels'), key));
  const ext = v['x-caplint'];
  if (isRecord(ext) && ext.ignore !== undefined) {
    const list = Array.isArray(ext.ignore) ? ext.ignore : [ext.ignore];
    list.forEach((entry, i) => put(`caplint.dev/ignore.x-caplint.${i}`, String(entry), Array.isArray(ext.ignore) ? join(at('x-caplint'), 'ignore', i) : join(at('x-caplint'), 'ignore')));
  }
  return { values, places };
}
