import { defineRule } from '../../engine/rule-api.js';
import { subjectProfile } from '../../engine/seccomp/analyse-subject.js';

const NATIVE = ['SCMP_ARCH_X86_64', 'SCMP_ARCH_AARCH64'];
const COMPAT: Readonly<Record<string, readonly string[]>> = {
  SCMP_ARCH_X86_64: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  SCMP_ARCH_AARCH64: ['SCMP_ARCH_ARM'],
};

export default defineRule({
  id: 'seccomp/architectures',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    title: 'The seccomp profile states the ABIs it covers, native and compatibility',
    description: 'A process on x86_64 can enter the kernel through three ABIs (x86_64, i386 via int 0x80, x32) and on aarch64 through two. A profile that does not list them leaves the decision for the other ABIs to the runtime\'s bad-architecture action instead of its own rules.',
    messages: {
      missing: '{{subject}}\'s seccomp profile does not list its architectures.',
      noNative: '{{subject}}\'s seccomp profile lists {{listed}} but no 64-bit native architecture.',
      compat: '{{subject}}\'s seccomp profile covers {{arch}} but not {{missing}}.',
    },
    rationale: 'Calls through an ABI the filter does not name are decided by the runtime (libseccomp kills them; a hand-written filter may not check at all), not by the rules you reviewed.',
    remediation: 'List every ABI the host can run: on x86_64, SCMP_ARCH_X86_64, SCMP_ARCH_X86 and SCMP_ARCH_X32 (or use archMap).',
    references: ['man 2 seccomp (architecture checks)', 'OCI runtime-spec config-linux.md#seccomp'],
  },
  check(subject, ctx) {
    const analysis = subjectProfile(subject);
    if (!analysis) return;
    const listed = analysis.architectures;
    if (listed === null || listed.length === 0) {
      ctx.report('missing', {}, 'seccomp');
      return;
    }
    const native = listed.filter((a) => NATIVE.includes(a));
    if (native.length === 0) ctx.report('noNative', { listed: listed.join(', ') }, 'seccomp.architectures');
    for (const arch of native) {
      const missing = (COMPAT[arch] ?? []).filter((c) => !listed.includes(c));
      if (missing.length) ctx.report('compat', { arch, missing: missing.join(' and ') }, 'seccomp.architectures', { severity: 'low' });
    }
  },
});
