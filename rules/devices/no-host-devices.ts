import { defineRule } from '../../engine/rule-api.js';
import { containerView, known } from '../../engine/model/query.js';

/** Device nodes that reach host memory, disks or the kernel directly. */
const RISKY = /^\/dev\/(mem|kmem|port|sd[a-z]*\d*|nvme\d+(n\d+)?(p\d+)?|vd[a-z]+\d*|xvd[a-z]+\d*|hd[a-z]+\d*|dm-\d+|mapper\/.*|loop\d+|loop-control|kvm|fuse|vhost-.*|cpu\/.*|mcelog|bus\/usb\/.*|dri\/.*|nvidia.*|hidraw\d+|sg\d+|disk\/.*)$/;

export default defineRule({
  id: 'devices/no-host-devices',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Host devices are not exposed to the container',
    description: 'Device nodes such as /dev/mem, disks (/dev/sda, /dev/nvme0n1), /dev/kvm or the loop devices give direct access to host memory, filesystems or kernel drivers; a device cgroup rule that allows every device (`a` with rwm) removes the last check on them.',
    messages: {
      device: '{{subject}} has the host device {{path}}.',
      allowAll: '{{subject}}\'s device cgroup allows {{access}} on all {{type}} devices.',
    },
    rationale: 'A device node is a door to a kernel driver that namespaces do not guard. {{why}}',
    remediation: 'Remove {{what}}; pass only the device nodes the workload needs, with the narrowest access.',
    references: ['OCI runtime-spec config-linux.md#devices', 'CIS Docker Benchmark 5.17'],
  },
  check(subject, ctx) {
    if (!containerView(subject)) return;
    known(subject.devices).forEach((device, i) => {
      if (!RISKY.test(device.path)) return;
      ctx.report('device', { path: device.path, what: device.path, why: `${device.path} reaches host hardware or kernel drivers directly.` }, `devices/${i}`);
    });
    known(subject.deviceRules).forEach((rule, i) => {
      if (!rule.allow || rule.major !== null || rule.minor !== null) return;
      if (rule.type !== 'a' && rule.type !== 'b' && rule.type !== 'c') return;
      if (!/[rw]/.test(rule.access)) return;
      const type = rule.type === 'a' ? '' : rule.type === 'b' ? 'block' : 'character';
      ctx.report('allowAll', { access: rule.access, type: type || 'host', what: 'the allow-all device rule', why: 'Any device node the container can create or is given (mknod with CAP_MKNOD) is then usable, host disks included.' }, `deviceRules/${i}`, { severity: 'critical' });
    });
  },
});
