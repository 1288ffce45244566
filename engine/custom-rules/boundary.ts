/** What confines the rule host, as the host reported it before any rule code ran. */
export type Boundary =
  | {
      readonly kind: 'os';
      /** The seccomp profile installed (profiles/seccomp/<name>.json). */
      readonly seccomp: string;
      /** "done", or the errno name unshare gave (EINVAL in a multithreaded process). */
      readonly userNamespace: string;
      readonly netNamespace: string;
      readonly boundingCleared: boolean;
      readonly uid: number;
    }
  | { readonly kind: 'permission' };

/** One line for reports: what rule code could reach. */
export function describeBoundary(boundary: Boundary): string {
  if (boundary.kind === 'permission')
    return "custom rules ran in a separate process under Node's permission model only (no file writes, child processes, workers or addons); OS-level confinement (seccomp, capabilities) is missing here";
  const ns = boundary.netNamespace === 'done' ? ', a network namespace of its own' : '';
  return `custom rules ran in a separate process with no capabilities, no_new_privs and the ${boundary.seccomp} seccomp filter (caplint seccomp explain ${boundary.seccomp})${ns}`;
}
